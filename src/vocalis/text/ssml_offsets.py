"""Where expat's events are in the SSML source: byte offsets to characters, lines and columns."""

from __future__ import annotations

_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))


class Offsets:
    """Expat's byte offsets into the UTF-8 it parses, as character offsets, lines and columns of the source.

    Events come in document order, so a cursor counts the characters of each byte only once.
    """

    def __init__(self, source: str, start: int) -> None:
        self.source = source
        self.start = start  # leading whitespace is not parsed: an XML declaration may follow it
        self.encoded = source[start:].encode("utf-8", "surrogatepass")
        self._byte, self._char = 0, start
        self._offset, self._line, self._line_start = 0, 1, 0

    def char(self, byte_index: int) -> int:
        if byte_index < 0:
            return len(self.source)
        if byte_index < self._byte:
            self._byte, self._char = 0, self.start
        # A character is one lead byte and its continuation bytes.
        self._char += len(self.encoded[self._byte : byte_index].translate(None, _CONTINUATION_BYTES))
        self._byte = byte_index
        return self._char

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based, as an editor shows them: CR LF, CR and LF each end a line."""
        if offset < self._offset:
            self._offset, self._line, self._line_start = 0, 1, 0
        passed = self.source[self._offset : offset]
        self._line += passed.count("\n") + passed.count("\r") - passed.count("\r\n")
        if passed.startswith("\n") and self.source[self._offset - 1 : self._offset] == "\r":
            self._line -= 1  # the end of a CR LF counted before
        last_break = max(passed.rfind("\n"), passed.rfind("\r"))
        if last_break >= 0:
            self._line_start = self._offset + last_break + 1
        self._offset = offset
        return self._line, offset - self._line_start + 1

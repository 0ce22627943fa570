"""Text as an LLM writes it: complete sentences go to synthesis, the unfinished tail waits."""

from __future__ import annotations

from vocalis.errors import TooLarge
from vocalis.text.chunking import split_sentences

MAX_BUFFER_CHARS = 5000
_SSML_END = "</speak>"


class TextBuffer:
    """Text received so far; hands out complete sentences and keeps the unfinished tail."""

    def __init__(self) -> None:
        self.text = ""

    def add(self, piece: str) -> None:
        if len(self.text) + len(piece) > MAX_BUFFER_CHARS:
            raise TooLarge(
                f"more than {MAX_BUFFER_CHARS} characters buffered without a sentence end; flush sooner"
            )
        self.text += piece

    def take_sentences(self) -> str:
        """Complete sentences at the front: followed by more text, or ended and followed by a space.

        An SSML document (text starting with ``<speak``) is handed out whole, once its ``</speak>`` has
        arrived: its markup cannot be cut at sentences."""
        if self.text.lstrip().startswith(("<speak", "<?xml")):
            end = self.text.find(_SSML_END)
            if end < 0:
                return ""
            cut = end + len(_SSML_END)
            ready, self.text = self.text[:cut], self.text[cut:]
            return ready
        chunks = split_sentences(self.text)
        if not chunks:
            return ""
        last = chunks[-1]
        complete = chunks if _ends_sentence(last.text) and self.text[last.end :] else chunks[:-1]
        if not complete:
            return ""
        cut = complete[-1].end
        ready, self.text = self.text[:cut], self.text[cut:]
        return ready

    def take_all(self) -> str:
        ready, self.text = self.text, ""
        return ready


def _ends_sentence(text: str) -> bool:
    return text.rstrip("\"'”’)]").endswith((".", "!", "?", "…"))

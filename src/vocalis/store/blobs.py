"""Audio files on disk, addressed by keys relative to one root ("2026/11/22/<uuid>.mp3").

Writes are atomic: bytes go to a hidden temp file beside the target and are renamed into place only
when the writer finishes, so a crash or error never leaves a truncated file that looks complete.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from uuid import uuid4

from vocalis.errors import InvalidInput, NotFound

_SUFFIX = re.compile(r"^[A-Za-z0-9]{1,16}$")


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def new_key(self, suffix: str) -> str:
        """A fresh, unique key under today's date (UTC): date folders keep directories small."""
        suffix = suffix.removeprefix(".")
        if not _SUFFIX.match(suffix):
            raise InvalidInput(f"invalid file suffix {suffix!r}", suffix=suffix)
        return f"{datetime.now(UTC):%Y/%m/%d}/{uuid4().hex}.{suffix}"

    def path(self, key: str) -> Path:
        """The file for `key`; keys that could reach outside the root are rejected."""
        parts = PurePosixPath(key).parts
        if (
            not key
            or "\\" in key
            or "\x00" in key
            or PurePosixPath(key).is_absolute()
            # A leading dot also rules out "." and "..", and keeps keys off in-progress temp files.
            or any(part.startswith(".") for part in parts)
            # PurePosixPath folds "a//b" into "a/b": insist on the canonical spelling.
            or "/".join(parts) != key
        ):
            raise InvalidInput(f"invalid blob key {key!r}", key=key)
        root = self.root.resolve()
        path = (root / key).resolve()
        # A symlink inside the root must not lead out of it either.
        if not path.is_relative_to(root):
            raise InvalidInput(f"invalid blob key {key!r}", key=key)
        return path

    @contextmanager
    def writer(self, key: str) -> Iterator[BinaryIO]:
        """A binary file to write; it appears at `key` only if the block completes without error."""
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as file:
                yield file
                file.flush()
                # Durable before visible: after a power cut the key holds all the bytes or nothing.
                os.fsync(file.fileno())
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise

    def write_bytes(self, key: str, data: bytes) -> None:
        with self.writer(key) as file:
            file.write(data)

    def open(self, key: str) -> BinaryIO:
        try:
            return self.path(key).open("rb")
        except FileNotFoundError as error:
            raise NotFound(f"no audio stored at {key!r}", key=key) from error

    def size(self, key: str) -> int:
        try:
            return self.path(key).stat().st_size
        except FileNotFoundError as error:
            raise NotFound(f"no audio stored at {key!r}", key=key) from error

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def delete(self, key: str) -> None:
        """Remove the blob; a blob that is already gone is not an error (deletes get retried)."""
        self.path(key).unlink(missing_ok=True)

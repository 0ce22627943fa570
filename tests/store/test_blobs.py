"""Blob storage: atomic writes, safe keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vocalis.errors import InvalidInput, NotFound
from vocalis.store.blobs import BlobStore


def test_new_keys_are_dated_unique_and_keep_the_suffix(blobs: BlobStore) -> None:
    first, second = blobs.new_key("mp3"), blobs.new_key(".mp3")
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}/[0-9a-f]{32}\.mp3", first)
    assert first != second
    with pytest.raises(InvalidInput):
        blobs.new_key("../x")


def test_write_read_size_delete(blobs: BlobStore, tmp_path: Path) -> None:
    key = blobs.new_key("wav")
    assert not blobs.exists(key)
    with blobs.writer(key) as file:
        file.write(b"RIFF")
        file.write(b"-data")
    assert blobs.exists(key)
    assert blobs.size(key) == 9
    with blobs.open(key) as file:
        assert file.read() == b"RIFF-data"
    assert blobs.path(key) == (tmp_path / "audio" / key).resolve()
    blobs.delete(key)
    assert not blobs.exists(key)
    blobs.delete(key)  # already gone: fine


def test_nothing_is_visible_until_the_writer_finishes(blobs: BlobStore) -> None:
    key = blobs.new_key("mp3")
    with blobs.writer(key) as file:
        file.write(b"partial")
        assert not blobs.exists(key)
    assert blobs.exists(key)


def test_an_error_inside_the_writer_leaves_nothing_behind(blobs: BlobStore) -> None:
    key = blobs.new_key("mp3")
    with pytest.raises(RuntimeError), blobs.writer(key) as file:
        file.write(b"half an mp3")
        raise RuntimeError("encoder crashed")
    assert not blobs.exists(key)
    assert list(blobs.path(key).parent.iterdir()) == []  # no temp file either


def test_a_failed_rewrite_keeps_the_previous_file(blobs: BlobStore) -> None:
    key = blobs.new_key("wav")
    blobs.write_bytes(key, b"complete")
    with pytest.raises(RuntimeError), blobs.writer(key) as file:
        file.write(b"trunc")
        raise RuntimeError("disk full")
    with blobs.open(key) as file:
        assert file.read() == b"complete"


def test_missing_blobs_are_not_found(blobs: BlobStore) -> None:
    with pytest.raises(NotFound):
        blobs.open("2026/01/01/missing.mp3")
    with pytest.raises(NotFound):
        blobs.size("2026/01/01/missing.mp3")


@pytest.mark.parametrize(
    "key",
    [
        "",
        "../outside.mp3",
        "a/../../outside.mp3",
        "/etc/passwd",
        "a//b.mp3",
        "a/./b.mp3",
        "a\\..\\b.mp3",
        "2026/01/.b.mp3.x.part",
        "a/b/",
        "a\x00b",
    ],
)
def test_keys_that_escape_the_root_are_rejected(blobs: BlobStore, key: str) -> None:
    for operation in (blobs.path, blobs.exists, blobs.delete, blobs.open):
        with pytest.raises(InvalidInput):
            operation(key)
    with pytest.raises(InvalidInput), blobs.writer(key):
        pass


def test_symlinks_cannot_lead_out_of_the_root(blobs: BlobStore, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    blobs.root.mkdir(parents=True)
    (blobs.root / "link").symlink_to(outside, target_is_directory=True)
    with pytest.raises(InvalidInput):
        blobs.path("link/secret.mp3")

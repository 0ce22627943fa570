"""Synthesis history against the real database: rows, ordering, ownership, and their audio."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from vocalis.errors import InvalidInput, NotFound, OutOfRange
from vocalis.store.blobs import BlobStore
from vocalis.store.db import Database
from vocalis.store.history import NewSynthesis, SynthesisHistory, SynthesisRecord
from vocalis.store.tables import SynthesisRow


def store(
    history: SynthesisHistory, blobs: BlobStore, text: str = "Hello there.", owner_id: str | None = None
) -> SynthesisRecord:
    key = blobs.new_key("mp3")
    audio = b"ID3" + text.encode()
    blobs.write_bytes(key, audio)
    return history.record(
        NewSynthesis(
            owner_id=owner_id,
            source="tts",
            text=text,
            voice="af_heart",
            model="kokoro",
            format="mp3",
            sample_rate=24000,
            speed=1.25,
            audio_seconds=1.5,
            compute_seconds=0.4,
            audio_key=key,
            audio_bytes=len(audio),
        )
    )


def test_record_and_get(history: SynthesisHistory, blobs: BlobStore) -> None:
    before = datetime.now(UTC)
    record = store(history, blobs, "Héllo, wörld!", owner_id="alice")
    assert len(record.id) == 32
    assert record.characters == len("Héllo, wörld!")
    assert record.created_at.tzinfo is not None
    assert before - timedelta(seconds=1) <= record.created_at <= datetime.now(UTC)
    fetched = history.get(record.id, owner_id="alice")
    assert fetched == record
    assert fetched.created_at.utcoffset() == timedelta(0)
    assert (fetched.text, fetched.voice, fetched.speed, fetched.sample_rate) == (
        "Héllo, wörld!",
        "af_heart",
        1.25,
        24000,
    )
    assert blobs.size(fetched.audio_key) == fetched.audio_bytes


def test_list_is_newest_first_and_pages(history: SynthesisHistory, blobs: BlobStore) -> None:
    ids = [store(history, blobs, f"Sentence {n}.").id for n in range(7)]
    newest_first = list(reversed(ids))
    assert [r.id for r in history.list(owner_id=None)] == newest_first
    pages = [history.list(owner_id=None, limit=3, offset=offset) for offset in (0, 3, 6, 9)]
    assert [[r.id for r in page] for page in pages] == [
        newest_first[0:3],
        newest_first[3:6],
        newest_first[6:7],
        [],
    ]


def test_same_timestamp_rows_page_without_overlap(migrated: Database, blobs: BlobStore) -> None:
    history = SynthesisHistory(migrated, blobs)
    records = [store(history, blobs, f"Tie {n}.") for n in range(5)]
    with migrated.session() as session:
        session.execute(update(SynthesisRow).values(created_at=records[0].created_at))
    seen = [r.id for offset in range(5) for r in history.list(owner_id=None, limit=1, offset=offset)]
    assert sorted(seen) == sorted(r.id for r in records)


def test_owners_only_see_their_own(history: SynthesisHistory, blobs: BlobStore) -> None:
    mine = store(history, blobs, owner_id="alice")
    theirs = store(history, blobs, owner_id="bob")
    local = store(history, blobs, owner_id=None)
    assert [r.id for r in history.list(owner_id="alice")] == [mine.id]
    assert [r.id for r in history.list(owner_id=None)] == [local.id]
    for owner in ("bob", None):
        with pytest.raises(NotFound) as caught:
            history.get(mine.id, owner_id=owner)
        assert caught.value.status == 404
        with pytest.raises(NotFound):
            history.delete(mine.id, owner_id=owner)
    with pytest.raises(NotFound):
        history.get(local.id, owner_id="alice")
    # The failed deletes touched nothing.
    assert history.get(mine.id, owner_id="alice") == mine
    assert blobs.exists(mine.audio_key)
    assert history.get(theirs.id, owner_id="bob") == theirs


def test_delete_removes_the_row_and_the_audio(history: SynthesisHistory, blobs: BlobStore) -> None:
    gone, kept = store(history, blobs, "Delete me."), store(history, blobs, "Keep me.")
    history.delete(gone.id, owner_id=None)
    assert not blobs.exists(gone.audio_key)
    with pytest.raises(NotFound):
        history.get(gone.id, owner_id=None)
    with pytest.raises(NotFound):
        history.delete(gone.id, owner_id=None)
    assert [r.id for r in history.list(owner_id=None)] == [kept.id]
    assert blobs.exists(kept.audio_key)


def test_delete_succeeds_when_the_audio_is_already_gone(history: SynthesisHistory, blobs: BlobStore) -> None:
    record = store(history, blobs)
    blobs.delete(record.audio_key)
    history.delete(record.id, owner_id=None)
    assert history.list(owner_id=None) == []


def test_missing_id_is_not_found(history: SynthesisHistory) -> None:
    with pytest.raises(NotFound):
        history.get("0" * 32, owner_id=None)


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (501, 0), (10, -1)])
def test_page_bounds_are_checked(history: SynthesisHistory, limit: int, offset: int) -> None:
    with pytest.raises(OutOfRange):
        history.list(owner_id=None, limit=limit, offset=offset)


def test_unknown_source_is_rejected(history: SynthesisHistory, blobs: BlobStore) -> None:
    record = store(history, blobs)
    fields = {f.name: getattr(record, f.name) for f in dataclasses.fields(NewSynthesis)}
    with pytest.raises(InvalidInput):
        NewSynthesis(**{**fields, "source": "carrier-pigeon"})


def test_records_are_frozen(history: SynthesisHistory, blobs: BlobStore) -> None:
    record = store(history, blobs)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.text = "changed"  # type: ignore[misc]

"""Leave-one-out cloning: a stock voice removed from the basis, cloned from its own synthesised sample."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

import numpy as np
import pytest

from tests.cloning.conftest import CONSENT, HELD_OUT_VOICE, TEST_SEARCH, wav_bytes
from tests.conftest import word_error_rate
from vocalis.audio.chunk import AudioChunk
from vocalis.cloning.record import ClonedVoice
from vocalis.cloning.search import CloneCancelled, Progress
from vocalis.cloning.service import VoiceCloner, install_saved
from vocalis.cloning.store import CloneStore, StoredClone, clones_dir
from vocalis.cloning.voicing import Voicing, semitones_between
from vocalis.config import Settings
from vocalis.services import Services, build_services

CHECK_SENTENCE = "Please call Stella and ask her to bring these things with her from the store."


def test_clone_is_at_least_as_close_as_the_nearest_remaining_stock_voice(loo_clone: StoredClone) -> None:
    record = loo_clone.record
    assert record.id.startswith("clone_")
    assert HELD_OUT_VOICE not in record.recipe.basis
    sim = record.similarity
    assert sim.independent and sim.judge != sim.search_encoder
    assert sim.stock_voice != HELD_OUT_VOICE
    assert sim.clone >= sim.stock, sim
    assert sim.anchor is not None and sim.anchor > sim.stock  # the true speaker is still closer
    assert record.recommend_stock == (sim.gain < 0.02)
    assert record.consent.speaker == "Test Speaker" and record.consent.dated == "2026-11-22"
    assert record.language == "en-US" and record.gender == "male"


def test_clone_keeps_voicing_and_pitch(loo_clone: StoredClone, held_out_sample: AudioChunk) -> None:
    voicing = loo_clone.record.voicing
    assert voicing.passed, voicing.problems
    assert voicing.clone.voiced_fraction >= 0.75 * voicing.stock.voiced_fraction
    truth = Voicing.measure(held_out_sample).median_f0
    assert truth is not None and voicing.clone.median_f0 is not None
    assert abs(semitones_between(voicing.clone.median_f0, truth)) <= 3.0


def test_clone_speaks_word_exact(
    loo_clone: StoredClone,
    say: Callable[[str, str], AudioChunk],
    transcribe: Callable[[AudioChunk], str],
) -> None:
    audio = say(CHECK_SENTENCE, loo_clone.record.id)
    assert 2.0 < audio.duration < 8.0
    assert word_error_rate(CHECK_SENTENCE, transcribe(audio)) == 0.0


def test_blend_with_a_clone(
    loo_clone: StoredClone,
    clone_services: Services,
    say: Callable[[str, str], AudioChunk],
    transcribe: Callable[[AudioChunk], str],
) -> None:
    expression = f"{loo_clone.record.id}(1)+af_heart(1)"
    mix = clone_services.voices.resolve(expression)
    assert {p.voice_id: p.weight for p in mix.parts} == {loo_clone.record.id: 0.5, "af_heart": 0.5}
    blended = say(CHECK_SENTENCE, expression)
    alone = say(CHECK_SENTENCE, loo_clone.record.id)
    assert not np.array_equal(blended.samples[:2000], alone.samples[:2000])
    assert word_error_rate(CHECK_SENTENCE, transcribe(blended)) <= 0.1


def test_saved_clone_round_trips(loo_clone: StoredClone, clone_services: Services) -> None:
    directory = clones_dir(clone_services.settings)
    record = loo_clone.record
    on_disk = json.loads((directory / f"{record.id}.json").read_text(encoding="utf-8"))
    assert on_disk["cloned"] is True and on_disk["consent"]["statement"] == CONSENT
    assert ClonedVoice.from_dict(on_disk) == record
    loaded = CloneStore(directory).load(record.id)
    assert loaded.record == record
    np.testing.assert_array_equal(loaded.table, loo_clone.table)
    # A fresh object graph over the same data directory finds the clone and renders it identically.
    fresh = build_services(
        Settings(data_dir=clone_services.settings.data_dir, voices_dir=clone_services.settings.voices_dir)
    )
    assert install_saved(fresh) >= 1  # idempotent, should start-up already have loaded the clones
    info = fresh.voices.get(record.id)
    assert info.engine == "kokoro" and info.description.startswith("Cloned voice")
    prepared = fresh.engines.get_tts("kokoro").prepare("Hello there.", fresh.voices.resolve(record.id))
    first = fresh.engines.get_tts("kokoro").render(prepared, fresh.voices.resolve(record.id), 1.0)
    again = clone_services.engines.get_tts("kokoro").render(
        prepared, clone_services.voices.resolve(record.id), 1.0
    )
    np.testing.assert_allclose(first.samples, again.samples, atol=1e-5)


def test_record_dict_round_trip(loo_clone: StoredClone) -> None:
    data = json.loads(json.dumps(loo_clone.record.to_dict()))
    assert ClonedVoice.from_dict(data) == loo_clone.record
    assert data["similarity"]["gain"] == loo_clone.record.similarity.gain


def test_progress_and_cancel(
    cloner: VoiceCloner, held_out_sample: AudioChunk, loo_clone: StoredClone
) -> None:
    """Progress arrives in order with an ETA, and a set cancel flag stops the search at the next render."""
    seen: list[Progress] = []
    cancel = threading.Event()

    def report(progress: Progress) -> None:
        seen.append(progress)
        if progress.done >= 3:
            cancel.set()

    with pytest.raises(CloneCancelled):
        cloner.clone(
            wav_bytes(held_out_sample), name="Cancelled", consent=CONSENT, settings=TEST_SEARCH,
            progress=report, cancel=cancel,
        )  # fmt: skip
    done = [p.done for p in seen]
    assert done == sorted(done) and 3 <= done[-1] <= 4
    assert seen[-1].total == TEST_SEARCH.total and seen[-1].eta_s is not None and seen[-1].best is not None
    assert {p.stage for p in seen} >= {"profiling", "searching"}
    assert [c.record.id for c in CloneStore(cloner.store.directory).list()] == [loo_clone.record.id]

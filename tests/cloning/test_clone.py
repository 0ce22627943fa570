"""Leave-one-out cloning: a stock voice removed from the basis, cloned from its own synthesised sample."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tests.cloning.conftest import CONSENT, HELD_OUT_VOICE, TEST_SEARCH, wav_bytes
from tests.conftest import word_error_rate
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.equalizer import Equalizer
from vocalis.cloning.consent import Consent
from vocalis.cloning.record import CloneRecord
from vocalis.cloning.repository import ClonedVoiceRepository
from vocalis.cloning.result import CloneResult
from vocalis.cloning.search import Progress
from vocalis.cloning.service import VoiceCloner
from vocalis.cloning.voicing import Voicing, semitones_between
from vocalis.engines.kokoro import KokoroEngine
from vocalis.errors import CloneCancelled
from vocalis.graph import Vocalis, build_graph

CHECK_SENTENCE = "Please call Stella and ask her to bring these things with her from the store."


def test_clone_is_at_least_as_close_as_the_nearest_remaining_stock_voice(loo_clone: CloneResult) -> None:
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


def test_clone_keeps_voicing_and_pitch(loo_clone: CloneResult, held_out_sample: AudioChunk) -> None:
    voicing = loo_clone.record.voicing
    assert voicing.passed, voicing.problems
    assert voicing.clone.voiced_fraction >= 0.75 * voicing.stock.voiced_fraction
    truth = Voicing.measure(held_out_sample).median_f0
    assert truth is not None and voicing.clone.median_f0 is not None
    assert abs(semitones_between(voicing.clone.median_f0, truth)) <= 3.0


def test_clone_speaks_word_exact(
    loo_clone: CloneResult,
    say: Callable[[str, str], AudioChunk],
    transcribe: Callable[[AudioChunk], str],
) -> None:
    audio = say(CHECK_SENTENCE, loo_clone.record.id)
    assert 2.0 < audio.duration < 8.0
    assert word_error_rate(CHECK_SENTENCE, transcribe(audio)) == 0.0


def test_blend_with_a_clone(
    loo_clone: CloneResult,
    clone_services: Vocalis,
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


def test_clone_is_rendered_with_its_tone(loo_clone: CloneResult, clone_services: Vocalis) -> None:
    """The equaliser matched to the sample is part of the voice: every render through the engine
    (so every route) applies it, and a blend applies its share."""
    tone = loo_clone.record.recipe.tone
    assert tone is not None and max(abs(g) for g in tone.gains_db) >= 0.5
    assert max(abs(g) for g in tone.gains_db) <= TEST_SEARCH.tone_max_db
    engine = clone_services.engines.get_tts("kokoro")
    assert isinstance(engine, KokoroEngine)
    voice = clone_services.voices.resolve(loo_clone.record.id)
    prepared = engine.prepare(CHECK_SENTENCE, voice)
    raw = engine.render_table(prepared, loo_clone.table, 1.0)
    rendered = engine.render(prepared, voice, 1.0)
    np.testing.assert_allclose(rendered.samples, tone.apply(raw).samples, atol=1e-6)
    blend = clone_services.voices.resolve(f"{loo_clone.record.id}(1)+af_heart(1)")
    half = Equalizer.mix([(tone, 0.5)])
    table = 0.5 * loo_clone.table + 0.5 * engine.pack_table("af_heart")
    expected = half.apply(engine.render_table(prepared, table.astype(np.float32), 1.0))
    np.testing.assert_allclose(engine.render(prepared, blend, 1.0).samples, expected.samples, atol=1e-5)


def test_saved_clone_round_trips(
    loo_clone: CloneResult, clone_services: Vocalis, registry: ClonedVoiceRepository, tmp_path: Path
) -> None:
    record = loo_clone.record
    entry = registry.get(record.id, viewer=None)
    assert entry.status == "ready" and entry.record == record
    assert entry.consent.statement == CONSENT
    # A fresh process over the same database and blobs finds the clone and renders it identically.
    elsewhere = build_graph(clone_services.settings.model_copy(update={"data_dir": tmp_path / "other"}))
    with pytest.raises(Exception, match="unknown voice"):
        elsewhere.voices.resolve(record.id)  # clones are not global: another installation has none
    elsewhere.close()
    fresh = build_graph(clone_services.settings)
    engine = fresh.engines.get_tts("kokoro")
    assert isinstance(engine, KokoroEngine)
    info = fresh.voices.get(record.id)
    assert info.engine == "kokoro" and record.id not in {v.id for v in fresh.voices.list()}
    prepared = engine.prepare("Hello there.", fresh.voices.resolve(record.id))
    first = engine.render(prepared, fresh.voices.resolve(record.id), 1.0)
    again = clone_services.engines.get_tts("kokoro").render(
        prepared, clone_services.voices.resolve(record.id), 1.0
    )
    np.testing.assert_allclose(first.samples, again.samples, atol=1e-5)
    # Nobody else sees it: a viewer who is neither owner nor shared.
    with pytest.raises(Exception, match="unknown voice"):
        fresh.voices.resolve(record.id, viewer="someone-else")


def test_record_dict_round_trip(loo_clone: CloneResult) -> None:
    data = json.loads(json.dumps(loo_clone.record.to_dict()))
    assert CloneRecord.from_dict(data) == loo_clone.record
    assert data["similarity"]["gain"] == loo_clone.record.similarity.gain


def test_progress_and_cancel(
    cloner: VoiceCloner, held_out_sample: AudioChunk, loo_clone: CloneResult
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
            wav_bytes(held_out_sample), voice_id="clone_00000000", name="Cancelled",
            consent=Consent.from_statement(CONSENT), settings=TEST_SEARCH, progress=report, cancel=cancel,
        )  # fmt: skip
    done = [p.done for p in seen]
    assert done == sorted(done) and 3 <= done[-1] <= 4
    assert seen[-1].total == TEST_SEARCH.total and seen[-1].eta_s is not None and seen[-1].best is not None
    assert {p.stage for p in seen} >= {"profiling", "searching"}

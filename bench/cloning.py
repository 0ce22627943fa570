"""Voice cloning benchmark: `python -m bench.cloning [--quick] [--evaluations N] [--voices a,b,...]`.

Leave-one-out over English stock voices of both genders and accents: each voice's pack is removed
from the basis, a ~17 s sample of it is synthesised, and it is cloned back from that sample. For each
voice: similarity to the sample of the nearest remaining stock voice, of the clone, and of the true
voice (the ceiling), all by the independent judge on held-out sentences, plus the same three by the
spectral statistic as a second opinion; word error rate of the clone (Whisper); seconds per clone.
With piper installed, also clones a non-Kokoro voice (piper's "joe", a TTS trained on a real speaker),
where there is no ceiling. Prints one JSON document and a one-line summary.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import jiwer
import soundfile as sf

from vocalis.audio.chunk import AudioChunk
from vocalis.cloning.judge import SpectralStatsEncoder, voice_similarity
from vocalis.cloning.render import HELD_OUT, TableRenderer
from vocalis.cloning.sample import SampleRejected
from vocalis.cloning.search import SearchSettings
from vocalis.cloning.service import VoiceCloner
from vocalis.config import Settings
from vocalis.engines.kokoro import KokoroEngine
from vocalis.engines.protocols import SpeakerEncoder
from vocalis.services import Services, build_services
from vocalis.speech.request import SpeechRequest

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
VOICES = ("af_bella", "af_sky", "am_michael", "am_puck", "bf_emma", "bf_isabella", "bm_george", "bm_fable")
CONSENT = "I, Bench Speaker, consent to Vocalis cloning my voice for benchmarking, on 2026-11-22"
SAMPLE_TEXT = (
    "Every morning I walk to the little bakery on the corner and buy a loaf of fresh bread. "
    "The baker always smiles and asks about my family. Then I sit by the window, drink my coffee, "
    "and read the news before work. It is a small habit, but it makes the whole day feel calmer."
)
CHECK = "Please call Stella and ask her to bring these things with her from the store."


def wav(audio: AudioChunk) -> bytes:
    buffer = io.BytesIO()
    sf.write(buffer, audio.samples, audio.sample_rate, format="WAV", subtype="PCM_16")
    return buffer.getvalue()


def words(text: str) -> str:
    return " ".join("".join(c if c.isalnum() or c in " '" else " " for c in text.lower()).split())


def clone_one(
    services: Services,
    sample: AudioChunk,
    exclude: tuple[str, ...],
    settings: SearchSettings,
    truth: str | None,
) -> dict[str, Any]:
    engine = services.engines.get_tts("kokoro")
    assert isinstance(engine, KokoroEngine)
    cloner = VoiceCloner.from_services(services, exclude=exclude)
    started = time.perf_counter()
    result = cloner.clone(wav(sample), name="Bench", consent=CONSENT, settings=settings, save=False)
    seconds = time.perf_counter() - started
    record = result.record
    sim = record.similarity
    renderer = TableRenderer(engine, record.base_voice)
    stt = services.engines.speech_to_text("en")
    spoken = renderer.render(CHECK, result.table)
    wer = float(jiwer.wer(words(CHECK), words(stt.transcribe(spoken).text)))
    # A second, weaker but model-free opinion on the same held-out sentences.
    profiles = cloner.profiles(settings)
    spectral: SpeakerEncoder = SpectralStatsEncoder([p.features for p in profiles.values()])
    reference = spectral.embed(sample)
    second = {
        "clone": voice_similarity(spectral, reference, renderer.render_all(HELD_OUT, result.table)),
        "stock": _voice_score(engine, spectral, reference, sim.stock_voice),
    }
    row: dict[str, Any] = {
        "judge": sim.judge,
        "stock_voice": sim.stock_voice,
        "stock": sim.stock,
        "clone": sim.clone,
        "gain": sim.gain,
        "anchor": sim.anchor,
        "search_encoder": {"clone": sim.search_clone, "stock": sim.search_stock},
        "spectral": second,
        "recommend_stock": record.recommend_stock,
        "voicing": record.voicing.to_dict(),
        "weights": record.recipe.weights,
        "wer": wer,
        "seconds": round(seconds, 1),
    }
    if truth is not None:
        judge = cloner.judge_for(profiles)
        row["ceiling"] = _voice_score(engine, judge, judge.embed(sample), truth)
        second["ceiling"] = _voice_score(engine, spectral, reference, truth)
    return row


def _voice_score(engine: KokoroEngine, judge: SpeakerEncoder, reference: Any, voice: str) -> float:
    renders = TableRenderer(engine, voice).render_all(HELD_OUT, engine.pack_table(voice))
    return voice_similarity(judge, reference, renders)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="4 voices, 24 evaluations")
    parser.add_argument("--evaluations", type=int, default=50)
    parser.add_argument("--voices", help="comma-separated stock voices to leave out and clone back")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    voices_dir = os.environ.get("VOCALIS_VOICES_DIR") or str(SHARED / "models" / "kokoro-voices")
    voices = args.voices.split(",") if args.voices else list(VOICES[::2] if args.quick else VOICES)
    evaluations = 24 if args.quick and args.evaluations == 50 else args.evaluations
    settings = SearchSettings.for_budget(evaluations, seed=args.seed)
    with tempfile.TemporaryDirectory() as data_dir:
        services = build_services(Settings(data_dir=Path(data_dir), voices_dir=Path(voices_dir)))
        rows: dict[str, Any] = {}
        for voice in voices:
            sample = services.speech.synthesize(
                services.speech.plan(SpeechRequest(text=SAMPLE_TEXT, voice=voice))
            )
            rows[voice] = clone_one(services, sample, (voice,), settings, voice)
            print(json.dumps({voice: rows[voice]}), flush=True)
        other = non_kokoro(services, settings)
    leave_one_out = list(rows.values())
    summary = {
        key: round(statistics.mean(r[key] for r in leave_one_out), 4)
        for key in ("stock", "clone", "ceiling", "wer")
    }
    summary["gain"] = round(summary["clone"] - summary["stock"], 4)
    summary["seconds_per_clone"] = round(statistics.mean(r["seconds"] for r in leave_one_out), 1)
    summary["recommend_stock"] = sum(r["recommend_stock"] for r in leave_one_out)
    summary["spectral"] = {
        key: round(statistics.mean(r["spectral"][key] for r in leave_one_out), 4)
        for key in ("stock", "clone", "ceiling")
    }
    report = {
        "evaluations": evaluations,
        "voices": voices,
        "leave_one_out": rows,
        "summary": summary,
        "non_kokoro": other,
        "load_average": os.getloadavg(),
    }
    print(json.dumps(report, indent=2))
    judge = leave_one_out[0]["judge"] if leave_one_out else "?"
    spectral = summary["spectral"]
    line = (
        f"cloning ({len(voices)} voices left out, {evaluations} evaluations, judge {judge}): nearest stock "
        f"{summary['stock']:.3f}, clone {summary['clone']:.3f} (gain {summary['gain']:+.3f}), ceiling "
        f"{summary['ceiling']:.3f}; spectral {spectral['stock']:.3f}/{spectral['clone']:.3f}/"
        f"{spectral['ceiling']:.3f}; WER {summary['wer']:.3f}; {summary['seconds_per_clone']:.0f} s "
        f"per clone; stock recommended for {summary['recommend_stock']}/{len(voices)}"
    )
    if isinstance(other, dict) and "clone" in other:
        line += f"; piper joe: stock {other['stock']:.3f} -> clone {other['clone']:.3f}"
    print(line)


def non_kokoro(services: Services, settings: SearchSettings) -> dict[str, Any]:
    """Real recordings are too short here (vad_train.wav: 5.8 s); piper's joe is a non-Kokoro voice."""
    result: dict[str, Any] = {}
    real = SHARED / "audio" / "vad_train.wav"
    if real.is_file():
        cloner = VoiceCloner.from_services(services)
        try:
            cloner.clone(real.read_bytes(), name="Real", consent=CONSENT, settings=settings, save=False)
            result["vad_train"] = "cloned"
        except SampleRejected as exc:
            result["vad_train"] = f"refused: {exc.details.get('reason')} ({exc.message})"
    if "piper" in services.engines.tts:
        sample = services.speech.synthesize(
            services.speech.plan(SpeechRequest(text=SAMPLE_TEXT, voice="joe"))
        )
        result.update(clone_one(services, sample, (), settings, None))
    return result


if __name__ == "__main__":
    main()

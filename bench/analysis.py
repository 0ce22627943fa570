"""Analysis benchmark: `python -m bench.analysis [--quick | --smoke]`.

Builds a ~5-minute talk (the test presentation read five times by the fast hibari voice, real
background noise mixed in at 20 dB SNR), then prints one JSON document and a one-line summary:
real-time factor of faster-whisper alone on the whole file (the baseline), of Vocalis transcription
(VAD + grouped recognition) and of the full analysis, and the per-chunk latency of the live analyser
fed 100 ms chunks (recognition of finished speech measured separately, as a coach runs it apart).
`--smoke`: the same report for the talk's first two lines (~8 s), measured once, and one minute of
silence instead of thirty.
"""

from __future__ import annotations

import argparse
import io
import json
import time
from collections.abc import Callable, Sequence

import numpy as np
import soundfile as sf
from tests.analysis.talks import PRESENTATION, build_talk, with_noise

from bench.paths import shared_dir, shared_voices
from bench.report import SMOKE_NOTE, run_main, shaped
from vocalis.analysis import SpeechAnalyzer
from vocalis.analysis.fillers import FILLER_PROMPT
from vocalis.analysis.transcriber import Transcriber
from vocalis.analysis.transcription import transcribe_audio
from vocalis.audio.chunk import AudioChunk
from vocalis.config import Settings
from vocalis.engines.whisper import bundled_tiny_en
from vocalis.graph import build_graph

SNR_DB = 20.0
SMOKE_LINES = 2
REPORT_KEYS = (
    "audio_seconds",
    "snr_db",
    "faster_whisper_alone",
    "transcription",
    "full_analysis",
    "live",
    "silence",
    "measured",
)
SILENCE_MINUTES = 30  # the upload that used to hold a 2-core server for minutes


def load_noise(name: str) -> AudioChunk:
    """Real background noise from the shared audio (found from a worktree too, unlike the tests' path)."""
    samples, rate = sf.read(shared_dir() / "audio" / f"{name}.wav", dtype="float32")
    return AudioChunk(np.ascontiguousarray(samples), rate)


def timed(runs: Sequence[Callable[[], object]], repeats: int) -> list[tuple[float, object]]:
    """Best wall time (and last result) of each run over ``repeats`` rounds, the runs taking turns in
    each round: a spell of other work on the machine slows one round of each, not one side's every run
    (one after the other, the ratio to faster-whisper moved 1.03x-1.36x between runs)."""
    best: list[float] = [float("inf")] * len(runs)
    results: list[object] = [None] * len(runs)
    for _ in range(repeats):
        for i, run in enumerate(runs):
            started = time.perf_counter()
            results[i] = run()
            best[i] = min(best[i], time.perf_counter() - started)
    return list(zip(best, results, strict=True))


def faster_whisper_alone(audio: AudioChunk) -> Callable[[], object]:
    """faster-whisper on its own: the same model and options over the whole file, no Vocalis code."""
    from faster_whisper import WhisperModel

    model = WhisperModel(str(bundled_tiny_en()), device="cpu", compute_type="int8")
    list(model.transcribe(audio.samples[: 16_000 * 5], language="en")[0])  # warm up

    def run() -> object:
        segments, _ = model.transcribe(
            audio.samples,
            language="en",
            beam_size=1,
            word_timestamps=True,
            initial_prompt=FILLER_PROMPT,
            condition_on_previous_text=False,
            log_prob_threshold=None,  # as Vocalis decodes (see engines/whisper.py)
        )
        return list(segments)

    return run


def silence_seconds(analyzer: SpeechAnalyzer, transcriber: Transcriber, minutes: float) -> dict[str, float]:
    """A FLAC of ``minutes`` of 16-bit dither (silence as a recorder writes it), transcribed and
    analysed as an upload: both must cost little, since no speech means nothing to recognise."""
    samples = np.random.default_rng(0).standard_normal(round(16_000 * 60 * minutes)) * 3
    buffer = io.BytesIO()
    sf.write(buffer, samples.astype(np.int16), 16_000, format="FLAC")
    data = buffer.getvalue()
    started = time.perf_counter()
    heard = transcriber.transcribe_upload(io.BytesIO(data), filename="silence.flac", language="en")
    transcription = time.perf_counter() - started
    started = time.perf_counter()
    analysis = analyzer.analyze_bytes(data, language="en", filename="silence.flac")
    analysed = time.perf_counter() - started
    if heard.text or analysis.speech_detected:
        raise RuntimeError(f"words heard in silence: {heard.text!r}")
    return {
        "minutes": minutes,
        "flac_kb": round(len(data) / 1024),
        "transcription_seconds": round(transcription, 2),
        "analysis_seconds": round(analysed, 2),
    }


def live_latencies(analyzer: SpeechAnalyzer, audio: AudioChunk) -> tuple[list[float], float]:
    """(per-chunk push times, total recognition time) for the talk streamed as 100 ms int16 chunks."""
    pcm = (np.clip(audio.samples, -1, 1) * 32767).astype("<i2").tobytes()
    live = analyzer.live(language="en")
    latencies, recognition = [], 0.0
    for i in range(0, len(pcm), 3200):
        started = time.perf_counter()
        live.push(pcm[i : i + 3200])
        latencies.append(time.perf_counter() - started)
        if (i // 3200) % 50 == 49:  # every 5 s, as a coaching loop would between updates
            started = time.perf_counter()
            live.transcribe_pending()
            recognition += time.perf_counter() - started
    started = time.perf_counter()
    live.finish()
    return latencies, recognition + time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one reading (~1 minute) instead of five")
    parser.add_argument("--smoke", action="store_true", help=f"the first {SMOKE_LINES} lines (~8 s), once")
    parser.add_argument("--repeats", type=int, default=3, help="best of this many rounds per measurement")
    args = parser.parse_args()
    repeats = 1 if args.smoke else args.repeats
    services = build_graph(Settings(voices_dir=Settings().voices_dir or shared_voices()))
    analyzer = SpeechAnalyzer.from_engines(services.engines)
    script = PRESENTATION[:SMOKE_LINES] if args.smoke else PRESENTATION * (1 if args.quick else 5)
    talk = build_talk(services, script)
    audio = with_noise(talk, SNR_DB, load_noise("noise1"))
    seconds = audio.duration
    stt = analyzer.stt("en")
    stt.transcribe(AudioChunk(audio.samples[: 16_000 * 5], 16_000))  # load the model before timing

    (baseline, _), (transcription, transcript), (full, result) = timed(
        [
            faster_whisper_alone(audio),
            lambda: transcribe_audio(stt, analyzer.vad, audio, language="en", prompt=FILLER_PROMPT),
            lambda: analyzer.analyze(audio, language="en"),
        ],
        repeats,
    )
    latencies, recognition = live_latencies(analyzer, audio)
    silence = silence_seconds(
        analyzer, Transcriber(services.engines, analyzer.vad), 1 if args.smoke else SILENCE_MINUTES
    )
    chunk_ms = np.array(latencies) * 1000
    report = shaped(
        REPORT_KEYS,
        {
            "audio_seconds": round(seconds, 1),
            "snr_db": SNR_DB,
            "faster_whisper_alone": {"seconds": round(baseline, 2), "rtf": round(baseline / seconds, 4)},
            "transcription": {
                "seconds": round(transcription, 2),
                "rtf": round(transcription / seconds, 4),
                "vs_faster_whisper": round(transcription / baseline, 2),
            },
            "full_analysis": {
                "seconds": round(full, 2),
                "rtf": round(full / seconds, 4),
                "vs_faster_whisper": round(full / baseline, 2),
            },
            "live": {
                "chunks": len(chunk_ms),
                "chunk_ms_p50": round(float(np.percentile(chunk_ms, 50)), 2),
                "chunk_ms_p95": round(float(np.percentile(chunk_ms, 95)), 2),
                "chunk_ms_max": round(float(chunk_ms.max()), 2),
                "recognition_seconds": round(recognition, 2),
                "recognition_rtf": round(recognition / seconds, 4),
            },
            "silence": silence,
            "measured": {
                "words": len(transcript.words),  # type: ignore[attr-defined]
                "words_per_minute": round(result.pace.words_per_minute, 1),  # type: ignore[attr-defined]
                "true_words_per_minute": round(talk.words_per_minute, 1),
                "pauses": result.pauses.count,  # type: ignore[attr-defined]
                "true_pauses": len(talk.pauses),
                "snr_db": round(result.clarity.snr_db, 1),  # type: ignore[attr-defined]
            },
        },
    )
    print(json.dumps(report, indent=1))
    print(
        f"analysis of {seconds:.0f} s: faster-whisper alone {report['faster_whisper_alone']['rtf']:.3f} RTF, "
        f"transcription {report['transcription']['rtf']:.3f} RTF "
        f"({report['transcription']['vs_faster_whisper']:.2f}x), full analysis "
        f"{report['full_analysis']['rtf']:.3f} RTF ({report['full_analysis']['vs_faster_whisper']:.2f}x); "
        f"live chunk p50 {report['live']['chunk_ms_p50']:.1f} ms, "
        f"p95 {report['live']['chunk_ms_p95']:.1f} ms; "
        f"{silence['minutes']:g} min of silence: transcription {silence['transcription_seconds']:.1f} s, "
        f"analysis {silence['analysis_seconds']:.1f} s" + (SMOKE_NOTE if args.smoke else "")
    )


if __name__ == "__main__":
    run_main("bench.analysis", main)

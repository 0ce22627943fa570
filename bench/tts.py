"""Text-to-speech benchmark: `python -m bench.tts [--quick | --smoke]`.

Prints one JSON document and a one-line summary: real-time factor per engine on a ~60-word paragraph
and a ~2,000-word text, time to the first audio chunk of the long text, peak memory, and the
paragraph rendered by the raw onnxruntime session (hibari G2P + session.run, no Vocalis code) as the
baseline Vocalis is compared with. `--smoke`: the same report for a few words, once.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import time
import zipfile
from pathlib import Path

import numpy as np

from bench.paths import shared_voices
from bench.report import SMOKE_NOTE, run_main, shaped
from vocalis.config import Settings
from vocalis.graph import build_graph
from vocalis.speech.request import SpeechRequest

PARAGRAPH = (
    "The history of the printing press is a story about ideas. Before it, books were copied by hand, "
    "slowly and at great cost, and few people could read them. Within fifty years of its invention, "
    "millions of books were printed across Europe, and knowledge began to travel faster than ever "
    "before, changing science, religion and politics."
)
SMOKE_TEXT = "Books changed the world. Ideas travelled faster."  # two chunks, ~3 s of speech
REPORT_KEYS = ("words", "engines", "raw_kokoro", "kokoro_vs_raw_ratio", "peak_rss_mb", "targets")


def long_text(words: int) -> str:
    sentences = re.split(r"(?<=\.) ", PARAGRAPH)
    out: list[str] = []
    i = 0
    while sum(len(s.split()) for s in out) < words:
        out.append(sentences[i % len(sentences)])
        if i % 7 == 6:
            out.append("\n\n")
        i += 1
    return " ".join(out)


def raw_kokoro_seconds(text: str, voice_pack: Path, repeats: int) -> tuple[float, float]:
    """Baseline: sentence split, hibari G2P, one session.run per sentence. Returns (best wall s, audio s)."""
    import onnxruntime as ort
    from hibari.g2p import G2P

    from vocalis.engines.kokoro_model import load_model_files

    files = load_model_files()
    options = ort.SessionOptions()
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(files.onnx, sess_options=options, providers=["CPUExecutionProvider"])
    with zipfile.ZipFile(voice_pack) as archive:
        member = next(n for n in archive.namelist() if "/data/" in n)
        pack = np.frombuffer(archive.read(member), "<f4").reshape(510, 256)
    g2p = G2P()
    best, audio_s = float("inf"), 0.0
    for _ in range(repeats):
        started = time.perf_counter()
        samples = 0
        for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
            ids = [files.vocab[c] for c in g2p(sentence) if c in files.vocab]
            (audio,) = session.run(
                None,
                {
                    "tokens": np.array([[0, *ids, 0]], np.int64),
                    "style": pack[len(ids) - 1 : len(ids)],
                    "speed": np.array([1.0], np.float32),
                },
            )
            samples += audio.size
        best = min(best, time.perf_counter() - started)
        audio_s = samples / 24000
    return best, audio_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a 300-word long text instead of 2,000")
    parser.add_argument("--smoke", action="store_true", help="a 4-word paragraph and a 7-word text, once")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    repeats = 1 if args.smoke else args.repeats
    voices_dir = Settings().voices_dir or shared_voices()
    services = build_graph(Settings(voices_dir=voices_dir))
    paragraph = SMOKE_TEXT.split(". ")[0] + "." if args.smoke else PARAGRAPH
    long = SMOKE_TEXT if args.smoke else long_text(300 if args.quick else 2000)
    engines = {"kokoro": "af_heart", "hibari": "heart"}
    if "piper" in services.engines.tts:
        engines["piper"] = "joe"
    results: dict[str, dict[str, float]] = {}
    for engine, voice in engines.items():
        say = services.speech
        say.synthesize(say.plan(SpeechRequest("Warm up the engine.", voice)))
        best, audio_s = float("inf"), 0.0
        for _ in range(repeats):
            started = time.perf_counter()
            audio_s = say.synthesize(say.plan(SpeechRequest(paragraph, voice))).duration
            best = min(best, time.perf_counter() - started)
        started = time.perf_counter()
        stream = say.stream(say.plan(SpeechRequest(long, voice)))
        first = next(stream)
        first_chunk_s = time.perf_counter() - started
        long_audio = first.audio.duration + sum(c.audio.duration for c in stream)
        long_wall = time.perf_counter() - started
        results[engine] = {
            "paragraph_rtf": best / audio_s,
            "paragraph_wall_s": best,
            "long_rtf": long_wall / long_audio,
            "long_audio_s": long_audio,
            "first_chunk_s": first_chunk_s,
        }
    raw_wall, raw_audio = raw_kokoro_seconds(paragraph, Path(voices_dir) / "af_heart.pt", repeats)
    ratio = results["kokoro"]["paragraph_wall_s"] / raw_wall
    report = shaped(
        REPORT_KEYS,
        {
            "words": {"paragraph": len(paragraph.split()), "long": len(long.split())},
            "engines": results,
            "raw_kokoro": {"paragraph_wall_s": raw_wall, "paragraph_rtf": raw_wall / raw_audio},
            "kokoro_vs_raw_ratio": ratio,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "targets": {"kokoro_vs_raw_ratio": 1.05, "first_chunk_s": 1.5},
        },
    )
    print(json.dumps(report, indent=2))
    k = results["kokoro"]
    print(
        f"kokoro RTF {k['paragraph_rtf']:.3f} (raw {raw_wall / raw_audio:.3f}, "
        f"ratio {ratio:.3f}x, target <=1.05); long {report['words']['long']} words "
        f"RTF {k['long_rtf']:.3f}, first chunk {k['first_chunk_s']:.2f} s "
        f"(target <1.5); hibari RTF {results['hibari']['paragraph_rtf']:.3f}"
        + (f"; piper RTF {results['piper']['paragraph_rtf']:.3f}" if "piper" in results else "")
        + f"; peak {report['peak_rss_mb']:.0f} MB"
        + (SMOKE_NOTE if args.smoke else "")
    )


if __name__ == "__main__":
    run_main("bench.tts", main)

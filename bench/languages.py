"""Speech in other languages, heard back: `python -m bench.languages [--quick | --smoke] [--languages fr,es]`.

For each language, 20 held-out sentences (bench/data/languages/<lang>.txt: everyday sentences with
numbers, dates, times, money and abbreviations) are said by every Kokoro voice of that language and
transcribed back by the multilingual Whisper (base); English is measured the same way, in the same run,
as the baseline. Reported per voice and per language: word error rate (character error rate for
Mandarin) and real-time factor (rendering seconds per second of audio).

Both sides are normalised before comparison (numbers spelt out in the language, case, punctuation and
hyphens dropped), so "14 h 30" said as "quatorze heures trente" and written back by Whisper as "14h30"
counts as right. `--quick`: 5 sentences, one voice per language. `--smoke`: 1 sentence, one voice, French
and English unless `--languages` says otherwise (tests/speech/test_languages.py hears every language),
same report keys.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

import jiwer

from bench.paths import shared_voices
from bench.report import SMOKE_NOTE, BenchFailed, run_main, shaped
from vocalis.config import Settings
from vocalis.engines.protocols import SpeechToText
from vocalis.graph import Vocalis, build_graph
from vocalis.speech.language import normalize_for
from vocalis.speech.request import SpeechRequest

REPORT_KEYS = ("sentences_per_language", "languages", "english", "targets", "whisper", "seconds")
DATA = Path(__file__).resolve().parent / "data" / "languages"
# The bar per language (word error rate; Mandarin: character error rate).
TARGETS = {"fr": 0.10, "es": 0.10, "it": 0.15, "pt": 0.15, "zh": 0.15}
VOICES = {
    "en": ("af_heart", "bf_emma"),
    "fr": ("ff_siwis",),
    "es": ("ef_dora", "em_alex", "em_santa"),
    "it": ("if_sara", "im_nicola"),
    "pt": ("pf_dora", "pm_alex", "pm_santa"),
    "zh": ("zf_xiaobei", "zf_xiaoni", "zf_xiaoxiao", "zf_xiaoyi",
           "zm_yunjian", "zm_yunxi", "zm_yunxia", "zm_yunyang"),
}  # fmt: skip
# Whisper base writes Mandarin in traditional or simplified characters; a simplified prompt asks for it.
PROMPTS = {"zh": "以下是普通话的句子。"}


def sentences(language: str) -> list[str]:
    return [s for s in (DATA / f"{language}.txt").read_text(encoding="utf-8").splitlines() if s.strip()]


def comparable(text: str, language: str) -> str:
    """Text as a sequence of words to compare: numbers spelt out, lower case, no punctuation."""
    if language == "zh":
        import cn2an

        text = cn2an.transform(text, "an2cn")
        return " ".join(c for c in text if unicodedata.category(c)[0] in "LN")
    spoken = normalize_for(text, language).text.lower()
    spoken = re.sub(r"[-'’]", " ", spoken)
    return " ".join(re.findall(r"[^\W_]+", spoken))


def error_rate(reference: str, heard: str, language: str) -> float:
    """Word error rate (Mandarin: character error rate, each character being a word here)."""
    return float(jiwer.wer(comparable(reference, language), comparable(heard, language) or "∅"))


def measure_voice(
    graph: Vocalis, stt: SpeechToText, voice: str, language: str, texts: list[str]
) -> dict[str, Any]:
    errors: list[float] = []
    audio_seconds = compute_seconds = 0.0
    worst: tuple[float, str, str] = (-1.0, "", "")
    for text in texts:
        started = time.perf_counter()
        audio = graph.speech.synthesize(graph.speech.plan(SpeechRequest(text, voice)))
        compute_seconds += time.perf_counter() - started
        audio_seconds += audio.duration
        heard = stt.transcribe(audio, language=language, initial_prompt=PROMPTS.get(language)).text
        rate = error_rate(text, heard, language)
        errors.append(rate)
        worst = max(worst, (rate, text, heard))
    return {
        "error_rate": round(sum(errors) / len(errors), 4),
        "rtf": round(compute_seconds / max(audio_seconds, 1e-9), 3),
        "audio_seconds": round(audio_seconds, 1),
        "worst": {"error_rate": round(worst[0], 3), "text": worst[1], "heard": worst[2]},
    }


def measure_language(
    graph: Vocalis, language: str, voices: tuple[str, ...], texts: list[str]
) -> dict[str, Any]:
    stt = graph.engines.speech_to_text(language if language != "en" else "fr")  # Whisper base for all
    # Load the models and the language's reading rules before anything is timed.
    stt.transcribe(
        graph.speech.synthesize(graph.speech.plan(SpeechRequest(texts[0], voices[0]))), language=language
    )
    rows = {voice: measure_voice(graph, stt, voice, language, texts) for voice in voices}
    return {
        "metric": "cer" if language == "zh" else "wer",
        "error_rate": round(sum(r["error_rate"] for r in rows.values()) / len(rows), 4),
        "rtf": round(sum(r["rtf"] for r in rows.values()) / len(rows), 3),
        "voices": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="5 sentences, one voice per language")
    size.add_argument("--smoke", action="store_true", help="1 sentence, one voice, French and English")
    parser.add_argument("--languages", help="comma-separated: fr,es,it,pt,zh (default: all; fr when --smoke)")
    args = parser.parse_args()
    languages = args.languages or ("fr" if args.smoke else "fr,es,it,pt,zh")
    wanted = [code for code in languages.split(",") if code]
    unknown = [code for code in wanted if code not in TARGETS]
    if unknown:
        raise BenchFailed(f"no held-out sentences for {unknown}; pick from {sorted(TARGETS)}")
    count = 1 if args.smoke else 5 if args.quick else 20
    voices_dir = Path(os.environ.get("VOCALIS_VOICES_DIR") or shared_voices())
    if not (voices_dir / "ff_siwis.pt").is_file():
        raise BenchFailed(f"the Kokoro voice packs are needed (set VOCALIS_VOICES_DIR; tried {voices_dir})")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as data_dir:
        graph = build_graph(Settings(data_dir=Path(data_dir), voices_dir=voices_dir))

        def voices_of(code: str) -> tuple[str, ...]:
            return VOICES[code][:1] if args.smoke or args.quick else VOICES[code]

        results = {
            code: measure_language(graph, code, voices_of(code), sentences(code)[:count]) for code in wanted
        }
        english = measure_language(graph, "en", voices_of("en"), sentences("en")[:count])
    targets = {
        code: {
            "max": TARGETS[code],
            "measured": results[code]["error_rate"],
            "met": results[code]["error_rate"] <= TARGETS[code],
        }
        for code in wanted
    }
    report = shaped(
        REPORT_KEYS,
        {
            "sentences_per_language": count,
            "languages": results,
            "english": english,
            "targets": targets,
            "whisper": "base (multilingual, int8), every language including English",
            "seconds": round(time.perf_counter() - started, 1),
        },
    )
    print(json.dumps(report, indent=2, ensure_ascii=False))
    parts = [f"{code} {r['metric']} {r['error_rate']:.3f} rtf {r['rtf']:.2f}" for code, r in results.items()]
    summary = "; ".join([*parts, f"en wer {english['error_rate']:.3f} rtf {english['rtf']:.2f}"])
    print(summary + (SMOKE_NOTE if args.smoke else ""))


if __name__ == "__main__":
    run_main("bench.languages", main)

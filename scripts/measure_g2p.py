"""Measure Vocalis's French/Spanish/Italian/Portuguese phonemes against espeak-ng's, which Kokoro learnt.

Development tool, not part of the product or the tests: it needs Debian's ``espeak-ng`` (GPL), used
here only as the reference the mapping in ``vocalis.engines.g2p_romance`` was built from.

    .venv/bin/python scripts/measure_g2p.py [--out bench/results/g2p-mapping.json]

For each language it phonemises the sentences of ``bench/data/languages/dev/<lang>.txt`` both ways,
maps espeak-ng's output the way Kokoro's pipeline does (tied pairs to Kokoro's single symbols), and
reports the phoneme error rate (edit distance over the reference's symbols, word spaces and
punctuation ignored) and the most frequent differences.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from vocalis.engines.g2p import Accent, Phonemizer  # noqa: E402

VOICES = {"fr": "fr-fr", "es": "es", "it": "it", "pt": "pt-br"}
ACCENTS = {"fr": Accent.FR, "es": Accent.ES, "it": Accent.IT, "pt": Accent.PT}
# How Kokoro's pipeline reads espeak-ng's tied symbols (the facts of its training data).
KOKORO_TIES = {
    "a^ɪ": "I", "a^ʊ": "W", "d^z": "ʣ", "d^ʒ": "ʤ", "e^ɪ": "A", "o^ʊ": "O", "ə^ʊ": "Q",
    "s^s": "S", "t^s": "ʦ", "t^ʃ": "ʧ", "ɔ^ɪ": "Y",
}  # fmt: skip
_IGNORED = set(' ,.!?;:—…"“”()-\n')


def espeak(sentence: str, voice: str) -> str:
    out = subprocess.run(
        ["espeak-ng", "-q", "-v", voice, "--ipa", "--tie=^", sentence],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for tied, symbol in KOKORO_TIES.items():
        out = out.replace(tied, symbol)
    return out.replace("^", "")


def symbols(phonemes: str) -> list[str]:
    """Symbols for comparison: a combining mark stays with its letter (ɔ̃ is one symbol)."""
    out: list[str] = []
    for char in phonemes:
        if char in _IGNORED:
            continue
        if out and char in "\u0303\u02d0":
            out[-1] += char
        else:
            out.append(char)
    return out


def align(ref: list[str], hyp: list[str]) -> list[tuple[str, str]]:
    """Levenshtein alignment: (ref, hyp) pairs, '' for an insertion or a deletion."""
    rows, cols = len(ref) + 1, len(hyp) + 1
    cost = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        cost[i][0] = i
    for j in range(cols):
        cost[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            cost[i][j] = min(
                cost[i - 1][j] + 1,
                cost[i][j - 1] + 1,
                cost[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]),
            )
    pairs: list[tuple[str, str]] = []
    i, j = len(ref), len(hyp)
    while i or j:
        if i and j and cost[i][j] == cost[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]):
            pairs.append((ref[i - 1], hyp[j - 1]))
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + 1:
            pairs.append((ref[i - 1], ""))
            i -= 1
        else:
            pairs.append(("", hyp[j - 1]))
            j -= 1
    return pairs[::-1]


def measure(language: str, phonemizer: Phonemizer) -> dict[str, object]:
    sentences = (REPO / "bench" / "data" / "languages" / "dev" / f"{language}.txt").read_text().splitlines()
    errors = total = 0
    differences: Counter[str] = Counter()
    examples: list[dict[str, str]] = []
    for sentence in filter(None, sentences):
        reference = espeak(sentence, VOICES[language])
        ours = phonemizer(sentence, ACCENTS[language])
        pairs = align(symbols(reference), symbols(ours))
        total += sum(1 for r, _ in pairs if r)
        for r, h in pairs:
            if r != h:
                errors += 1
                differences[f"{r or '∅'}→{h or '∅'}"] += 1
        if len(examples) < 3:
            examples.append({"text": sentence, "espeak": " ".join(reference.split()), "vocalis": ours})
    return {
        "sentences": len([s for s in sentences if s]),
        "phoneme_error_rate": round(errors / max(total, 1), 4),
        "top_differences": differences.most_common(15),
        "examples": examples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, help="also write the JSON report here")
    parser.add_argument("--languages", default="fr,es,it,pt")
    args = parser.parse_args()
    phonemizer = Phonemizer()
    report = {language: measure(language, phonemizer) for language in args.languages.split(",")}
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    print(
        "phoneme error rate vs espeak-ng: "
        + ", ".join(f"{k} {v['phoneme_error_rate']:.3f}" for k, v in report.items()),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()

"""Voice cloning benchmark: `python -m bench.cloning [--quick | --smoke] [--evaluations N] [--voices a,b,...]
[--real PATH ...] [--no-real] [--no-piper] [--output FILE]`, or `--combine FILE ...` to summarise
reports of runs made in parallel or interrupted (each run writes its report after every case).

Leave-one-out over English stock voices of both genders and accents: each voice's pack is removed
from the basis, a ~17 s sample of it is synthesised, and it is cloned back from that sample. For each
voice, all scored against the sample's detected speech on held-out sentences by the independent judge
(the encoder that did not search): the stock voice nearest to the sample by the search encoder (the
issue's baseline, "gain"), the best of ALL remaining stock voices (what the product now compares with,
a stricter baseline, "gain_over_best"), the clone (in its matched tone), and the true voice (the
ceiling); the same by the spectral statistic as a second opinion; word error rate
(Whisper) of the clone and of the stock voice on the held-out sentences plus one more; wall and CPU
seconds per clone, and the load average while it ran (other work may share the two cores).

Real recordings (`--real`, default ../shared/audio/vad_train.wav and bench/data/real/*.flac, four
real speakers from public packages, see its README): cloned as uploaded, without a
ceiling. A wav with an RTTM file beside it (speaker turns) is split into one sample per speaker from
the speech only that speaker has; pyannote.audio's sample is such a pair (`pip download --no-deps
pyannote.audio==3.3.2`, unzip `pyannote/audio/sample/*`). A sample the checks refuse is reported with
the reason; if it was refused only for being short, a diagnostic clone of it repeated to pass the
length check is reported too, marked as not a valid upload. With piper installed, piper's "joe" (a
TTS voice, not a recording) is cloned as well.

Speaker profiles are computed once before timing (a server caches them on disk), and one search
encoder, judge and VAD serve every clone (a server keeps them loaded).
Prints one JSON document and a one-line summary (each case's row also goes to stderr as it is done);
`--output` also writes the document after each case. `piper_joe` is null when piper's joe was not cloned.

`--smoke` is the same code and report at the smallest real budget, about a minute on 2 idle cores from a
cold profile cache (~45 Kokoro renders): the stock voices are only the five of SMOKE_STOCK (the fewest
that leave a basis after one is left out), one voice left out, 2 evaluations, 1 judged stock voice, one
held-out sentence instead of three, and no real recording or piper unless asked for (`--real PATH`),
each being one more clone.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jiwer
import numpy as np
import soundfile as sf

from bench.paths import shared_dir, shared_voices
from bench.report import SMOKE_NOTE, BenchFailed, run_main, shaped
from vocalis.audio.chunk import AudioChunk
from vocalis.cloning.basis import MIN_BASIS
from vocalis.cloning.consent import Consent
from vocalis.cloning.judge import SpectralStatsEncoder
from vocalis.cloning.render import HELD_OUT, TableRenderer
from vocalis.cloning.result import CloneResult
from vocalis.cloning.sample import SampleRejected, check_sample
from vocalis.cloning.search import SearchSettings
from vocalis.cloning.service import VoiceCloner
from vocalis.config import Settings
from vocalis.engines.kokoro import KokoroEngine
from vocalis.engines.protocols import Embedding, SpeakerEncoder
from vocalis.engines.speaker import ResemblyzerEncoder, VoiceFilterEncoder, cosine, mean_embedding
from vocalis.engines.vad import SileroVad
from vocalis.graph import Vocalis, build_graph
from vocalis.speech.request import SpeechRequest

REAL_DIR = Path(__file__).resolve().parent / "data" / "real"
VOICES = ("af_bella", "af_sky", "am_michael", "am_puck", "bf_emma", "bf_isabella", "bm_george", "bm_fable")
CONSENT = "I, Bench Speaker, consent to Vocalis cloning my voice for benchmarking, on 2026-11-22"
SAMPLE_TEXT = (
    "Every morning I walk to the little bakery on the corner and buy a loaf of fresh bread. "
    "The baker always smiles and asks about my family. Then I sit by the window, drink my coffee, "
    "and read the news before work. It is a small habit, but it makes the whole day feel calmer."
)
CHECK = "Please call Stella and ask her to bring these things with her from the store."
TILE_TO_S = 12.0  # a short sample is repeated to about this much speech for the diagnostic clone
TARGETS = {"kokoro_gain": 0.06, "real_gain": 0.03, "seconds_per_clone": 120.0}
REPORT_KEYS = (
    "runs",
    "leave_one_out",
    "real",
    "notes",
    "piper_joe",
    "evaluations",
    "summary",
    "load_1min",
    "targets",
    "summary_line",
)
SMOKE_STOCK = ("af_bella", "am_michael", "bf_emma", "bm_george", "af_sky")  # the first is left out
SMOKE_EVALUATIONS = 2


def wav(samples: np.ndarray, rate: int) -> bytes:
    buffer = io.BytesIO()
    sf.write(buffer, samples, rate, format="WAV", subtype="PCM_16")
    return buffer.getvalue()


def words(text: str) -> str:
    return " ".join("".join(c if c.isalnum() or c in " '" else " " for c in text.lower()).split())


class LoadMonitor:
    """Samples the 1-minute load average every few seconds in the background."""

    def __init__(self, every_s: float = 10.0) -> None:
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every_s,), daemon=True)

    def _run(self, every_s: float) -> None:
        while not self._stop.is_set():
            self.samples.append(os.getloadavg()[0])
            self._stop.wait(every_s)

    def __enter__(self) -> LoadMonitor:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def since(self, start: int) -> dict[str, float]:
        window = self.samples[start:] or [os.getloadavg()[0]]
        return {"mean": round(statistics.mean(window), 2), "max": round(max(window), 2)}


@dataclass
class Bench:
    services: Vocalis
    engine: KokoroEngine
    settings: SearchSettings
    load: LoadMonitor
    encoder: SpeakerEncoder = field(default_factory=VoiceFilterEncoder)
    judge: SpeakerEncoder = field(default_factory=ResemblyzerEncoder)
    vad: SileroVad = field(default_factory=SileroVad)
    spectral: SpectralStatsEncoder | None = None
    profile_cache: Path | None = None  # else the cloner's default under the (temporary) data directory
    held_out: tuple[str, ...] = HELD_OUT  # the sentences every voice is heard saying (one when smoke)
    # Held-out renders of each stock voice and their embeddings: every case scores them again.
    _stock: dict[str, list[AudioChunk]] = field(default_factory=dict)
    _embedded: dict[tuple[str, str], list[Embedding]] = field(default_factory=dict)

    def cloner(self, exclude: tuple[str, ...] = ()) -> VoiceCloner:
        cloner = self.services.cloner(
            search_encoder=self.encoder, judge=self.judge, vad=self.vad, exclude=exclude
        )
        if self.profile_cache is not None:
            cloner.cache_file = self.profile_cache
        return cloner

    def warm_up(self) -> dict[str, float]:
        """Profiles of all stock voices (cached on disk for every later basis) and the stock renders."""
        started = time.perf_counter()
        profiles = self.cloner().profiles(self.settings)
        # The second opinion standardises over all stock voices, so its scale is the same for every case.
        self.spectral = SpectralStatsEncoder([p.features for p in profiles.values()])
        profiled = time.perf_counter()
        for voice in profiles:
            for encoder in (self.judge, self.spectral):
                self._embeddings(encoder, voice)
        return {
            "profiles_s": round(profiled - started, 1),
            "stock_renders_s": round(time.perf_counter() - profiled, 1),
        }

    def _stock_renders(self, voice: str) -> list[AudioChunk]:
        if voice not in self._stock:
            renderer = TableRenderer(self.engine, voice)
            self._stock[voice] = renderer.render_all(self.held_out, self.engine.pack_table(voice))
        return self._stock[voice]

    def _embeddings(self, encoder: SpeakerEncoder, voice: str) -> list[Embedding]:
        key = (encoder.name, voice)
        if key not in self._embedded:
            self._embedded[key] = [encoder.embed(r) for r in self._stock_renders(voice)]
        return self._embedded[key]

    def stock_similarity(self, encoder: SpeakerEncoder, reference: Embedding, voice: str) -> float:
        return round(cosine(reference, mean_embedding(self._embeddings(encoder, voice))), 4)

    def wer(self, renders: list[AudioChunk], texts: tuple[str, ...]) -> float:
        stt = self.services.engines.speech_to_text("en")
        heard = [words(stt.transcribe(r).text) for r in renders]
        return round(float(jiwer.wer([words(t) for t in texts], heard)), 4)

    def clone(
        self, data: bytes, *, exclude: tuple[str, ...] = (), truth: str | None = None
    ) -> dict[str, Any]:
        """Clone ``data`` and score it; raises SampleRejected as the product would."""
        assert self.spectral is not None, "warm_up first"
        cloner = self.cloner(exclude)
        loads = len(self.load.samples)
        wall, cpu = time.perf_counter(), time.process_time()
        result = run_clone(cloner, data, self.settings)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        load = self.load.since(loads)
        record, sim = result.record, result.record.similarity
        # The reference is the sample's detected speech, as the product judges it (same VAD, same cut).
        checked = check_sample(data, vad=self.vad, encoder=self.encoder)
        speech = checked.speech
        reference = {e.name: e.embed(speech) for e in (self.judge, self.spectral)}
        # The issue's baseline: the stock voice nearest to the sample by the search encoder.
        profiles = cloner.profiles(self.settings)
        nearest = max(profiles, key=lambda v: cosine(checked.embedding, profiles[v].embedding))
        renderer = TableRenderer(self.engine, record.base_voice)
        texts = (*self.held_out, CHECK)
        renders = renderer.render_all(texts, result.table, record.recipe.tone)
        held_out = renders[: len(self.held_out)]

        def scores(encoder: SpeakerEncoder) -> dict[str, Any]:
            ref = reference[encoder.name]
            clone = round(cosine(ref, mean_embedding([encoder.embed(r) for r in held_out])), 4)
            remaining = [v for v in self._stock if v not in exclude]
            by_voice = {v: self.stock_similarity(encoder, ref, v) for v in remaining}
            best = max(by_voice, key=lambda v: by_voice[v])
            out: dict[str, Any] = {
                "nearest_voice": nearest,
                "stock": by_voice[nearest],
                "clone": clone,
                "gain": round(clone - by_voice[nearest], 4),
                "best_stock_voice": best,
                "best_stock": by_voice[best],
                "gain_over_best": round(clone - by_voice[best], 4),
            }
            if truth is not None:
                out["ceiling"] = self.stock_similarity(encoder, ref, truth)
            return out

        judged = scores(self.judge)
        stock_renders = TableRenderer(self.engine, sim.stock_voice).render_all(
            (CHECK,), self.engine.pack_table(sim.stock_voice)
        )
        return {
            "judge": sim.judge,
            "independent": sim.independent,
            "stock_voice": sim.stock_voice,  # the product's comparison: the judge's best judged stock voice
            **{
                k: judged[k]
                for k in ("nearest_voice", "stock", "clone", "gain", "best_stock_voice", "best_stock")
            },
            "gain_over_best": judged["gain_over_best"],
            **({"ceiling": judged["ceiling"]} if truth else {}),
            "anchor": sim.anchor,
            # What the product stored: must equal the bench's own clone/stock scores (same renders).
            "product": {"clone": sim.clone, "stock": sim.stock, "gain": sim.gain},
            "search_encoder": {"clone": sim.search_clone, "stock": sim.search_stock},
            "spectral": scores(self.spectral),
            "recommend_stock": record.recommend_stock,
            "base_voice": record.base_voice,
            "voicing": record.voicing.to_dict(),
            "weights": record.recipe.weights,
            "coefficients": record.recipe.coefficients,
            "tone_db": record.recipe.tone_db,
            "evaluations": record.recipe.evaluations,
            "sample": {
                "speech_s": record.sample.speech_seconds,
                "snr_db": record.sample.snr_db,
                "speaker_consistency": record.sample.speaker_consistency,
            },
            "wer": self.wer(renders, texts),
            "stock_wer": self.wer([*self._stock_renders(sim.stock_voice), *stock_renders], texts),
            "seconds": round(wall, 1),
            "cpu_seconds": round(cpu, 1),
            "load": load,
        }


def run_clone(cloner: VoiceCloner, data: bytes, settings: SearchSettings) -> CloneResult:
    """One clone, kept in memory (storing is the caller's business, and a benchmark stores nothing)."""
    consent = Consent.from_statement(CONSENT)
    return cloner.clone(data, voice_id="clone_bench", name="Bench", consent=consent, settings=settings)


def leave_one_out(bench: Bench, voice: str) -> dict[str, Any]:
    sample = bench.services.speech.synthesize(
        bench.services.speech.plan(SpeechRequest(text=SAMPLE_TEXT, voice=voice))
    )
    return bench.clone(wav(sample.samples, sample.sample_rate), exclude=(voice,), truth=voice)


def rttm_speakers(path: Path) -> dict[str, list[tuple[float, float]]]:
    """Each speaker's turns less any overlap with another speaker's, from an RTTM file."""
    turns: list[tuple[str, float, float]] = []
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) > 7 and parts[0] == "SPEAKER":
            turns.append((parts[7], float(parts[3]), float(parts[3]) + float(parts[4])))
    alone: dict[str, list[tuple[float, float]]] = {}
    for speaker, start, end in turns:
        pieces = [(start, end)]
        for other, a, b in turns:
            if other != speaker:
                pieces = [
                    p for u, v in pieces for p in ((u, min(v, a)), (max(u, b), v)) if p[1] - p[0] > 0.05
                ]
        alone.setdefault(speaker, []).extend(pieces)
    return {s: sorted(p) for s, p in sorted(alone.items())}


def real_samples(path: Path) -> list[tuple[str, np.ndarray, int, str]]:
    """(label, samples, rate, how it was cut) for one recording: per speaker if an RTTM is beside it."""
    samples, rate = sf.read(path, dtype="float32", always_2d=True)
    mono = samples.mean(axis=1)
    rttm = path.with_suffix(".rttm")
    if not rttm.is_file():
        return [(path.stem, mono, rate, "whole file")]
    out = []
    for speaker, turns in rttm_speakers(rttm).items():
        cut = np.concatenate([mono[round(a * rate) : round(b * rate)] for a, b in turns])
        out.append((f"{path.stem}:{speaker}", cut, rate, f"{len(turns)} turns of this speaker alone, joined"))
    return out


def real_case(bench: Bench, label: str, samples: np.ndarray, rate: int, cut: str) -> dict[str, Any]:
    row: dict[str, Any] = {"cut": cut, "seconds_of_audio": round(len(samples) / rate, 2)}
    try:
        row.update(bench.clone(wav(samples, rate)))
        row["accepted"] = True
        return row
    except SampleRejected as exc:
        row.update(accepted=False, refused=exc.details.get("reason"), message=exc.message)
        row["details"] = {k: v for k, v in exc.details.items() if k != "reason"}
    speech = row["details"].get("speech_seconds")
    if row["refused"] == "too_little_speech" and speech:
        times = math.ceil(TILE_TO_S / speech)
        row["tiled_diagnostic"] = {
            "note": f"NOT a valid upload: the recording repeated {times} times to pass the length check; "
            "the same seconds of speech, so the anchor is meaningless",
            "repeats": times,
        }
        try:
            row["tiled_diagnostic"].update(bench.clone(wav(np.tile(samples, times), rate)))
        except SampleRejected as exc:
            row["tiled_diagnostic"].update(refused=exc.details.get("reason"), message=exc.message)
    return row


def multi_speaker_check(bench: Bench, path: Path) -> dict[str, Any] | None:
    """Whether the checks notice a recording of several speakers (only for a wav with an RTTM)."""
    if not path.with_suffix(".rttm").is_file():
        return None
    samples, rate = sf.read(path, dtype="float32")
    try:
        checked = check_sample(wav(samples, rate), vad=bench.vad, encoder=bench.encoder)
    except SampleRejected as exc:
        return {"speakers": len(rttm_speakers(path.with_suffix(".rttm"))), "refused": exc.details}
    return {
        "speakers": len(rttm_speakers(path.with_suffix(".rttm"))),
        "accepted": True,
        "speaker_consistency": checked.speaker_consistency,
    }


def mean_of(rows: list[dict[str, Any]], *path: str) -> float | None:
    values = []
    for row in rows:
        value: Any = row
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, int | float):
            values.append(float(value))
    return round(statistics.mean(values), 4) if values else None


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    keys = ("stock", "best_stock", "clone", "ceiling", "gain", "gain_over_best", "wer", "stock_wer")
    summary: dict[str, Any] = {k: mean_of(rows, k) for k in keys}
    summary["seconds_per_clone"] = mean_of(rows, "seconds")
    summary["cpu_seconds_per_clone"] = mean_of(rows, "cpu_seconds")
    summary["recommend_stock"] = sum(bool(r.get("recommend_stock")) for r in rows)
    summary["clones"] = len(rows)
    summary["spectral"] = {k: mean_of(rows, "spectral", k) for k in ("stock", "clone", "ceiling", "gain")}
    return summary


def targets(kokoro: dict[str, Any], real: dict[str, Any], load: dict[str, Any]) -> dict[str, Any]:
    def verdict(value: float | None, target: float, higher: bool) -> dict[str, Any]:
        met = None if value is None else (value >= target if higher else value <= target)
        return {"target": target, "value": value, "met": met}

    return {
        "kokoro_gain": verdict(kokoro.get("gain"), TARGETS["kokoro_gain"], True),
        "real_gain": verdict(real.get("gain"), TARGETS["real_gain"], True),
        "seconds_per_clone": {
            **verdict(kokoro.get("seconds_per_clone"), TARGETS["seconds_per_clone"], False),
            "note": f"wall time on 2 cores shared with other work: mean 1-minute load {load['mean']} "
            "while cloning",
        },
    }


def smoke_voices(source: Path, target: Path) -> Path:
    """A voices directory holding only the SMOKE_STOCK packs (links to the real ones)."""
    if len(SMOKE_STOCK) - 1 < MIN_BASIS:
        raise BenchFailed(f"cloning now needs {MIN_BASIS} basis voices: add one to SMOKE_STOCK")
    for voice in SMOKE_STOCK:
        pack = source / f"{voice}.pt"
        if not pack.is_file():
            raise BenchFailed(f"the smoke run needs the voice pack {pack} (set VOCALIS_VOICES_DIR)")
        (target / pack.name).symlink_to(pack)
    return target


def run(args: argparse.Namespace) -> dict[str, Any]:
    voices_dir = Path(os.environ.get("VOCALIS_VOICES_DIR") or shared_voices())
    if not args.smoke:
        return measure(args, voices_dir)
    with tempfile.TemporaryDirectory(prefix="vocalis-bench-voices-") as smoke_dir:
        return measure(args, smoke_voices(voices_dir, Path(smoke_dir)))


def measure(args: argparse.Namespace, voices_dir: Path) -> dict[str, Any]:
    if args.voices is not None:
        voices = [v for v in args.voices.split(",") if v]
    else:
        voices = list(SMOKE_STOCK[:1] if args.smoke else VOICES[::2] if args.quick else VOICES)
    default_reals = [shared_dir() / "audio" / "vad_train.wav", *sorted(REAL_DIR.glob("*.flac"))]
    reals: list[Path] = [] if args.no_real else args.real or ([] if args.smoke else default_reals)
    evaluations = args.evaluations
    if args.evaluations == 50 and (args.quick or args.smoke):
        evaluations = SMOKE_EVALUATIONS if args.smoke else 24
    settings = SearchSettings.for_budget(evaluations, seed=args.seed, judged_stock=1 if args.smoke else 0)
    meta: dict[str, Any] = {
        "evaluations": evaluations,
        "settings": {k: v for k, v in vars(settings).items() if not k.startswith("_")},
        "voices": voices,
        "cpu_count": os.cpu_count(),
        "env": {k: v for k, v in os.environ.items() if k.startswith(("OPENBLAS", "OMP_", "MKL_"))},
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "load_average_start": os.getloadavg(),
    }
    report: dict[str, Any] = {"runs": [meta], "leave_one_out": {}, "real": {}, "piper_joe": None}

    def save() -> None:
        if args.output:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_text(json.dumps(report, indent=2) + "\n")

    with tempfile.TemporaryDirectory() as data_dir, LoadMonitor() as load:
        services = build_graph(Settings(data_dir=Path(data_dir), voices_dir=voices_dir))
        engine = services.engines.get_tts("kokoro")
        assert isinstance(engine, KokoroEngine)
        bench = Bench(
            services, engine, settings, load, profile_cache=args.profile_cache,
            held_out=HELD_OUT[:1] if args.smoke else HELD_OUT,
        )  # fmt: skip
        meta["warm_up"] = bench.warm_up()
        for voice in voices:
            report["leave_one_out"][voice] = row = leave_one_out(bench, voice)
            print(json.dumps({voice: row}), file=sys.stderr, flush=True)
            save()
        for path in reals:
            if not path.is_file():
                report["real"][str(path)] = {"missing": True}
                continue
            check = multi_speaker_check(bench, path)
            if check is not None:
                report["real"][f"{path.stem} (all speakers, check only)"] = check
            for label, samples, rate, cut in real_samples(path):
                report["real"][label] = row = real_case(bench, label, samples, rate, cut)
                print(json.dumps({label: row}), file=sys.stderr, flush=True)
                save()
        if "piper" in services.engines.tts and not (args.no_piper or args.smoke):
            sample = services.speech.synthesize(
                services.speech.plan(SpeechRequest(text=SAMPLE_TEXT, voice="joe"))
            )
            report["piper_joe"] = row = bench.clone(wav(sample.samples, sample.sample_rate))
            print(json.dumps({"piper_joe": row}), file=sys.stderr, flush=True)
        meta["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S")
        meta["load_average_end"] = os.getloadavg()
        meta["load_1min"] = load.since(0)
    save()
    return report


def clone_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Every row that timed a clone, wherever it sits in the report."""
    rows = [*report["leave_one_out"].values()]
    for row in report["real"].values():
        rows += [r for r in (row, row.get("tiled_diagnostic", {})) if "seconds" in r]
    return rows + ([report["piper_joe"]] if report.get("piper_joe") else [])


def combine(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One report from runs made in parallel or one after another (or an interrupted run's file)."""
    report: dict[str, Any] = {"runs": [], "leave_one_out": {}, "real": {}, "notes": [], "piper_joe": None}
    sections = (
        "leave_one_out",
        "real",
        "piper_joe",
        "summary",
        "targets",
        "summary_line",
        "load_1min",
        "notes",
    )
    for part in parts:
        report["runs"] += part.get("runs") or [{k: v for k, v in part.items() if k not in sections}]
        report["leave_one_out"].update(part.get("leave_one_out", {}))
        report["real"].update(part.get("real", {}))
        report["notes"] += part.get("notes", [])
        if part.get("piper_joe"):
            report["piper_joe"] = part["piper_joe"]
    report["evaluations"] = sorted({r["evaluations"] for r in report["runs"]})
    return report


def finish(report: dict[str, Any]) -> dict[str, Any]:
    kokoro = summarise(list(report["leave_one_out"].values()))
    accepted = [r for r in report["real"].values() if r.get("accepted") is True and "clone" in r]
    real = summarise(accepted)
    tiled = [
        r["tiled_diagnostic"] for r in report["real"].values() if "clone" in r.get("tiled_diagnostic", {})
    ]
    report["summary"] = {"leave_one_out": kokoro, "real": real, "real_tiled_diagnostic": summarise(tiled)}
    rows = clone_rows(report)
    report["load_1min"] = {
        "mean": None if (mean := mean_of(rows, "load", "mean")) is None else round(mean, 1),
        "max": max((r["load"]["max"] for r in rows), default=None),
        "what": "1-minute load average sampled every 10 s while each clone ran, averaged over clones",
    }
    report["targets"] = targets(kokoro, real, report["load_1min"])
    report["summary_line"] = summary_line(report, kokoro, real)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="4 voices, 24 evaluations")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"the same report in about a minute: {len(SMOKE_STOCK)} stock voices, 1 left out, "
        f"{SMOKE_EVALUATIONS} evaluations, 1 judged stock voice, no real recording (unless --real) or piper",
    )
    parser.add_argument("--evaluations", type=int, default=50)
    parser.add_argument("--voices", help="comma-separated stock voices to leave out ('' for none)")
    parser.add_argument("--real", type=Path, action="append", help="a real recording (repeatable)")
    parser.add_argument("--no-real", action="store_true", help="skip the real recordings")
    parser.add_argument("--no-piper", action="store_true", help="skip piper's joe")
    parser.add_argument("--note", action="append", default=[], help="a note to keep in the report")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile-cache", type=Path, help="reuse (or fill) this stock-profile cache")
    parser.add_argument("--output", type=Path, help="also write the JSON here, after every case")
    parser.add_argument(
        "--combine", type=Path, nargs="+", help="summarise saved reports (of parallel or interrupted runs)"
    )
    args = parser.parse_args()
    parts = [json.loads(p.read_text()) for p in args.combine] if args.combine else [run(args)]
    report = finish(combine(parts))
    report["notes"] = [*report.get("notes", []), *args.note]
    if args.smoke:
        report["summary_line"] += SMOKE_NOTE
    report = shaped(REPORT_KEYS, report)
    if args.output:
        args.output.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    print(report["summary_line"])


def summary_line(report: dict[str, Any], kokoro: dict[str, Any], real: dict[str, Any]) -> str:
    def f(value: float | None, spec: str = ".3f") -> str:
        return "n/a" if value is None else format(value, spec)

    rows = list(report["leave_one_out"].values())
    judge = rows[0]["judge"] if rows else "?"
    evaluations = "/".join(str(e) for e in report["evaluations"])
    spectral = kokoro["spectral"]
    line = (
        f"cloning ({len(rows)} voices left out, {evaluations} evaluations, judge {judge}): "
        f"nearest stock {f(kokoro['stock'])} (best stock {f(kokoro['best_stock'])}), clone "
        f"{f(kokoro['clone'])} (gain {f(kokoro['gain'], '+.3f')}, over the best "
        f"{f(kokoro['gain_over_best'], '+.3f')}), ceiling {f(kokoro['ceiling'])}; "
        f"spectral {f(spectral['stock'])}/{f(spectral['clone'])}/{f(spectral['ceiling'])}; WER "
        f"{f(kokoro['wer'])}; {f(kokoro['seconds_per_clone'], '.0f')} s per clone at load "
        f"{f(report['load_1min']['mean'], '.1f')}; stock recommended for "
        f"{kokoro['recommend_stock']}/{len(rows)}"
    )
    refused = [k for k, r in report["real"].items() if r.get("accepted") is False]
    line += (
        f"; real ({real['clones']} accepted, {len(refused)} refused): stock {f(real['stock'])} (best "
        f"{f(real['best_stock'])}) -> clone {f(real['clone'])} (gain {f(real['gain'], '+.3f')}, over the "
        f"best {f(real['gain_over_best'], '+.3f')})"
    )
    joe = report.get("piper_joe")
    if joe:
        line += f"; piper joe: stock {joe['stock']:.3f} -> clone {joe['clone']:.3f}"
    return line


if __name__ == "__main__":
    run_main("bench.cloning", main)

"""Talks with known truth, made with the project's TTS: words, fillers and pauses placed on purpose.

A script is a list of lines; ``[brackets]`` mark the fillers in a line and ``gap_after`` is the
silence inserted after it. Each line is rendered on its own, trimmed of the TTS's own leading and
trailing silence, so every pause in the result is one the script asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.resample import resample
from vocalis.engines.protocols import PreparedText
from vocalis.graph import Vocalis
from vocalis.speech.request import SpeechRequest

SHARED_AUDIO = Path(__file__).resolve().parents[3] / "shared" / "audio"
HESITATIONS = {"um", "uh"}
_MARK = re.compile(r"\[([^\]]+)\]")


@dataclass(frozen=True)
class Line:
    text: str  # fillers in [brackets]
    gap_after: float = 0.15  # below the 0.5 s that counts as a pause


@dataclass(frozen=True)
class SpokenLine:
    text: str
    start: float
    end: float
    fillers: tuple[str, ...]  # canonical filler texts, e.g. "um", "you know"


@dataclass(frozen=True)
class Talk:
    audio: AudioChunk
    lines: tuple[SpokenLine, ...]
    gaps: tuple[float, ...]  # silence after each line but the last

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def word_count(self) -> int:
        """Words carrying the message: hesitation sounds are not counted (as the analysis does)."""
        words = [w.strip(".,?!").lower() for w in self.text.split()]
        return sum(1 for w in words if w and w not in HESITATIONS)

    @property
    def talk_seconds(self) -> float:
        return self.lines[-1].end - self.lines[0].start

    @property
    def pauses(self) -> tuple[float, ...]:
        return tuple(g for g in self.gaps if g >= 0.5)

    @property
    def speaking_seconds(self) -> float:
        return self.talk_seconds - sum(self.pauses)

    @property
    def words_per_minute(self) -> float:
        return self.word_count / self.talk_seconds * 60.0

    def head(self, lines: int, margin: float = 0.6) -> Talk:
        """The talk cut after its first ``lines`` lines (plus ``margin`` of the silence after)."""
        end = min(self.lines[lines - 1].end + margin, self.audio.duration)
        samples = self.audio.samples[: round(end * self.audio.sample_rate)]
        return Talk(AudioChunk(samples, self.audio.sample_rate), self.lines[:lines], self.gaps[: lines - 1])


def say(services: Vocalis, text: str, voice: str) -> AudioChunk:
    """Only the spoken part of each TTS chunk (the service trims its silences and appends pauses)."""
    plan = services.speech.plan(SpeechRequest(text, voice))
    parts = [
        c.audio.samples[: round(c.speech_seconds * c.audio.sample_rate)] for c in services.speech.stream(plan)
    ]
    return AudioChunk(np.concatenate(parts).astype(np.float32), plan.sample_rate)


def build_talk(services: Vocalis, script: list[Line], voice: str = "heart", margin: float = 0.6) -> Talk:
    rate = 0
    pieces: list[np.ndarray] = []
    spoken: list[SpokenLine] = []
    position = margin
    for i, line in enumerate(script):
        clean = _MARK.sub(r"\1", line.text)
        audio = say(services, clean, voice)
        rate = audio.sample_rate
        if not pieces:
            pieces.append(np.zeros(round(margin * rate), np.float32))
        pieces.append(audio.samples)
        fillers = tuple(m.lower() for m in _MARK.findall(line.text))
        spoken.append(SpokenLine(clean, position, position + audio.duration, fillers))
        position += audio.duration
        gap = line.gap_after if i < len(script) - 1 else margin
        pieces.append(np.zeros(round(gap * rate), np.float32))
        position += round(gap * rate) / rate
    gaps = tuple(line.gap_after for line in script[:-1])
    return Talk(AudioChunk(np.concatenate(pieces), rate), tuple(spoken), gaps)


def load_noise(name: str = "noise1") -> AudioChunk:
    samples, rate = sf.read(SHARED_AUDIO / f"{name}.wav", dtype="float32")
    return AudioChunk(np.ascontiguousarray(samples), rate)


def speech_power(talk: Talk, rate: int = 16_000) -> float:
    """Mean power of the clean speech over the lines (not the inserted silences)."""
    audio = resample(talk.audio, rate).samples.astype(np.float64)
    mask = np.zeros(len(audio), bool)
    for line in talk.lines:
        mask[round(line.start * rate) : round(line.end * rate)] = True
    return float(np.mean(audio[mask] ** 2))


def with_noise(talk: Talk, snr_db: float, noise: AudioChunk, rate: int = 16_000) -> AudioChunk:
    """The talk at ``rate`` plus real background noise (looped) at ``snr_db`` below the speech."""
    clean = resample(talk.audio, rate).samples.astype(np.float64)
    background = resample(noise, rate).samples.astype(np.float64)
    background = np.tile(background, -(-len(clean) // len(background)))[: len(clean)]
    gain = np.sqrt(speech_power(talk, rate) / (np.mean(background**2) * 10 ** (snr_db / 10)))
    return AudioChunk((clean + gain * background).astype(np.float32), rate)


PRESENTATION = [
    Line("Good morning everyone, and thank you for coming today.", 0.15),
    Line("[Um], I want to talk about how small teams can ship better software.", 0.7),
    Line("First, we will look at planning, then at testing, and finally at releases.", 0.15),
    Line("Planning is where most projects go wrong, [uh], because nobody writes things down.", 2.5),
    Line("[So], testing. Every change should come with a test that a person can read.", 1.0),
    Line("[Basically], a test is a small promise about how the code behaves.", 0.15),
    Line("When a promise breaks, [you know], the team hears about it before the users do.", 0.6),
    Line("[Um], releases should be boring, and boring is good.", 0.15),
    Line("It was, [like], a relief when our releases became routine.", 3.0),
    Line("[I mean], nobody misses the late nights before a launch.", 0.15),
    Line("[So], what does a good week look like for a small team?", 1.5),
    Line("[Uh], it starts with a short plan and ends with a working release.", 0.15),
    Line("We [actually] measured this over two years with four different teams.", 0.8),
    Line("Thank you for listening, and I am happy to take your questions now.", 0.15),
]


# Kokoro's French voice with French phonemes written by hand: no French G2P ships here (its packs
# read text with English rules), so the IPA is what a French G2P would produce.
FRENCH_LINES = (
    ("Bonjour à tous. Du coup, nous allons parler de la cuisine française.",
     "bɔ̃ʒˈuʁ a tˈus. dy kˈu, nuz alˈɔ̃ paʁlˈe də la kɥizˈin fʁɑ̃sˈɛz."),
    ("En fait, chaque région a son plat préféré.", "ɑ̃ fˈɛ, ʃak ʁeʒjˈɔ̃ a sɔ̃ plˈa pʁefeʁˈe."),
)  # fmt: skip


_FRENCH: dict[int, tuple[str, AudioChunk]] = {}


def french_speech(services: Vocalis) -> tuple[str, AudioChunk]:
    """(the French text, its audio at 24 kHz) from the ff_siwis voice; made once per services object,
    since engine tests, analysis tests and CLI tests all use it and Kokoro is the slow part.
    """
    if id(services) not in _FRENCH:
        _FRENCH[id(services)] = _render_french(services)
    return _FRENCH[id(services)]


def _render_french(services: Vocalis) -> tuple[str, AudioChunk]:
    engine = services.engines.get_tts("kokoro")
    voice = services.voices.resolve("ff_siwis")
    pieces = []
    for _, ipa in FRENCH_LINES:
        audio = engine.render(PreparedText(text=ipa, phonemes=ipa, units=len(ipa)), voice, 1.0)
        pieces += [audio.samples, np.zeros(round(0.4 * audio.sample_rate), np.float32)]
    return " ".join(text for text, _ in FRENCH_LINES), AudioChunk(np.concatenate(pieces), audio.sample_rate)


def music(seconds: float = 8.0, rate: int = 16_000, seed: int = 0) -> AudioChunk:
    """Music with no words: chords with harmonics and vibrato, a melody of short notes with a sung
    shape, and a drum on every beat (the shared recordings hold speech and noise, no music)."""
    rng = np.random.default_rng(seed)
    t = np.arange(round(seconds * rate)) / rate
    out = np.zeros_like(t)
    chords = ((220.0, 277.2, 329.6), (196.0, 246.9, 293.7), (174.6, 220.0, 261.6), (164.8, 207.7, 246.9))
    vibrato = 1 + 0.003 * np.sin(2 * np.pi * 5 * t)
    for index, start in enumerate(np.arange(0.0, seconds, 2.0)):
        span = (t >= start) & (t < start + 2.0)
        for pitch in chords[index % len(chords)]:
            for harmonic in range(1, 6):
                out[span] += 0.3 / harmonic * np.sin(2 * np.pi * pitch * harmonic * t[span] * vibrato[span])
    for index, pitch in enumerate(
        rng.choice([440.0, 494.0, 523.0, 587.0, 659.0, 698.0, 784.0], round(seconds * 4))
    ):
        span = (t >= index * 0.25) & (t < (index + 1) * 0.25)
        out[span] += (
            0.4 * np.sin(np.pi * (t[span] - index * 0.25) / 0.25) * np.sin(2 * np.pi * pitch * t[span])
        )
    hit = round(0.08 * rate)
    for beat in np.arange(0.0, seconds, 0.5):
        first = round(beat * rate)
        length = min(hit, len(out) - first)
        out[first : first + length] += rng.standard_normal(length) * np.exp(
            -np.arange(length) / (0.02 * rate)
        )
    return AudioChunk((out / np.max(np.abs(out)) * 0.5).astype(np.float32), rate)

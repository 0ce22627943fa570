"""Is an upload fit to clone from? Each refusal names its reason, as a user can act on it.

Reasons (``details["reason"]`` of :class:`SampleRejected`): ``silence``, ``clipping``, ``not_speech``
(music, noise or anything else with little speech in it), ``too_little_speech``, ``too_noisy`` and
``multiple_speakers``. Unreadable files fail in decoding (``unsupported_media``) and oversized ones
with :class:`~vocalis.errors.TooLarge`, before any model runs.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode
from vocalis.audio.levels import clipped_fraction, is_clipped, peak, rms_dbfs
from vocalis.engines.protocols import Embedding, SpeakerEncoder, SpeechSpan, VoiceActivity
from vocalis.engines.speaker import cosine, mean_embedding
from vocalis.errors import SampleRejected, TooLarge

MAX_BYTES = 10 * 1024 * 1024
MAX_SECONDS = 5 * 60.0
MIN_SPEECH_S = 10.0
SILENT_DBFS = -60.0
CLIPPED_FRACTION = 0.001  # a few flattened peaks are tolerable; one in a thousand samples is not
MIN_SNR_DB = 15.0
SOUNDING_DBFS = -50.0
MIN_SPEECH_SHARE = 0.3  # of the sounding time; below it the recording is mostly something else
WINDOW_S = 3.0  # speaker-consistency windows: long enough for a stable embedding
# Centroids of two halves of one speaker's speech sit at 0.9+ with the d-vector; different voices
# reach 0.83 at most for Kokoro's most similar pair, usually far less.
SAME_SPEAKER_MIN = 0.7
MIN_CLUSTER_SHARE = 0.2


@dataclass(frozen=True)
class CheckedSample:
    audio: AudioChunk  # the whole upload, mono, native rate
    speech: AudioChunk  # the detected speech joined up, native rate
    windows: tuple[AudioChunk, ...]  # speech in WINDOW_S pieces, in order
    speech_seconds: float
    snr_db: float
    speaker_consistency: float  # cosine between the two most different groups of windows
    embedding: Embedding  # the checking encoder's embedding of all the speech


def check_upload_size(size: int) -> None:
    """Uploads (one file, or several joined) are limited in bytes before they are even decoded."""
    if size > MAX_BYTES:
        raise TooLarge(
            f"the sample is {size / 2**20:.1f} MiB; the limit is {MAX_BYTES / 2**20:.0f} MiB",
            reason="file_too_large",
            max_bytes=MAX_BYTES,
        )


def check_sample(
    data: bytes, *, vad: VoiceActivity, encoder: SpeakerEncoder, filename: str | None = None
) -> CheckedSample:
    """An uploaded file: its size, then :func:`check_audio` of what it decodes to."""
    check_upload_size(len(data))
    audio = decode(data, max_seconds=MAX_SECONDS, filename=filename)
    return check_audio(audio, vad=vad, encoder=encoder)


def check_audio(audio: AudioChunk, *, vad: VoiceActivity, encoder: SpeakerEncoder) -> CheckedSample:
    """Decoded audio (a stored sample may be larger than the upload was, e.g. as 16-bit WAV)."""
    if audio.duration > MAX_SECONDS + 0.5:
        raise TooLarge(
            f"the sample is {audio.duration:.0f} s long; at most {MAX_SECONDS:.0f} s are used",
            reason="too_long",
            max_seconds=MAX_SECONDS,
        )
    if rms_dbfs(audio) < SILENT_DBFS or peak(audio) < 0.003:
        raise _reject("silence", "the sample is silent: record someone speaking")
    if is_clipped(audio, 0.99) and clipped_fraction(audio, 0.99) > CLIPPED_FRACTION:
        raise _reject(
            "clipping",
            "the sample is clipped (too loud, the waveform is flattened): record again with lower gain",
            clipped_fraction=round(clipped_fraction(audio, 0.99), 4),
        )
    spans = vad.speech_segments(audio)
    speech_seconds = sum(s.duration for s in spans)
    if speech_seconds < MIN_SPEECH_S:
        sounding = _sounding_seconds(audio)
        if speech_seconds < MIN_SPEECH_SHARE * sounding:
            raise _reject(
                "not_speech",
                f"the sample is mostly not speech (music, noise or silence): {speech_seconds:.1f} s of "
                f"speech in {sounding:.1f} s of sound",
                speech_seconds=round(speech_seconds, 2),
            )
        raise _reject(
            "too_little_speech",
            f"the sample has {speech_seconds:.1f} s of speech; at least {MIN_SPEECH_S:g} s are needed "
            "(15 s to 5 min work best)",
            speech_seconds=round(speech_seconds, 2),
        )
    snr = _snr_db(audio, spans)
    if snr < MIN_SNR_DB:
        raise _reject(
            "too_noisy",
            f"the sample is too noisy (speech is {snr:.0f} dB above the background; "
            f"{MIN_SNR_DB:g} dB are needed): record somewhere quieter",
            snr_db=round(snr, 1),
        )
    speech = _join(audio, spans)
    windows = split_windows(speech)
    embeddings = [encoder.embed(w) for w in windows]
    consistency = _consistency(embeddings)
    if consistency < SAME_SPEAKER_MIN:
        raise _reject(
            "multiple_speakers",
            "the sample seems to hold more than one voice: upload speech of one person only",
            consistency=round(consistency, 3),
        )
    return CheckedSample(
        audio=audio,
        speech=speech,
        windows=windows,
        speech_seconds=round(speech_seconds, 2),
        snr_db=round(snr, 1),
        speaker_consistency=round(consistency, 3),
        embedding=mean_embedding(embeddings),
    )


def _reject(reason: str, message: str, **details: object) -> SampleRejected:
    return SampleRejected(message, reason=reason, **details)


def _frame_power(audio: AudioChunk, frame_s: float = 0.03) -> np.ndarray:
    frame = max(1, round(frame_s * audio.sample_rate))
    count = len(audio.samples) // frame
    frames = audio.samples[: count * frame].astype(np.float64).reshape(count, frame)
    return np.asarray(np.mean(frames**2, axis=1))


def _sounding_seconds(audio: AudioChunk) -> float:
    power = _frame_power(audio)
    return float(np.count_nonzero(power >= 10 ** (SOUNDING_DBFS / 10))) * 0.03


def _snr_db(audio: AudioChunk, spans: tuple[SpeechSpan, ...]) -> float:
    """Speech power over the background's, the background measured in the pauses.

    With hardly any pause (continuous speech) the quietest frames stand in for the background.
    """
    power = _frame_power(audio)
    times = np.arange(len(power)) * 0.03 + 0.015
    in_speech = np.zeros(len(power), bool)
    for span in spans:
        in_speech |= (times >= span.start) & (times < span.end)
    speech_power = float(np.mean(power[in_speech])) if in_speech.any() else 0.0
    pauses = power[~in_speech]
    noise = float(np.median(pauses)) if len(pauses) * 0.03 >= 0.5 else float(np.percentile(power, 5))
    return 10.0 * float(np.log10(max(speech_power, 1e-12) / max(noise, 1e-12)))


def _join(audio: AudioChunk, spans: tuple[SpeechSpan, ...]) -> AudioChunk:
    rate = audio.sample_rate
    pieces = [audio.samples[round(s.start * rate) : round(s.end * rate)] for s in spans]
    return AudioChunk(np.concatenate(pieces).astype(np.float32), rate)


def split_windows(speech: AudioChunk, seconds: float = WINDOW_S) -> tuple[AudioChunk, ...]:
    """Consecutive pieces of ``seconds``; a short tail joins the last piece."""
    size = round(seconds * speech.sample_rate)
    count = max(1, len(speech.samples) // size)
    bounds = [i * size for i in range(count)] + [len(speech.samples)]
    return tuple(
        AudioChunk(speech.samples[a:b].copy(), speech.sample_rate) for a, b in itertools.pairwise(bounds)
    )


def _consistency(embeddings: list[Embedding]) -> float:
    """Split the windows into the two most different groups (2-means from the least similar pair) and
    return the cosine of the group centroids; 1.0 when no split leaves both groups a real share."""
    if len(embeddings) < 3:
        return 1.0
    matrix = np.stack(embeddings)
    sims = matrix @ matrix.T
    first, second = np.unravel_index(int(np.argmin(sims)), sims.shape)
    centres = np.stack([matrix[first], matrix[second]])
    for _ in range(10):
        labels = np.argmax(matrix @ centres.T, axis=1)
        if labels.min() == labels.max():
            return 1.0
        centres = np.stack([mean_embedding(list(matrix[labels == k])) for k in (0, 1)])
    share = min(np.mean(labels == 0), np.mean(labels == 1))
    if share < MIN_CLUSTER_SHARE:
        return 1.0
    return cosine(centres[0], centres[1])

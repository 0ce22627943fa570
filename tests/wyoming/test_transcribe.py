"""Speech to text over Wyoming: real human speech in whatever PCM format the client streams."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk as WyomingChunk
from wyoming.audio import AudioStart, AudioStop
from wyoming.client import AsyncTcpClient
from wyoming.event import Event
from wyoming.tts import Synthesize, SynthesizeVoice

from tests.analysis.talks import SHARED_AUDIO
from tests.conftest import word_error_rate, words_of
from tests.servers import run_client
from tests.wyoming.conftest import audio_of, connect, of_type, read_until, wyoming_server
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode_file
from vocalis.audio.resample import resample
from vocalis.graph import Vocalis

RECORDING = SHARED_AUDIO / "vad_train.wav"
SENTENCE = "Please turn off the lights in the living room."


def pcm_stereo_s32(audio: AudioChunk) -> bytes:
    """Both channels the same speech, as 32-bit signed little-endian integers."""
    values = np.clip(audio.samples, -1.0, 1.0 - 2**-31) * 2**31
    frames = np.repeat(values.astype("<i4")[:, None], 2, axis=1)
    return frames.tobytes()


async def send_audio(client: AsyncTcpClient, data: bytes, rate: int, width: int, channels: int) -> None:
    await client.write_event(AudioStart(rate=rate, width=width, channels=channels).event())
    step = 3001  # not a whole number of 8-byte frames: frames are split across chunks
    for start in range(0, len(data), step):
        piece = data[start : start + step]
        await client.write_event(WyomingChunk(rate=rate, width=width, channels=channels, audio=piece).event())
    await client.write_event(AudioStop().event())


def test_a_real_recording_at_48_khz_stereo_32_bit_is_transcribed_as_from_the_file(services: Vocalis) -> None:
    recording = decode_file(RECORDING)
    reference = services.transcriber.transcribe(recording, language="en").text
    assert len(words_of(reference).split()) >= 8  # the recording has real sentences in it

    async def scenario() -> list[Event]:
        async with wyoming_server(services) as server, connect(server) as client:
            await client.write_event(Transcribe(language="en-US").event())
            await send_audio(client, pcm_stereo_s32(resample(recording, 48_000)), 48_000, 4, 2)
            return await read_until(client, of_type("transcript", "error"))

    (answer,) = run_client(scenario())

    transcript = Transcript.from_event(answer)
    assert transcript.language == "en"
    assert word_error_rate(reference, transcript.text) <= 0.15


def test_synthesized_speech_goes_round_trip_through_both_programs(
    services: Vocalis, transcribe: Callable[[AudioChunk], str]
) -> None:
    async def scenario() -> list[Event]:
        async with wyoming_server(services) as server, connect(server) as client:
            await client.write_event(Synthesize(text=SENTENCE, voice=SynthesizeVoice(name="heart")).event())
            spoken = audio_of(await read_until(client, of_type("audio-stop", "error")))
            pcm = (spoken.samples * 32767).astype("<i2").tobytes()
            await client.write_event(Transcribe().event())
            await send_audio(client, pcm, spoken.sample_rate, 2, 1)
            return await read_until(client, of_type("transcript", "error"))

    (answer,) = run_client(scenario())

    assert word_error_rate(SENTENCE, Transcript.from_event(answer).text) <= 0.2


def test_bad_transcription_requests_are_error_events(services: Vocalis) -> None:
    async def scenario() -> list[list[Event]]:
        async with wyoming_server(services) as server, connect(server) as client:
            answers = []
            for request in (Transcribe(language="tlh"), Transcribe(name="whisper-huge")):
                await client.write_event(request.event())
                answers.append(await read_until(client, of_type("error")))
            silence = WyomingChunk(rate=16_000, width=2, channels=1, audio=b"\0" * 640)
            await client.write_event(silence.event())
            answers.append(await read_until(client, of_type("error")))
            await client.write_event(AudioStart(rate=16_000, width=5, channels=1).event())
            answers.append(await read_until(client, of_type("error")))
            return answers

    language, model, stray, width = run_client(scenario())

    assert language[0].data["code"] == "invalid_input" and "tlh" in language[0].data["text"]
    assert model[0].data["code"] == "unknown_model"
    assert stray[0].data["code"] == "invalid_input" and "audio-start" in stray[0].data["text"]
    assert width[0].data["code"] == "invalid_event_field" and "width" in width[0].data["text"]

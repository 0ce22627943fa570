"""The official ``elevenlabs`` and ``openai`` SDKs, unchanged, against a real ``vocalis serve`` (local mode).

Every SDK method that maps to a route Vocalis implements runs twice: with a real API key and with the
placeholder key local guides tell people to pass (``api_key="local"``). Each test asserts what a user
checks: the audio decodes to a plausible length, Whisper hears the words, the objects the SDK parsed
have their fields. At the end the file prints "N of M SDK calls pass".
"""

from __future__ import annotations

import base64
import io
import ssl
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
import soundfile as sf
from elevenlabs import ElevenLabs
from elevenlabs.core.api_error import ApiError

from tests.analysis.talks import FRENCH_LINES, say
from tests.api.conftest import running_server
from tests.conftest import words_of
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode
from vocalis.config import Settings
from vocalis.engines.protocols import PreparedText
from vocalis.graph import Vocalis

VOICE = "heart"  # hibari: about 100 times faster than real time
TEXT = "The weather is lovely today."
KEYS = ("real", "placeholder")
CALLS: dict[str, bool] = {}  # "sdk method [key]" -> passed
CONSENT = "I, Ana Lopez, consent to Vocalis cloning my voice for my course videos, on 2026-11-22"
CLONE_TEXT = (
    "Good morning. Today I would like to tell you about the small town where I grew up. It sits "
    "between two green hills, and a narrow river runs through the middle of it. Every Saturday the "
    "market fills the square with bread, cheese, apples and flowers. My grandmother sold honey there "
    "for forty years, and everybody knew her name. In winter the river freezes and the children skate "
    "on it after school, while their parents drink hot chocolate on the bridge."
)


@pytest.fixture(scope="module")
def base_url(
    settings: Settings, services: Vocalis, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    # No job worker: a clone made here is accepted and its job queued, never run (a clone takes ~100 s).
    jobs = settings.jobs.model_copy(update={"workers": 0})
    data = settings.model_copy(update={"data_dir": tmp_path_factory.mktemp("sdk-contract"), "jobs": jobs})
    with running_server(data, services.engines) as base:
        yield base


@pytest.fixture(scope="module")
def real_key(base_url: str) -> str:
    """A real vk_ key of the local user, made the way a user makes one (no key needed from loopback)."""
    r = httpx.post(f"{base_url}/api/v1/keys", json={"name": "sdk contract"})
    assert r.status_code == 201, r.text
    key: str = r.json()["key"]
    return key


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    passed = sum(CALLS.values())
    for key in KEYS:
        mine = {k: v for k, v in CALLS.items() if k.endswith(f"[{key}]")}
        print(f"\n{sum(mine.values())} of {len(mine)} SDK calls pass with the {key} key")
    print(f"{passed} of {len(CALLS)} SDK calls pass")
    failed = sorted(k for k, v in CALLS.items() if not v)
    if failed:
        print("failed:", ", ".join(failed))


@pytest.fixture(params=KEYS)
def key(request: pytest.FixtureRequest, real_key: str) -> str:
    return real_key if request.param == "real" else "local"


@pytest.fixture
def call(request: pytest.FixtureRequest, key: str) -> Callable[[str, Callable[[], Any]], Any]:
    """Run one SDK call and record whether it worked (bad-input calls count when refused rightly)."""
    label = "real" if key.startswith("vk_") else "placeholder"

    def run(name: str, action: Callable[[], Any]) -> Any:
        entry = f"{name} [{label}]"
        CALLS[entry] = False
        result = action()
        CALLS[entry] = True
        return result

    return run


@pytest.fixture
def eleven(base_url: str, key: str) -> Iterator[ElevenLabs]:
    with httpx.Client(timeout=60) as http:  # closed after the test: no socket left to the collector
        yield ElevenLabs(base_url=base_url, api_key=key, httpx_client=http)


@pytest.fixture
def oai(base_url: str, key: str) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=f"{base_url}/v1", api_key=key) as client:
        yield client


@pytest.fixture(scope="module")
def spoken(services: Vocalis) -> bytes:
    """TEXT spoken by the fast voice, as a WAV upload."""
    return wav(say(services, TEXT, VOICE))


@pytest.fixture(scope="module")
def french(services: Vocalis) -> bytes:
    """One short French sentence (ff_siwis from its phonemes), as a WAV upload."""
    engine = services.engines.get_tts("kokoro")
    _, ipa = FRENCH_LINES[1]  # "En fait, chaque région a son plat préféré."
    audio = engine.render(
        PreparedText(text=ipa, phonemes=ipa, units=len(ipa)), services.voices.resolve("ff_siwis"), 1.0
    )
    return wav(audio)


def wav(audio: AudioChunk) -> bytes:
    buffer = io.BytesIO()
    sf.write(buffer, audio.samples, audio.sample_rate, format="WAV", subtype="PCM_16")
    return buffer.getvalue()


def heard(services: Vocalis, data: bytes) -> str:
    return words_of(services.engines.speech_to_text("en").transcribe(decode(data)).text)


def error_of(exc: ApiError) -> dict[str, Any]:
    body = exc.body
    assert isinstance(body, dict), body
    error: dict[str, Any] = body["error"]
    return error


# ElevenLabs ---------------------------------------------------------------------------------------


def test_eleven_convert(eleven: ElevenLabs, call: Any, services: Vocalis) -> None:
    audio = call("text_to_speech.convert", lambda: b"".join(
        eleven.text_to_speech.convert(VOICE, text=TEXT, model_id="eleven_multilingual_v2",
                                      output_format="wav_24000")
    ))  # fmt: skip
    chunk = decode(audio)
    assert chunk.sample_rate == 24000 and 1.0 < chunk.duration < 4.0
    assert "weather" in heard(services, audio) and "lovely" in heard(services, audio)


def test_eleven_stream(eleven: ElevenLabs, call: Any) -> None:
    pieces = call("text_to_speech.stream", lambda: list(
        eleven.text_to_speech.stream(VOICE, text=f"{TEXT} Let us go outside.", output_format="mp3_22050_32")
    ))  # fmt: skip
    assert 1.5 < decode(b"".join(pieces)).duration < 6.0


def test_eleven_with_timestamps(eleven: ElevenLabs, call: Any) -> None:
    tts = eleven.text_to_speech
    result = call("text_to_speech.convert_with_timestamps", lambda: tts.convert_with_timestamps(
        VOICE, text=TEXT, output_format="mp3_44100_128"
    ))  # fmt: skip
    duration = decode(base64.b64decode(result.audio_base_64)).duration
    alignment = result.alignment
    assert "".join(alignment.characters) == TEXT
    ends = alignment.character_end_times_seconds
    assert ends == sorted(ends) and 0 < ends[-1] <= duration + 0.1


def test_eleven_stream_with_timestamps(eleven: ElevenLabs, call: Any) -> None:
    chunks = call("text_to_speech.stream_with_timestamps", lambda: list(
        eleven.text_to_speech.stream_with_timestamps(VOICE, text=f"{TEXT} See you soon.",
                                                     output_format="mp3_44100_128")
    ))  # fmt: skip
    audio = b"".join(base64.b64decode(c.audio_base_64) for c in chunks if c.audio_base_64)
    text = "".join(ch for c in chunks if c.alignment for ch in c.alignment.characters)
    assert 1.5 < decode(audio).duration < 6.0
    assert "lovely" in text and "soon" in text


def test_eleven_voices(eleven: ElevenLabs, call: Any) -> None:
    every = call("voices.get_all", lambda: eleven.voices.get_all())
    ids = [v.voice_id for v in every.voices]
    assert VOICE in ids and "af_heart" in ids
    first = call(
        "voices.search", lambda: eleven.voices.search(page_size=5, sort="name", sort_direction="asc")
    )
    assert len(first.voices) == 5 and first.has_more and first.total_count == len(ids)
    following = eleven.voices.search(page_size=5, sort="name", next_page_token=first.next_page_token)
    seen = [*first.voices, *following.voices]
    names = [v.name.casefold() for v in seen]
    assert names == sorted(names) and len({v.voice_id for v in seen}) == 10
    found = eleven.voices.search(search="british")
    assert found.voices and all(v.labels["accent"] == "British" for v in found.voices)
    one = call("voices.get", lambda: eleven.voices.get("af_heart"))
    assert one.voice_id == "af_heart" and one.category == "premade" and one.labels["language"] == "en-US"


def test_eleven_voice_add_takes_consent_from_labels(
    eleven: ElevenLabs, call: Any, services: Vocalis, base_url: str, key: str
) -> None:
    sample = ("me.wav", wav(say(services, CLONE_TEXT, VOICE)), "audio/wav")
    with pytest.raises(ApiError) as refused:
        eleven.voices.ivc.create(name="Ana", files=[sample])
    assert refused.value.status_code == 400
    assert error_of(refused.value)["code"] == "consent_required"
    assert 'labels={"consent"' in error_of(refused.value)["message"]
    added = call("voices.ivc.create", lambda: eleven.voices.ivc.create(
        name="Ana", files=[sample], labels={"consent": CONSENT, "accent": "Irish"}
    ))  # fmt: skip
    assert added.voice_id.startswith("clone_") and added.requires_verification is False
    job = httpx.get(f"{base_url}/v1/jobs/{(added.model_extra or {})['job_id']}", headers={"xi-api-key": key})
    assert job.status_code == 200 and job.json()["status"] == "queued"
    voice = eleven.voices.get(added.voice_id)
    assert voice.category == "cloned" and voice.labels["accent"] == "Irish" and "consent" not in voice.labels
    extra = voice.model_extra or {}
    assert extra["cloning"]["consent"]["statement"] == CONSENT
    call("voices.delete", lambda: eleven.voices.delete(added.voice_id))
    with pytest.raises(ApiError) as gone:
        eleven.voices.get(added.voice_id)
    assert gone.value.status_code == 404


def test_eleven_history(eleven: ElevenLabs, call: Any) -> None:
    made = b"".join(eleven.text_to_speech.convert(VOICE, text="History check.", output_format="mp3_22050_32"))
    page = call("history.list", lambda: eleven.history.list(page_size=10))
    item = next(i for i in page.history if i.text == "History check.")
    assert item.voice_id == VOICE and item.history_item_id
    got = call("history.get", lambda: eleven.history.get(item.history_item_id))
    assert got.text == "History check." and got.date_unix
    audio = call("history.get_audio", lambda: b"".join(eleven.history.get_audio(item.history_item_id)))
    assert audio == made


def test_eleven_models_user_subscription(eleven: ElevenLabs, call: Any) -> None:
    models = call("models.list", lambda: eleven.models.list())
    by_id = {m.model_id: m for m in models}
    assert by_id["kokoro"].can_do_text_to_speech and by_id["eleven_multilingual_v2"].can_do_text_to_speech
    assert not by_id["scribe_v1"].can_do_text_to_speech
    assert any(lang.language_id == "en-US" for lang in by_id["kokoro"].languages or [])
    before = call("user.subscription.get", lambda: eleven.user.subscription.get())
    assert before.character_limit > 0 and before.next_character_count_reset_unix
    b"".join(eleven.text_to_speech.convert(VOICE, text="Twelve chars", output_format="pcm_16000"))
    me = call("user.get", lambda: eleven.user.get())
    assert me.user_id and me.subscription.character_count == before.character_count + len("Twelve chars")


def test_eleven_speech_to_text(eleven: ElevenLabs, call: Any, spoken: bytes) -> None:
    result = call("speech_to_text.convert", lambda: eleven.speech_to_text.convert(
        model_id="scribe_v1", file=("speech.wav", spoken), timestamps_granularity="character"
    ))  # fmt: skip
    assert "weather" in words_of(result.text) and result.language_code == "en"
    assert 0.5 < result.language_probability <= 1.0
    words = [w for w in result.words if w.type == "word"]
    assert [words_of(w.text) for w in words][:2] == ["the", "weather"]
    assert {w.type for w in result.words} == {"word", "spacing"}
    assert all(w.start is not None and w.end is not None and w.start <= w.end for w in result.words)
    assert words[1].characters and "".join(c.text for c in words[1].characters) == words[1].text
    plain = eleven.speech_to_text.convert(
        model_id="scribe_v1", file=("s.wav", spoken), timestamps_granularity="none", language_code="eng"
    )
    assert plain.words == [] and plain.text == result.text and plain.language_probability == 1.0


def test_eleven_bad_input_is_our_json_and_the_server_keeps_serving(eleven: ElevenLabs, call: Any) -> None:
    cases: list[tuple[str, Callable[[], Any], int, str]] = [
        ("bad output_format", lambda: b"".join(eleven.text_to_speech.convert(VOICE, text=TEXT, output_format="mp3_fast")), 400, "unsupported_format"),  # type: ignore[arg-type]  # noqa: E501
        ("unknown model_id", lambda: b"".join(eleven.text_to_speech.convert(VOICE, text=TEXT, model_id="eleven_nope")), 404, "unknown_model"),  # noqa: E501
        ("stt not audio", lambda: eleven.speech_to_text.convert(model_id="scribe_v1", file=("notes.wav", b"plain text, not audio")), 415, "unsupported_media"),  # noqa: E501
        ("stt cloud_storage_url", lambda: eleven.speech_to_text.convert(model_id="scribe_v1", cloud_storage_url="https://example.com/a.mp3"), 400, "invalid_input"),  # noqa: E501
        ("stt no file", lambda: eleven.speech_to_text.convert(model_id="scribe_v1"), 400, "invalid_input"),
        ("stt unknown model", lambda: eleven.speech_to_text.convert(model_id="scribe_nope", file=("a.wav", b"x")), 404, "unknown_model"),  # noqa: E501
    ]  # fmt: skip
    for name, action, status, code in cases:

        def refused(action: Callable[[], Any] = action, status: int = status) -> dict[str, Any]:
            with pytest.raises(ApiError) as info:
                action()
            assert info.value.status_code == status, info.value.body
            return error_of(info.value)

        error = call(f"refused: {name}", refused)
        assert error["code"] == code and error["message"], (name, error)
    assert eleven.user.get().user_id  # still serving


# The helper reads ConnectionClosed.code, which websockets deprecates, when the server ends the stream.
@pytest.mark.filterwarnings("ignore:ConnectionClosed.code is deprecated:DeprecationWarning")
def test_eleven_stream_input_helper(call: Any, key: str, tls_base_url: str) -> None:
    """convert_realtime always dials wss://, so this one runs against an https server."""
    api_key = key if key == "local" else tls_key(tls_base_url)
    pieces = iter(["The weather ", "is lovely ", "today. See ", "you soon."])
    with httpx.Client() as http:
        client = ElevenLabs(base_url=tls_base_url, api_key=api_key, httpx_client=http)
        audio = call("text_to_speech.convert_realtime", lambda: b"".join(
            client.text_to_speech.convert_realtime(VOICE, text=pieces, output_format="mp3_22050_32")
        ))  # fmt: skip
    assert 1.5 < decode(audio).duration < 6.0


# OpenAI -------------------------------------------------------------------------------------------


def test_openai_speech(oai: openai.OpenAI, call: Any, services: Vocalis) -> None:
    response = call("audio.speech.create", lambda: oai.audio.speech.create(
        model="tts-1", voice=VOICE, input=TEXT, response_format="wav", instructions="Speak cheerfully."
    ))  # fmt: skip
    assert 1.0 < decode(response.content).duration < 4.0
    assert "lovely" in heard(services, response.content)

    def streamed() -> bytes:
        with oai.audio.speech.with_streaming_response.create(
            model="gpt-4o-mini-tts", voice=VOICE, input=f"{TEXT} Bye.", response_format="flac"
        ) as r:
            return b"".join(r.iter_bytes())

    data = call("audio.speech.with_streaming_response.create", streamed)
    info = sf.info(io.BytesIO(data))
    assert 1.0 < info.duration < 5.0 and info.frames > 0


@pytest.mark.parametrize("fmt", ["json", "text", "srt", "vtt", "verbose_json"])
def test_openai_transcriptions(oai: openai.OpenAI, call: Any, spoken: bytes, fmt: str) -> None:
    result = call(f"audio.transcriptions.create {fmt}", lambda: oai.audio.transcriptions.create(
        model="whisper-1", file=("speech.wav", spoken), response_format=fmt, language="en",  # type: ignore[call-overload]
        **({"timestamp_granularities": ["word", "segment"]} if fmt == "verbose_json" else {}),
    ))  # fmt: skip
    text = result if isinstance(result, str) else result.text
    assert "lovely" in words_of(text)
    if fmt == "srt":
        assert text.startswith("1\n00:00:00,")
    if fmt == "vtt":
        assert text.startswith("WEBVTT")
    if fmt == "verbose_json":
        assert result.language == "en" and result.duration > 1.0
        assert result.segments and result.words and result.words[0].end > result.words[0].start


@pytest.mark.parametrize("fmt", ["json", "text", "srt", "vtt", "verbose_json"])
@pytest.mark.filterwarnings("ignore:deprecated:DeprecationWarning")  # the SDK's own marker on translations
def test_openai_translations(oai: openai.OpenAI, call: Any, french: bytes, fmt: str) -> None:
    result = call(f"audio.translations.create {fmt}", lambda: oai.audio.translations.create(
        model="whisper-1", file=("french.wav", french), response_format=fmt,  # type: ignore[call-overload]
    ))  # fmt: skip
    text = words_of(result if isinstance(result, str) else result.text)
    assert "region" in text or "dish" in text, text  # "In fact, each region has its favourite dish."
    assert "chaque" not in text
    if fmt == "verbose_json":
        assert result.language == "en" and result.segments


def test_openai_models_and_bad_input(oai: openai.OpenAI, call: Any) -> None:
    ids = [m.id for m in call("models.list", lambda: oai.models.list())]
    assert {"kokoro", "tts-1", "whisper-1"} <= set(ids)

    def unknown_model() -> dict[str, Any]:
        with pytest.raises(openai.NotFoundError) as info:
            oai.audio.speech.create(model="tts-9", voice=VOICE, input=TEXT)
        body = info.value.body
        assert isinstance(body, dict)
        error: dict[str, Any] = body.get("error", body)
        return error

    assert call("refused: unknown model", unknown_model)["code"] == "unknown_model"

    def not_audio() -> int:
        with pytest.raises(openai.APIStatusError) as info:
            oai.audio.transcriptions.create(model="whisper-1", file=("a.mp3", b"not audio at all"))
        return info.value.status_code

    assert call("refused: transcription not audio", not_audio) == 415
    assert oai.models.list().data  # still serving


# The https server for the SDK's WebSocket helper ---------------------------------------------------


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


_TLS_KEYS: dict[str, str] = {}


@pytest.fixture(scope="module")
def tls_base_url(
    settings: Settings,
    services: Vocalis,
    tmp_path_factory: pytest.TempPathFactory,
    tls_files: tuple[Path, Path],
) -> Iterator[str]:
    data = settings.model_copy(update={"data_dir": tmp_path_factory.mktemp("sdk-tls")})
    with running_server(data, services.engines, tls=tls_files) as base, pytest.MonkeyPatch.context() as patch:
        patch.setenv("SSL_CERT_FILE", str(tls_files[0]))  # websockets' default context trusts it
        trusted = ssl.create_default_context(cafile=str(tls_files[0]))
        r = httpx.post(f"{base}/api/v1/keys", json={"name": "tls"}, verify=trusted)
        assert r.status_code == 201, r.text
        _TLS_KEYS[base] = r.json()["key"]
        yield base


def tls_key(base: str) -> str:
    return _TLS_KEYS[base]


def test_eleven_history_filters_and_pages_by_cursor(eleven: ElevenLabs, call: Any) -> None:
    token = uuid.uuid4().hex[:8]  # both keys are the local user: each run searches for its own items
    texts = [f"Cursor {n} {token}." for n in ("one", "two", "three")]
    for text in texts:
        b"".join(eleven.text_to_speech.convert(VOICE, text=text, output_format="mp3_22050_32"))
    first = call("history.list(page_size, search)", lambda: eleven.history.list(page_size=2, search=token))
    assert [i.text for i in first.history] == [texts[2], texts[1]] and first.has_more
    rest = call(
        "history.list(start_after_history_item_id)",
        lambda: eleven.history.list(
            page_size=2, search=token, start_after_history_item_id=first.last_history_item_id
        ),
    )
    assert [i.text for i in rest.history] == [texts[0]] and not rest.has_more
    oldest = eleven.history.list(page_size=1, search=token, sort_direction="asc", voice_id=VOICE)
    assert [i.text for i in oldest.history] == [texts[0]]
    later = eleven.history.list(search=token, date_after_unix=int(time.time()) + 3600)
    assert later.history == []
    with pytest.raises(ApiError) as refused:
        eleven.history.list(start_after_history_item_id="syn_unknown")
    assert refused.value.status_code == 404

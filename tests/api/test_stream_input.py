"""WS /v1/text-to-speech/{voice_id}/stream-input: text pieces in, sentence audio with alignment out."""

from __future__ import annotations

import base64
from typing import Any

from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from vocalis.audio.decode import decode
from vocalis.realtime.stream_input import TextBuffer

URL = "/v1/text-to-speech/af_heart/stream-input"


def receive_until_final(ws: Any) -> list[dict[str, Any]]:
    messages = []
    while True:
        message = ws.receive_json()
        messages.append(message)
        if message.get("isFinal"):
            return messages


def test_llm_style_pieces_become_sentence_audio(client: TestClient) -> None:
    with client.websocket_connect(f"{URL}?output_format=mp3_22050_32") as ws:
        ws.send_json({"text": " ", "voice_settings": {"stability": 0.5, "speed": 1.0}})
        for piece in ["Hel", "lo there", ". How are", " you ", "doing today? I am", " fine"]:
            ws.send_json({"text": piece})
        ws.send_json({"text": ""})
        messages = receive_until_final(ws)
    audio_messages = [m for m in messages if m.get("audio")]
    spoken = ["".join(m["alignment"]["chars"]) for m in audio_messages]
    assert "".join(spoken).replace(" ", "") == "Hellothere.Howareyoudoingtoday?Iamfine"
    assert len(audio_messages) >= 2  # the first sentence left before the end of input
    for message in audio_messages:
        starts = message["alignment"]["charStartTimesMs"]
        assert starts == sorted(starts)
        assert (
            len(starts) == len(message["alignment"]["chars"]) == len(message["alignment"]["charDurationsMs"])
        )
    total = sum(decode(base64.b64decode(m["audio"])).duration for m in audio_messages)
    assert 2.0 < total < 8.0


def test_flush_says_what_is_buffered(client: TestClient) -> None:
    with client.websocket_connect(URL + "?output_format=pcm_16000") as ws:
        ws.send_json({"text": "No sentence end yet"})
        ws.send_json({"text": " ", "flush": True})
        message = ws.receive_json()
        assert "".join(message["alignment"]["chars"]).strip() == "No sentence end yet"
        assert len(base64.b64decode(message["audio"])) / 2 / 16000 > 0.5
        ws.send_json({"text": ""})
        assert ws.receive_json() == {"isFinal": True}


def test_broken_messages_get_error_replies_and_the_socket_stays_open(client: TestClient) -> None:
    with client.websocket_connect(URL) as ws:
        ws.send_text("{not json")
        assert ws.receive_json()["error"]["code"] == "invalid_input"
        ws.send_text("[1, 2]")
        assert ws.receive_json()["error"]["code"] == "invalid_input"
        ws.send_json({"text": 42})
        assert ws.receive_json()["error"]["code"] == "invalid_input"
        ws.send_json({"text": "x" * 6000})
        assert ws.receive_json()["error"]["code"] == "too_large"
        ws.send_json({"text": "Still alive."})
        ws.send_json({"text": ""})
        messages = receive_until_final(ws)
    assert any(m.get("audio") for m in messages)


def test_unknown_voice_or_format_is_reported_then_closed(client: TestClient) -> None:
    for url in ("/v1/text-to-speech/nobody/stream-input", URL + "?output_format=wav_24000"):
        with client.websocket_connect(url) as ws:
            assert "error" in ws.receive_json()
            try:
                ws.receive_json()
            except WebSocketDisconnect as closed:
                assert closed.code == 1008
            else:
                raise AssertionError("the socket should close")


def test_text_buffer_releases_only_complete_sentences() -> None:
    buffer = TextBuffer()
    buffer.add("Dr. Smith arrived")
    assert buffer.take_sentences() == ""
    buffer.add(". He sat")
    assert buffer.take_sentences() == "Dr. Smith arrived."
    buffer.add(" down. ")
    assert buffer.take_sentences().strip() == "He sat down."
    assert buffer.take_all().strip() == ""


def test_text_buffer_releases_an_ssml_document_whole() -> None:
    buffer = TextBuffer()
    buffer.add("<speak>Hello there. <break time=")
    assert buffer.take_sentences() == ""
    buffer.add('"1s"/> Bye.</speak> Then plain. And')
    assert buffer.take_sentences() == '<speak>Hello there. <break time="1s"/> Bye.</speak>'
    assert buffer.take_sentences().strip() == "Then plain."

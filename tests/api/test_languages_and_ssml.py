"""Languages and SSML over HTTP: the fields every speech route takes, and the answers to bad input."""

from __future__ import annotations

import json
import time

from fastapi.testclient import TestClient

from vocalis.audio.decode import decode

SSML = '<speak>Hello <audio src="bell.wav">there</audio> <break time="500ms"/> friend.</speak>'


def test_malformed_ssml_is_a_400_naming_line_and_column_on_every_route(client: TestClient) -> None:
    bad = "<speak>\n  Hello <emphasis>world</speak>"
    answers = [
        client.post("/v1/audio/speech", json={"input": bad, "voice": "af_heart"}),
        client.post("/v1/text-to-speech/af_heart", json={"text": bad}),
        client.post("/tts", json={"text": bad, "voice": "af_heart"}),
        client.post("/synthesize", json={"text": bad, "voice_id": "af_heart"}),
        client.post("/v1/jobs", json={"text": bad, "voice": "af_heart"}),
    ]
    for answer in answers:
        assert answer.status_code == 400, answer.text
        error = answer.json()["error"]
        assert error["code"] == "invalid_ssml"
        assert (error["details"]["line"], error["details"]["column"]) == (2, 24)
        assert error["message"].startswith("SSML line 2, column 24:")


def test_a_billion_laughs_is_refused_at_once(client: TestClient) -> None:
    entities = "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 12))
    document = f'<?xml version="1.0"?><!DOCTYPE speak [<!ENTITY a0 "ha">{entities}]><speak>&a11;</speak>'
    started = time.perf_counter()
    answer = client.post("/v1/audio/speech", json={"input": document, "voice": "af_heart"})
    assert time.perf_counter() - started < 2.0
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid_ssml"


def test_ignored_markup_is_named_in_a_header_and_the_audio_keeps_its_text(client: TestClient) -> None:
    answer = client.post(
        "/v1/audio/speech", json={"input": SSML, "voice": "af_heart", "response_format": "wav"}
    )
    assert answer.status_code == 200
    assert answer.headers["x-ssml-ignored"] == "audio 1:14 unsupported element"
    assert answer.headers["x-language"] == "en-US"
    assert 1.0 < decode(answer.content).duration < 4.0


def test_the_language_follows_the_voice_and_a_request_may_name_another(client: TestClient) -> None:
    french = client.post("/tts", json={"text": "Bonjour à tous.", "voice": "ff_siwis"})
    assert french.status_code == 200 and french.headers["x-language"] == "fr-FR"
    english = client.post(
        "/v1/text-to-speech/ff_siwis", json={"text": "Good morning.", "language_code": "en"}
    )
    assert english.status_code == 200 and english.headers["x-language"] == "en-US"
    spanish = client.post(
        "/v1/audio/speech",
        json={"input": "Hola.", "voice": "af_heart", "language": "es", "response_format": "wav"},
    )
    assert spanish.headers["x-language"] == "es-ES"


def test_an_unknown_language_is_a_422_listing_the_supported_ones(client: TestClient) -> None:
    for body in ({"input": "Hello.", "voice": "af_heart", "language": "tlh"},
                 {"input": "Hello.", "voice": "af_heart", "language": "not a language"}):  # fmt: skip
        answer = client.post("/v1/audio/speech", json=body)
        assert answer.status_code == 422
        error = answer.json()["error"]
        assert error["code"] == "unsupported_language"
        assert "fr-FR" in error["details"]["supported"]


def test_timestamps_point_into_the_ssml_document(client: TestClient) -> None:
    document = "<speak>Good <emphasis>morning</emphasis> everyone.</speak>"
    answer = client.post(
        "/v1/text-to-speech/af_heart/with-timestamps",
        json={"text": document},
        params={"output_format": "mp3_44100_128"},
    )
    assert answer.status_code == 200
    alignment = answer.json()["alignment"]
    spoken = "".join(alignment["characters"])
    for word in ("Good", "morning", "everyone"):
        assert word in spoken
    starts = alignment["character_start_times_seconds"]
    assert starts == sorted(starts)


def test_a_job_keeps_its_language(client: TestClient) -> None:
    answer = client.post(
        "/v1/jobs",
        json={"text": "Il est 14 h 30.", "voice": "af_heart", "language": "fr-FR", "format": "wav"},
    )
    assert answer.status_code in (200, 201, 202), answer.text
    job_id = answer.json()["id"]
    for _ in range(240):
        job = client.get(f"/v1/jobs/{job_id}").json()
        if job["status"] in ("succeeded", "failed"):
            break
        time.sleep(0.25)
    assert job["status"] == "succeeded", job
    stamps = client.get(f"/v1/jobs/{job_id}/timestamps").json()
    assert [w["word"] for w in stamps["words"]][:2] == ["Il", "est"]
    history = client.get("/v1/history").json()
    assert json.dumps(history)  # the job's synthesis is in the history like any other


def test_json_answers_list_the_ignored_markup(client: TestClient) -> None:
    answer = client.post("/v1/text-to-speech/af_heart/with-timestamps", json={"text": SSML})
    assert answer.status_code == 200
    assert answer.json()["ssml_ignored"] == [
        {"name": "audio", "line": 1, "column": 14, "reason": "unsupported element"}
    ]
    events = client.post(
        "/v1/audio/speech", json={"input": SSML, "voice": "af_heart", "stream_format": "sse"}
    ).text.split("\n\n")
    done = json.loads(next(e for e in events if "speech.audio.done" in e).removeprefix("data: "))
    assert done["ssml_ignored"][0]["name"] == "audio"

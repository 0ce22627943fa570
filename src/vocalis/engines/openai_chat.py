"""A chat model behind any OpenAI-compatible server: Ollama, llama.cpp's server, vLLM, OpenAI.

One ``POST {base_url}/chat/completions`` per reply, without streaming, with httpx. Everything that can
go wrong on the wire becomes one of three errors: the server is down, busy or failing
(:class:`ChatModelUnavailable`, retryable), it did not answer in time (:class:`ChatModelTimeout`,
retryable), or it answered with a refusal or something that is not a chat completion
(:class:`ChatModelError`: the configuration needs fixing). The API key is sent only in the
Authorization header and scrubbed from every message built from the server's answer.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import httpx

from vocalis.engines.protocols import ChatMessage, ChatReply
from vocalis.errors import (
    ChatModelError,
    ChatModelTimeout,
    ChatModelUnavailable,
    InvalidInput,
    OutOfRange,
)

ROLES = ("system", "user", "assistant")
MAX_TEMPERATURE = 2.0  # OpenAI's upper bound; the other servers accept the same range
_EXCERPT = 200  # characters of a server's error body repeated in our message
# Server statuses that mean "not now" rather than "not like this".
_RETRYABLE = {408, 425, 429, 500, 502, 503, 504}


class OpenAIChatModel:
    """Chat completions from an OpenAI-compatible server; ``model`` None lets the server pick.

    llama.cpp's server and vLLM answer with the model they have loaded when no model is named;
    Ollama and OpenAI need one. Thread-safe: each call has its own connection.
    """

    def __init__(
        self,
        *,
        base_url: str,
        model: str | None = None,
        api_key: str | None = None,
        timeout_s: float = 60.0,
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"the chat server URL must start with http:// or https://: {base_url!r}")
        if timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
        self.name = model or "default"
        self.model = model
        self._url = base_url.rstrip("/") + "/chat/completions"
        self._api_key = api_key or None
        self._timeout_s = timeout_s

    def __repr__(self) -> str:  # never the API key
        return f"OpenAIChatModel(url={self.url!r}, model={self.model!r})"

    @property
    def url(self) -> str:
        """The endpoint, without any user name or password the base URL carried."""
        return str(httpx.URL(self._url).copy_with(username=None, password=None))

    def complete(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int = 256,
        temperature: float = 0.0,
        timeout_s: float | None = None,
    ) -> ChatReply:
        """The model's reply to ``messages``; ``timeout_s`` (default: the configured one) bounds the
        connection and every wait for data, so a server that stops answering fails in that time."""
        timeout = self._timeout_s if timeout_s is None else timeout_s
        body = self._request_body(messages, max_tokens=max_tokens, temperature=temperature, timeout=timeout)
        headers = {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}
        try:
            # A client per reply: its connection set-up is nothing next to a generation, and nothing
            # is left open for whoever owns this engine to close.
            with httpx.Client(headers=headers, timeout=httpx.Timeout(timeout)) as client:
                response = client.post(self._url, json=body)
        except httpx.TimeoutException as exc:
            raise ChatModelTimeout(
                f"the chat server at {self.url} did not answer within {timeout:g} s",
                url=self.url,
                timeout_s=timeout,
            ) from exc
        except httpx.TransportError as exc:
            raise ChatModelUnavailable(
                f"cannot reach the chat server at {self.url}: {self._scrub(str(exc)) or type(exc).__name__}",
                url=self.url,
            ) from exc
        if not response.is_success:
            raise self._status_error(response)
        return self._reply(response)

    def _request_body(
        self, messages: Sequence[ChatMessage], *, max_tokens: int, temperature: float, timeout: float
    ) -> dict[str, Any]:
        if not messages:
            raise InvalidInput("a chat completion needs at least one message")
        for message in messages:
            if message.role not in ROLES:
                raise InvalidInput(
                    f"unknown chat role {message.role!r}", role=message.role, roles=list(ROLES)
                )
        if max_tokens < 1:
            raise OutOfRange("max_tokens must be at least 1", max_tokens=max_tokens)
        if not 0.0 <= temperature <= MAX_TEMPERATURE or math.isnan(temperature):
            raise OutOfRange(
                f"temperature must be between 0 and {MAX_TEMPERATURE:g}", temperature=temperature
            )
        if not timeout > 0:
            raise OutOfRange("timeout_s must be positive", timeout_s=timeout)
        body: dict[str, Any] = {
            "messages": [asdict(m) for m in messages],
            "max_tokens": max_tokens,
            "temperature": temperature,
            "stream": False,
        }
        if self.model:
            body["model"] = self.model
        return body

    def _status_error(self, response: httpx.Response) -> ChatModelUnavailable | ChatModelError:
        status = response.status_code
        said = self._scrub(_error_text(response))
        details: dict[str, Any] = {"url": self.url, "status": status}
        if said:
            details["server_message"] = said
        suffix = f": {said}" if said else ""
        if status in _RETRYABLE:
            retry_after = response.headers.get("retry-after", "")
            if retry_after.isdigit():
                details["retry_after"] = int(retry_after)
            return ChatModelUnavailable(f"the chat server is unavailable (HTTP {status}){suffix}", **details)
        if status in (401, 403):
            hint = "check VOCALIS_CHAT__API_KEY"
        elif status == 404:
            hint = "check VOCALIS_CHAT__MODEL and VOCALIS_CHAT__BASE_URL (it usually ends in /v1)"
        else:
            hint = "the server did not accept the request"
        return ChatModelError(
            f"the chat server refused the request (HTTP {status}; {hint}){suffix}", **details
        )

    def _reply(self, response: httpx.Response) -> ChatReply:
        try:
            data = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ChatModelError(
                f"the chat server at {self.url} answered with something that is not JSON",
                url=self.url,
                excerpt=self._scrub(response.text[:_EXCERPT]),
            ) from exc
        try:
            choice = data["choices"][0]
            content = choice["message"].get("content")
            if content is not None and not isinstance(content, str):
                raise TypeError("content is not a string")
            usage = data.get("usage") or {}
            return ChatReply(
                text=content or "",  # null content: the model said nothing (e.g. only stop tokens)
                model=str(data.get("model") or self.model or ""),
                finish_reason=str(choice.get("finish_reason") or "stop"),
                prompt_tokens=_count(usage.get("prompt_tokens")),
                completion_tokens=_count(usage.get("completion_tokens")),
            )
        except (KeyError, IndexError, TypeError, AttributeError) as exc:
            raise ChatModelError(
                f"the chat server at {self.url} answered JSON that is not a chat completion",
                url=self.url,
                excerpt=self._scrub(response.text[:_EXCERPT]),
            ) from exc

    def _scrub(self, text: str) -> str:
        """Servers sometimes echo the request; the key must not travel on in our messages."""
        return text.replace(self._api_key, "***") if self._api_key else text


def _error_text(response: httpx.Response) -> str:
    """The human part of an error body: OpenAI's error.message, Ollama's error, FastAPI's detail."""
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return response.text[:_EXCERPT].strip()
    if isinstance(data, dict):
        for value in (data.get("error"), data.get("detail"), data.get("message")):
            if isinstance(value, dict):
                value = value.get("message")
            if isinstance(value, str) and value:
                return value[:_EXCERPT]
    return json.dumps(data)[:_EXCERPT]


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None

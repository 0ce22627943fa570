"""Which client is calling, for the one path both SDKs share with different shapes (``GET /v1/models``).

The rule, documented in the README and the OpenAPI description: a request is an ElevenLabs client's
when it carries an ``xi-api-key`` header, or the ElevenLabs SDK's own ``X-Fern-SDK-Name: elevenlabs``
header (the official SDKs send it with every call, even without a key), or asks with
``?shape=elevenlabs``. Everything else (the openai SDK sends ``Authorization: Bearer`` and its
``X-Stainless-*`` headers) gets OpenAI's shape.
"""

from __future__ import annotations

from starlette.requests import HTTPConnection

ELEVENLABS_SDK_HEADER = "x-fern-sdk-name"
RULE = (
    "ElevenLabs clients, recognised by an `xi-api-key` header or the ElevenLabs SDK's "
    "`X-Fern-SDK-Name: elevenlabs` header (or `?shape=elevenlabs`), get ElevenLabs' list of models; "
    "every other client (the openai SDK: `Authorization: Bearer`) gets OpenAI's `{object: list, data}`."
)


def is_elevenlabs_client(connection: HTTPConnection, shape: str | None = None) -> bool:
    if shape is not None:
        return shape == "elevenlabs"
    headers = connection.headers
    return "xi-api-key" in headers or headers.get(ELEVENLABS_SDK_HEADER, "").lower() == "elevenlabs"

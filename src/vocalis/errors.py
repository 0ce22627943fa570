"""One exception tree for Vocalis.

Every error knows its HTTP status, a stable machine code and whether retrying can help. The API maps
them to ``{"error": {"code", "message", "details"}}`` in one place; the CLI prints the message and
exits with code 2.

    VocalisError (500, internal_error)
    ├── InvalidInput (400, invalid_input)
    │   ├── EmptyText (400, empty_text)
    │   ├── InvalidBlend (400, invalid_blend)
    │   ├── OutOfRange (400, out_of_range)
    │   ├── UnsupportedFormat (400, unsupported_format)
    │   ├── UnsupportedMedia (415, unsupported_media)
    │   │   ├── UnsupportedSampleRate (415, unsupported_sample_rate; details: sample_rate, max_sample_rate)
    │   │   └── TooManyChannels (415, too_many_channels; details: channels, max_channels)
    │   ├── ConsentRequired (400, consent_required)
    │   ├── SampleRejected (400, sample_rejected; details.reason says why)
    │   ├── ScenarioError (400, invalid_scenario; details: file, field): an interview scenario file
    │   ├── UnknownJobKind (400, unknown_job_kind)
    │   ├── InvalidCharacters (422, invalid_characters): a NUL or an unpaired surrogate in any text
    │   ├── InvalidSsml (400, invalid_ssml; details: line, column, 1-based): SSML that is not
    │   │                well-formed, unsafe (DOCTYPE, entities, processing instructions) or invalid
    │   ├── UnsupportedLanguage (422, unsupported_language): the voice can say none of the text
    │   └── InvalidEvent (400, invalid_event): a WebSocket frame that is no event of its protocol
    │       ├── MalformedEvent (400, malformed_event): not JSON, not an object, bad binary payload
    │       ├── UnknownEvent (400, unknown_event; details name the type and the known ones)
    │       ├── InvalidEventField (400, invalid_event_field; details name the field)
    │       ├── ChunkRefused (400, chunk_refused; details.reason): live audio not taken, resend it
    │       └── UnexpectedFrame (400, unexpected_frame): binary where text is expected, or vice versa
    ├── Unauthorized (401, unauthorized)
    ├── Forbidden (403, forbidden)
    │   ├── QuotaExceeded (403, quota_exceeded; details name the limit)
    │   └── CrossOriginRequest (403, cross_origin_request): a cookie-signed-in change from a foreign page
    ├── Conflict (409, conflict)
    │   ├── JobNotReady (409, job_not_ready)
    │   └── CloneCancelled (409, cancelled)
    ├── RateLimited (429, rate_limited, retryable; details carry retry_after seconds)
    ├── NotFound (404, not_found)
    │   ├── UnknownVoice (404, unknown_voice)
    │   ├── UnknownModel (404, unknown_model)
    │   └── UnknownScenario (404, unknown_scenario)
    ├── TooLarge (413, too_large)
    │   └── FrameTooLarge (413, frame_too_large; closes a WebSocket with 1009)
    ├── SessionTimeout (408, session_timeout)
    │   ├── IdleTimeout (408, idle_timeout): nothing received for too long
    │   └── SlowConsumer (408, slow_consumer): the client stopped reading what it asked for
    ├── ModelUnavailable (503, model_unavailable)
    │   ├── VoicePackUnreadable (503, voice_pack_unreadable)
    │   └── ChatModelUnavailable (503, chat_model_unavailable, retryable; the chat server is down or busy)
    │       └── ChatModelTimeout (504, chat_model_timeout, retryable)
    ├── ChatModelError (502, chat_model_error; the chat server refused the request or answered nonsense)
    ├── Overloaded (503, overloaded, retryable; details carry retry_after seconds)
    ├── DownloadFailed (502, download_failed, retryable)
    ├── StorageUnavailable (503, storage_unavailable, retryable; details name the dependency and
    │                       retry_after; the client's message never names hosts, ports or paths)
    ├── EngineFailure (500, engine_failure)
    └── StepFailed (500; a job step failed after its retries: the job takes its cause's code)
"""

from __future__ import annotations

from typing import Any, ClassVar


class VocalisError(Exception):
    status: ClassVar[int] = 500
    code: ClassVar[str] = "internal_error"
    retryable: ClassVar[bool] = False
    # Seconds after which asking again may succeed; the API sends it as Retry-After.
    retry_after: int | None = None

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "details": self.details}


class InvalidInput(VocalisError):
    status = 400
    code = "invalid_input"


class EmptyText(InvalidInput):
    code = "empty_text"


class InvalidBlend(InvalidInput):
    code = "invalid_blend"


class OutOfRange(InvalidInput):
    code = "out_of_range"


class UnsupportedFormat(InvalidInput):
    code = "unsupported_format"


class UnsupportedMedia(InvalidInput):
    status = 415
    code = "unsupported_media"


class UnsupportedSampleRate(UnsupportedMedia):
    """Audio recorded at a rate so high that decoding it would cost far more than it could be worth."""

    code = "unsupported_sample_rate"


class TooManyChannels(UnsupportedMedia):
    code = "too_many_channels"


class ConsentRequired(InvalidInput):
    """A voice clone without the speaker's consent statement (who, to what, when)."""

    code = "consent_required"


class SampleRejected(InvalidInput):
    """A voice sample that cannot make a clone: unreadable, too short, noisy, several speakers..."""

    code = "sample_rejected"


class ScenarioError(InvalidInput):
    """A scenario file that cannot be used: not JSON, or a field missing, unknown or out of bounds.

    Details name the file and the field (dotted, list indexes from 0: ``questions.2.key_points``);
    ``field`` is None when the file as a whole is wrong (not JSON, not an object).
    """

    code = "invalid_scenario"


class UnknownJobKind(InvalidInput):
    """A job of a kind this process has no handler for."""

    code = "unknown_job_kind"


class InvalidCharacters(InvalidInput):
    """Text with a NUL character or an unpaired surrogate: it can be neither stored nor said."""

    status = 422
    code = "invalid_characters"


class InvalidSsml(InvalidInput):
    """An SSML document that cannot be read: malformed XML, a DOCTYPE, an entity or processing
    instruction, too deep or too many elements, a bad attribute value. Details give the 1-based line
    and column, as a text editor shows them, and the message names them."""

    code = "invalid_ssml"

    def __init__(self, reason: str, *, line: int, column: int, **details: Any) -> None:
        super().__init__(f"SSML line {line}, column {column}: {reason}", line=line, column=column, **details)
        self.line = line
        self.column = column


class UnsupportedLanguage(InvalidInput):
    """The voice can say none of the text (its language or script): details name the voice and script."""

    status = 422
    code = "unsupported_language"


class InvalidEvent(InvalidInput):
    """A WebSocket frame that is not an event of the session's protocol; the session stays open."""

    code = "invalid_event"


class MalformedEvent(InvalidEvent):
    code = "malformed_event"


class UnknownEvent(InvalidEvent):
    code = "unknown_event"


class InvalidEventField(InvalidEvent):
    code = "invalid_event_field"


class ChunkRefused(InvalidEvent):
    """A live audio chunk the session did not take (nothing of it was kept); the client may resend."""

    code = "chunk_refused"


class UnexpectedFrame(InvalidEvent):
    code = "unexpected_frame"


class Unauthorized(VocalisError):
    status = 401
    code = "unauthorized"


class Forbidden(VocalisError):
    status = 403
    code = "forbidden"


class QuotaExceeded(Forbidden):
    code = "quota_exceeded"


class CrossOriginRequest(Forbidden):
    """A change (POST, PUT, PATCH, DELETE) signed in by the session cookie, sent by a page of another
    origin than the server's own or an allowed CORS origin: cross-site request forgery, refused."""

    code = "cross_origin_request"


class Conflict(VocalisError):
    status = 409
    code = "conflict"


class JobNotReady(Conflict):
    """The job has no result (yet, or any more): details carry its status."""

    code = "job_not_ready"


class CloneCancelled(Conflict):
    """A clone search stopped on request (the job was cancelled, or its worker is shutting down)."""

    code = "cancelled"


class RateLimited(VocalisError):
    status = 429
    code = "rate_limited"
    retryable = True

    def __init__(self, message: str, *, retry_after: int, **details: Any) -> None:
        super().__init__(message, retry_after=retry_after, **details)
        self.retry_after = retry_after


class NotFound(VocalisError):
    status = 404
    code = "not_found"


class UnknownVoice(NotFound):
    code = "unknown_voice"


class UnknownModel(NotFound):
    code = "unknown_model"


class UnknownScenario(NotFound):
    code = "unknown_scenario"


class TooLarge(VocalisError):
    status = 413
    code = "too_large"


class FrameTooLarge(TooLarge):
    """A WebSocket message over the session's size limit: fatal, since the peer ignores the limit."""

    code = "frame_too_large"


class SessionTimeout(VocalisError):
    status = 408
    code = "session_timeout"


class IdleTimeout(SessionTimeout):
    code = "idle_timeout"


class SlowConsumer(SessionTimeout):
    """The client did not read its events for too long; holding them would grow without bound."""

    code = "slow_consumer"


class ModelUnavailable(VocalisError):
    status = 503
    code = "model_unavailable"


class VoicePackUnreadable(ModelUnavailable):
    code = "voice_pack_unreadable"


class ChatModelUnavailable(ModelUnavailable):
    """The chat server cannot be reached, is overloaded or failed (5xx): asking again later can help."""

    code = "chat_model_unavailable"
    retryable = True


class ChatModelTimeout(ChatModelUnavailable):
    status = 504
    code = "chat_model_timeout"


class ChatModelError(VocalisError):
    """The chat server answered, but not with a reply: a 4xx (API key, model name, URL) or malformed JSON.

    Retrying the same request cannot help: the configuration or the server needs fixing.
    """

    status = 502
    code = "chat_model_error"


class Overloaded(VocalisError):
    status = 503
    code = "overloaded"
    retryable = True

    def __init__(self, message: str, *, retry_after: int, **details: Any) -> None:
        super().__init__(message, retry_after=retry_after, **details)
        self.retry_after = retry_after


class DownloadFailed(VocalisError):
    status = 502
    code = "download_failed"
    retryable = True


STORAGE_RETRY_AFTER_S = 5
_DEPENDENCY_NAMES = {"database": "the database", "redis": "the rate-limit and job queue store (Redis)"}


class StorageUnavailable(VocalisError):
    """The database or Redis cannot be reached (down, refusing, not answering, locked): retrying later
    can help.

    ``message`` is for the operator (logs, the CLI) and may name the host, port or file; what a
    client sees (``to_dict``) names only the dependency and when to retry.
    """

    status = 503
    code = "storage_unavailable"
    retryable = True

    def __init__(
        self,
        message: str,
        *,
        dependency: str = "database",
        retry_after: int = STORAGE_RETRY_AFTER_S,
        **details: Any,
    ) -> None:
        super().__init__(message, **details)
        self.dependency = dependency
        self.retry_after = retry_after

    def to_dict(self) -> dict[str, Any]:
        name = _DEPENDENCY_NAMES.get(self.dependency, self.dependency)
        return {
            "code": self.code,
            "message": f"{name} is unavailable; retry in {self.retry_after} s",
            "details": {"dependency": self.dependency, "retry_after": self.retry_after},
        }


class EngineFailure(VocalisError):
    status = 500
    code = "engine_failure"


class StepFailed(VocalisError):
    """One step of a job (a text chunk, say) failed after its retries; ``cause`` is the last error."""

    def __init__(self, message: str, cause: Exception) -> None:
        super().__init__(message)
        self.cause = cause

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
    │   └── UnsupportedMedia (415, unsupported_media)
    ├── Unauthorized (401, unauthorized)
    ├── Forbidden (403, forbidden)
    │   └── QuotaExceeded (403, quota_exceeded; details name the limit)
    ├── Conflict (409, conflict)
    │   └── JobNotReady (409, job_not_ready)
    ├── RateLimited (429, rate_limited, retryable; details carry retry_after seconds)
    ├── NotFound (404, not_found)
    │   ├── UnknownVoice (404, unknown_voice)
    │   └── UnknownModel (404, unknown_model)
    ├── TooLarge (413, too_large)
    ├── ModelUnavailable (503, model_unavailable)
    │   └── VoicePackUnreadable (503, voice_pack_unreadable)
    ├── Overloaded (503, overloaded, retryable; details carry retry_after seconds)
    ├── DownloadFailed (502, download_failed, retryable)
    ├── StorageUnavailable (503, storage_unavailable, retryable)
    └── EngineFailure (500, engine_failure)
"""

from __future__ import annotations

from typing import Any, ClassVar


class VocalisError(Exception):
    status: ClassVar[int] = 500
    code: ClassVar[str] = "internal_error"
    retryable: ClassVar[bool] = False

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


class Unauthorized(VocalisError):
    status = 401
    code = "unauthorized"


class Forbidden(VocalisError):
    status = 403
    code = "forbidden"


class QuotaExceeded(Forbidden):
    code = "quota_exceeded"


class Conflict(VocalisError):
    status = 409
    code = "conflict"


class JobNotReady(Conflict):
    """The job has no result (yet, or any more): details carry its status."""

    code = "job_not_ready"


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


class TooLarge(VocalisError):
    status = 413
    code = "too_large"


class ModelUnavailable(VocalisError):
    status = 503
    code = "model_unavailable"


class VoicePackUnreadable(ModelUnavailable):
    code = "voice_pack_unreadable"


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


class StorageUnavailable(VocalisError):
    """The database cannot be reached (down, refusing connections, locked): retrying later can help."""

    status = 503
    code = "storage_unavailable"
    retryable = True


class EngineFailure(VocalisError):
    status = 500
    code = "engine_failure"

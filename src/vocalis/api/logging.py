"""Access logs without secrets: API keys and tokens passed in query strings are masked."""

from __future__ import annotations

import logging
import re

SECRET_QUERY = re.compile(
    r"((?:xi_api_key|token|access_token|refresh_token|api_key)=)[^&\s\"']+", re.IGNORECASE
)


def redact(text: str) -> str:
    return SECRET_QUERY.sub(r"\1[redacted]", text)


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        record.msg = redact(str(record.msg))
        return True


def install_redaction() -> None:
    """Attach the filter to uvicorn's loggers (access lines and WebSocket connection lines)."""
    for name in ("uvicorn.access", "uvicorn.error", "uvicorn"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSecrets) for f in logger.filters):
            logger.addFilter(RedactSecrets())

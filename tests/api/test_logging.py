from __future__ import annotations

import logging

import pytest

from vocalis.api.logging import install_redaction, redact


def test_redact_masks_keys_in_query_strings() -> None:
    line = 'WebSocket /v1/tts/x/stream-input?output_format=mp3_44100_128&xi_api_key=vk_1234abcd_SECRET" 101'
    assert "SECRET" not in redact(line) and "output_format=mp3_44100_128" in redact(line)
    assert redact("GET /a?token=vat_abc HTTP/1.1") == "GET /a?token=[redacted] HTTP/1.1"


def test_uvicorn_access_records_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    install_redaction()
    logger = logging.getLogger("uvicorn.access")
    with caplog.at_level(logging.INFO, logger="uvicorn.access"):
        logger.info(
            '%s - "%s %s HTTP/%s" %d', "127.0.0.1", "GET", "/v1/voices?xi_api_key=vk_1_SECRET", "1.1", 200
        )
    assert "SECRET" not in caplog.text and "[redacted]" in caplog.text

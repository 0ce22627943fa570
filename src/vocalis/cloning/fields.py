"""A cloned voice's form fields (labels, description), checked the same way on create and edit."""

from __future__ import annotations

from typing import Any

from vocalis.errors import InvalidInput

MAX_LABELS = 10
MAX_LABEL_CHARS = 60
MAX_DESCRIPTION_CHARS = 500


def check_labels(labels: dict[str, Any]) -> dict[str, str]:
    if len(labels) > MAX_LABELS:
        raise InvalidInput(f"at most {MAX_LABELS} labels", field="labels")
    clean: dict[str, str] = {}
    for key, value in labels.items():
        if (
            not isinstance(value, str)
            or not key.strip()
            or len(key) > MAX_LABEL_CHARS
            or len(value) > MAX_LABEL_CHARS
        ):
            raise InvalidInput(
                f"labels are short strings (up to {MAX_LABEL_CHARS} characters): {key!r}", field="labels"
            )
        clean[key.strip()] = value.strip()
    return clean


def check_description(description: str | None) -> str:
    text = (description or "").strip()
    if len(text) > MAX_DESCRIPTION_CHARS:
        raise InvalidInput(f"the description is over {MAX_DESCRIPTION_CHARS} characters", field="description")
    return text

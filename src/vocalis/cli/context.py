"""Building settings and services for a command, lazily: `vocalis --help` must not load models."""

from __future__ import annotations

from pydantic import ValidationError

from vocalis.config import Settings
from vocalis.errors import InvalidInput
from vocalis.services import Services, build_services


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"VOCALIS_{'__'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()
        )
        raise InvalidInput(f"invalid settings: {problems}") from exc


def load_services() -> Services:
    return build_services(load_settings())

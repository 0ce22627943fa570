"""Building settings and the object graph for a command, lazily: `vocalis --help` must not load models."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError

from vocalis.config import Settings
from vocalis.errors import InvalidInput

if TYPE_CHECKING:
    from vocalis.graph import Vocalis


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"VOCALIS_{'__'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()
        )
        raise InvalidInput(f"invalid settings: {problems}") from exc


def load_graph() -> Vocalis:
    """This installation's object graph (each part built on first use; a command uses a few)."""
    from vocalis.graph import build_graph

    return build_graph(load_settings())

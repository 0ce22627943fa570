"""Voice blend expressions: ``"af_bella(2)+af_sky(1)"`` -> weighted parts (weights normalised)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vocalis.errors import InvalidBlend

_PART = re.compile(r"^\s*([A-Za-z0-9_.:-]+)\s*(?:\(\s*([0-9]*\.?[0-9]+)\s*\))?\s*$")
MAX_PARTS = 8


@dataclass(frozen=True)
class BlendTerm:
    voice_id: str
    weight: float


def is_blend(expression: str) -> bool:
    return "+" in expression or "(" in expression


def parse_blend(expression: str) -> tuple[BlendTerm, ...]:
    """Parse and normalise; the same voice named twice has its weights added."""
    pieces = expression.split("+")
    if len(pieces) > MAX_PARTS:
        raise InvalidBlend(f"a blend mixes at most {MAX_PARTS} voices", expression=expression)
    weights: dict[str, float] = {}
    for piece in pieces:
        match = _PART.match(piece)
        if match is None:
            raise InvalidBlend(
                f"cannot read blend term {piece.strip()!r}: write voice or voice(weight), "
                "e.g. 'af_bella(2)+af_sky(1)'",
                expression=expression,
            )
        weight = float(match.group(2)) if match.group(2) is not None else 1.0
        if weight <= 0:
            raise InvalidBlend(f"blend weight for {match.group(1)!r} must be positive", expression=expression)
        weights[match.group(1)] = weights.get(match.group(1), 0.0) + weight
    total = sum(weights.values())
    return tuple(BlendTerm(voice_id=v, weight=w / total) for v, w in weights.items())

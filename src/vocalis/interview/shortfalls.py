"""What an answer leaves out, in the terms of the scenarios' follow-up rules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shortfalls:
    """What an interviewer would follow up on, most important first in ``follow_up_order``."""

    off_topic: bool
    no_result: bool
    too_short: bool
    vague: bool
    missing_key_point: bool
    too_long: bool

    def follow_up_order(self) -> list[str]:
        order = ("no_result", "too_short", "vague", "missing_key_point", "too_long")
        return [name for name in order if getattr(self, name)]

"""The live connection of each interview in this process: a new connection to an interview (a network
that dropped without the server noticing yet, a second tab) replaces the one before it. The old one is
ended and closed first, so its part of the recording is kept and the interview reads as paused before
the new connection resumes it: the new part starts after the old one on the timeline, and the status
is never set back to paused under the new connection.
"""

from __future__ import annotations

from typing import Protocol


class Replaceable(Protocol):
    async def replaced(self) -> None:
        """End this connection; return once it has closed (or a bounded wait has passed)."""
        ...


class LiveConnections:
    """Used on the event loop's thread only: no lock."""

    def __init__(self) -> None:
        self._open: dict[str, Replaceable] = {}

    async def enter(self, interview_id: str, connection: Replaceable) -> None:
        """``connection`` is now the interview's; the one before it has closed when this returns."""
        previous = self._open.get(interview_id)
        self._open[interview_id] = connection
        if previous is not None and previous is not connection:
            await previous.replaced()

    def leave(self, interview_id: str, connection: Replaceable) -> None:
        if self._open.get(interview_id) is connection:
            del self._open[interview_id]

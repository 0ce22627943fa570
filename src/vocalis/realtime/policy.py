"""Limits of a session and what each error does to it: reported in-band, then kept open or closed."""

from __future__ import annotations

from dataclasses import dataclass

from vocalis.errors import FrameTooLarge, InvalidInput, TooLarge, VocalisError

NORMAL_CLOSURE = 1000
GOING_AWAY = 1001
POLICY_VIOLATION = 1008
MESSAGE_TOO_BIG = 1009
INTERNAL_ERROR = 1011


@dataclass(frozen=True)
class SessionLimits:
    max_message_bytes: int = 1024 * 1024
    incoming_events: int = 64  # decoded, waiting for the handler; when full the socket is not read
    outgoing_events: int = 32  # waiting for the client to read them; when full the handler waits
    send_timeout_s: float = 10.0  # how long a client may leave a full queue unread before it is dropped
    idle_timeout_s: float | None = 60.0  # no message either way and nothing in progress; None: never
    close_timeout_s: float = 5.0  # to flush the last events and the close frame to a slow client
    # Once the client has gone, what it sent before leaving is still handled (live audio already
    # received is kept), for at most this long; then the session's work is cancelled.
    drain_timeout_s: float = 5.0

    def __post_init__(self) -> None:
        if min(self.max_message_bytes, self.incoming_events, self.outgoing_events) < 1:
            raise ValueError("session limits must be positive")


def keeps_session_open(error: VocalisError) -> bool:
    """A bad message is the client's to fix and retry; anything else ends the session."""
    return isinstance(error, InvalidInput | TooLarge) and not isinstance(error, FrameTooLarge)


def close_code_for(error: VocalisError) -> int:
    if isinstance(error, FrameTooLarge):
        return MESSAGE_TOO_BIG
    return POLICY_VIOLATION if error.status < 500 else INTERNAL_ERROR

"""The WebSocket session layer: typed events and codecs, one handler interface, shared authentication,
in-band errors, keep-alive, size limits and backpressure.

A new session type plugs in with three pieces: its events (frozen ``Event`` dataclasses, each with its
wire ``type``) in an ``EventCodec`` (or a codec of its own for a foreign wire format, as
``stream_input`` has); a ``SessionHandler`` (``start``, ``handle(event) -> bool``, ``close``) that
sends through the ``Session`` it is given and spawns any background work there; and a thin route that
accepts the socket and calls ``serve_session(StarletteTransport(ws), codec, auth, open_handler,
limits)``, with ``auth`` built from the API's credential checks and ``open_handler`` checking the
route's own parameters for the authenticated principal. The runner does the rest: a bad message gets
an error event and the session goes on; anything fatal closes with 1008, 1009 or 1011; a client that
leaves is cancelled out of everything it started.
"""

from vocalis.realtime.auth import SessionAuth
from vocalis.realtime.codec import Codec, EventCodec, Frame
from vocalis.realtime.events import BinaryEvent, CarriesCredential, Event, Pcm16Audio, Ping, Pong
from vocalis.realtime.handler import OpenHandler, Session, SessionHandler
from vocalis.realtime.policy import SessionLimits
from vocalis.realtime.runner import SessionOutcome, serve_session
from vocalis.realtime.transport import StarletteTransport, Transport

__all__ = [
    "BinaryEvent",
    "CarriesCredential",
    "Codec",
    "Event",
    "EventCodec",
    "Frame",
    "OpenHandler",
    "Pcm16Audio",
    "Ping",
    "Pong",
    "Session",
    "SessionAuth",
    "SessionHandler",
    "SessionLimits",
    "SessionOutcome",
    "StarletteTransport",
    "Transport",
    "serve_session",
]

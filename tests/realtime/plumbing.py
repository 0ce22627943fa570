"""A small session type for testing the runner's plumbing: a few events, a handler, an app, auth."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket

from vocalis.accounts.authenticate import Credentials
from vocalis.accounts.models import Principal, User
from vocalis.accounts.roles import Role, Scope
from vocalis.errors import EngineFailure, Forbidden, OutOfRange, Unauthorized
from vocalis.realtime import (
    Event,
    EventCodec,
    Pcm16Audio,
    Session,
    SessionAuth,
    SessionLimits,
    SessionOutcome,
    StarletteTransport,
    serve_session,
)

GOOD_KEY, NO_SCOPE_KEY = "good-key", "no-scope-key"


@dataclass(frozen=True)
class Say(Event):
    type: ClassVar[str] = "say"
    text: str
    times: int = 1


@dataclass(frozen=True)
class Said(Event):
    type: ClassVar[str] = "said"
    text: str


@dataclass(frozen=True)
class Heard(Event):
    type: ClassVar[str] = "heard"
    samples: int


@dataclass(frozen=True)
class Fail(Event):
    type: ClassVar[str] = "fail"
    fatal: bool


@dataclass(frozen=True)
class Hang(Event):
    """Starts background work and then works in ``handle`` itself for ``seconds``."""

    type: ClassVar[str] = "hang"
    seconds: float


@dataclass(frozen=True)
class Flood(Event):
    type: ClassVar[str] = "flood"
    frames: int
    size: int


@dataclass(frozen=True)
class Hello(Event):
    type: ClassVar[str] = "hello"
    token: str | None = None

    @property
    def credential(self) -> str | None:
        return self.token


@dataclass(frozen=True)
class Bye(Event):
    type: ClassVar[str] = "bye"


CODEC = EventCodec([Say, Fail, Hang, Flood, Hello, Bye], [Said, Heard, Pcm16Audio], binary_in=Pcm16Audio)


@dataclass
class Probe:
    """What the server side did, for the test to check (written on the server's loop)."""

    principals: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    flooded: int = 0
    heard: int = 0  # audio frames handled
    closed: int = 0
    outcomes: list[SessionOutcome] = field(default_factory=list)


class PlumbingHandler:
    def __init__(self, probe: Probe) -> None:
        self.probe = probe
        self.session: Session | None = None

    async def start(self, session: Session) -> None:
        self.session = session
        self.probe.principals.append(session.principal.user.email)

    async def handle(self, event: Event) -> bool:
        assert self.session is not None
        match event:
            case Say(text=text, times=times):
                for _ in range(times):
                    await self.session.send(Said(text))
            case Pcm16Audio():
                self.probe.heard += 1
                await self.session.send(Heard(len(event.to_audio(16000).samples)))
            case Fail(fatal=fatal):
                raise EngineFailure("the engine broke") if fatal else OutOfRange("speed must be 0.25-4")
            case Hang(seconds=seconds):
                self.session.spawn(self._background())
                await self._sleep(seconds, "handle")
                await self.session.send(Said("woke"))
            case Flood(frames=frames, size=size):
                noise = Pcm16Audio(os.urandom(size))  # incompressible, should a deflate extension apply
                for _ in range(frames):
                    await self.session.send(noise)
                    self.probe.flooded += 1
            case Bye():
                await self.session.send(Said("bye"))
                return False
        return True

    async def close(self) -> None:
        self.probe.closed += 1

    async def _background(self) -> None:
        await self._sleep(3600, "background")

    async def _sleep(self, seconds: float, what: str) -> None:
        try:
            await asyncio.sleep(seconds)
        except asyncio.CancelledError:
            self.probe.cancelled.append(what)
            raise


def principal(scopes: frozenset[Scope]) -> Principal:
    user = User("u1", "ana@example.org", "Ana", Role.USER, disabled=False, created_at=datetime.now(UTC))
    return Principal(user=user, scopes=scopes, via="api_key", key_id="k1")


async def check_key(credentials: Credentials) -> Principal:
    if credentials.bearer == GOOD_KEY:
        return principal(frozenset({Scope.SPEECH}))
    if credentials.bearer == NO_SCOPE_KEY:
        raise Forbidden("this API key lacks the 'speech' scope", scope="speech")
    raise Unauthorized("send an API key")


def plumbing_app(probe: Probe, limits: SessionLimits) -> Starlette:
    async def endpoint(websocket: WebSocket) -> None:
        await websocket.accept()

        def credentials(extra: str | None) -> Credentials:
            return Credentials(bearer=websocket.headers.get("x-test-key") or extra, client_host=None)

        async def open_handler(_: Principal) -> PlumbingHandler:
            return PlumbingHandler(probe)

        outcome = await serve_session(
            StarletteTransport(websocket), CODEC, SessionAuth(credentials, check_key), open_handler, limits
        )
        probe.outcomes.append(outcome)

    return Starlette(routes=[WebSocketRoute("/ws/test", endpoint)])

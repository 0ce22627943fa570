"""``WS /ws/session/{id}``: a talk streamed from the microphone, feedback while speaking.

This route only accepts, authenticates and hands over to the session layer; the protocol is in
:mod:`vocalis.coaching.events` and the session in :mod:`vocalis.coaching.live_session`.
"""

from __future__ import annotations

from fastapi import APIRouter, WebSocket
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.authenticate import Credentials
from vocalis.accounts.models import Principal
from vocalis.accounts.roles import Scope
from vocalis.api.deps import State, authenticate, check_scope, credentials_of
from vocalis.api.parts import Coaching
from vocalis.coaching.events import coaching_codec
from vocalis.coaching.live_session import CoachingHandler
from vocalis.realtime import SessionAuth, SessionLimits, StarletteTransport, serve_session

router = APIRouter(tags=["Coaching"])
# A 2 s chunk of 48 kHz PCM in base64 JSON is ~256 KB; anything larger is refused with 1009.
MAX_MESSAGE_BYTES = 512 * 1024


@router.websocket("/ws/session/{session_id}")
async def coaching_session(websocket: WebSocket, session_id: str, state: State, coaching: Coaching) -> None:
    await websocket.accept()

    async def coaching_principal(credentials: Credentials) -> Principal:
        return check_scope(await authenticate(state, credentials), Scope.ANALYSIS)

    async def open_session(principal: Principal) -> CoachingHandler:
        # Another user's session is not found: the session ends with a policy code (1008).
        await run_in_threadpool(coaching.get, session_id, principal.user.id)
        return CoachingHandler(coaching, session_id, principal)

    await serve_session(
        StarletteTransport(websocket),
        coaching_codec(),
        SessionAuth(lambda extra: credentials_of(websocket, extra=extra), coaching_principal),
        open_session,
        SessionLimits(max_message_bytes=MAX_MESSAGE_BYTES, incoming_events=256, idle_timeout_s=120.0),
    )

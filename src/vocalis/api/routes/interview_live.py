"""``WS /ws/interview/{id}``: a spoken interview, microphone in, the interviewer's voice out.

This route only accepts, authenticates and hands over to the session layer; the protocol is in
:mod:`vocalis.interview.events` and the session in :mod:`vocalis.interview.live_session`.
"""

from __future__ import annotations

from fastapi import APIRouter, WebSocket
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.authenticate import Credentials
from vocalis.accounts.models import Principal
from vocalis.accounts.roles import Scope
from vocalis.api.deps import State, authenticate, check_scope, credentials_of
from vocalis.api.parts import AppSettings, Interviews
from vocalis.interview.events import interview_codec
from vocalis.interview.live_session import InterviewHandler
from vocalis.realtime import SessionAuth, SessionLimits, StarletteTransport, serve_session

router = APIRouter(tags=["Interviews"])
MAX_MESSAGE_BYTES = 512 * 1024


@router.websocket("/ws/interview/{interview_id}")
async def interview_session(
    websocket: WebSocket, interview_id: str, state: State, interviews: Interviews, settings: AppSettings
) -> None:
    await websocket.accept()

    async def candidate(credentials: Credentials) -> Principal:
        return check_scope(await authenticate(state, credentials), Scope.ANALYSIS)

    async def open_session(principal: Principal) -> InterviewHandler:
        # Another user's interview is not found: the session ends with a policy code (1008).
        await run_in_threadpool(interviews.get, interview_id, principal.user.id)
        return InterviewHandler(interviews, interview_id, principal, settings.data_dir / "interview-live")

    await serve_session(
        StarletteTransport(websocket),
        interview_codec(),
        SessionAuth(lambda extra: credentials_of(websocket, extra=extra), candidate),
        open_session,
        SessionLimits(max_message_bytes=MAX_MESSAGE_BYTES, incoming_events=256, idle_timeout_s=120.0),
    )

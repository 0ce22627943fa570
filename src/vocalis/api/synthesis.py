"""Starting a synthesis for a route and delivering it: whole body, raw stream, or framed events."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator, Callable
from contextlib import aclosing
from typing import Any

from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope, Send

from vocalis.accounts.models import Principal
from vocalis.api.bridge import stream_run
from vocalis.errors import VocalisError
from vocalis.speech.admission import Place, SynthesisSlots
from vocalis.speech.orders import SynthesisOrder, SynthesisOrders
from vocalis.speech.run import EncodedPiece, SynthesisRun


async def start_run(orders: SynthesisOrders, order: SynthesisOrder, principal: Principal) -> SynthesisRun:
    """The order checked (quotas, voice, format...) off the event loop: errors before the first byte."""
    return await run_in_threadpool(orders.start, order, principal)


async def whole(slots: SynthesisSlots, run: SynthesisRun) -> list[EncodedPiece]:
    """Every piece of a run, rendered in one worker thread while holding a synthesis slot (503 now
    when the lane is full: nothing has been sent yet)."""
    async with slots.admit(run.plan.engine.capabilities):
        return await run_in_threadpool(list, iter(run))


def audio_response(
    pieces: list[EncodedPiece], run: SynthesisRun, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        content=b"".join(p.data for p in pieces),
        media_type=run.output.format.media_type,
        headers={**_audio_headers(run), **(headers or {})},
    )


def _audio_headers(run: SynthesisRun) -> dict[str, str]:
    headers = {
        "X-Sample-Rate": str(run.sample_rate),
        "X-Voice": run.plan.voice.label,
        "X-Model": run.plan.engine.name,
        "X-Language": run.plan.language,
    }
    if run.plan.ignored:
        headers[SSML_IGNORED_HEADER] = ssml_ignored_header(run)
    return headers


SSML_IGNORED_HEADER = "X-SSML-Ignored"


def ssml_ignored_header(run: SynthesisRun) -> str:
    """What SSML markup was not rendered as written: "audio 3:5 unsupported element; ..." (ASCII)."""
    text = "; ".join(f"{i.name} {i.line}:{i.column} {i.reason}" for i in run.plan.ignored)
    return text.encode("ascii", "backslashreplace").decode("ascii").replace("\r", " ").replace("\n", " ")


def streaming_audio(slots: SynthesisSlots, run: SynthesisRun) -> StreamingResponse:
    """Raw audio bytes as each chunk is encoded. A failure mid-stream aborts the connection, so the
    client sees an incomplete transfer rather than a short file that looks complete.

    Admission is decided here, before the response starts: a full lane is a 503 now, an admitted
    request keeps its place until the stream ends."""
    place = slots.admit(run.plan.engine.capabilities)

    async def body() -> AsyncIterator[bytes]:
        async with aclosing(stream_run(run, place)) as pieces:
            async for piece in pieces:
                if piece.data:
                    yield piece.data

    return ClosingStreamingResponse(
        body(), media_type=run.output.format.media_type, headers=_audio_headers(run), place=place
    )


def streaming_events(
    slots: SynthesisSlots,
    run: SynthesisRun,
    *,
    media_type: str,
    frame: Callable[[dict[str, object]], str],
    piece_event: Callable[[EncodedPiece], dict[str, object] | None],
    done_event: Callable[[SynthesisRun], dict[str, object] | None],
) -> StreamingResponse:
    """Framed events (SSE or NDJSON): one per piece, a final one, and an error event if it fails.
    Admitted (or refused with 503) before the response starts, like ``streaming_audio``."""
    place = slots.admit(run.plan.engine.capabilities)

    async def body() -> AsyncIterator[str]:
        try:
            async with aclosing(stream_run(run, place)) as pieces:
                async for piece in pieces:
                    event = piece_event(piece)
                    if event is not None:
                        yield frame(event)
        except VocalisError as exc:
            yield frame({"type": "error", "error": exc.to_dict()})
            return
        done = done_event(run)
        if done is not None:
            yield frame(done)

    return ClosingStreamingResponse(body(), media_type=media_type, headers=_audio_headers(run), place=place)


class ClosingStreamingResponse(StreamingResponse):
    """Closes its body generator when the response ends for any reason, disconnects included, so the
    synthesis slot is released and the run cancelled at once rather than whenever the GC gets to it.
    The admitted place is released too, even when the body never started (the client left first)."""

    def __init__(self, content: AsyncIterator[Any], *, place: Place | None = None, **kwargs: Any) -> None:
        super().__init__(content, **kwargs)
        self._place = place

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            try:
                close = getattr(self.body_iterator, "aclose", None)
                if close is not None:
                    await close()
            finally:
                if self._place is not None:
                    self._place.release()


def sse(event: dict[str, object]) -> str:
    return f"data: {json.dumps(event)}\n\n"


def ndjson(event: dict[str, object]) -> str:
    return json.dumps(event) + "\n"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")

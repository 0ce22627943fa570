"""The socket under a session: frames in and out, and a close. Starlette's WebSocket is one."""

from __future__ import annotations

from typing import Protocol

from starlette.websockets import WebSocket, WebSocketState

from vocalis.realtime.codec import Frame


class Transport(Protocol):
    async def receive(self) -> Frame | None:
        """The next message, or None once the peer has gone."""
        ...

    async def send(self, frame: Frame) -> bool:
        """False if the peer has gone. Waits while the peer is not reading (that is the backpressure)."""
        ...

    async def close(self, code: int, reason: str = "") -> None: ...

    def query(self, name: str) -> str | None:
        """A query parameter of the connection URL (browsers cannot set headers on a WebSocket)."""
        ...


class StarletteTransport:
    def __init__(self, websocket: WebSocket) -> None:
        self._websocket = websocket
        self._gone = False

    async def receive(self) -> Frame | None:
        if self._gone:
            return None
        try:
            message = await self._websocket.receive()
        except Exception:  # the server tore the connection down
            message = {"type": "websocket.disconnect"}
        if message["type"] == "websocket.disconnect":
            self._gone = True
            return None
        text = message.get("text")
        if text is not None:
            return str(text)
        return bytes(message.get("bytes") or b"")

    async def send(self, frame: Frame) -> bool:
        if self._gone:
            return False
        try:
            if isinstance(frame, bytes):
                await self._websocket.send_bytes(frame)
            else:
                await self._websocket.send_text(frame)
        except Exception:  # disconnected, or the server tore the connection down: either way, gone
            self._gone = True
            return False
        return True

    async def close(self, code: int, reason: str = "") -> None:
        if self._gone or self._websocket.application_state is not WebSocketState.CONNECTED:
            return
        try:
            await self._websocket.close(code=code, reason=reason)
        except Exception:
            self._gone = True

    def query(self, name: str) -> str | None:
        return self._websocket.query_params.get(name)

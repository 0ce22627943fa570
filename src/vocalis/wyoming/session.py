"""One Wyoming connection: read events, answer each, report bad input in-band and keep serving.

A request's error is an ``error`` event with the Vocalis error code (``unknown_voice``,
``malformed_event``, ``too_large``, ``overloaded``...); the connection stays open unless the byte
stream itself can no longer be read. A client that disconnects, even mid-audio, ends the session
quietly: its audio buffer is dropped and a synthesis in progress stops before its next chunk.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from wyoming.event import Event
from wyoming.ping import Pong

from vocalis.errors import SlowConsumer, UnknownEvent, UnknownModel, VocalisError
from vocalis.wyoming import events
from vocalis.wyoming.info import PROGRAM, describe
from vocalis.wyoming.services import WyomingServices
from vocalis.wyoming.synthesis import Speaker
from vocalis.wyoming.transcription import Listener
from vocalis.wyoming.wire import Problem, WireReader, WireWriter

log = logging.getLogger(__name__)


class WyomingSession:
    def __init__(
        self, services: WyomingServices, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        settings = services.settings
        self._services = services
        self._reader = WireReader(reader, max_event_bytes=settings.max_event_bytes)
        self._writer = WireWriter(writer, timeout_s=settings.write_timeout_s)
        self._speaker = Speaker(services, self._writer.write)
        self._listener = Listener(services)
        self.peer = str(writer.get_extra_info("peername"))

    async def run(self) -> None:
        try:
            while (received := await self._reader.read()) is not None:
                if isinstance(received, Problem):
                    await self._writer.write(events.error_event(received.error))
                    if received.fatal:
                        break
                    continue
                try:
                    await self._handle(received)
                except VocalisError as exc:
                    await self._writer.write(events.error_event(exc))
        except (ConnectionError, OSError) as exc:
            log.debug("Wyoming client %s went away: %s", self.peer, exc)
        except SlowConsumer as exc:
            log.info("Wyoming client %s disconnected: %s", self.peer, exc.message)
        except Exception:
            log.exception("Wyoming session with %s failed", self.peer)
            await self._try_send(events.error_event(VocalisError("the server failed; see its log")))
        finally:
            self._listener.close()
            await self._writer.close()

    async def _try_send(self, event: Event) -> None:
        with contextlib.suppress(ConnectionError, OSError, VocalisError):
            await self._writer.write(event)

    async def _handle(self, event: Event) -> None:
        kind = event.type
        if kind == "describe":
            voices = await asyncio.to_thread(self._services.all_voices)
            info = describe(voices, list(self._services.engines.stt.values()))
            await self._writer.write(info.event())
        elif kind == "ping":
            await self._writer.write(Pong(text=event.data.get("text")).event())
        elif kind == "select-program":
            name = events.program_name(event)
            if name != PROGRAM:
                raise UnknownModel(f"no program {name!r}; this server has {PROGRAM!r}", program=name)
        elif kind.startswith("synthesize"):
            await self._synthesis(event)
        elif kind == "transcribe":
            self._listener.transcribe(events.transcribe(event))
        elif kind == "audio-start":
            events.audio_start(event)
            self._listener.start()
        elif kind == "audio-chunk":
            self._listener.add(events.audio_chunk(event))
        elif kind == "audio-stop":
            transcript = await self._listener.stop()
            if transcript is not None:
                await self._writer.write(transcript.event())
        else:
            raise UnknownEvent(
                f"no {kind!r} event here; this server answers {', '.join(events.CLIENT_EVENTS)}",
                type=kind,
                known=list(events.CLIENT_EVENTS),
            )

    async def _synthesis(self, event: Event) -> None:
        speaker = self._speaker
        if event.type == "synthesize":
            if speaker.streaming:
                return  # the whole text, sent again inside a stream for older servers: already spoken
            await speaker.synthesize(events.synthesize(event))
        elif event.type == "synthesize-start":
            await speaker.start_stream(events.synthesize_start(event))
        elif event.type == "synthesize-chunk":
            await speaker.add_text(events.synthesize_chunk(event))
        elif event.type == "synthesize-stop":
            await speaker.stop_stream()
        else:
            raise UnknownEvent(
                f"no {event.type!r} event here", type=event.type, known=list(events.CLIENT_EVENTS)
            )

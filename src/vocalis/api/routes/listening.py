"""Hearing people: ``POST /v1/audio/transcriptions`` and ``/v1/audio/translations`` (OpenAI shape) and
``POST /api/v1/analysis``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, UploadFile
from fastapi.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.models import Principal
from vocalis.accounts.roles import Scope
from vocalis.analysis.admission import UploadSlot
from vocalis.analysis.analyzer import SpeechAnalyzer
from vocalis.analysis.formats import TranscriptFormat, render, verbose_json
from vocalis.analysis.report import check_language
from vocalis.analysis.transcriber import AUTO
from vocalis.api.bridge import iterate_off_loop
from vocalis.api.deps import check_scope, current_principal
from vocalis.api.parts import Engines, Transcriber, UploadSlots
from vocalis.api.synthesis import sse
from vocalis.engines.client_models import check_model
from vocalis.engines.protocols import Transcript
from vocalis.errors import InvalidInput, VocalisError

router = APIRouter(tags=["Listening"])


async def analysis_user(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
    return check_scope(principal, Scope.ANALYSIS)


AnalysisUser = Annotated[Principal, Depends(analysis_user)]
ResponseFormat = Annotated[
    Literal["json", "text", "srt", "verbose_json", "vtt"],
    Form(description="json {text}, text, srt, vtt, or verbose_json (language, duration, segments, words)."),
]
UploadedAudio = Annotated[
    UploadFile, File(description="wav, mp3, m4a, ogg, webm or flac; at most 30 minutes.")
]
Prompt = Annotated[str | None, Form(description="Words to expect; fillers keep Whisper's ums.")]


@router.post(
    "/v1/audio/transcriptions",
    summary="Speech to text (OpenAI shape)",
    response_class=Response,
    responses={200: {"description": "json {text}, text, srt, vtt, verbose_json, or SSE when stream=true."}},
)
async def transcriptions(
    engines: Engines,
    transcriber: Transcriber,
    slots: UploadSlots,
    principal: AnalysisUser,
    file: UploadedAudio,
    model: Annotated[
        str, Form(description="whisper-1 (or gpt-4o-transcribe, an engine name); the language picks it.")
    ] = "whisper-1",
    language: Annotated[str, Form(description="en (fast English model), fr, another code, or auto.")] = AUTO,
    prompt: Prompt = None,
    response_format: ResponseFormat = "json",
    timestamp_granularities: Annotated[
        list[Literal["word", "segment"]] | None,
        Form(alias="timestamp_granularities[]", description="word and/or segment (verbose_json)."),
    ] = None,
    stream: Annotated[bool, Form(description="Server-sent transcript.text.delta events, then done.")] = False,
) -> Response:
    check_model(engines, model, "stt")
    if stream:
        # The slot is held until the stream ends: recognition runs as the parts are sent.
        slot = await slots.acquire()
        try:
            parts = await run_in_threadpool(
                lambda: transcriber.stream_upload(
                    file.file, filename=file.filename, language=language, prompt=prompt
                )
            )
        except BaseException:
            slot.release()
            raise
        return StreamingResponse(
            _deltas(iterate_off_loop(parts), slot),
            media_type="text/event-stream",
            background=BackgroundTask(slot.release),  # if the stream never started
        )
    async with slots.slot():
        transcript = await run_in_threadpool(
            lambda: transcriber.transcribe_upload(
                file.file, filename=file.filename, language=language, prompt=prompt
            )
        )
    return _render(transcript, response_format, list(timestamp_granularities or ["segment"]))


@router.post(
    "/v1/audio/translations",
    summary="Speech in any language to English text (OpenAI shape)",
    description="The multilingual Whisper writes what it hears as English; the same speech detection and "
    "formats as /v1/audio/transcriptions (verbose_json has segments only: Whisper does not time the "
    "words of a translation reliably).",
    response_class=Response,
    responses={200: {"description": "json {text}, text, srt, vtt or verbose_json."}},
)
async def translations(
    engines: Engines,
    transcriber: Transcriber,
    slots: UploadSlots,
    principal: AnalysisUser,
    file: UploadedAudio,
    model: Annotated[
        str, Form(description="whisper-1 (or an engine name); accepted, Whisper base translates.")
    ] = "whisper-1",
    prompt: Prompt = None,
    response_format: ResponseFormat = "json",
) -> Response:
    check_model(engines, model, "stt")
    async with slots.slot():
        transcript = await run_in_threadpool(
            lambda: transcriber.translate_upload(file.file, filename=file.filename, prompt=prompt)
        )
    return _render(transcript, response_format, ["segment"], task="translate")


async def _deltas(parts: AsyncIterator[Transcript], slot: UploadSlot) -> AsyncIterator[str]:
    texts: list[str] = []
    try:
        async for part in parts:
            if part.text:
                delta = (" " if texts else "") + part.text
                texts.append(part.text)
                yield sse({"type": "transcript.text.delta", "delta": delta})
    except VocalisError as exc:
        yield sse({"type": "error", "error": exc.to_dict()})
        return
    finally:
        slot.release()
    yield sse({"type": "transcript.text.done", "text": " ".join(texts)})


def _render(
    transcript: Transcript,
    fmt: str,
    granularities: list[Literal["word", "segment"]],
    *,
    task: str = "transcribe",
) -> Response:
    if fmt == "json":
        return JSONResponse({"text": transcript.text})
    if fmt == "verbose_json":
        body: dict[str, Any] = verbose_json(transcript, task=task)
        if "word" not in granularities:
            body.pop("words", None)
        if "segment" not in granularities:
            body.pop("segments", None)
        return JSONResponse(body)
    media = {"text": "text/plain", "srt": "application/x-subrip", "vtt": "text/vtt"}[fmt]
    return PlainTextResponse(render(transcript, TranscriptFormat(fmt)), media_type=media)


@router.post(
    "/api/v1/analysis",
    summary="How a recording was delivered: pace, pauses, fillers, volume, pitch, clarity, scores, feedback",
)
async def analysis(
    engines: Engines,
    slots: UploadSlots,
    principal: AnalysisUser,
    file: Annotated[
        UploadFile, File(description="wav, mp3, m4a, ogg, webm or flac; up to 10 MiB, 30 minutes.")
    ],
    language: Annotated[str, Form(description="en or fr.")] = "en",
) -> JSONResponse:
    check_language(language)
    if file.size == 0:
        raise InvalidInput("the uploaded file is empty")
    analyzer = SpeechAnalyzer.from_engines(engines)
    async with slots.slot():  # waiting requests hold their upload's bytes, never decoded audio
        data = await file.read()
        result = await run_in_threadpool(
            lambda: analyzer.analyze_bytes(data, language=language, filename=file.filename)
        )
    return JSONResponse(result.to_dict())

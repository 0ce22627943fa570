"""Hearing people: ``POST /v1/audio/transcriptions`` (OpenAI shape) and ``POST /api/v1/analysis``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, UploadFile
from fastapi.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from vocalis.accounts.models import Principal
from vocalis.accounts.roles import Scope
from vocalis.analysis.analyzer import MAX_SECONDS, SpeechAnalyzer, check_language
from vocalis.analysis.formats import TranscriptFormat, render, verbose_json
from vocalis.analysis.transcription import iter_transcribe_speech, join_transcripts, locate_speech
from vocalis.api.bridge import iterate_off_loop
from vocalis.api.deps import State, check_scope, current_principal
from vocalis.api.synthesis import sse
from vocalis.audio.chunk import AudioChunk
from vocalis.audio.decode import decode
from vocalis.engines.protocols import Transcript
from vocalis.errors import InvalidInput, VocalisError

router = APIRouter(tags=["Listening"])
AUTO = "auto"


async def analysis_user(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
    return check_scope(principal, Scope.ANALYSIS)


AnalysisUser = Annotated[Principal, Depends(analysis_user)]


async def _decode(file: UploadFile) -> AudioChunk:
    data = await file.read()
    return await run_in_threadpool(lambda: decode(data, max_seconds=MAX_SECONDS, filename=file.filename))


@router.post(
    "/v1/audio/transcriptions",
    summary="Speech to text (OpenAI shape)",
    response_class=Response,
    responses={200: {"description": "json {text}, text, srt, vtt, verbose_json, or SSE when stream=true."}},
)
async def transcriptions(
    state: State,
    principal: AnalysisUser,
    file: Annotated[UploadFile, File(description="wav, mp3, m4a, ogg, webm or flac; at most 30 minutes.")],
    model: Annotated[
        str, Form(description="Accepted for compatibility (whisper-1); the language picks it.")
    ] = "whisper-1",
    language: Annotated[str, Form(description="en (fast English model), fr, another code, or auto.")] = AUTO,
    prompt: Annotated[str | None, Form(description="Words to expect; fillers keep Whisper's ums.")] = None,
    response_format: Annotated[
        Literal["json", "text", "srt", "verbose_json", "vtt"], Form(description="Output shape.")
    ] = "json",
    timestamp_granularities: Annotated[
        list[Literal["word", "segment"]] | None,
        Form(alias="timestamp_granularities[]", description="word and/or segment (verbose_json)."),
    ] = None,
    stream: Annotated[bool, Form(description="Server-sent transcript.text.delta events, then done.")] = False,
) -> Response:
    stt = state.services.engines.speech_to_text(None if language == AUTO else language)
    audio = await _decode(file)
    located = await run_in_threadpool(
        locate_speech, SpeechAnalyzer.from_engines(state.services.engines).vad, audio
    )
    wanted = None if language == AUTO else language
    parts = iter_transcribe_speech(stt, located.audio, located.spans, language=wanted, prompt=prompt)
    if stream:
        return StreamingResponse(_deltas(iterate_off_loop(parts)), media_type="text/event-stream")
    pieces = await run_in_threadpool(list, parts)
    detected = pieces[0].language if pieces and wanted is None else (wanted or "en")
    transcript = join_transcripts(pieces, language=detected, duration=audio.duration)
    return _render(transcript, response_format, list(timestamp_granularities or ["segment"]))


async def _deltas(parts: AsyncIterator[Transcript]) -> AsyncIterator[str]:
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
    yield sse({"type": "transcript.text.done", "text": " ".join(texts)})


def _render(transcript: Transcript, fmt: str, granularities: list[Literal["word", "segment"]]) -> Response:
    if fmt == "json":
        return JSONResponse({"text": transcript.text})
    if fmt == "verbose_json":
        body: dict[str, Any] = verbose_json(transcript)
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
    state: State,
    principal: AnalysisUser,
    file: Annotated[
        UploadFile, File(description="wav, mp3, m4a, ogg, webm or flac; up to 10 MB, 30 minutes.")
    ],
    language: Annotated[str, Form(description="en or fr.")] = "en",
) -> JSONResponse:
    check_language(language)
    if file.size == 0:
        raise InvalidInput("the uploaded file is empty")
    audio = await _decode(file)
    analyzer = SpeechAnalyzer.from_engines(state.services.engines)
    result = await run_in_threadpool(lambda: analyzer.analyze(audio, language=language))
    return JSONResponse(result.to_dict())

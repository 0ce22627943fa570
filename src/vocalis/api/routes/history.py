"""Synthesis history: ``/history`` and ``/v1/history`` (ElevenLabs-style), audio, deletes, zip export."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse, StreamingResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from vocalis.api.deps import Authenticated
from vocalis.api.parts import Blobs, History, HistoryExport
from vocalis.api.schemas.base import MAX_OFFSET, IsoDateTime, StrictBody
from vocalis.api.schemas.jobs import BatchDeleted, IdsBody
from vocalis.audio.formats import AudioFormat
from vocalis.errors import NotFound
from vocalis.store.history import MAX_PAGE, SORTS, HistoryFilter, SynthesisRecord
from vocalis.store.history_export import ZIP_FILENAME
from vocalis.store.history_export import HistoryExport as HistoryExportService

router = APIRouter(tags=["History"])


class HistoryItem(BaseModel):
    id: str = Field(description="History item id.")
    history_item_id: str = Field(description="Same as id (ElevenLabs name).")
    text: str = Field(description="What was said.")
    voice: str = Field(description="The voice (or blend) that said it.")
    voice_id: str = Field(description="Same as voice (ElevenLabs name).")
    model: str = Field(description="The engine: kokoro, hibari, piper.")
    model_id: str = Field(description="Same as model (ElevenLabs name).")
    format: str = Field(description="Audio format: mp3, wav, opus, aac, flac or pcm.")
    content_type: str = Field(description="Media type of the audio.")
    sample_rate: int = Field(description="Sample rate of the audio in Hz.")
    speed: float = Field(description="Speaking speed.")
    characters: int = Field(description="Length of the text.")
    audio_seconds: float = Field(description="Length of the audio.")
    compute_seconds: float = Field(description="Time spent rendering it.")
    audio_bytes: int = Field(description="Size of the audio file.")
    source: str = Field(
        description="Which interface made it: openai, elevenlabs, tts, stream-input, cli, job."
    )
    created_at: datetime = Field(description="When it was made.")
    date_unix: int = Field(description="created_at as Unix seconds (ElevenLabs name).")
    audio_url: str = Field(description="Where to download the audio.")

    @classmethod
    def of(cls, r: SynthesisRecord) -> HistoryItem:
        return cls(
            id=r.id,
            history_item_id=r.id,
            text=r.text,
            voice=r.voice,
            voice_id=r.voice,
            model=r.model,
            model_id=r.model,
            format=r.format,
            content_type=AudioFormat(r.format).media_type,
            sample_rate=r.sample_rate,
            speed=r.speed,
            characters=r.characters,
            audio_seconds=r.audio_seconds,
            compute_seconds=r.compute_seconds,
            audio_bytes=r.audio_bytes,
            source=r.source,
            created_at=r.created_at,
            date_unix=int(r.created_at.timestamp()),
            audio_url=f"/v1/history/{r.id}/audio",
        )


class HistoryPageOut(BaseModel):
    history: list[HistoryItem] = Field(description="This page.")
    total: int = Field(description="Items matching the filters, all pages together.")
    limit: int = Field(description="Page size.")
    offset: int = Field(description="Items skipped.")
    has_more: bool = Field(description="More items follow this page.")
    last_history_item_id: str | None = Field(description="Id of the last item on this page.")


UNIX_MAX = 253402300799  # 9999-12-31T23:59:59Z


def _from_unix(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


@router.get("/v1/history", summary="My synthesis history: filter, search, sort, page")
@router.get("/history", summary="My synthesis history: filter, search, sort, page")
async def list_history(
    history: History,
    principal: Authenticated,
    voice: Annotated[str | None, Query(description="Only this voice (or blend label).")] = None,
    source: Annotated[
        str | None, Query(description="Only from this interface (job, openai, tts, ...).")
    ] = None,
    since: Annotated[IsoDateTime | None, Query(description="Made at or after this time (ISO 8601).")] = None,
    until: Annotated[IsoDateTime | None, Query(description="Made before this time (ISO 8601).")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text contains this (any case).")] = None,
    sort: Annotated[str, Query(description=f"One of {', '.join(SORTS)}; '-' is descending.")] = "-created_at",
    limit: Annotated[int, Query(ge=1, le=500, description="Page size.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
    page_size: Annotated[
        int | None, Query(ge=1, le=MAX_PAGE, description="ElevenLabs' name for `limit`.")
    ] = None,
    start_after_history_item_id: Annotated[
        str | None, Query(max_length=80, description="ElevenLabs' cursor: start after this item.")
    ] = None,
    voice_id: Annotated[str | None, Query(description="ElevenLabs' name for `voice`.")] = None,
    date_after_unix: Annotated[
        int | None, Query(ge=0, le=UNIX_MAX, description="ElevenLabs: made at or after (Unix time).")
    ] = None,
    date_before_unix: Annotated[
        int | None, Query(ge=0, le=UNIX_MAX, description="ElevenLabs: made before (Unix time).")
    ] = None,
    sort_direction: Annotated[
        Literal["asc", "desc"] | None, Query(description="ElevenLabs: by creation time, `desc` first.")
    ] = None,
    search: Annotated[str | None, Query(max_length=200, description="ElevenLabs' name for `q`.")] = None,
) -> HistoryPageOut:
    filters = HistoryFilter(
        voice=voice_id or voice,
        source=source,
        since=_from_unix(date_after_unix) or since,
        until=_from_unix(date_before_unix) or until,
        text=search or q,
    )
    if sort_direction is not None:
        sort = "created_at" if sort_direction == "asc" else "-created_at"
    limit = page_size or limit
    page = await run_in_threadpool(
        lambda: history.search(
            owner_id=principal.user.id,
            filters=filters,
            sort=sort,
            limit=limit,
            offset=offset,
            after_id=start_after_history_item_id,
        )
    )
    return HistoryPageOut(
        history=[HistoryItem.of(r) for r in page.items],
        total=page.total,
        limit=limit,
        offset=offset,
        has_more=page.more,
        last_history_item_id=page.items[-1].id if page.items else None,
    )


@router.get("/v1/history/{history_item_id}", summary="One history item")
@router.get("/history/{history_item_id}", summary="One history item")
async def get_history_item(history_item_id: str, history: History, principal: Authenticated) -> HistoryItem:
    record = await run_in_threadpool(lambda: history.get(history_item_id, owner_id=principal.user.id))
    return HistoryItem.of(record)


@router.get(
    "/v1/history/{history_item_id}/audio",
    summary="Download one history item's audio",
    response_class=FileResponse,
    responses={200: {"content": {f.media_type: {} for f in AudioFormat}, "description": "The audio file."}},
)
@router.get("/history/{history_item_id}/audio", summary="Download one history item's audio",
            response_class=FileResponse)  # fmt: skip
async def history_audio(
    history_item_id: str, history: History, blobs: Blobs, principal: Authenticated
) -> FileResponse:
    record = await run_in_threadpool(lambda: history.get(history_item_id, owner_id=principal.user.id))
    path = blobs.path(record.audio_key)
    if not path.is_file():
        raise NotFound(f"the audio of {history_item_id} is gone", history_item_id=history_item_id)
    fmt = AudioFormat(record.format)
    return FileResponse(path, media_type=fmt.media_type, filename=f"{record.id}.{fmt.extension}")


class Deleted(BaseModel):
    id: str = Field(description="The deleted item.")
    status: str = Field(default="ok", description="Always ok.")


@router.delete("/v1/history/{history_item_id}", summary="Delete one history item and its audio")
@router.delete("/history/{history_item_id}", summary="Delete one history item and its audio")
async def delete_history_item(history_item_id: str, history: History, principal: Authenticated) -> Deleted:
    await run_in_threadpool(lambda: history.delete(history_item_id, owner_id=principal.user.id))
    return Deleted(id=history_item_id)


@router.post("/v1/history/batch_delete", summary="Delete several history items and their audio")
@router.post("/history/batch_delete", summary="Delete several history items and their audio")
async def batch_delete_history(body: IdsBody, history: History, principal: Authenticated) -> BatchDeleted:
    gone = set(await run_in_threadpool(lambda: history.delete_many(body.ids, owner_id=principal.user.id)))
    return BatchDeleted(
        deleted=[i for i in body.ids if i in gone], not_found=[i for i in body.ids if i not in gone]
    )


class ExportBody(StrictBody):
    ids: list[str] = Field(min_length=1, max_length=5000, description="History item ids to include.")


class ElevenDownloadBody(StrictBody):
    history_item_ids: list[str] = Field(min_length=1, max_length=5000, description="History item ids.")


ZIP_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/zip": {}}, "description": "audio/ files and manifest.json."}
}


@router.post("/export/zip", summary="Zip of chosen history items: audio + manifest (streamed)",
             response_class=StreamingResponse, responses=ZIP_RESPONSE)  # fmt: skip
async def export_zip(
    body: ExportBody, history_export: HistoryExport, principal: Authenticated
) -> StreamingResponse:
    return await _zip_response(history_export, body.ids, principal.user.id)


@router.post("/v1/history/download", summary="Zip of chosen history items (ElevenLabs shape)",
             response_class=StreamingResponse, responses=ZIP_RESPONSE)  # fmt: skip
async def download_history(
    body: ElevenDownloadBody, history_export: HistoryExport, principal: Authenticated
) -> StreamingResponse:
    return await _zip_response(history_export, body.history_item_ids, principal.user.id)


async def _zip_response(export: HistoryExportService, ids: list[str], owner: str) -> StreamingResponse:
    chunks = await run_in_threadpool(lambda: export.zip(ids, owner_id=owner))
    return StreamingResponse(
        chunks,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{ZIP_FILENAME}"'},
    )

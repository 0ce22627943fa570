"""Operations: retention clean-up (admin) and the model registry (status; downloads by admins)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from vocalis.api.deps import AdminUser, Authenticated
from vocalis.api.parts import AppSettings, Background, Downloads
from vocalis.api.schemas.base import MAX_OFFSET, StrictBody
from vocalis.config import RetentionSettings
from vocalis.engines.catalog import SourceKind, builtin_models, model_status
from vocalis.jobs.downloads import DownloadState

router = APIRouter(tags=["Operations"])
MAX_RETENTION_HOURS = 24 * 366 * 100  # a century: longer is "keep everything", not a date overflow


class CleanupBody(StrictBody):
    max_hours: float | None = Field(
        default=None, gt=0, le=MAX_RETENTION_HOURS, description="Override: delete items older than this."
    )
    max_items: int | None = Field(
        default=None, ge=0, le=MAX_OFFSET, description="Override: keep this many items per user."
    )


class CleanupOut(BaseModel):
    syntheses_deleted: int = Field(description="History items past retention, deleted with their audio.")
    jobs_deleted: int = Field(description="Finished jobs past retention, deleted with their results.")
    orphan_files_deleted: int = Field(description="Audio files no row pointed at (older than an hour).")
    missing_audio_rows_deleted: int = Field(description="History rows whose audio file had gone.")
    part_dirs_deleted: int = Field(description="Part files of jobs no longer running.")


@router.post("/maintenance/cleanup", summary="Apply retention now and remove orphaned files (admin)")
async def cleanup(
    principal: AdminUser, settings: AppSettings, background: Background, body: CleanupBody | None = None
) -> CleanupOut:
    retention = settings.retention
    if body is not None and (body.max_hours is not None or body.max_items is not None):
        retention = RetentionSettings(
            max_hours=body.max_hours if body.max_hours is not None else retention.max_hours,
            max_items=body.max_items if body.max_items is not None else retention.max_items,
            interval_minutes=retention.interval_minutes,
        )
    report = await run_in_threadpool(background.cleanup, retention)
    return CleanupOut.model_validate(report, from_attributes=True)


class DownloadOut(BaseModel):
    state: str = Field(description="downloading, done or failed.")
    files_done: int = Field(description="Files finished.")
    files_total: int = Field(description="Files in all.")
    file: str | None = Field(description="The file being fetched.")
    file_bytes_done: int = Field(description="Bytes of that file so far.")
    file_bytes_total: int | None = Field(description="Its size, if known.")
    error: str | None = Field(description="Why it failed.")

    @classmethod
    def of(cls, state: DownloadState) -> DownloadOut:
        return cls.model_validate(state, from_attributes=True)


class ModelOut(BaseModel):
    name: str = Field(description="Model name (POST /models/download takes it).")
    capability: str = Field(description="tts, stt or voices.")
    description: str = Field(description="What it is.")
    license: str = Field(description="Its licence.")
    source: str | None = Field(description="package, directory, or null when it is not available.")
    location: str | None = Field(
        description="Package names it loads from; the directories it loads from are shown to admins only."
    )
    size_bytes: int | None = Field(description="Bytes on disk.")
    ready: bool = Field(description="It can be used now.")
    detail: str = Field(description="Status in words, with a hint when it is not ready.")
    downloadable: bool = Field(description="It can be fetched from the model hub.")
    download: DownloadOut | None = Field(description="The download started from the API, if any.")


@router.get("/models/status", summary="Every model: where it loads from, size, readiness, downloads")
async def models_status(
    principal: Authenticated, settings: AppSettings, downloads: Downloads
) -> list[ModelOut]:
    admin = principal.is_admin

    def gather() -> list[ModelOut]:
        out = []
        for spec in builtin_models():
            status = model_status(spec, settings)
            download = downloads.state(spec.name)
            out.append(
                ModelOut(
                    name=spec.name,
                    capability=spec.capability,
                    description=spec.description,
                    license=spec.license,
                    source=status.source.value if status.source else None,
                    location=status.location if admin or status.source is SourceKind.PACKAGE else None,
                    size_bytes=status.size_bytes,
                    ready=status.ready,
                    # The server's directories are for admins; others learn what is missing, not where.
                    detail=status.detail if admin else status.detail.split(" (searched ", 1)[0],
                    downloadable=bool(spec.hub_files),
                    download=DownloadOut.of(download) if download else None,
                )
            )
        return out

    return await run_in_threadpool(gather)


class DownloadBody(StrictBody):
    model: str = Field(description="Model name from GET /models/status, e.g. kokoro-voices.")


@router.post("/models/download", summary="Fetch a model's files from the hub (admin; in the background)",
             status_code=202)  # fmt: skip
async def download_model(body: DownloadBody, principal: AdminUser, downloads: Downloads) -> DownloadOut:
    return DownloadOut.of(await run_in_threadpool(downloads.start, body.model))

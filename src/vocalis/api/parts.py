"""What a route may ask for: one Annotated dependency per part of the object graph.

Routes declare the services they use (``jobs: Jobs``, ``speech: Speech``) instead of reaching into the
graph; every part is built once at start-up (``Vocalis.open_for_serving``) and shared.
"""

from __future__ import annotations

from typing import Annotated, Any, cast

from fastapi import Depends
from fastapi.params import Depends as DependsParam
from starlette.requests import HTTPConnection

from vocalis.accounts.allowance import Allowances as AllowancesPart
from vocalis.accounts.data import OwnedData
from vocalis.accounts.service import Accounts as AccountsGraph
from vocalis.analysis.admission import UploadSlots as UploadSlotsPart
from vocalis.analysis.transcriber import Transcriber as TranscriberService
from vocalis.cloning.voices_service import ClonedVoiceService
from vocalis.coaching.service import CoachingService
from vocalis.config import Settings
from vocalis.engines.registry import EngineRegistry
from vocalis.graph import Vocalis
from vocalis.interview.service import InterviewService
from vocalis.jobs.background import Background as BackgroundWork
from vocalis.jobs.downloads import ModelDownloads
from vocalis.jobs.service import JobService
from vocalis.speech.admission import SynthesisSlots
from vocalis.speech.orders import SynthesisOrders
from vocalis.speech.service import SpeechService
from vocalis.store.blobs import BlobStore
from vocalis.store.db import Database as DatabaseHandle
from vocalis.store.history import SynthesisHistory
from vocalis.store.history_export import HistoryExport as HistoryExportService
from vocalis.store.readiness import Readiness as ReadinessChecks
from vocalis.voices.library import VoiceLibrary


def graph_of(connection: HTTPConnection) -> Vocalis:
    graph: Vocalis = connection.app.state.vocalis
    return graph


def _part(name: str) -> DependsParam:
    # async: parts are built at start-up, so this is an attribute read; a sync dependency would take a
    # trip through the shared thread pool, and wait behind requests that fill it (a hung Redis).
    async def dependency(connection: HTTPConnection) -> Any:
        return getattr(graph_of(connection), name)

    dependency.__name__ = f"graph_{name}"
    return cast(DependsParam, Depends(dependency))


AppSettings = Annotated[Settings, _part("settings")]
Engines = Annotated[EngineRegistry, _part("engines")]
Voices = Annotated[VoiceLibrary, _part("voices")]
DefaultVoice = Annotated[str, _part("default_voice")]
Speech = Annotated[SpeechService, _part("speech")]
Orders = Annotated[SynthesisOrders, _part("synthesis_orders")]
Slots = Annotated[SynthesisSlots, _part("slots")]
Jobs = Annotated[JobService, _part("jobs")]
History = Annotated[SynthesisHistory, _part("history")]
HistoryExport = Annotated[HistoryExportService, _part("history_export")]
Blobs = Annotated[BlobStore, _part("blobs")]
Accounts = Annotated[AccountsGraph, _part("accounts")]
Allowances = Annotated[AllowancesPart, _part("allowances")]
Owned = Annotated[tuple[OwnedData, ...], _part("owned")]
ClonedVoices = Annotated[ClonedVoiceService, _part("cloned_voices")]
Transcriber = Annotated[TranscriberService, _part("transcriber")]
UploadSlots = Annotated[UploadSlotsPart, _part("upload_slots")]
Downloads = Annotated[ModelDownloads, _part("downloads")]
Background = Annotated[BackgroundWork, _part("background")]
Database = Annotated[DatabaseHandle, _part("database")]
Readiness = Annotated[ReadinessChecks, _part("readiness")]
Coaching = Annotated[CoachingService, _part("coaching")]
Interviews = Annotated[InterviewService, _part("interviews")]

"""Everything the API builds at start-up and hands to routes through dependencies."""

from __future__ import annotations

from dataclasses import dataclass

from vocalis.accounts.data import HistoryData, OwnedData
from vocalis.accounts.service import Accounts, build_accounts
from vocalis.config import Settings
from vocalis.engines.registry import EngineRegistry
from vocalis.services import Services, build_services
from vocalis.speech.admission import SynthesisSlots
from vocalis.store.blobs import BlobStore
from vocalis.store.db import Database
from vocalis.store.history import SynthesisHistory


@dataclass(frozen=True)
class ApiState:
    services: Services
    database: Database
    blobs: BlobStore
    history: SynthesisHistory
    slots: SynthesisSlots
    accounts: Accounts
    owned: tuple[OwnedData, ...]

    @property
    def settings(self) -> Settings:
        return self.services.settings


def build_state(settings: Settings, *, engines: EngineRegistry | None = None) -> ApiState:
    services = build_services(settings, engines=engines)
    database = Database(settings.database_url)
    if settings.database.auto_migrate:
        database.upgrade()
    blobs = BlobStore(settings.audio_dir)
    history = SynthesisHistory(database, blobs)
    return ApiState(
        services=services,
        database=database,
        blobs=blobs,
        history=history,
        accounts=build_accounts(settings, database),
        owned=(HistoryData(history, blobs),),
        slots=SynthesisSlots(
            max_concurrent=settings.speech.max_concurrent,
            max_queued=settings.speech.max_queued,
            retry_after_s=settings.speech.retry_after_s,
        ),
    )

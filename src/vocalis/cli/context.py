"""Building settings and services for a command, lazily: `vocalis --help` must not load models."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError

from vocalis.config import Settings
from vocalis.errors import InvalidInput
from vocalis.services import Services, build_services

if TYPE_CHECKING:
    from vocalis.cloning.registry import ClonedVoices


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"VOCALIS_{'__'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()
        )
        raise InvalidInput(f"invalid settings: {problems}") from exc


def load_services() -> Services:
    return build_services(load_settings())


def attach_clones(services: Services) -> ClonedVoices:
    """The cloned voices in this installation's database, resolvable by the CLI (a trusted caller)."""
    from vocalis.cloning.registry import ClonedVoices
    from vocalis.engines.kokoro import ENGINE_NAME, KokoroEngine
    from vocalis.store.blobs import BlobStore
    from vocalis.store.db import Database

    settings = services.settings
    database = Database(settings.database_url)
    if settings.database.auto_migrate:
        database.upgrade()
    kokoro = services.engines.tts.get(ENGINE_NAME)
    clones = ClonedVoices(
        database, BlobStore(settings.audio_dir), kokoro if isinstance(kokoro, KokoroEngine) else None
    )
    services.voices.attach(clones)
    return clones

"""A cloned voice as the cloner hands it over: the record and the style table, and its id scheme.

Where clones are kept (database rows and blobs) is :mod:`vocalis.cloning.repository`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from vocalis.cloning.record import CloneRecord
from vocalis.engines.kokoro_packs import StyleTable


@dataclass(frozen=True, eq=False)
class CloneResult:
    record: CloneRecord
    table: StyleTable


def new_voice_id() -> str:
    return f"clone_{secrets.token_hex(8)}"

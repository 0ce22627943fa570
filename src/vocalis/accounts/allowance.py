"""What a user may still use today: characters against the daily quota, and voices they own.

ElevenLabs tools show this as the account's subscription (``GET /v1/user/subscription``); here it is
counted from the synthesis history and the cloned voices, the same numbers the quota check uses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from vocalis.accounts.limits import Quotas, start_of_day
from vocalis.accounts.models import User


@dataclass(frozen=True)
class Allowance:
    characters_used: int  # synthesised since midnight UTC
    characters_limit: int  # a day
    resets_at: datetime  # the next midnight UTC
    voices_owned: int  # cloned voices the user owns (any state)


class Allowances:
    def __init__(
        self, quotas: Quotas, default_characters_per_day: int, voices_owned: Callable[[str], int]
    ) -> None:
        self._quotas = quotas
        self._default_per_day = default_characters_per_day
        self._voices_owned = voices_owned

    def of(self, user: User) -> Allowance:
        return Allowance(
            characters_used=self._quotas.characters_today(user.id),
            characters_limit=user.characters_per_day or self._default_per_day,
            resets_at=start_of_day() + timedelta(days=1),
            voices_owned=self._voices_owned(user.id),
        )

"""Who a cloned voice is shared with: accounts, by user id, and invitations, by e-mail.

Sharing with an e-mail answers the same whether or not it has an account, so an owner cannot learn who
is registered: an e-mail with no account is kept as an invitation, and whoever signs up with it sees
the voice, as an account that already had the e-mail would. (E-mails are not verified at sign-up: a
share goes to whoever holds the e-mail here, now or later, alike.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from vocalis.store.account_tables import UserRow
from vocalis.store.tables import utcnow
from vocalis.store.voice_tables import ClonedVoiceRow, VoiceShareInviteRow, VoiceShareRow


@dataclass(frozen=True)
class Sharing:
    user_ids: tuple[str, ...] = ()
    invited: tuple[str, ...] = ()  # lower-cased e-mails that had no account when the voice was shared


def shared_with(viewer: str) -> Any:
    """The condition "this voice is shared with the viewer", by their id or by their e-mail."""
    by_id = select(VoiceShareRow.voice_id).where(VoiceShareRow.user_id == viewer)
    by_email = (
        select(VoiceShareInviteRow.voice_id)
        .join(UserRow, UserRow.email == VoiceShareInviteRow.email)
        .where(UserRow.id == viewer)
    )
    return or_(ClonedVoiceRow.id.in_(by_id), ClonedVoiceRow.id.in_(by_email))


def load_sharing(session: Session, voice_ids: Sequence[str]) -> dict[str, Sharing]:
    users: dict[str, list[str]] = {}
    invited: dict[str, list[str]] = {}
    for voice_id, user_id in session.execute(
        select(VoiceShareRow.voice_id, VoiceShareRow.user_id).where(VoiceShareRow.voice_id.in_(voice_ids))
    ):
        users.setdefault(voice_id, []).append(user_id)
    for voice_id, email in session.execute(
        select(VoiceShareInviteRow.voice_id, VoiceShareInviteRow.email).where(
            VoiceShareInviteRow.voice_id.in_(voice_ids)
        )
    ):
        invited.setdefault(voice_id, []).append(email)
    return {
        voice_id: Sharing(tuple(sorted(users.get(voice_id, ()))), tuple(sorted(invited.get(voice_id, ()))))
        for voice_id in set(users) | set(invited)
    }


def replace_sharing(session: Session, voice_id: str, sharing: Sharing, *, owner_id: str | None) -> None:
    """The new list replaces the old one; the owner is never among those it is shared with."""
    session.execute(delete(VoiceShareRow).where(VoiceShareRow.voice_id == voice_id))
    session.execute(delete(VoiceShareInviteRow).where(VoiceShareInviteRow.voice_id == voice_id))
    now = utcnow()
    session.add_all(
        VoiceShareRow(voice_id=voice_id, user_id=u, created_at=now)
        for u in sorted(set(sharing.user_ids) - {owner_id or ""})
    )
    session.add_all(
        VoiceShareInviteRow(voice_id=voice_id, email=e, created_at=now) for e in sorted(set(sharing.invited))
    )

"""Cloned voices as their users see them: start one, list, read, edit, share and delete.

Sharing is by e-mail at this edge, by user id underneath, and by e-mail for those with no account yet
(cloning/shares.py: the answer never tells which e-mails are registered); deleting a voice also cancels (or
removes) its clone job, so nothing keeps running for a voice that is gone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from vocalis.accounts.directory import UserDirectory, normalise_email
from vocalis.cloning.explanations import similarity_meaning
from vocalis.cloning.fields import check_description, check_labels
from vocalis.cloning.intake import CloneIntake, CloneRequest, StartedClone
from vocalis.cloning.repository import ClonedVoice, ClonedVoiceRepository
from vocalis.cloning.service import VoiceCloner, check_name
from vocalis.cloning.shares import Sharing
from vocalis.engines.protocols import VoiceInfo
from vocalis.errors import InvalidInput, NotFound
from vocalis.jobs.service import JobService

MAX_SHARES = 100  # e-mails one voice is shared with


@dataclass(frozen=True)
class VoiceFilter:
    """What narrows a voice listing (stock voices and clones alike)."""

    category: Literal["premade", "cloned"] | None = None
    language: str | None = None
    gender: str | None = None
    search: str | None = None

    def keeps(self, voice: VoiceInfo, category: str) -> bool:
        words = (self.search or "").lower().split()
        haystack = f"{voice.id} {voice.name} {voice.accent} {voice.description}".lower()
        return (
            (self.category is None or self.category == category)
            and (not self.language or voice.language.lower().startswith(self.language.lower()))
            and (not self.gender or voice.gender == self.gender.lower())
            and all(w in haystack for w in words)
        )


@dataclass(frozen=True)
class ClonedVoiceView:
    """A cloned voice as one viewer may see it."""

    entry: ClonedVoice
    is_owner: bool
    shared_with: tuple[str, ...]  # e-mails; only the owner sees them
    meaning: str | None  # once ready: the similarity in words


@dataclass(frozen=True)
class VoiceChanges:
    """An owner's edit; None leaves a field as it is."""

    name: str | None = None
    description: str | None = None
    labels: dict[str, str] | None = None
    shared_with: Sequence[str] | None = None  # e-mails; replaces the list, empty makes it private


class ClonedVoiceService:
    def __init__(
        self,
        voices: ClonedVoiceRepository,
        users: UserDirectory,
        jobs: JobService,
        cloner: Callable[[], VoiceCloner],
    ) -> None:
        self._voices = voices
        self._users = users
        self._jobs = jobs
        self._intake = CloneIntake(cloner, voices, jobs)

    def start_clone(self, request: CloneRequest) -> StartedClone:
        """Check everything (consent, form, sample), store the voice and submit its clone job."""
        return self._intake.start(request)

    def view(self, voice_id: str, *, viewer: str) -> ClonedVoiceView:
        return self.describe(self._voices.get(voice_id, viewer=viewer), viewer=viewer)

    def describe(self, entry: ClonedVoice, *, viewer: str) -> ClonedVoiceView:
        is_owner = entry.owner_id == viewer
        emails = [self._email(u) for u in entry.shared_with] + list(entry.invited) if is_owner else []
        return ClonedVoiceView(
            entry=entry,
            is_owner=is_owner,
            shared_with=tuple(sorted({e for e in emails if e})),
            meaning=similarity_meaning(entry.record) if entry.record is not None else None,
        )

    def visible(self, *, viewer: str, wanted: VoiceFilter | None = None) -> list[ClonedVoice]:
        """The viewer's clones and those shared with them, narrowed by ``wanted``."""
        if wanted is not None and wanted.category == "premade":
            return []
        found = self._voices.visible(viewer=viewer)
        return [c for c in found if wanted is None or wanted.keeps(c.info(), "cloned")]

    def visible_views(self, *, viewer: str, wanted: VoiceFilter | None = None) -> list[ClonedVoiceView]:
        """As :meth:`visible`, each as the viewer sees it (with its sharing and similarity)."""
        return [self.describe(entry, viewer=viewer) for entry in self.visible(viewer=viewer, wanted=wanted)]

    def edit(self, voice_id: str, *, owner_id: str, changes: VoiceChanges) -> ClonedVoiceView:
        shared = self._recipients(changes.shared_with) if changes.shared_with is not None else None
        entry = self._voices.update(
            voice_id,
            owner_id=owner_id,
            name=check_name(changes.name) if changes.name is not None else None,
            description=check_description(changes.description) if changes.description is not None else None,
            labels=check_labels(changes.labels) if changes.labels is not None else None,
            shared_with=shared,
        )
        return self.describe(entry, viewer=owner_id)

    def delete(self, voice_id: str, *, owner_id: str) -> ClonedVoice:
        """The voice, its sample and table, and its clone job (cancelled if still running)."""
        entry = self._voices.delete(voice_id, owner_id=owner_id)
        if entry.job_id is not None:
            with contextlib.suppress(NotFound):  # the job was already removed (retention)
                self._jobs.cancel_or_delete(entry.job_id, owner_id=owner_id)
        return entry

    def _email(self, user_id: str) -> str | None:
        try:
            return self._users.get(user_id).email
        except NotFound:
            return None

    def _recipients(self, emails: Sequence[str]) -> Sharing:
        """Accounts by id, the other e-mails as invitations: the same answer either way (shares.py)."""
        if len(emails) > MAX_SHARES:
            raise InvalidInput(f"share a voice with at most {MAX_SHARES} e-mails", field="shared_with")
        ids: list[str] = []
        invited: list[str] = []
        for email in emails:
            try:
                address = normalise_email(email)
            except InvalidInput as exc:
                raise InvalidInput(exc.message, field="shared_with") from None
            user = self._users.find_by_email(address)
            if user is None:
                invited.append(address)
            else:
                ids.append(user.id)
        return Sharing(tuple(ids), tuple(invited))

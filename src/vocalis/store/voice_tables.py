"""Tables for cloned voices: one row per voice (its owner, state and record), one per share, one per
invitation (a share with an e-mail that has no account yet)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vocalis.store.tables import Base, UtcDateTime, utcnow


class ClonedVoiceRow(Base):
    """A voice made from a sample. It exists from the upload on; a clone job fills in the style table
    (a blob) and the record (JSON: similarity, recipe, voicing) when it succeeds."""

    __tablename__ = "cloned_voices"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    owner_id: Mapped[str | None] = mapped_column(String)
    name: Mapped[str] = mapped_column(String)
    description: Mapped[str] = mapped_column(Text, default="")
    labels: Mapped[str] = mapped_column(Text, default="{}")  # JSON object of short strings
    status: Mapped[str] = mapped_column(String)  # cloning, ready, failed, cancelled
    job_id: Mapped[str | None] = mapped_column(String(32))
    filename: Mapped[str | None] = mapped_column(String)
    sample_key: Mapped[str | None] = mapped_column(String)  # the checked sample as 16-bit WAV
    sample_seconds: Mapped[float] = mapped_column(Float)
    sample_rate: Mapped[int] = mapped_column(Integer)  # of the upload
    consent: Mapped[str] = mapped_column(Text)  # JSON: statement, speaker, date, recorded_at
    table_key: Mapped[str | None] = mapped_column(String)  # the 510x256 style table (.npy)
    record: Mapped[str | None] = mapped_column(Text)  # JSON CloneRecord once ready
    error_code: Mapped[str | None] = mapped_column(String)
    error_message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (Index("ix_cloned_voices_owner_id_created_at", "owner_id", "created_at"),)


class VoiceShareRow(Base):
    """The owner let this user use (and see) the voice."""

    __tablename__ = "voice_shares"

    voice_id: Mapped[str] = mapped_column(
        ForeignKey("cloned_voices.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class VoiceShareInviteRow(Base):
    """The owner shared the voice with an e-mail no account had: whoever signs up with it sees the voice.

    Stored like a share so that sharing answers the same whether or not the e-mail is registered."""

    __tablename__ = "voice_share_invites"

    voice_id: Mapped[str] = mapped_column(
        ForeignKey("cloned_voices.id", ondelete="CASCADE"), primary_key=True
    )
    email: Mapped[str] = mapped_column(String(320), primary_key=True, index=True)  # lower-cased
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

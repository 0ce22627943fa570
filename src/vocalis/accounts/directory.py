"""Users: registration, profile, password changes, and what admins do to accounts."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from vocalis.accounts.audit import AuditLog
from vocalis.accounts.models import User
from vocalis.accounts.passwords import Passwords
from vocalis.accounts.roles import Role
from vocalis.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthorized
from vocalis.store.account_tables import AuthSessionRow, UserRow
from vocalis.store.db import Database

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{2,63}$")
LOCAL_USER_EMAIL = "local@localhost"


def to_user(row: UserRow) -> User:
    return User(
        id=row.id,
        email=row.email,
        display_name=row.display_name,
        role=Role(row.role),
        disabled=row.disabled,
        created_at=row.created_at,
        requests_per_minute=row.requests_per_minute,
        characters_per_day=row.characters_per_day,
    )


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    if not _EMAIL.match(email):
        raise InvalidInput(f"{email!r} is not an email address", field="email")
    return email


class UserDirectory:
    def __init__(self, database: Database, passwords: Passwords, audit: AuditLog) -> None:
        self._db = database
        self._passwords = passwords
        self._audit = audit

    def create(
        self,
        email: str,
        password: str,
        *,
        display_name: str | None = None,
        role: Role = Role.USER,
        actor_id: str | None,
    ) -> User:
        email = normalise_email(email)
        self._passwords.check_strength(password)
        name = (display_name or email.split("@")[0]).strip()[:100]
        row = UserRow(
            id=uuid.uuid4().hex,
            email=email,
            display_name=name,
            password_hash=self._passwords.hash(password),
            role=role.value,
            disabled=False,
        )
        try:
            with self._db.session() as session:
                session.add(row)
                session.flush()
                user = to_user(row)
        except IntegrityError as exc:
            raise Conflict(f"an account for {email} already exists", field="email") from exc
        self._audit.record("user_created", actor_id=actor_id or user.id, target=user.id, role=role.value)
        return user

    def local_user(self) -> User:
        """The single user of local mode: an admin with no password, created on first use.

        Several first requests may arrive at once; the one that loses the race to insert the row
        reads the winner's.
        """
        existing = self._find_local_user()
        if existing is not None:
            return existing
        try:
            with self._db.session() as session:
                row = UserRow(
                    id=uuid.uuid4().hex,
                    email=LOCAL_USER_EMAIL,
                    display_name="Local user",
                    password_hash=None,
                    role=Role.ADMIN.value,
                    disabled=False,
                )
                session.add(row)
                session.flush()
                created = to_user(row)
        except IntegrityError:
            winner = self._find_local_user()
            if winner is None:
                raise
            return winner
        return created

    def _find_local_user(self) -> User | None:
        with self._db.session() as session:
            row = session.scalar(select(UserRow).where(UserRow.email == LOCAL_USER_EMAIL))
            return None if row is None else to_user(row)

    def get(self, user_id: str) -> User:
        with self._db.session() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise NotFound(f"no user {user_id}", user_id=user_id)
            return to_user(row)

    def find_by_email(self, email: str) -> User | None:
        """The account with exactly this e-mail. Callers must answer the same when there is none."""
        with self._db.session() as session:
            row = session.scalar(select(UserRow).where(UserRow.email == email.strip().lower()))
            return None if row is None else to_user(row)

    def count_admins(self) -> int:
        with self._db.session() as session:
            return int(session.scalar(select(func.count()).where(UserRow.role == Role.ADMIN.value)) or 0)

    def list(self, *, limit: int = 100, offset: int = 0, query: str | None = None) -> list[User]:
        with self._db.session() as session:
            statement = select(UserRow).order_by(UserRow.created_at, UserRow.id).limit(limit).offset(offset)
            if query:
                statement = statement.where(UserRow.email.contains(query.lower()))
            return [to_user(r) for r in session.scalars(statement)]

    def verify_password(self, user_id: str, password: str) -> None:
        with self._db.session() as session:
            row = session.get(UserRow, user_id)
            if row is None or not self._passwords.verify(row.password_hash, password):
                raise Unauthorized("the password is wrong")

    def change_password(
        self, user_id: str, current: str, new: str, *, keep_session: str | None = None
    ) -> None:
        self._passwords.check_strength(new)
        with self._db.session() as session:
            row = session.get(UserRow, user_id)
            if row is None or row.password_hash is None:
                raise Forbidden("this account has no password to change")
            if not self._passwords.verify(row.password_hash, current):
                raise Unauthorized("the current password is wrong")
            row.password_hash = self._passwords.hash(new)
            # Every other sign-in ends: whoever knew the old password is signed out.
            session.execute(
                delete(AuthSessionRow).where(
                    AuthSessionRow.user_id == user_id, AuthSessionRow.id != (keep_session or "")
                )
            )
        self._audit.record("password_changed", actor_id=user_id, target=user_id)

    def update(
        self,
        user_id: str,
        *,
        actor_id: str,
        role: Role | None = None,
        disabled: bool | None = None,
        display_name: str | None = None,
    ) -> User:
        with self._db.session() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise NotFound(f"no user {user_id}", user_id=user_id)
            demoting = role is not None and role is not Role.ADMIN and row.role == Role.ADMIN.value
            if (
                (demoting or disabled)
                and row.role == Role.ADMIN.value
                and self._is_last_admin(session, row.id)
            ):
                raise Conflict("this is the last admin: make another admin first")
            if role is not None:
                row.role = role.value
            if disabled is not None:
                row.disabled = disabled
                if disabled:
                    session.execute(delete(AuthSessionRow).where(AuthSessionRow.user_id == user_id))
            if display_name is not None:
                row.display_name = display_name.strip()[:100] or row.display_name
            user = to_user(row)
        self._audit.record(
            "user_updated",
            actor_id=actor_id,
            target=user_id,
            role=role.value if role else None,
            disabled=disabled,
        )
        return user

    @staticmethod
    def _is_last_admin(session: Session, user_id: str) -> bool:
        others = session.scalar(
            select(func.count()).where(
                UserRow.role == Role.ADMIN.value, UserRow.id != user_id, ~UserRow.disabled
            )
        )
        return not others

    def delete_row(self, user_id: str, *, actor_id: str) -> None:
        """Remove the user row (sessions and keys cascade). Owned data is removed by the caller first."""
        with self._db.session() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise NotFound(f"no user {user_id}", user_id=user_id)
            if row.role == Role.ADMIN.value and self._is_last_admin(session, user_id):
                raise Conflict("this is the last admin: make another admin first")
            session.delete(row)
        self._audit.record("user_deleted", actor_id=actor_id, target=user_id)

"""Password hashing with argon2id; its cost comes from the auth settings (RFC 9106's second
recommendation by default), and a hash made at another cost is re-made at the next sign-in."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from vocalis.config import AuthSettings
from vocalis.errors import InvalidInput

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256


class Passwords:
    def __init__(self, auth: AuthSettings) -> None:
        self._hasher = PasswordHasher(
            time_cost=auth.password_time_cost,
            memory_cost=auth.password_memory_kib,
            parallelism=auth.password_parallelism,
        )
        # Verifying against this when the user does not exist keeps login timing the same either way.
        self._decoy = self._hasher.hash("decoy password that matches nothing")

    @staticmethod
    def check_strength(password: str) -> None:
        if len(password) < MIN_PASSWORD_LENGTH:
            raise InvalidInput(
                f"password must be at least {MIN_PASSWORD_LENGTH} characters", minimum=MIN_PASSWORD_LENGTH
            )
        if len(password) > MAX_PASSWORD_LENGTH:
            raise InvalidInput(f"password must be at most {MAX_PASSWORD_LENGTH} characters")
        if password.strip() == "" or len(set(password)) < 4:
            raise InvalidInput("password is too simple: use more different characters")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash or self._decoy, password) and stored_hash is not None
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        return self._hasher.check_needs_rehash(stored_hash)

"""Roles and API key scopes."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    ADMIN = "admin"  # manages users, sees platform analytics
    RECRUITER = "recruiter"  # creates interview scenarios, sees sessions shared with them
    USER = "user"  # the default (a candidate is a user)


class Scope(enum.StrEnum):
    SPEECH = "speech"
    VOICES = "voices"
    JOBS = "jobs"
    ANALYSIS = "analysis"
    ADMIN = "admin"


ALL_SCOPES = frozenset(Scope)
# What a signed-in person (not an API key) may do, by role.
ROLE_SCOPES = {
    Role.ADMIN: ALL_SCOPES,
    Role.RECRUITER: ALL_SCOPES - {Scope.ADMIN},
    Role.USER: ALL_SCOPES - {Scope.ADMIN},
}

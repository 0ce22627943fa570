"""Annotated dependencies: routes declare what they need, the app state provides it."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from starlette.requests import HTTPConnection

from vocalis.api.state import ApiState


def get_state(connection: HTTPConnection) -> ApiState:
    state: ApiState = connection.app.state.vocalis
    return state


State = Annotated[ApiState, Depends(get_state)]


def owner_of(request: Request) -> str | None:
    """The caller's id; accounts (API keys, sessions) plug in here. None = the local single user."""
    return None


Owner = Annotated[str | None, Depends(owner_of)]

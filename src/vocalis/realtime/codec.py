"""Frames to events and back: a registry of event types per protocol, and the checks every codec shares.

Decoding never trusts the peer: malformed JSON, a non-object, text holding a NUL character or an
unpaired surrogate (``invalid_characters``, as at the HTTP edge), an unknown ``type``, a field of the
wrong type, or a binary frame where the protocol takes text (or the reverse) each raise their own
error with a stable code; the runner reports it in-band and keeps the session open.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Sequence
from typing import Any, Literal, Protocol, Union

from vocalis.errors import (
    InvalidEventField,
    MalformedEvent,
    UnexpectedFrame,
    UnknownEvent,
    VocalisError,
)
from vocalis.realtime.events import BinaryEvent, Event, Ping, Pong
from vocalis.text.characters import find_forbidden, json_strings

Frame = str | bytes  # a WebSocket message: text or binary


class Codec(Protocol):
    """How one protocol puts events on the wire."""

    def decode(self, frame: Frame) -> Event: ...

    def encode(self, event: Event) -> Frame: ...

    def encode_error(self, error: VocalisError) -> Frame: ...


def parse_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedEvent(f"message is not JSON: {exc.msg}") from exc
    if not isinstance(value, dict):
        raise MalformedEvent("message must be a JSON object")
    violation = find_forbidden("message", json_strings(value))
    if violation is not None:
        raise violation.error()  # a 422 like the HTTP edge's; the session stays open
    return value


def check_field(name: str, value: Any, hint: Any) -> Any:
    """``value`` if it fits ``hint`` (ints are accepted as floats), else ``InvalidEventField``."""
    if _fits(value, hint):
        return float(value) if hint is float else value
    raise InvalidEventField(
        f"`{name}` must be {_describe(hint)}, not {_json_name(value)}", field=name, expected=_describe(hint)
    )


class EventCodec:
    """JSON text events named by ``type``, plus at most one binary event type per direction.

    Every protocol built on it understands ``ping`` and answers ``pong``. Unknown fields are ignored so
    that newer clients keep working; missing required fields and wrong types are errors.
    """

    def __init__(
        self,
        incoming: Sequence[type[Event]],
        outgoing: Sequence[type[Event]],
        *,
        binary_in: type[BinaryEvent] | None = None,
    ) -> None:
        self._incoming = _registry([Ping, *incoming])
        self._outgoing: set[type[Event]] = {Pong, *outgoing}
        self._binary_in = binary_in
        # Field types are resolved once, so an unsupported annotation fails at start-up, not mid-session.
        self._fields = {name: _field_hints(cls) for name, cls in self._incoming.items()}

    @property
    def incoming_types(self) -> tuple[str, ...]:
        return tuple(self._incoming)

    def decode(self, frame: Frame) -> Event:
        if isinstance(frame, bytes):
            if self._binary_in is None:
                raise UnexpectedFrame("this session takes JSON text messages, not binary frames")
            return self._binary_in.from_bytes(frame)
        message = parse_object(frame)
        name = message.get("type")
        if self._binary_in is not None and name == self._binary_in.type:
            raise UnexpectedFrame(f"`{name}` travels as a binary frame, not as JSON text", type=name)
        cls = self._incoming.get(name) if isinstance(name, str) else None
        if cls is None:
            known = sorted(self._incoming)
            raise UnknownEvent(
                f"unknown event type {name!r}: expected one of {', '.join(known)}",
                type=name if isinstance(name, str) else None,
                known=known,
            )
        values: dict[str, Any] = {}
        for field, (hint, required) in self._fields[cls.type].items():
            if field in message:
                values[field] = check_field(field, message[field], hint)
            elif required:
                raise InvalidEventField(f"`{name}` needs the field `{field}`", field=field)
        return cls(**values)

    def encode(self, event: Event) -> Frame:
        if type(event) not in self._outgoing:
            raise TypeError(f"{type(event).__name__} is not an outgoing event of this protocol")
        if isinstance(event, BinaryEvent):
            return event.to_bytes()
        return json.dumps({"type": event.type, **dataclasses.asdict(event)})

    def encode_error(self, error: VocalisError) -> Frame:
        return json.dumps({"type": "error", "error": error.to_dict()})


def _registry(classes: Sequence[type[Event]]) -> dict[str, type[Event]]:
    registry: dict[str, type[Event]] = {}
    for cls in classes:
        if not cls.type or cls.type in registry:
            raise ValueError(f"event type {cls.type!r} of {cls.__name__} is empty or registered twice")
        if issubclass(cls, BinaryEvent):
            raise ValueError(f"{cls.__name__} is binary: pass it as binary_in")
        registry[cls.type] = cls
    return registry


def _field_hints(cls: type[Event]) -> dict[str, tuple[Any, bool]]:
    hints = typing.get_type_hints(cls)
    fields: dict[str, tuple[Any, bool]] = {}
    for field in dataclasses.fields(cls):
        hint = hints[field.name]
        if not _supported(hint):
            raise TypeError(f"{cls.__name__}.{field.name}: {hint!r} has no JSON check")
        required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        fields[field.name] = (hint, required)
    return fields


_SCALARS: tuple[type, ...] = (str, int, float, bool, type(None))


def _supported(hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if hint in _SCALARS or hint is Any:
        return True
    if origin in (Union, types.UnionType):
        return all(_supported(arg) for arg in typing.get_args(hint))
    return origin in (Literal, list, dict)


def _fits(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if hint is Any:
        return True
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint in (str, type(None)):
        return isinstance(value, hint)
    if origin in (Union, types.UnionType):
        return any(_fits(value, arg) for arg in typing.get_args(hint))
    if origin is Literal:
        return value in typing.get_args(hint)
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        return isinstance(value, list) and all(_fits(v, item) for v in value)
    if origin is dict:
        return isinstance(value, dict)
    return False


def _describe(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        return " or ".join(_describe(arg) for arg in typing.get_args(hint))
    if origin is Literal:
        return "one of " + ", ".join(json.dumps(arg) for arg in typing.get_args(hint))
    names = {str: "a string", int: "an integer", float: "a number", bool: "true or false", type(None): "null"}
    if hint in names:
        return names[hint]
    return {list: "a list", dict: "an object"}.get(origin, "any value")


def _json_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"

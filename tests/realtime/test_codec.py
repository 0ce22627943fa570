"""Codecs without a socket: audio frames, registry mistakes caught at start-up, the package's layering."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

from tests.realtime.plumbing import CODEC, Said, Say
from vocalis.audio.chunk import AudioChunk
from vocalis.errors import MalformedEvent
from vocalis.realtime import Event, EventCodec, Pcm16Audio, Pong

REALTIME = Path(__file__).resolve().parents[2] / "src" / "vocalis" / "realtime"


def test_pcm16_frames_carry_audio_within_one_quantisation_step() -> None:
    t = np.arange(1600, dtype=np.float32) / 16000
    tone = AudioChunk((0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), 16000)
    frame = CODEC.encode(Pcm16Audio.from_audio(tone))
    assert isinstance(frame, bytes) and len(frame) == 3200
    heard = CODEC.decode(frame)
    assert isinstance(heard, Pcm16Audio)
    back = heard.to_audio(16000)
    assert back.duration == pytest.approx(0.1)
    assert float(np.max(np.abs(back.samples - tone.samples))) < 2 / 32768
    with pytest.raises(MalformedEvent):
        CODEC.decode(frame[:-1])


def test_events_encode_with_their_wire_name_and_only_in_their_direction() -> None:
    assert CODEC.encode(Said("hi")) == '{"type": "said", "text": "hi"}'
    assert CODEC.encode(Pong("7")) == '{"type": "pong", "id": "7"}'
    assert CODEC.decode('{"type": "say", "text": "hi", "extra": 1}') == Say("hi")  # unknown fields ignored
    with pytest.raises(TypeError):
        CODEC.encode(Say("a client event"))


def test_registry_mistakes_fail_when_the_codec_is_built() -> None:
    @dataclass(frozen=True)
    class Nested(Event):
        type: ClassVar[str] = "nested"
        when: complex

    with pytest.raises(TypeError, match="no JSON check"):
        EventCodec([Nested], [])
    with pytest.raises(ValueError, match="registered twice"):
        EventCodec([Say, Say], [])
    with pytest.raises(ValueError, match="binary"):
        EventCodec([Pcm16Audio], [])


def test_the_realtime_package_never_imports_the_api_or_the_cli() -> None:
    offenders = []
    for path in REALTIME.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.startswith(("vocalis.api", "vocalis.cli"))]
    assert offenders == []
    assert len(list(REALTIME.rglob("*.py"))) >= 10  # the walk saw the package

"""Speech that several test files render, made once per test run.

The first worker that needs a text in a voice renders it; the others wait for it under a lock and read
it (a folder shared by the pytest-xdist workers of one run, beside their temporary folders). Nothing is
kept between runs: each run renders with the code it tests.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np
import pytest
from filelock import FileLock

from vocalis.audio.chunk import AudioChunk
from vocalis.graph import Vocalis
from vocalis.speech.request import SpeechRequest


def _folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.getbasetemp()
    # under xdist each worker's base is <run>/popen-gwN: the run's folder is shared by the workers
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared-renders"
    folder.mkdir(exist_ok=True)
    return folder


def rendered_once(
    tmp_path_factory: pytest.TempPathFactory, services: Vocalis, text: str, voice: str
) -> AudioChunk:
    """``text`` said by ``voice`` through the speech service, as ``speech.synthesize`` returns it."""
    key = hashlib.sha256(f"{voice}\0{text}".encode()).hexdigest()[:20]
    path = _folder(tmp_path_factory) / f"{key}.npz"
    with FileLock(f"{path}.lock"):
        if not path.exists():
            speech = services.speech
            audio = speech.synthesize(speech.plan(SpeechRequest(text=text, voice=voice)))
            partial = path.with_suffix(".partial.npz")
            np.savez(partial, samples=audio.samples, rate=audio.sample_rate)
            partial.replace(path)  # whole: a reader never sees half a file
        stored = np.load(path)
        return AudioChunk(stored["samples"], int(stored["rate"]))

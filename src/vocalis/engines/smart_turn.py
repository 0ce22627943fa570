"""End of turn from the sound of speech: Smart Turn v3.2 (pipecat-ai, BSD-2), int8 ONNX, 8.7 MB.

A Whisper-tiny encoder with a linear head, trained on speakers finishing or pausing mid-thought in
many languages (English and French among them). It hears the last 8 s of a turn as Whisper's 80-mel
features and says how likely the turn is complete. The model file ships inside the ``pipecat-ai``
wheel, which is installed without its requirements (``scripts/setup``): only the file is used, found
through the package's metadata, so nothing of pipecat is imported.
"""

from __future__ import annotations

import importlib.metadata
import threading
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from vocalis.audio.mel import WHISPER_RATE, whisper_log_mel
from vocalis.engines.onnx import create_session
from vocalis.errors import EngineFailure, ModelUnavailable

DISTRIBUTION = "pipecat-ai"
MODEL_FILE = "pipecat/audio/turn/smart_turn/data/smart-turn-v3.2-cpu.onnx"
WINDOW_S = 8


class SmartTurnDetector:
    name = "smart-turn-v3.2"
    sample_rate = WHISPER_RATE
    max_seconds = float(WINDOW_S)

    def __init__(self, *, threads: int = 1) -> None:
        self._threads = threads
        self._session: Any = None
        self._lock = threading.Lock()

    @staticmethod
    def model_path() -> Path | None:
        try:
            located = importlib.metadata.distribution(DISTRIBUTION).locate_file(MODEL_FILE)
        except importlib.metadata.PackageNotFoundError:
            return None
        path = Path(str(located))
        return path if path.is_file() else None

    @classmethod
    def available(cls) -> bool:
        return cls.model_path() is not None

    def _load(self) -> Any:
        if self._session is None:
            path = self.model_path()
            if path is None:
                raise ModelUnavailable(
                    "turn detection needs the Smart Turn model from the pipecat-ai wheel "
                    "(pip install --no-deps pipecat-ai==1.14.0)",
                    model=self.name,
                )
            self._session = create_session(str(path), threads=self._threads)
        return self._session

    def warm_up(self) -> None:
        with self._lock:
            self._load()

    def probability(self, samples: npt.NDArray[np.float32]) -> float:
        window = WINDOW_S * WHISPER_RATE
        tail = np.asarray(samples[-window:], dtype=np.float32)
        # The model was trained on turns padded with silence at the start, ending at the window's end.
        padded = np.concatenate([np.zeros(window - len(tail), np.float32), tail])
        features = whisper_log_mel(padded, seconds=WINDOW_S)[None]
        with self._lock:
            session = self._load()
            try:
                (out,) = session.run(None, {"input_features": features})
            except Exception as exc:  # onnxruntime's own untyped errors
                raise EngineFailure(f"{self.name} failed: {exc}", model=self.name) from exc
        value = float(np.asarray(out).reshape(-1)[0])
        if not np.isfinite(value):
            raise EngineFailure(f"{self.name} returned {value}", model=self.name)
        return min(1.0, max(0.0, value))

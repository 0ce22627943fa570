"""Shared onnxruntime session construction."""

from __future__ import annotations

from typing import Any

from vocalis.errors import ModelUnavailable


def create_session(model: bytes | str, *, threads: int) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    if threads > 0:
        options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    try:
        return ort.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own untyped exceptions for bad model files
        raise ModelUnavailable(f"cannot load ONNX model: {exc}") from exc

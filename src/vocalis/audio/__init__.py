"""Audio values, decoding, resampling and encoding."""

from vocalis.audio.chunk import AudioChunk

__all__ = ["AudioChunk"]

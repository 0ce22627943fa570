"""ElevenLabs' input-streaming protocol on the session layer: text pieces in, sentence audio out."""

from vocalis.realtime.stream_input.buffer import MAX_BUFFER_CHARS, TextBuffer
from vocalis.realtime.stream_input.handler import SpeechOrder, StreamInputHandler, SynthesisStarter
from vocalis.realtime.stream_input.protocol import StreamInputCodec

__all__ = [
    "MAX_BUFFER_CHARS",
    "SpeechOrder",
    "StreamInputCodec",
    "StreamInputHandler",
    "SynthesisStarter",
    "TextBuffer",
]

"""Home Assistant's Wyoming protocol: text to speech and transcription over TCP.

server.py         the TCP listener: one session task per connection
session.py        one connection: read events, dispatch, errors in-band
wire.py           framing with bounds (JSONL header, data, payload)
events.py         client events checked into typed values; error events
info.py           the describe answer: voices and speech-to-text models
synthesis.py      synthesize and the synthesize-start/-chunk/-stop stream
transcription.py  transcribe + audio-start/-chunk/-stop -> transcript
pcm.py            raw PCM of any rate, width and channels to mono float32
services.py       what a connection uses from the object graph
"""

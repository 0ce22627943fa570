"""Turn-taking for spoken dialogue: when the other person has finished (VAD plus a turn detector),
barge-in, their words transcribed as they go, and our lines spoken by clause from prepared audio.
Used by interview practice; built to serve the OpenAI Realtime-compatible API as well."""

import { useEffect, useRef, useState } from "react";
import { isoDate } from "../../lib/cloning";
import { formatTime } from "../../lib/audio";

const MAX_SECONDS = 5 * 60;
/** Something to read aloud: varied sounds, about 20 seconds at a calm pace. */
const READING =
  "Every morning I walk to the little bakery on the corner and buy a loaf of fresh bread. The baker always smiles " +
  "and asks about my family. Then I sit by the window, drink my coffee, and read the news before work. It is a " +
  "small habit, but it makes the whole day feel calmer.";

const supported = () =>
  typeof window !== "undefined" && typeof window.MediaRecorder === "function" && Boolean(navigator.mediaDevices?.getUserMedia);

function microphoneProblem(error: unknown): string {
  const name = typeof error === "object" && error !== null ? (error as { name?: string }).name : undefined;
  if (name === "NotAllowedError" || name === "SecurityError") {
    return "The browser was not allowed to use the microphone. Allow it for this site (the icon in the address bar), or choose a file.";
  }
  if (name === "NotFoundError") return "No microphone was found. Plug one in, or choose a file.";
  return "The microphone could not be started. Choose a file instead.";
}

interface Recording {
  recorder: MediaRecorder;
  stream: MediaStream;
  startedAt: number;
}

/** Record a sample in the browser (MediaRecorder, WebM/Opus), up to 5 minutes. Hidden where unsupported. */
export function Recorder({ onRecorded, onError }: { onRecorded: (file: File) => void; onError: (message: string | null) => void }) {
  const [recording, setRecording] = useState<Recording | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const [starting, setStarting] = useState(false);
  const current = useRef<Recording | null>(null);
  current.current = recording;

  useEffect(() => {
    if (!recording) return undefined;
    const tick = window.setInterval(() => {
      const seconds = (Date.now() - recording.startedAt) / 1000;
      setElapsed(seconds);
      if (seconds >= MAX_SECONDS && recording.recorder.state === "recording") recording.recorder.stop();
    }, 250);
    return () => window.clearInterval(tick);
  }, [recording]);

  // Leaving the page stops the microphone without keeping what was recorded.
  useEffect(
    () => () => {
      const active = current.current;
      if (!active) return;
      active.recorder.ondataavailable = null;
      active.recorder.onstop = null;
      if (active.recorder.state !== "inactive") active.recorder.stop();
      active.stream.getTracks().forEach((track) => track.stop());
    },
    [],
  );

  if (!supported()) return null;

  const start = async () => {
    onError(null);
    setStarting(true);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false } });
      const type = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus"].find((t) => MediaRecorder.isTypeSupported(t));
      const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
      const chunks: Blob[] = [];
      recorder.ondataavailable = (event) => {
        if (event.data.size > 0) chunks.push(event.data);
      };
      recorder.onstop = () => {
        stream.getTracks().forEach((track) => track.stop());
        setRecording(null);
        const mime = recorder.mimeType || type || "audio/webm";
        const blob = new Blob(chunks, { type: mime });
        const extension = mime.includes("ogg") ? "ogg" : "webm";
        onRecorded(new File([blob], `recording-${isoDate()}.${extension}`, { type: mime }));
      };
      recorder.start(1000);
      setElapsed(0);
      setRecording({ recorder, stream, startedAt: Date.now() });
    } catch (error) {
      onError(microphoneProblem(error));
    } finally {
      setStarting(false);
    }
  };

  return (
    <div className="recorder" data-testid="recorder">
      {recording ? (
        <>
          <p className="recorder__live" role="status">
            <span className="recorder__dot" aria-hidden="true" /> Recording <span aria-hidden="true">{formatTime(elapsed)}</span>
          </p>
          <p className="recorder__reading">
            <span className="muted small">Read this aloud, calmly:</span> {READING}
          </p>
          <button type="button" className="button button--secondary" onClick={() => recording.recorder.stop()}>
            Stop recording
          </button>
        </>
      ) : (
        <button type="button" className="button button--small button--secondary" onClick={() => void start()} disabled={starting}>
          {starting ? "Starting the microphone…" : "Or record with your microphone"}
        </button>
      )}
    </div>
  );
}

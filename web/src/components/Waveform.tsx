import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { formatTime } from "../lib/audio";

const BUCKETS = 600;

/** Peak level per bucket (0-1) of the decoded audio, drawn as bars, and its duration in seconds. */
async function decodePeaks(bytes: Uint8Array): Promise<{ peaks: Float32Array; seconds: number }> {
  const context = new OfflineAudioContext(1, 1, 44100);
  const buffer = await context.decodeAudioData(bytes.slice().buffer);
  const peaks = new Float32Array(BUCKETS);
  const size = Math.max(1, Math.floor(buffer.length / BUCKETS));
  for (let channel = 0; channel < buffer.numberOfChannels; channel++) {
    const samples = buffer.getChannelData(channel);
    for (let b = 0; b < BUCKETS; b++) {
      let peak = 0;
      const end = Math.min(samples.length, (b + 1) * size);
      for (let i = b * size; i < end; i++) peak = Math.max(peak, Math.abs(samples[i]!));
      peaks[b] = Math.max(peaks[b]!, peak);
    }
  }
  const loudest = peaks.reduce((a, b) => Math.max(a, b), 0) || 1;
  return { peaks: peaks.map((p) => p / loudest), seconds: buffer.duration };
}

interface Props {
  bytes: Uint8Array;
  currentTime: number;
  duration: number;
  onSeek: (time: number) => void;
  /** Told the decoded duration: a streamed file (FLAC) may not declare its length to the audio element. */
  onDecoded?: (seconds: number) => void;
}

/** The waveform, which is also the seek bar: click or drag, or focus it and use the arrow keys. */
export function Waveform({ bytes, currentTime, duration, onSeek, onDecoded }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [peaks, setPeaks] = useState<Float32Array | null>(null);
  const [failed, setFailed] = useState(false);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    let live = true;
    setPeaks(null);
    setFailed(false);
    decodePeaks(bytes).then(
      (decoded) => {
        if (!live) return;
        setPeaks(decoded.peaks);
        onDecoded?.(decoded.seconds);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [bytes]); // decode once per file (onDecoded is a state setter)

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext("2d");
    if (!element || !context || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    const height = element.clientHeight;
    element.width = Math.round(width * ratio);
    element.height = Math.round(height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const style = getComputedStyle(element);
    const played = style.getPropertyValue("--wave-played").trim() || "#4338ca";
    const rest = style.getPropertyValue("--wave-rest").trim() || "#a5a9c4";
    const progress = duration > 0 ? currentTime / duration : 0;
    const bar = 3;
    const gap = 2;
    const count = Math.max(1, Math.floor(width / (bar + gap)));
    for (let i = 0; i < count; i++) {
      const level = peaks ? peaks[Math.floor((i / count) * peaks.length)] ?? 0 : 0.04;
      const h = Math.max(2, level * (height - 4));
      context.fillStyle = i / count < progress ? played : rest;
      context.fillRect(i * (bar + gap), (height - h) / 2, bar, h);
    }
  }, [peaks, width, currentTime, duration]);

  const seekAt = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (duration > 0) onSeek(Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)) * duration);
  };
  const onKey = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const step = duration > 20 ? 5 : 1;
    const moves: Record<string, number> = {
      ArrowLeft: currentTime - step,
      ArrowDown: currentTime - step,
      ArrowRight: currentTime + step,
      ArrowUp: currentTime + step,
      Home: 0,
      End: duration,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    onSeek(Math.min(duration, Math.max(0, target)));
  };

  return (
    <div className="waveform">
      <canvas
        ref={canvas}
        className="waveform__canvas"
        role="slider"
        tabIndex={0}
        aria-label="Position in the audio"
        aria-valuemin={0}
        aria-valuemax={Math.round(duration * 10) / 10}
        aria-valuenow={Math.round(currentTime * 10) / 10}
        aria-valuetext={`${formatTime(currentTime)} of ${formatTime(duration)}`}
        data-ready={peaks ? "true" : "false"}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          seekAt(e);
        }}
        onPointerMove={(e) => e.buttons === 1 && seekAt(e)}
        onKeyDown={onKey}
      />
      {failed ? <p className="muted small">This browser cannot draw the waveform of this format; the audio still plays.</p> : null}
    </div>
  );
}

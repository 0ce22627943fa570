// The interviewer's voice: frames of 16-bit PCM from WS /ws/interview/{id}, played back to back with Web
// Audio so there is no gap between frames, and stopped at once (everything already scheduled included)
// when the candidate speaks over it. The scheduling arithmetic is pure and unit-tested.
import { decodePcm16 } from "./coachAudio";

/** Audio is started this far ahead of "now" when nothing is queued, so the first frame is not clipped. */
export const START_LEAD_S = 0.05;

/**
 * When a frame of `duration` seconds starts: right after the one before (`queuedUntil`), or a little
 * after `now` when the queue has run dry (a late frame is not played in the past, squeezed or skipped).
 */
export function nextStart(now: number, queuedUntil: number, lead = START_LEAD_S): number {
  return Math.max(now + lead, queuedUntil);
}

/** Seconds of audio still to play at `now`. */
export function bufferedSeconds(now: number, queuedUntil: number): number {
  return Math.max(0, queuedUntil - now);
}

export class PcmPlayer {
  private readonly context: AudioContext;
  private sources = new Set<AudioBufferSourceNode>();
  private queuedUntil = 0;
  private rate = 24_000;

  constructor(context: AudioContext = new AudioContext({ latencyHint: "interactive" })) {
    this.context = context;
  }

  /** The sample rate of the frames that follow (interviewer_speaking says it per line). */
  setRate(rate: number): void {
    if (rate > 0) this.rate = rate;
  }

  /** Browsers start an AudioContext suspended until a user gesture: call from a click. */
  async resume(): Promise<void> {
    if (this.context.state === "suspended") await this.context.resume().catch(() => undefined);
  }

  push(frame: ArrayBuffer): void {
    const samples = decodePcm16(frame);
    if (samples.length === 0 || this.context.state === "closed") return;
    const buffer = this.context.createBuffer(1, samples.length, this.rate);
    buffer.getChannelData(0).set(samples);
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.context.destination);
    const at = nextStart(this.context.currentTime, this.queuedUntil);
    source.start(at);
    this.queuedUntil = at + buffer.duration;
    this.sources.add(source);
    source.onended = () => this.sources.delete(source);
  }

  /** Silence now: every frame playing or scheduled is stopped and forgotten. */
  stop(): void {
    for (const source of this.sources) {
      source.onended = null;
      try {
        source.stop();
      } catch {
        // not started yet in some engines: disconnecting silences it all the same
      }
      source.disconnect();
    }
    this.sources.clear();
    this.queuedUntil = 0;
  }

  /** Seconds of the interviewer's voice still to play. */
  buffered(): number {
    return this.sources.size === 0 ? 0 : bufferedSeconds(this.context.currentTime, this.queuedUntil);
  }

  async close(): Promise<void> {
    this.stop();
    await this.context.close().catch(() => undefined);
  }
}

// The microphone for live coaching and the interview room: getUserMedia, then an AudioWorklet (coachWorklet.ts, a file of the
// build: the CSP refuses blob: and inline scripts) that hands over 100 ms frames of 16 kHz PCM.
import { PROCESSOR_NAME } from "./coachAudio";
import workletUrl from "./coachWorklet?worker&url";

export interface Capture {
  /** The device's rate, which the worklet converts from. */
  sampleRate: number;
  stop: () => Promise<void>;
}

export function microphoneSupported(): boolean {
  return typeof window !== "undefined" && typeof window.AudioWorkletNode === "function" && Boolean(navigator.mediaDevices?.getUserMedia);
}

/**
 * Ask for the microphone, raw by default: the browser's echo cancelling, noise suppression and gain
 * control would change what the coach measures. A conversation (the interview room, whose speaker plays
 * the interviewer) asks for `echoCancellation` so the interviewer's own voice is not heard as the candidate.
 */
export function openMicrophone({ echoCancellation = false }: { echoCancellation?: boolean } = {}): Promise<MediaStream> {
  if (!microphoneSupported()) return Promise.reject(Object.assign(new Error("no microphone API"), { name: "NotSupportedError" }));
  return navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation, noiseSuppression: false, autoGainControl: false },
  });
}

export function closeMicrophone(stream: MediaStream): void {
  stream.getTracks().forEach((track) => track.stop());
}

/** Start sending `stream` as PCM frames to `onFrame`; `stop()` ends it and releases the microphone. */
export async function startCapture(stream: MediaStream, onFrame: (frame: ArrayBuffer) => void): Promise<Capture> {
  const context = new AudioContext({ latencyHint: "interactive" });
  try {
    await context.audioWorklet.addModule(workletUrl);
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, PROCESSOR_NAME, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      channelCount: 1,
      channelCountMode: "explicit", // the browser mixes a stereo microphone down to mono
    });
    node.port.onmessage = (event: MessageEvent<ArrayBuffer>) => onFrame(event.data);
    source.connect(node);
    node.connect(context.destination); // pulls the graph along; the processor only outputs silence
    if (context.state === "suspended") await context.resume();
    return {
      sampleRate: context.sampleRate,
      stop: async () => {
        node.port.onmessage = null;
        source.disconnect();
        node.disconnect();
        closeMicrophone(stream);
        await context.close().catch(() => undefined);
      },
    };
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error;
  }
}

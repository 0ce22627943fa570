// The AudioWorklet processor that turns the microphone into 100 ms frames of 16 kHz 16-bit PCM. Loaded
// with audioWorklet.addModule() from a file of the build (imported with ?worker&url): the CSP allows
// only this server's scripts, no blob: or inline code. It writes nothing to its output (silence).
import { PcmFramer, PROCESSOR_NAME } from "./coachAudio";

// The AudioWorkletGlobalScope, which TypeScript's DOM library does not describe.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

class Pcm16Capture extends AudioWorkletProcessor {
  private readonly framer = new PcmFramer(sampleRate);

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0];
    const first = channels?.[0];
    if (channels && first && first.length > 0) {
      let mono = first;
      if (channels.length > 1) {
        mono = new Float32Array(first.length);
        for (const channel of channels) for (let i = 0; i < mono.length; i++) mono[i] = mono[i]! + channel[i]! / channels.length;
      }
      for (const frame of this.framer.push(mono)) this.port.postMessage(frame, [frame]);
    }
    return true; // keep running while the microphone is silent or muted
  }
}

registerProcessor(PROCESSOR_NAME, Pcm16Capture);

// One spoken interview in the browser: the microphone's 16 kHz PCM frames go to WS /ws/interview/{id}
// (the coach's AudioWorklet pipeline), the interviewer's PCM comes back and plays gaplessly, and what
// the server says is folded by roomReducer. Pausing releases the microphone and closes the socket (the
// server pauses the interview); resuming reconnects and the server asks the waiting question again.
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { interviewSocketUrl } from "../api/interviews";
import { TARGET_RATE } from "../lib/coachAudio";
import { closeMicrophone, openMicrophone, startCapture, type Capture } from "../lib/coachMicrophone";
import { frameLevel, initialRoom, parseInterviewEvent, roomReducer, speakerCommand, type RoomState } from "../lib/interviewLive";
import { PcmPlayer } from "../lib/interviewPlayback";

const PING_EVERY_MS = 20_000;
const FRAME_MS = 100;
/** 100 ms of silence at 16 kHz: sent while muted, so the server's clock and its silence timers go on. */
const SILENT_FRAME = new ArrayBuffer(2 * (TARGET_RATE / 1000) * FRAME_MS);
const LOST = "The connection to the server was lost. The interview is paused: resume to carry on at the question that was waiting.";

export interface InterviewRoom {
  state: RoomState;
  /** The microphone's level, 0..1, while it is on. */
  level: number;
  /** Seconds connected in this visit (for the elapsed clock, with what the server counted before). */
  connectedSince: number | null;
  /** Seconds of the interviewer's voice still queued to play. */
  audioBuffered: () => number;
  /** Open the microphone (from a click: the browser asks) and join the interview. */
  join: (interviewId: string, meta: { questionIndex: number; questions: number }) => Promise<void>;
  /** The microphone is released (the browser's indicator goes off); nothing is sent until unmuted. */
  muted: boolean;
  mute: () => void;
  /** Open the microphone again (the browser may ask). */
  unmute: () => Promise<void>;
  pause: () => void;
  end: () => void;
  leave: () => void;
}

export function useInterviewRoom(): InterviewRoom {
  const [state, dispatch] = useReducer(roomReducer, initialRoom);
  const [level, setLevel] = useState(0);
  const [connectedSince, setConnectedSince] = useState<number | null>(null);
  const [muted, setMuted] = useState(false);
  const socket = useRef<WebSocket | null>(null);
  const capture = useRef<Capture | null>(null);
  const player = useRef<PcmPlayer | null>(null);
  const timer = useRef<number | null>(null);
  const started = useRef(false); // the server has started (or resumed) the interview on this socket
  const silent = useRef<number | null>(null); // the muted microphone's timer

  const stopSilence = useCallback(() => {
    if (silent.current !== null) window.clearInterval(silent.current);
    silent.current = null;
  }, []);

  const stopCapture = useCallback(() => {
    if (silent.current !== null) window.clearInterval(silent.current);
    silent.current = null;
    const current = capture.current;
    capture.current = null;
    if (current) void current.stop();
    setLevel(0);
  }, []);

  const closeSocket = useCallback(() => {
    if (timer.current !== null) window.clearInterval(timer.current);
    timer.current = null;
    started.current = false;
    const ws = socket.current;
    socket.current = null;
    if (ws) {
      ws.onmessage = null;
      ws.onclose = null;
      ws.onerror = null;
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(1000);
    }
    setConnectedSince(null);
  }, []);

  const silence = useCallback(() => player.current?.stop(), []);

  const leave = useCallback(() => {
    stopCapture();
    closeSocket();
    const current = player.current;
    player.current = null;
    if (current) void current.close();
  }, [stopCapture, closeSocket]);

  const connect = useCallback(
    (id: string) => {
      closeSocket();
      dispatch({ type: "connecting" });
      const ws = new WebSocket(interviewSocketUrl(window.location, id));
      ws.binaryType = "arraybuffer";
      socket.current = ws;
      ws.onopen = () => {
        ws.send(JSON.stringify({ type: "start", sample_rate: TARGET_RATE }));
        timer.current = window.setInterval(() => {
          if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: "ping" }));
        }, PING_EVERY_MS);
      };
      ws.onmessage = (message) => {
        if (message.data instanceof ArrayBuffer) {
          player.current?.push(message.data);
          return;
        }
        const event = parseInterviewEvent(message.data);
        if (!event) return;
        const command = speakerCommand(event);
        if (command.rate) player.current?.setRate(command.rate);
        if (command.stop) player.current?.stop();
        if (event.type === "interview_started") {
          started.current = true;
          setConnectedSince(performance.now() / 1000);
        } else if (event.type === "interview_finished") {
          stopCapture();
        }
        dispatch({ type: "event", event });
      };
      ws.onclose = () => {
        if (socket.current === ws) socket.current = null;
        if (timer.current !== null) window.clearInterval(timer.current);
        timer.current = null;
        started.current = false;
        stopCapture();
        setConnectedSince(null);
        dispatch({ type: "closed", message: LOST });
      };
    },
    [closeSocket, stopCapture],
  );

  const sendFrame = useCallback((frame: ArrayBuffer) => {
    const ws = socket.current;
    // Nothing is sent before the server has started the interview, or into a full buffer.
    if (started.current && ws && ws.readyState === WebSocket.OPEN && ws.bufferedAmount < 1_000_000) ws.send(frame);
  }, []);

  /** Open the microphone and send its frames to whichever socket is open. */
  const listen = useCallback(async () => {
    const stream = await openMicrophone({ echoCancellation: true });
    try {
      capture.current = await startCapture(stream, (frame) => {
        if (silent.current !== null) stopSilence(); // unmuted: the microphone takes over from here
        setLevel(frameLevel(frame));
        sendFrame(frame);
      });
    } catch (error) {
      closeMicrophone(stream);
      throw error;
    }
  }, [sendFrame, stopSilence]);

  const join = useCallback(
    async (id: string, meta: { questionIndex: number; questions: number }) => {
      stopCapture();
      closeSocket();
      dispatch({ type: "reset", ...meta });
      setMuted(false);
      if (!player.current) player.current = new PcmPlayer();
      await player.current.resume();
      await listen();
      connect(id);
    },
    [connect, closeSocket, stopCapture, listen],
  );

  // Muted, the microphone is released and silence is sent in its place: the server times the interview
  // (and the recording) by the audio it receives.
  const mute = useCallback(() => {
    stopCapture();
    silent.current = window.setInterval(() => sendFrame(SILENT_FRAME.slice(0)), FRAME_MS);
    setMuted(true);
  }, [stopCapture, sendFrame]);

  const unmute = useCallback(async () => {
    if (capture.current) return;
    await listen();
    stopSilence();
    setMuted(false);
  }, [listen, stopSilence]);

  const pause = useCallback(() => {
    stopCapture();
    closeSocket();
    silence();
    dispatch({ type: "paused" });
  }, [stopCapture, closeSocket, silence]);

  const end = useCallback(() => {
    const ws = socket.current;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    stopCapture(); // nothing said from here counts; the answer being judged still does
    silence();
    ws.send(JSON.stringify({ type: "end" }));
    dispatch({ type: "ending" });
  }, [stopCapture, silence]);

  const audioBuffered = useCallback(() => player.current?.buffered() ?? 0, []);

  useEffect(() => leave, [leave]);

  return { state, level, connectedSince, audioBuffered, join, muted, mute, unmute, pause, end, leave };
}

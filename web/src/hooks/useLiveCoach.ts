// One live coaching session in the browser: the microphone's frames go to WS /ws/session/{id}, what the
// server says comes back through liveReducer. The socket authenticates with the page's cookie (or as the
// local user in local mode); the session was created over HTTP just before, so the cookie is fresh.
import { useCallback, useEffect, useReducer, useRef } from "react";
import { initialLive, liveReducer, parseServerEvent, socketUrl, type LiveState } from "../lib/coachLive";
import { closeMicrophone, startCapture, type Capture } from "../lib/coachMicrophone";
import { TARGET_RATE } from "../lib/coachAudio";

const PING_EVERY_MS = 20_000; // the server closes a session idle for 120 s; a paused talk sends no audio
const LOST = "The connection to the server was lost. Reconnect to carry on where you were: nothing already sent is lost.";

export interface LiveCoach {
  state: LiveState;
  /** Start the session `sessionId` with an open microphone `stream` (the hook owns it from now on). */
  start: (sessionId: string, stream: MediaStream) => Promise<void>;
  pause: () => void;
  resume: () => void;
  stop: () => void;
  reconnect: () => void;
  /** Leave: microphone off, socket closed (a session left this way is kept paused by the server for a while). */
  close: () => void;
}

export function useLiveCoach(): LiveCoach {
  const [state, dispatch] = useReducer(liveReducer, initialLive);
  const socket = useRef<WebSocket | null>(null);
  const capture = useRef<Capture | null>(null);
  const session = useRef<string | null>(null);
  const streaming = useRef(false); // the server has started the session and it is not paused
  const timer = useRef<number | null>(null);

  const send = (message: object) => {
    const ws = socket.current;
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };

  const stopCapture = useCallback(() => {
    const current = capture.current;
    capture.current = null;
    streaming.current = false;
    if (current) void current.stop();
  }, []);

  const closeSocket = useCallback(() => {
    if (timer.current !== null) window.clearInterval(timer.current);
    timer.current = null;
    const ws = socket.current;
    socket.current = null;
    if (ws) {
      ws.onmessage = null;
      ws.onclose = null;
      ws.onerror = null;
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(1000);
    }
  }, []);

  const connect = useCallback(
    (id: string) => {
      closeSocket();
      dispatch({ type: "connecting" });
      const ws = new WebSocket(socketUrl(window.location, id));
      ws.binaryType = "arraybuffer";
      socket.current = ws;
      ws.onopen = () => {
        ws.send(JSON.stringify({ type: "start", sample_rate: TARGET_RATE }));
        timer.current = window.setInterval(() => send({ type: "ping" }), PING_EVERY_MS);
      };
      ws.onmessage = (message) => {
        const event = parseServerEvent(message.data);
        if (!event) return;
        if (event.type === "session_started") streaming.current = event.status !== "paused";
        if (event.type === "coaching_result") {
          stopCapture();
          closeSocket();
        }
        dispatch({ type: "event", event });
      };
      ws.onclose = () => {
        streaming.current = false;
        if (socket.current === ws) socket.current = null;
        if (timer.current !== null) window.clearInterval(timer.current);
        timer.current = null;
        dispatch({ type: "closed", message: LOST });
      };
    },
    [closeSocket, stopCapture],
  );

  const close = useCallback(() => {
    stopCapture();
    closeSocket();
  }, [stopCapture, closeSocket]);

  const start = useCallback(
    async (id: string, stream: MediaStream) => {
      close(); // anything left of a previous session on this page
      dispatch({ type: "reset" });
      session.current = id;
      try {
        capture.current = await startCapture(stream, (frame) => {
          const ws = socket.current;
          // Nothing is sent before the server has started the session, while paused, or into a full buffer.
          if (streaming.current && ws && ws.readyState === WebSocket.OPEN && ws.bufferedAmount < 1_000_000) ws.send(frame);
        });
      } catch (error) {
        closeMicrophone(stream);
        throw error;
      }
      connect(id);
    },
    [connect, close],
  );

  const pause = useCallback(() => {
    streaming.current = false;
    send({ type: "pause" });
  }, []);

  const resume = useCallback(() => {
    send({ type: "resume" });
    streaming.current = true;
  }, []);

  const stop = useCallback(() => {
    streaming.current = false;
    send({ type: "stop" });
    dispatch({ type: "stopping" });
    stopCapture();
  }, [stopCapture]);

  const reconnect = useCallback(() => {
    if (session.current) connect(session.current);
  }, [connect]);

  useEffect(() => close, [close]);

  return { state, start, pause, resume, stop, reconnect, close };
}

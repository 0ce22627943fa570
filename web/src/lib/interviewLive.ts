// The interview room's state: what WS /ws/interview/{id} says (vocalis.interview.events), folded into one
// value by a reducer: who is speaking, the captions, question N of M, the log of what was said. Pure,
// unit-tested; the socket, the microphone and the speaker live in hooks/useInterviewRoom.ts.
import type { InterviewReport } from "../api/interviews";
import { microphoneProblem } from "./coachLive";

export interface ServerError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export type InterviewEvent =
  | { type: "interview_started"; interview_id: string; status: string; language: string; question_index: number; questions: number; sample_rate: number; resumed: boolean }
  | { type: "interviewer_speaking"; line_id: number; kind: string; text: string; question_id: string | null; sample_rate: number }
  | { type: "interviewer_done"; line_id: number; interrupted: boolean; seconds: number }
  | { type: "candidate_speaking"; at: number }
  | { type: "candidate_partial"; text: string }
  | { type: "candidate_turn"; text: string; start: number; end: number; by: string; question_id: string | null }
  | { type: "interview_finished"; interview_id: string; report: InterviewReport }
  | { type: "error"; error: ServerError }
  | { type: "pong"; id?: string | null };

const KNOWN = new Set([
  "interview_started",
  "interviewer_speaking",
  "interviewer_done",
  "candidate_speaking",
  "candidate_partial",
  "candidate_turn",
  "interview_finished",
  "error",
  "pong",
]);

/** A text frame from the server as an event, or null for anything this app does not know (binary audio included). */
export function parseInterviewEvent(frame: unknown): InterviewEvent | null {
  if (typeof frame !== "string") return null;
  try {
    const value: unknown = JSON.parse(frame);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
    const type = (value as { type?: unknown }).type;
    return typeof type === "string" && KNOWN.has(type) ? (value as InterviewEvent) : null;
  } catch {
    return null;
  }
}

/** What an event asks of the interviewer's speaker: the rate of the audio that follows, or silence now. */
export function speakerCommand(event: InterviewEvent): { rate?: number; stop?: true } {
  if (event.type === "interviewer_speaking") return { rate: event.sample_rate };
  // Spoken over: what is still queued must not play on. Ending or leaving silences it too.
  if (event.type === "interviewer_done" && event.interrupted) return { stop: true };
  if (event.type === "interview_finished") return { stop: true };
  return {};
}

/** Who has the floor: the interviewer, the candidate, nobody yet (the interviewer is thinking), or no one (idle). */
export type Speaker = "interviewer" | "candidate" | "thinking" | "idle";

export type RoomPhase = "ready" | "connecting" | "live" | "ending" | "paused" | "finished" | "lost";

/** One line of the room's log: what the interviewer said, or what the candidate's answer was heard as. */
export interface LogEntry {
  key: string;
  speaker: "interviewer" | "candidate";
  kind: string;
  text: string;
  /** The interviewer's line was cut short by the candidate speaking over it. */
  interrupted?: boolean;
}

export interface RoomState {
  phase: RoomPhase;
  speaker: Speaker;
  /** The interviewer's line being said (or last said). */
  interviewerCaption: string;
  /** The candidate's words heard so far in the current answer (candidate_partial), then the whole turn. */
  candidateCaption: string;
  questionIndex: number;
  questions: number;
  questionId: string | null;
  lineId: number | null;
  /** The kind of the interviewer's current (or last) line: opening, question, follow_up, acknowledge... */
  lineKind: string | null;
  /** How many of the interviewer's lines were cut short by the candidate. */
  interruptions: number;
  /** The candidate spoke over the interviewer (shown until their answer is in). */
  lastInterrupted: boolean;
  log: LogEntry[];
  report: InterviewReport | null;
  error: ServerError | null;
  message: string | null;
  resumed: boolean;
}

export const initialRoom: RoomState = {
  phase: "ready",
  speaker: "idle",
  interviewerCaption: "",
  candidateCaption: "",
  questionIndex: 0,
  questions: 0,
  questionId: null,
  lineId: null,
  lineKind: null,
  interruptions: 0,
  lastInterrupted: false,
  log: [],
  report: null,
  error: null,
  message: null,
  resumed: false,
};

export type RoomAction =
  | { type: "reset"; questionIndex?: number; questions?: number }
  | { type: "connecting" }
  | { type: "ending" }
  | { type: "paused" }
  | { type: "closed"; message: string }
  | { type: "event"; event: InterviewEvent };

/** Which question a line is about: a new question id moves the count on (the same id asked again does not). */
function nextQuestion(state: RoomState, kind: string, questionId: string | null): Pick<RoomState, "questionIndex" | "questionId"> {
  if (kind !== "question" || questionId === null || questionId === state.questionId) return { questionIndex: state.questionIndex, questionId: questionId ?? state.questionId };
  const moved = state.questionId !== null;
  return { questionIndex: moved ? Math.min(state.questionIndex + 1, Math.max(0, state.questions - 1)) : state.questionIndex, questionId };
}

function onEvent(state: RoomState, event: InterviewEvent): RoomState {
  switch (event.type) {
    case "interview_started":
      return {
        ...state,
        phase: "live",
        speaker: "thinking",
        questionIndex: event.question_index,
        questions: event.questions,
        questionId: null,
        resumed: event.resumed,
        error: null,
        message: null,
      };
    case "interviewer_speaking":
      return {
        ...state,
        ...nextQuestion(state, event.kind, event.question_id),
        speaker: "interviewer",
        interviewerCaption: event.text,
        lineId: event.line_id,
        lineKind: event.kind,
        log: [...state.log, { key: `i${event.line_id}-${state.log.length}`, speaker: "interviewer", kind: event.kind, text: event.text }],
      };
    case "interviewer_done": {
      if (event.line_id !== state.lineId) return state;
      const log = event.interrupted ? state.log.map((entry, i) => (i === lastInterviewerEntry(state.log) ? { ...entry, interrupted: true } : entry)) : state.log;
      // Spoken over: the candidate has the floor. After a line that leads to another (a welcome, an
      // acknowledgement, the cut of an answer) the interviewer goes on; after anything else the floor is
      // the candidate's to take.
      const speaker = event.interrupted ? "candidate" : state.speaker !== "interviewer" ? state.speaker : GOES_ON.has(state.lineKind ?? "") ? "thinking" : "idle";
      return {
        ...state,
        speaker,
        lastInterrupted: event.interrupted,
        interruptions: state.interruptions + (event.interrupted ? 1 : 0),
        log,
      };
    }
    case "candidate_speaking":
      return { ...state, speaker: "candidate", candidateCaption: "" };
    case "candidate_partial":
      return { ...state, candidateCaption: event.text };
    case "candidate_turn": {
      const text = event.text.trim();
      return {
        ...state,
        speaker: state.speaker === "interviewer" ? "interviewer" : "thinking",
        lastInterrupted: false, // the answer is in: the notice has said what it had to
        candidateCaption: text,
        log: text ? [...state.log, { key: `c${state.log.length}`, speaker: "candidate", kind: event.by === "text" ? "typed" : "answer", text }] : state.log,
      };
    }
    case "interview_finished":
      return { ...state, phase: "finished", speaker: "idle", report: event.report };
    case "error":
      return { ...state, error: event.error };
    case "pong":
      return state;
  }
}

/** Lines the interviewer always follows with another: the floor is not the candidate's yet. */
const GOES_ON = new Set(["opening", "acknowledge", "time_cut"]);

function lastInterviewerEntry(log: readonly LogEntry[]): number {
  for (let i = log.length - 1; i >= 0; i--) if (log[i]!.speaker === "interviewer") return i;
  return -1;
}

export function roomReducer(state: RoomState, action: RoomAction): RoomState {
  switch (action.type) {
    case "reset":
      return { ...initialRoom, questionIndex: action.questionIndex ?? 0, questions: action.questions ?? 0 };
    case "connecting":
      return { ...state, phase: "connecting", error: null, message: null };
    case "ending":
      return { ...state, phase: "ending" };
    case "paused":
      return { ...state, phase: "paused", speaker: "idle", message: null };
    case "closed":
      // The server closes the socket after interview_finished, and after a pause we closed it ourselves.
      if (state.phase === "finished" || state.phase === "paused") return state;
      return { ...state, phase: "lost", speaker: "idle", message: action.message };
    case "event":
      return onEvent(state, action.event);
  }
}

export const SPEAKER_WORDS: Record<Speaker, string> = {
  interviewer: "Interviewer speaking",
  candidate: "You are speaking",
  thinking: "Interviewer thinking",
  idle: "Your turn",
};

/** "Question 2 of 5" (the count starts at 1 for people). */
export function questionLabel(index: number, total: number): string {
  if (total <= 0) return "";
  return `Question ${Math.min(index + 1, total)} of ${total}`;
}

/**
 * The loudness of a frame of 16-bit little-endian PCM on a 0..1 scale for a meter: its RMS in dBFS mapped
 * linearly from -60 dB (0) to 0 dB (1).
 */
export function frameLevel(frame: ArrayBuffer): number {
  const view = new DataView(frame);
  const count = Math.floor(frame.byteLength / 2);
  if (count === 0) return 0;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const v = view.getInt16(i * 2, true) / 32768;
    sum += v * v;
  }
  const rms = Math.sqrt(sum / count);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.max(0, Math.min(1, (db + 60) / 60));
}

/** A meter's words for a level: what a screen reader says instead of a number. */
export function levelText(level: number): string {
  if (level < 0.15) return "Silence";
  if (level < 0.45) return "Quiet";
  if (level < 0.85) return "Good";
  return "Very loud";
}

/** Why the microphone could not be opened, with what to do in the interview room (the coach's words, its way out changed). */
export function roomMicrophoneProblem(error: unknown): string {
  return microphoneProblem(error).replace(", or analyse a recording instead", ", or start a typed interview instead");
}

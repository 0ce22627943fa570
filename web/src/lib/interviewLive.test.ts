import { describe, expect, it } from "vitest";
import { encodePcm16 } from "./coachAudio";
import { frameLevel, initialRoom, levelText, parseInterviewEvent, questionLabel, roomMicrophoneProblem, roomReducer, speakerCommand, type InterviewEvent, type RoomState } from "./interviewLive";

const feed = (state: RoomState, ...frames: object[]) =>
  frames.reduce<RoomState>((s, frame) => {
    const event = parseInterviewEvent(JSON.stringify(frame));
    return event ? roomReducer(s, { type: "event", event }) : s;
  }, state);

const started = { type: "interview_started", interview_id: "x", status: "active", language: "en", question_index: 0, questions: 2, sample_rate: 16000, resumed: false };
const line = (id: number, kind: string, text: string, question_id: string | null = null) => ({ type: "interviewer_speaking", line_id: id, kind, text, question_id, sample_rate: 24000 });
const done = (id: number, interrupted = false) => ({ type: "interviewer_done", line_id: id, interrupted, seconds: 1.2 });

describe("parseInterviewEvent", () => {
  it("reads the server's text events and ignores audio, junk and unknown types", () => {
    expect(parseInterviewEvent(JSON.stringify(started))?.type).toBe("interview_started");
    expect(parseInterviewEvent(JSON.stringify({ type: "candidate_partial", text: "I froze" }))).toEqual({ type: "candidate_partial", text: "I froze" });
    expect(parseInterviewEvent(new ArrayBuffer(4))).toBeNull();
    expect(parseInterviewEvent("{not json")).toBeNull();
    expect(parseInterviewEvent(JSON.stringify({ type: "surprise" }))).toBeNull();
    expect(parseInterviewEvent(JSON.stringify([1, 2]))).toBeNull();
  });
});

describe("roomReducer", () => {
  it("follows who has the floor through a question, an answer and a follow-up, counting questions by their ids", () => {
    let s = roomReducer(initialRoom, { type: "connecting" });
    s = feed(s, started, line(1, "opening", "Hello."), done(1));
    expect(s.speaker).toBe("thinking"); // the welcome leads to the first question
    s = feed(s, line(2, "question", "Tell me about a decision.", "q1"));
    expect(s.phase).toBe("live");
    expect(s.speaker).toBe("interviewer");
    expect(s.interviewerCaption).toBe("Tell me about a decision.");
    expect(questionLabel(s.questionIndex, s.questions)).toBe("Question 1 of 2");
    s = feed(s, done(2));
    expect(s.speaker).toBe("idle");
    s = feed(s, { type: "candidate_speaking", at: 3 }, { type: "candidate_partial", text: "I froze new" });
    expect(s.speaker).toBe("candidate");
    expect(s.candidateCaption).toBe("I froze new");
    s = feed(s, line(3, "acknowledge", "Thank you."), { type: "candidate_turn", text: "I froze new features.", start: 3, end: 9, by: "turn_detector", question_id: "q1" });
    expect(s.candidateCaption).toBe("I froze new features.");
    expect(s.speaker).toBe("interviewer"); // the acknowledgement is being said
    s = feed(s, done(3));
    expect(s.speaker).toBe("thinking"); // after "thank you" the interviewer goes on
    s = feed(s, line(4, "follow_up", "What was the result?", "q1"), done(4));
    expect(s.speaker).toBe("idle");
    expect(s.lineKind).toBe("follow_up");
    expect(s.questionIndex).toBe(0); // a follow-up is still question 1
    s = feed(s, line(5, "question", "How would your team describe you?", "q2"));
    expect(s.questionIndex).toBe(1);
    expect(s.log.map((e) => [e.speaker, e.kind])).toEqual([
      ["interviewer", "opening"],
      ["interviewer", "question"],
      ["interviewer", "acknowledge"],
      ["candidate", "answer"],
      ["interviewer", "follow_up"],
      ["interviewer", "question"],
    ]);
  });

  it("marks a line spoken over as interrupted and gives the candidate the floor at once", () => {
    let s = feed(initialRoom, started, line(1, "question", "Tell me about a decision.", "q1"), { type: "candidate_speaking", at: 1 });
    s = feed(s, line(1, "question", "Tell me about a decision.", "q1"));
    s = feed(s, done(1, true));
    expect(s.speaker).toBe("candidate");
    expect(s.lastInterrupted).toBe(true);
    expect(s.interruptions).toBe(1);
    expect(s.log.at(-1)?.interrupted).toBe(true);
    // the notice stays while the candidate goes on (another line may start at once), until the answer is in
    s = feed(s, line(2, "question", "Tell me about a decision.", "q1"));
    expect(s.lastInterrupted).toBe(true);
    s = feed(s, { type: "candidate_turn", text: "I froze new features.", start: 1, end: 6, by: "turn_detector", question_id: "q1" });
    expect(s.lastInterrupted).toBe(false);
  });

  it("ignores the end of a line that is not the current one", () => {
    const s = feed(initialRoom, started, line(2, "question", "Q?", "q1"));
    expect(feed(s, done(1, true))).toEqual(s);
  });

  it("asks the same question again after a resume without counting it twice", () => {
    const s = feed(initialRoom, { ...started, question_index: 1, resumed: true }, line(1, "question", "How would your team describe you?", "q2"));
    expect(s.resumed).toBe(true);
    expect(questionLabel(s.questionIndex, s.questions)).toBe("Question 2 of 2");
  });

  it("keeps a finished or paused room when the socket closes, and reports a lost connection otherwise", () => {
    const live = feed(initialRoom, started);
    expect(roomReducer(live, { type: "closed", message: "lost" }).phase).toBe("lost");
    const paused = roomReducer(live, { type: "paused" });
    expect(roomReducer(paused, { type: "closed", message: "lost" }).phase).toBe("paused");
    const finished = feed(live, { type: "interview_finished", interview_id: "x", report: { overall: 70 } });
    expect(finished.report?.overall).toBe(70);
    expect(roomReducer(finished, { type: "closed", message: "lost" }).phase).toBe("finished");
  });

  it("an empty turn (noise) adds nothing to the log", () => {
    const s = feed(initialRoom, started, { type: "candidate_turn", text: "  ", start: 1, end: 2, by: "silence", question_id: "q1" });
    expect(s.log).toEqual([]);
    expect(s.speaker).toBe("thinking");
  });

  it("keeps the server's in-band error", () => {
    const s = feed(initialRoom, started, { type: "error", error: { code: "invalid_input", message: "wait for its next line" } });
    expect(s.error?.code).toBe("invalid_input");
  });
});

describe("frameLevel", () => {
  it("is 0 for silence, about 0.5 at -30 dBFS and 1 at full scale", () => {
    expect(frameLevel(encodePcm16(new Float32Array(1600)))).toBe(0);
    expect(frameLevel(new ArrayBuffer(0))).toBe(0);
    const amplitude = 10 ** (-30 / 20) * Math.SQRT2; // a sine at -30 dBFS RMS
    const sine = Float32Array.from({ length: 1600 }, (_, i) => amplitude * Math.sin((2 * Math.PI * 440 * i) / 16000));
    expect(frameLevel(encodePcm16(sine))).toBeCloseTo(0.5, 1);
    expect(frameLevel(encodePcm16(new Float32Array(1600).fill(1)))).toBeCloseTo(1, 2);
    expect(levelText(0)).toBe("Silence");
    expect(levelText(0.5)).toBe("Good");
  });
});

describe("questionLabel", () => {
  it("counts from one and never past the end", () => {
    expect(questionLabel(0, 5)).toBe("Question 1 of 5");
    expect(questionLabel(7, 5)).toBe("Question 5 of 5");
    expect(questionLabel(0, 0)).toBe("");
  });
});

describe("speakerCommand", () => {
  const event = (frame: object) => parseInterviewEvent(JSON.stringify(frame)) as InterviewEvent;

  it("plays each line at its rate and silences the speaker at once when spoken over", () => {
    expect(speakerCommand(event(line(1, "question", "Q?", "q1")))).toEqual({ rate: 24000 });
    expect(speakerCommand(event(done(1, true)))).toEqual({ stop: true });
    expect(speakerCommand(event(done(1, false)))).toEqual({}); // said to the end: it plays out
    expect(speakerCommand(event({ type: "candidate_speaking", at: 1 }))).toEqual({}); // the server decides what is a barge-in
  });
});

describe("roomMicrophoneProblem", () => {
  it("says what went wrong and offers a typed interview instead", () => {
    const denied = roomMicrophoneProblem(Object.assign(new Error("no"), { name: "NotAllowedError" }));
    expect(denied).toMatch(/not allowed to use the microphone/);
    expect(denied).toMatch(/or start a typed interview instead\.$/);
    expect(roomMicrophoneProblem(new Error("?"))).not.toMatch(/recording/);
  });
});

import { describe, expect, it } from "vitest";
import type { ReportAnswer, Turn } from "../api/recruiter";
import { band, kindLabel, resultsFilename, scoreText, transcriptParts } from "./recruiterResults";

const turn = (seq: number, speaker: Turn["speaker"], kind: string, question_id: string | null): Turn => ({
  seq,
  speaker,
  kind,
  text: `${kind} ${seq}`,
  question_id,
  start_s: null,
  end_s: null,
});

const answer = (question_id: string, answered = true): ReportAnswer => ({
  question_id,
  question: `Q ${question_id}`,
  answered,
  target_seconds: { min: 60, max: 120 },
});

describe("transcriptParts", () => {
  it("cuts the transcript by question and attaches each evaluation", () => {
    const turns = [
      turn(0, "interviewer", "opening", null),
      turn(1, "interviewer", "question", "a"),
      turn(3, "interviewer", "follow_up", "a"),
      turn(2, "candidate", "answer", "a"),
      turn(4, "candidate", "answer", "a"),
      turn(5, "interviewer", "question", "b"),
      turn(6, "interviewer", "closing", null),
    ];
    const parts = transcriptParts(turns, [answer("a"), answer("b", false)]);
    expect(parts.map((p) => [p.questionId, p.turns.map((t) => t.seq)])).toEqual([
      [null, [0]],
      ["a", [1, 2, 3, 4]],
      ["b", [5]],
      [null, [6]],
    ]);
    expect(parts[1]!.answer?.question_id).toBe("a");
    expect(parts[2]!.answer).toBeNull(); // asked, never answered
  });

  it("puts the evaluation of a question asked twice on its last part only", () => {
    const turns = [turn(0, "interviewer", "question", "a"), turn(1, "candidate", "answer", null), turn(2, "interviewer", "rephrase", "a")];
    const parts = transcriptParts(turns, [answer("a")]);
    expect(parts.map((p) => p.answer?.question_id ?? null)).toEqual([null, null, "a"]);
  });
});

describe("scores", () => {
  it("reads a score as the report does", () => {
    expect([band(85), band(70), band(69), band(50), band(49), band(null)]).toEqual(["strong", "strong", "fair", "fair", "weak", "none"]);
    expect([scoreText(72.4), scoreText(null), scoreText(0)]).toEqual(["72", "—", "0"]);
  });

  it("labels turn kinds", () => {
    expect(kindLabel("follow_up")).toBe("Follow-up");
    expect(kindLabel("some_new_kind")).toBe("Some new kind");
  });
});

describe("resultsFilename", () => {
  const day = new Date(2026, 11, 6, 15, 0);

  it("dates the server's file name", () => {
    expect(resultsFilename('attachment; filename="interview-results.csv"', day)).toBe("interview-results-2026-12-06.csv");
    expect(resultsFilename("attachment; filename*=UTF-8''r%C3%A9sultats.csv", day)).toBe("résultats-2026-12-06.csv");
  });

  it("has a name of its own when the server gives none, and never a path", () => {
    expect(resultsFilename(null, day)).toBe("interview-results-2026-12-06.csv");
    expect(resultsFilename('attachment; filename="../x"', day)).toBe(".._x-2026-12-06.csv");
  });
});

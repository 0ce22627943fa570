import { describe, expect, it } from "vitest";
import type { InterviewTurn, ProgressPoint } from "../api/interviews";
import { soundText, changeText, dimensionSeries, momentInRecording, partName, scenarioSeries, scoreBand, seriesChange, splitKeyPoints, timeText, timedTurns, turnAt } from "./interviewReport";

const turn = (seq: number, speaker: "interviewer" | "candidate", start: number | null, end: number | null, question_id: string | null = "q1", kind = speaker === "candidate" ? "answer" : "question"): InterviewTurn => ({
  seq,
  speaker,
  kind,
  text: `turn ${seq}`,
  question_id,
  start_s: start,
  end_s: end,
});

const turns = [turn(0, "interviewer", 0, 1.5, null, "opening"), turn(1, "interviewer", 1.6, 4), turn(2, "candidate", 5, 15), turn(3, "interviewer", 16, 18, "q1", "follow_up"), turn(4, "candidate", 20, 24), turn(5, "interviewer", 25, 28, "q2"), turn(6, "candidate", 30, 40, "q2")];

describe("turnAt", () => {
  it("finds the turn playing at a time, and none in the gaps between turns", () => {
    expect(turnAt(turns, 0)).toBe(0);
    expect(turnAt(turns, 6)).toBe(2);
    expect(turnAt(turns, 15.1)).toBe(2); // a quarter second of slack at a turn's end
    expect(turnAt(turns, 15.6)).toBeNull();
    expect(turnAt(turns, 39)).toBe(6);
    expect(turnAt(turns, 50)).toBeNull();
  });

  it("skips turns without times (typed interviews)", () => {
    expect(turnAt([turn(0, "interviewer", null, null)], 1)).toBeNull();
    expect(timedTurns([turn(1, "candidate", 5, 6), turn(0, "interviewer", 1, 2), turn(2, "candidate", null, null)]).map((t) => t.seq)).toEqual([0, 1]);
  });
});

describe("momentInRecording", () => {
  it("maps seconds into an answer onto the recording, the follow-up's answer counted after the first", () => {
    expect(momentInRecording(turns, "q1", 2)).toBe(7);
    expect(momentInRecording(turns, "q1", 12)).toBe(22); // 10 s in the first answer, 2 s into the second
    expect(momentInRecording(turns, "q1", 99)).toBe(24); // past the end: the answer's end
    expect(momentInRecording(turns, "q2", 0)).toBe(30);
    expect(momentInRecording(turns, "q3", 1)).toBeNull();
  });
});

describe("words and numbers", () => {
  it("bands scores, signs changes, names parts and times", () => {
    expect(scoreBand(80)).toBe("strong");
    expect(scoreBand(60)).toBe("fair");
    expect(scoreBand(10)).toBe("weak");
    expect(scoreBand(null)).toBe("none");
    expect(changeText(5)).toBe("+5");
    expect(changeText(-3)).toBe("−3");
    expect(changeText(0)).toBe("±0");
    expect(changeText(undefined)).toBe("");
    expect(partName("result")).toBe("Result");
    expect(partName("first_step")).toBe("First step");
    expect(timeText(65.4)).toBe("1:05");
  });

  it("says how an answer sounded with its numbers, and nothing when it was not measured", () => {
    expect(soundText({ speech_lufs: -23.4, pitch_variation_semitones: 2.345, slowest_wpm: 120.2, fastest_wpm: 171 })).toBe(
      "How it sounded: speech level -23 LUFS, pitch varied by 2.3 semitones, pace between 120 and 171 words a minute.",
    );
    expect(soundText({ speech_lufs: null, pitch_variation_semitones: null, slowest_wpm: null, fastest_wpm: 150 })).toBe("");
    expect(soundText(null)).toBe("");
  });

  it("splits key points into covered and missed", () => {
    const split = splitKeyPoints({
      question_id: "q1",
      question: "Q",
      answered: true,
      target_seconds: { min: 20, max: 60 },
      key_points: [
        { point: "a", covered: true, similarity: 0.9, evidence: "I did a" },
        { point: "b", covered: false, similarity: 0.7, evidence: null },
      ],
    });
    expect(split.covered.map((k) => k.point)).toEqual(["a"]);
    expect(split.missed.map((k) => k.point)).toEqual(["b"]);
  });
});

describe("series", () => {
  const point = (id: string, at: string, overall: number, relevance: number | null, scenario = "s1"): ProgressPoint => ({
    interview_id: id,
    scenario_id: scenario,
    language: "en",
    title: scenario === "s1" ? "Leading a team" : "Pitch",
    ended_at: at,
    overall,
    dimensions: { relevance, structure: 50 },
  });

  it("draws each dimension across interviews, leaving out the ones it was not scored in", () => {
    const [relevance, structure] = dimensionSeries([point("a", "2026-01-01", 50, 40), point("b", "2026-01-02", 60, null)], ["relevance", "structure"]);
    expect(relevance!.points.map((p) => p.value)).toEqual([40]);
    expect(structure!.points.map((p) => p.id)).toEqual(["a", "b"]);
  });

  it("draws one line per scenario, the most practised first, and measures the change", () => {
    const lines = scenarioSeries({ "s2:en": [point("c", "2026-01-03", 70, 70, "s2")], "s1:en": [point("a", "2026-01-01", 50, 40), point("b", "2026-01-02", 65, 60)] });
    expect(lines.map((s) => s.label)).toEqual(["Leading a team (en)", "Pitch (en)"]);
    expect(seriesChange(lines[0]!)).toBe(15);
    expect(seriesChange(lines[1]!)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import type { Comparison, SpokenWord } from "../api/coach";
import { analysisStage, annotateTranscript, comparisonRows, formatMetric, indexAt, rangeText } from "./coachReport";

const word = (text: string, start: number, end: number): SpokenWord => ({ text, start, end, probability: 0.9 });
const WORDS = [word("Um,", 0, 0.5), word("so", 0.62, 0.66), word("you", 1.0, 1.2), word("know,", 1.2, 1.5), word("today", 4.0, 4.4), word("we", 4.5, 4.6)];

describe("indexAt", () => {
  it("finds the word being spoken, and none between words or outside the talk", () => {
    expect(indexAt(WORDS, 0)).toBe(0);
    expect(indexAt(WORDS, 0.49)).toBe(0);
    expect(indexAt(WORDS, 0.55)).toBe(-1);
    expect(indexAt(WORDS, 1.2)).toBe(3);
    expect(indexAt(WORDS, 4.2)).toBe(4);
    expect(indexAt(WORDS, -1)).toBe(-1);
    expect(indexAt(WORDS, 10)).toBe(-1);
    expect(indexAt([], 1)).toBe(-1);
  });
});

describe("annotateTranscript", () => {
  it("marks each word of a filler and puts long pauses before the next word", () => {
    const pieces = annotateTranscript(
      WORDS,
      [
        { text: "um", heard: "Um,", start: 0, end: 0.5 },
        { text: "you know", heard: "you know,", start: 1.0, end: 1.5 },
      ],
      [
        { start: 1.5, end: 4.0, duration: 2.5, long: true },
        { start: 0.66, end: 1.0, duration: 0.34, long: false },
      ],
    );
    expect(pieces.map((p) => (p.kind === "word" ? `${p.text}${p.filler ? `[${p.filler}]` : ""}` : `<${p.duration}s>`))).toEqual([
      "Um,[um]",
      "so",
      "you[you know]",
      "know,[you know]",
      "<2.5s>",
      "today",
      "we",
    ]);
    const today = pieces.find((p) => p.kind === "word" && p.text === "today");
    expect(today).toMatchObject({ index: 4, start: 4.0, end: 4.4 });
  });

  it("keeps a long pause at the end of the talk", () => {
    const pieces = annotateTranscript([word("Hi", 0, 0.3)], [], [{ start: 0.3, end: 3.3, duration: 3, long: true }]);
    expect(pieces.at(-1)).toEqual({ kind: "pause", start: 0.3, duration: 3 });
  });
});

describe("formatMetric and rangeText", () => {
  it("writes values in their unit", () => {
    expect(formatMetric("words_per_minute", 152.4)).toBe("152 words/min");
    expect(formatMetric("pause_ratio", 0.123)).toBe("12%");
    expect(formatMetric("overall_score", 58)).toBe("58/100");
    expect(formatMetric("duration_seconds", 90)).toBe("1.5 min");
    expect(formatMetric("fillers_per_minute", null)).toBe("—");
    expect(rangeText("words_per_minute", 130, 160)).toBe("130–160 words/min");
    expect(rangeText("fillers_per_minute", null, 2)).toBe("at most 2 per min");
    expect(rangeText("pitch_variation_semitones", 2, null)).toBe("at least 2 semitones");
    expect(rangeText("speech_lufs", -30, -12)).toBe("-30 to -12 LUFS");
  });
});

describe("comparisonRows", () => {
  const comparison: Comparison = {
    sessions: 3,
    overall_score: { this: 70, previous_average: 60, change: 10 },
    words_per_minute: { this: 150, previous_average: 190, change: -40 },
    fillers_per_minute: { this: 4, previous_average: 2, change: 2 },
    pause_ratio: { this: 0.1, previous_average: 0.11, change: -0.01 },
    pitch_variation_semitones: { this: 2.5, previous_average: null, change: null },
  };

  it("says which changes are for the better, pace judged against its target band", () => {
    const rows = comparisonRows(comparison, [130, 160]);
    const verdicts = Object.fromEntries(rows.map((r) => [r.metric, r.verdict]));
    expect(verdicts).toEqual({
      overall_score: "better",
      words_per_minute: "better",
      fillers_per_minute: "worse",
      pause_ratio: "same",
      pitch_variation_semitones: null,
    });
    expect(rows.find((r) => r.metric === "words_per_minute")).toMatchObject({ now: "150 words/min", previous: "190 words/min", change: "−40 words/min" });
    expect(rows.find((r) => r.metric === "pitch_variation_semitones")?.previous).toBe("—");
  });

  it("leaves a pace change unjudged without a band, and gives nothing without a comparison", () => {
    expect(comparisonRows(comparison).find((r) => r.metric === "words_per_minute")?.verdict).toBeNull();
    expect(comparisonRows(null)).toEqual([]);
  });
});

describe("analysisStage", () => {
  it("says where a coaching analysis job is", () => {
    expect(analysisStage("queued", null)).toBe("Waiting for a worker");
    expect(analysisStage("running", "analysing")).toBe("Transcribing and measuring");
    expect(analysisStage("running", "something new")).toBe("Working");
    expect(analysisStage("succeeded", "done")).toBe("Done");
  });
});

import { describe, expect, it } from "vitest";
import { activeWordIndex, AlignmentCollector, segmentText, type TimedWord } from "./timestamps";

const chunk = (text: string, start: number, perChar: number) => ({
  characters: [...text],
  character_start_times_seconds: [...text].map((_, i) => start + i * perChar),
  character_end_times_seconds: [...text].map((_, i) => start + (i + 1) * perChar),
});

describe("AlignmentCollector", () => {
  it("places sentence chunks in the text and reports progress", () => {
    const text = "Hello there. Don't stop now!  ";
    const collector = new AlignmentCollector(text);
    expect(collector.add(chunk("Hello there.", 0, 0.1))).toBe(true);
    expect(collector.progress).toBeCloseTo(12 / 28);
    expect(collector.add(chunk("Don't stop now!", 1.5, 0.1))).toBe(true);
    expect(collector.progress).toBe(1);
    const words = collector.words();
    expect(words.map((w) => w.word)).toEqual(["Hello", "there", "Don't", "stop", "now"]);
    expect(words[1]).toMatchObject({ charStart: 6, charEnd: 11 });
    expect(words[1]!.start).toBeCloseTo(0.6);
    expect(words[1]!.end).toBeCloseTo(1.1);
    expect(words[2]!.start).toBeCloseTo(1.5);
    for (const w of words) expect(text.slice(w.charStart, w.charEnd)).toBe(w.word);
  });

  it("finds a repeated sentence after the previous one, not at its first occurrence", () => {
    const collector = new AlignmentCollector("Yes. Yes.");
    collector.add(chunk("Yes.", 0, 0.1));
    collector.add(chunk("Yes.", 1, 0.1));
    const words = collector.words();
    expect(words).toHaveLength(2);
    expect(words[1]).toMatchObject({ charStart: 5, start: 1 });
  });

  it("rejects a chunk that is not in the text", () => {
    const collector = new AlignmentCollector("Hello.");
    expect(collector.add(chunk("Goodbye.", 0, 0.1))).toBe(false);
    expect(collector.words()).toEqual([]);
  });
});

describe("activeWordIndex", () => {
  const words: TimedWord[] = [
    { word: "one", start: 0.1, end: 0.4, charStart: 0, charEnd: 3 },
    { word: "two", start: 0.4, end: 0.7, charStart: 4, charEnd: 7 },
    { word: "three", start: 1.0, end: 1.5, charStart: 8, charEnd: 13 },
  ];
  it("finds the word being spoken", () => {
    expect(activeWordIndex(words, 0.2)).toBe(0);
    expect(activeWordIndex(words, 0.4)).toBe(1); // a boundary belongs to the next word
    expect(activeWordIndex(words, 1.2)).toBe(2);
  });
  it("highlights nothing before, between and after the words", () => {
    expect(activeWordIndex(words, 0)).toBe(-1);
    expect(activeWordIndex(words, 0.85)).toBe(-1);
    expect(activeWordIndex(words, 1.5)).toBe(-1);
    expect(activeWordIndex([], 1)).toBe(-1);
  });
});

describe("segmentText", () => {
  it("cuts the text into words and the text between them, losing nothing", () => {
    const text = "Hi, you!";
    const words: TimedWord[] = [
      { word: "Hi", start: 0, end: 0.2, charStart: 0, charEnd: 2 },
      { word: "you", start: 0.3, end: 0.5, charStart: 4, charEnd: 7 },
    ];
    const segments = segmentText(text, words);
    expect(segments).toEqual([
      { text: "Hi", word: 0 },
      { text: ", ", word: null },
      { text: "you", word: 1 },
      { text: "!", word: null },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
  });
});

import { describe, expect, it } from "vitest";
import type { WordTiming } from "../api/client";
import { activeWordIndex, AlignmentCollector, pageOfWord, segmentText, transcriptPage, wordsFromTimings, type TimedWord } from "./timestamps";

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

describe("wordsFromTimings", () => {
  const text = "Read it. Read it again!";
  const timing = (word: string, charStart: number, start: number, end = start + 0.2): WordTiming => ({
    word,
    start,
    end,
    char_start: charStart,
    char_end: charStart + word.length,
  });

  it("turns a job's word timings into read-along words", () => {
    const timings = [timing("Read", 0, 0), timing("it", 5, 0.2), timing("Read", 9, 0.8), timing("it", 14, 1.0), timing("again", 17, 1.2)];
    const words = wordsFromTimings(text, timings);
    expect(words).toHaveLength(5);
    expect(words[2]).toEqual({ word: "Read", start: 0.8, end: 1.0, charStart: 9, charEnd: 13 });
    for (const w of words) expect(text.slice(w.charStart, w.charEnd)).toBe(w.word);
    expect(activeWordIndex(words, 0.9)).toBe(2); // the second "Read", not the first
    expect(segmentText(text, words).map((s) => s.text).join("")).toBe(text);
  });

  it("puts timings in text order", () => {
    const words = wordsFromTimings(text, [timing("it", 5, 0.2), timing("Read", 0, 0)]);
    expect(words.map((w) => w.charStart)).toEqual([0, 5]);
  });

  it("drops timings that do not point at their word, overlap, go back in time or make no sense", () => {
    const words = wordsFromTimings(text, [
      timing("Read", 0, 0),
      timing("ead", 1, 0.1), // inside the previous word
      timing("it", 5, 0.5),
      timing("Red", 9, 0.8), // not what the text says there
      timing("it", 14, -1), // before the start of the audio
      timing("again", 16, 2), // off by one
      timing("again", 17, 0.3), // earlier than the word before it
      timing("again", 17, Number.NaN),
      timing("again", 17, 2, 1.5), // ends before it starts
      { word: "x", start: 3, end: 3.1, char_start: 40, char_end: 41 }, // past the text
    ]);
    expect(words.map((w) => w.word)).toEqual(["Read", "it"]);
  });
});

describe("transcriptPage", () => {
  const text = " One, two; three four five.";
  const words = wordsFromTimings(
    text,
    ["One", "two", "three", "four", "five"].map((word, i) => ({
      word,
      start: i,
      end: i + 0.5,
      char_start: text.indexOf(word),
      char_end: text.indexOf(word) + word.length,
    })),
  );

  it("cuts a long transcript into pages of words that together give the whole text back", () => {
    const pages = [0, 1, 2].map((page) => transcriptPage(text, words, page, 2));
    expect(pages.map((p) => [p.firstWord, p.endWord, p.pages])).toEqual([
      [0, 2, 3],
      [2, 4, 3],
      [4, 5, 3],
    ]);
    expect(pages.map((p) => p.segments.map((s) => s.text).join(""))).toEqual([" One, two; ", "three four ", "five."]);
    expect(pages.flatMap((p) => p.segments).map((s) => s.text).join("")).toBe(text);
    expect(pages[1]!.segments.filter((s) => s.word !== null).map((s) => s.word)).toEqual([2, 3]); // indices into all words
  });

  it("keeps a short transcript on one page, and a page number in range", () => {
    expect(transcriptPage(text, words, 0, 100).segments).toEqual(segmentText(text, words));
    expect(transcriptPage(text, words, 9, 2).page).toBe(2);
    expect(transcriptPage(text, [], 0, 2)).toMatchObject({ pages: 1, segments: [{ text, word: null }] });
  });

  it("finds the page of a word", () => {
    expect([0, 1, 2, 3, 4].map((i) => pageOfWord(i, 2))).toEqual([0, 0, 1, 1, 2]);
    expect(pageOfWord(-1, 2)).toBe(0);
  });
});

describe("AlignmentCollector on SSML", () => {
  const source = `<speak>Caf&#233; <break time="1s"/>time, <say-as interpret-as="characters">AT&amp;T</say-as>.</speak>`;

  it("times the words of the document's text, at their offsets in the source", () => {
    const collector = new AlignmentCollector(source, { ssml: true });
    expect(collector.add(chunk(source, 0, 0.01))).toBe(true);
    const words = collector.words();
    expect(words.map((w) => w.word)).toEqual(["Caf&#233;", "time", "AT", "T"]);
    for (const w of words) expect(source.slice(w.charStart, w.charEnd)).toBe(w.word);
    expect(collector.progress).toBe(1);
  });

  it("places a chunk of decoded text back in the source", () => {
    const collector = new AlignmentCollector(source, { ssml: true });
    expect(collector.add(chunk("Café ", 0, 0.1))).toBe(true);
    expect(collector.add(chunk("time, AT&T.", 1, 0.1))).toBe(true);
    const words = collector.words();
    expect(words.map((w) => w.word)).toEqual(["Caf&#233;", "time", "AT", "T"]);
    expect(words[1]).toMatchObject({ start: 1, charStart: source.indexOf("time,") });
    expect(words[2]!.start).toBeCloseTo(1.6);
  });

  it("is plain text without the option", () => {
    const collector = new AlignmentCollector(source);
    expect(collector.add(chunk("Café ", 0, 0.1))).toBe(false);
  });
});

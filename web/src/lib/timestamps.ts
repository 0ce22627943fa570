// Word timings for the read-along highlight: built from the streamed character alignment (short texts)
// or from the word timings a finished job reports (long texts), looked up by playback time.
import type { WordTiming } from "../api/client";
import { ssmlText, type SsmlText } from "./ssml";

export interface TimedWord {
  word: string;
  start: number;
  end: number;
  /** Offsets into the original text: text.slice(charStart, charEnd) === word. */
  charStart: number;
  charEnd: number;
}

export interface CharacterTimes {
  characters: string[];
  character_start_times_seconds: number[];
  character_end_times_seconds: number[];
}

/**
 * Collects per-character times for a text from alignment chunks that arrive in order (one per
 * sentence or clause). Each chunk carries the characters of a slice of the original text but not its
 * offset, so the slice is found by searching forward from the end of the previous one.
 *
 * An SSML document (`ssml: true`) is read the same way: a chunk is a slice of the source, markup and
 * all, or failing that a slice of the document's text (tags left out, references decoded) that is
 * placed back at its source offsets. Its words are those of the document's text only (never a tag's
 * name or an attribute's value), with offsets into the source.
 */
export class AlignmentCollector {
  readonly text: string;
  private readonly starts: number[];
  private readonly ends: number[];
  private cursor = 0;
  private readonly document: SsmlText | null;

  constructor(text: string, { ssml = false }: { ssml?: boolean } = {}) {
    this.text = text;
    this.starts = new Array<number>(text.length).fill(Number.NaN);
    this.ends = new Array<number>(text.length).fill(Number.NaN);
    this.document = ssml ? ssmlText(text) : null;
  }

  /** Place one chunk; returns false when its characters are not found in the rest of the text. */
  add(chunk: CharacterTimes): boolean {
    const piece = chunk.characters.join("");
    if (!piece) return true;
    const times = (i: number): [number, number] => [
      chunk.character_start_times_seconds[i] ?? Number.NaN,
      chunk.character_end_times_seconds[i] ?? Number.NaN,
    ];
    const offset = this.text.indexOf(piece, this.cursor);
    if (offset >= 0) {
      chunk.characters.forEach((_, i) => this.place(offset + i, times(i)));
      this.cursor = offset + piece.length;
      return true;
    }
    const doc = this.document;
    if (!doc) return false;
    let from = doc.starts.findIndex((start) => start >= this.cursor);
    if (from < 0) from = doc.text.length;
    const at = doc.text.indexOf(piece, from);
    if (at < 0) return false;
    chunk.characters.forEach((_, i) => this.place(doc.starts[at + i]!, times(i)));
    this.cursor = doc.ends[at + piece.length - 1]!;
    return true;
  }

  /** A character's times, kept at its source offset (the first one when a reference gives several). */
  private place(index: number, [start, end]: [number, number]): void {
    if (!Number.isNaN(this.starts[index]!)) {
      this.ends[index] = Math.max(this.ends[index]!, end);
      return;
    }
    this.starts[index] = start;
    this.ends[index] = end;
  }

  /** Share of the text (0-1) covered so far, for a progress bar. Trailing spaces do not count. */
  get progress(): number {
    const total = this.text.trimEnd().length;
    return total === 0 ? 1 : Math.min(1, this.cursor / total);
  }

  words(): TimedWord[] {
    if (this.document) return ssmlWordsFromCharacterTimes(this.text, this.document, this.starts, this.ends);
    return wordsFromCharacterTimes(this.text, this.starts, this.ends);
  }
}

// Letters and digits, keeping inner apostrophes, hyphens and dots ("don't", "well-known", "3.5").
const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;

/** Words of `text` with the time span of their characters; words without times are left out. */
export function wordsFromCharacterTimes(text: string, starts: number[], ends: number[]): TimedWord[] {
  const words: TimedWord[] = [];
  for (const match of text.matchAll(WORD)) {
    const charStart = match.index;
    const charEnd = charStart + match[0].length;
    let start = Number.POSITIVE_INFINITY;
    let end = Number.NEGATIVE_INFINITY;
    for (let i = charStart; i < charEnd; i++) {
      const s = starts[i];
      const e = ends[i];
      if (s !== undefined && !Number.isNaN(s)) start = Math.min(start, s);
      if (e !== undefined && !Number.isNaN(e)) end = Math.max(end, e);
    }
    if (Number.isFinite(start) && Number.isFinite(end)) words.push({ word: match[0], start, end, charStart, charEnd });
  }
  return words;
}

/**
 * Words of an SSML document's text with the time span of their characters (times indexed by source
 * offset); each word's offsets point into the source, so `source.slice(charStart, charEnd)` is the word
 * as written there (with its references, or a tag when one splits the word).
 */
export function ssmlWordsFromCharacterTimes(source: string, doc: SsmlText, starts: number[], ends: number[]): TimedWord[] {
  const words: TimedWord[] = [];
  for (const match of doc.text.matchAll(WORD)) {
    const first = match.index;
    const last = first + match[0].length - 1;
    let start = Number.POSITIVE_INFINITY;
    let end = Number.NEGATIVE_INFINITY;
    for (let i = first; i <= last; i++) {
      const s = starts[doc.starts[i]!];
      const e = ends[doc.starts[i]!];
      if (s !== undefined && !Number.isNaN(s)) start = Math.min(start, s);
      if (e !== undefined && !Number.isNaN(e)) end = Math.max(end, e);
    }
    if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
    const charStart = doc.starts[first]!;
    const charEnd = doc.ends[last]!;
    words.push({ word: source.slice(charStart, charEnd), start, end, charStart, charEnd });
  }
  return words;
}

/**
 * Read-along words from the word timings the server computed for a whole file (a job's
 * GET /v1/jobs/{id}/timestamps). A timing is kept only when its offsets point at that very word in
 * `text` and it neither overlaps the previous word nor goes back in time: a damaged or stale list
 * highlights fewer words, never the wrong one.
 */
export function wordsFromTimings(text: string, timings: readonly WordTiming[]): TimedWord[] {
  const words: TimedWord[] = [];
  const inTextOrder = [...timings].sort((a, b) => a.char_start - b.char_start);
  for (const timing of inTextOrder) {
    const { word, start, end, char_start: charStart, char_end: charEnd } = timing;
    const previous = words[words.length - 1];
    if (!Number.isFinite(start) || !Number.isFinite(end) || start < 0 || end < start) continue;
    if (charStart < (previous?.charEnd ?? 0) || start < (previous?.start ?? 0)) continue;
    if (text.slice(charStart, charEnd) !== word || word === "") continue;
    words.push({ word, start, end, charStart, charEnd });
  }
  return words;
}

/** Index of the word being spoken at `time` seconds, or -1 between words, before the first and after the last. */
export function activeWordIndex(words: readonly TimedWord[], time: number): number {
  let low = 0;
  let high = words.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (words[middle]!.start <= time) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found >= 0 && time < words[found]!.end ? found : -1;
}

export interface TextSegment {
  text: string;
  /** Index into the words array, or null for the spaces and punctuation between words. */
  word: number | null;
}

/** Cut the text into word and between-word segments for rendering; joined, they give the text back. */
export function segmentText(text: string, words: readonly TimedWord[]): TextSegment[] {
  return segmentRange(text, words, 0, words.length, 0, text.length);
}

/** Segments of text[from, to) holding words[first, end) (word indices stay those of the whole array). */
function segmentRange(text: string, words: readonly TimedWord[], first: number, end: number, from: number, to: number): TextSegment[] {
  const segments: TextSegment[] = [];
  let position = from;
  for (let index = first; index < end; index++) {
    const word = words[index]!;
    if (word.charStart < position || word.charEnd > to) continue; // overlapping or out of order: keep the text intact
    if (word.charStart > position) segments.push({ text: text.slice(position, word.charStart), word: null });
    segments.push({ text: text.slice(word.charStart, word.charEnd), word: index });
    position = word.charEnd;
  }
  if (position < to) segments.push({ text: text.slice(position, to), word: null });
  return segments;
}

export interface TranscriptPage {
  segments: TextSegment[];
  /** This page (0-based) and how many there are. */
  page: number;
  pages: number;
  /** Indices of the first word on the page and one past its last. */
  firstWord: number;
  endWord: number;
}

/** Which page of `size` words holds word `index`. */
export function pageOfWord(index: number, size: number): number {
  return Math.floor(Math.max(0, index) / size);
}

/**
 * One page of a long transcript: `size` words and the text around them. A book read aloud has
 * hundreds of thousands of words, too many to put on screen at once; the pages, joined, give the
 * whole text back.
 */
export function transcriptPage(text: string, words: readonly TimedWord[], page: number, size: number): TranscriptPage {
  const pages = Math.max(1, Math.ceil(words.length / size));
  const current = Math.min(Math.max(0, page), pages - 1);
  const firstWord = current * size;
  const endWord = Math.min(words.length, firstWord + size);
  const from = current === 0 ? 0 : words[firstWord]!.charStart;
  const to = current === pages - 1 ? text.length : words[endWord]!.charStart;
  return { segments: segmentRange(text, words, firstWord, endWord, from, to), page: current, pages, firstWord, endWord };
}

import { memo, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { pageOfWord, transcriptPage, type TimedWord } from "../lib/timestamps";

interface Props {
  text: string;
  words: readonly TimedWord[];
  /** Index of the word being spoken, or -1. */
  active: number;
  /** The text is SSML: its tags are shown dimmed, as markup rather than words. */
  markup?: boolean;
}

const ACTIVE = "word--active";
/** Words on screen at once: a book read aloud (a job's) is shown a page at a time, turning with the audio. */
export const PAGE_WORDS = 2000;

/**
 * The text with the spoken word highlighted. A long text scrolls in its own box that follows the
 * highlight. The words are rendered once per page: while the audio plays only the highlight moves,
 * so the cost per frame does not grow with the length of the text.
 */
export const Transcript = memo(function Transcript({ text, words, active, markup = false }: Props) {
  const box = useRef<HTMLParagraphElement>(null);
  const [scrolls, setScrolls] = useState(false);
  // The page of the word being spoken; between words and when paused, the page last shown.
  const [page, setPage] = useState(0);
  if (active >= 0 && pageOfWord(active, PAGE_WORDS) !== page) setPage(pageOfWord(active, PAGE_WORDS));
  const shown = useMemo(() => transcriptPage(text, words, page, PAGE_WORDS), [text, words, page]);

  const spans = useMemo(
    () =>
      shown.segments.map((segment, i) =>
        segment.word === null ? (
          <span key={i}>{markup ? dimTags(segment.text) : segment.text}</span>
        ) : (
          <span key={i} className="word" data-word={segment.word} data-start={words[segment.word]!.start} data-end={words[segment.word]!.end}>
            {segment.text}
          </span>
        ),
      ),
    [shown, words, markup],
  );
  // Word index -> its span, found once per page.
  const elements = useRef(new Map<number, HTMLElement>());
  useLayoutEffect(() => {
    const map = new Map<number, HTMLElement>();
    box.current?.querySelectorAll<HTMLElement>(".word").forEach((element) => map.set(Number(element.dataset.word), element));
    elements.current = map;
    box.current?.scrollTo({ top: 0 });
  }, [spans]);

  // A box that scrolls must be reachable from the keyboard (and named, as a region).
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollHeight > element.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [spans]);

  useLayoutEffect(() => {
    const element = elements.current.get(active);
    if (!element) return;
    element.classList.add(ACTIVE);
    element.dataset.active = "true";
    if (box.current) keepInView(box.current, element);
    return () => {
      element.classList.remove(ACTIVE);
      delete element.dataset.active;
    };
  }, [active, spans]);

  return (
    <>
      {shown.pages > 1 ? (
        <p className="muted small" data-testid="transcript-page">
          Words {(shown.firstWord + 1).toLocaleString("en")}–{shown.endWord.toLocaleString("en")} of{" "}
          {words.length.toLocaleString("en")}: the page turns with the audio.
        </p>
      ) : null}
      <p
        ref={box}
        className="transcript"
        data-testid="transcript"
        {...(scrolls ? { role: "region", "aria-label": "Transcript", tabIndex: 0 } : {})}
      >
        {spans}
      </p>
    </>
  );
});

/** Text between words with each SSML tag (and comment) in a dimmed span. */
function dimTags(text: string): ReactNode {
  const parts = text.split(/(<[^>]*>?)/);
  if (parts.length === 1) return text;
  return parts.map((part, i) =>
    i % 2 === 1 ? (
      <span key={i} className="transcript__markup">
        {part}
      </span>
    ) : (
      part
    ),
  );
}

/** Scroll `box` (not the page) so `word` is in its upper part, when it has gone out of sight. */
function keepInView(box: HTMLElement, word: HTMLElement): void {
  if (box.scrollHeight <= box.clientHeight) return;
  const top = word.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  const bottom = top + word.offsetHeight;
  if (top < box.scrollTop || bottom > box.scrollTop + box.clientHeight) {
    box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }
}

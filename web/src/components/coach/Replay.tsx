import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { FillerMark, PauseMark, SpokenWord } from "../../api/coach";
import { annotateTranscript, indexAt } from "../../lib/coachReport";

interface Props {
  src: string;
  words: readonly SpokenWord[];
  fillers: readonly FillerMark[];
  pauses: readonly PauseMark[];
  language: string;
}

const ACTIVE = "word--active";

/**
 * The recording with its transcript: the word being spoken is highlighted as it plays, a word selected
 * (click, or Enter on it) plays from there. Fillers are marked, long pauses shown where they fell.
 */
export function Replay({ src, words, fillers, pauses, language }: Props) {
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const active = playing || time > 0 ? indexAt(words, time) : -1;

  // timeupdate fires about four times a second; follow the clock every frame while playing.
  useEffect(() => {
    if (!playing) return;
    let frame = requestAnimationFrame(function tick() {
      if (audio.current) setTime(audio.current.currentTime);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  const seek = (to: number) => {
    const element = audio.current;
    if (!element) return;
    element.currentTime = to;
    setTime(to);
    if (element.paused) void element.play().catch(() => undefined);
  };

  return (
    <section className="card replay" aria-labelledby="replay-title">
      <h2 id="replay-title" className="card__title">
        Listen again
      </h2>
      <audio
        ref={audio}
        className="replay__audio"
        controls
        preload="metadata"
        src={src}
        data-testid="coach-audio"
        aria-label="Recording of the talk"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onSeeked={(e) => setTime(e.currentTarget.currentTime)}
      />
      {words.length > 0 ? (
        <>
          <p className="help" id="replay-help">
            Select a word to play from it (arrow keys move between words). <span className="coach-word--filler">Fillers</span> are marked, and long pauses
            show where they fell.
          </p>
          <MarkedTranscript words={words} fillers={fillers} pauses={pauses} language={language} active={active} onSeek={seek} />
        </>
      ) : (
        <p className="muted">No words were recognised in this recording.</p>
      )}
    </section>
  );
}

interface TranscriptProps {
  words: readonly SpokenWord[];
  fillers: readonly FillerMark[];
  pauses: readonly PauseMark[];
  language: string;
  active: number;
  onSeek: (time: number) => void;
}

/** Rendered once; while the audio plays only the highlight moves (a class on one button). */
const MarkedTranscript = memo(function MarkedTranscript({ words, fillers, pauses, language, active, onSeek }: TranscriptProps) {
  const box = useRef<HTMLDivElement>(null);
  const seek = useRef(onSeek);
  seek.current = onSeek;
  const pieces = useMemo(() => annotateTranscript(words, fillers, pauses), [words, fillers, pauses]);

  const buttons = () => [...(box.current?.querySelectorAll<HTMLButtonElement>("button[data-word]") ?? [])];
  // One word is in the tab order (roving tabindex): Tab reaches the transcript once, arrows move within it.
  const rove = (target: HTMLButtonElement) => {
    for (const button of buttons()) button.tabIndex = button === target ? 0 : -1;
    target.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = buttons();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const target = all[Math.max(0, Math.min(all.length - 1, to))];
    if (target) rove(target);
  };

  const spans = useMemo(
    () =>
      pieces.map((piece, i) =>
        piece.kind === "pause" ? (
          <span key={`p${i}`} className="pause-mark" data-testid="long-pause">
            <span aria-hidden="true">⏸ </span>
            {piece.duration.toFixed(1)} s<span className="visually-hidden"> pause</span>
          </span>
        ) : (
          <span key={`w${piece.index}`}>
            {i > 0 ? " " : null}
            <button
              type="button"
              className={`word coach-word${piece.filler ? " coach-word--filler" : ""}`}
              data-word={piece.index}
              data-start={piece.start}
              data-end={piece.end}
              tabIndex={piece.index === 0 ? 0 : -1}
              onClick={(e) => {
                rove(e.currentTarget);
                seek.current(piece.start);
              }}
            >
              {piece.text}
              {piece.filler ? <span className="visually-hidden"> (filler)</span> : null}
            </button>
          </span>
        ),
      ),
    [pieces],
  );

  useLayoutEffect(() => {
    const element = box.current?.querySelector<HTMLElement>(`button[data-word="${active}"]`);
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
    <div ref={box} className="coach-transcript" role="group" aria-label="Transcript" aria-describedby="replay-help" lang={language} data-testid="coach-transcript" onKeyDown={onKeyDown}>
      {spans}
    </div>
  );
});

/** Scroll `box` (not the page) so `word` is in its upper part, when it has gone out of sight. */
function keepInView(box: HTMLElement, word: HTMLElement): void {
  if (box.scrollHeight <= box.clientHeight) return;
  const top = word.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  const bottom = top + word.offsetHeight;
  if (top < box.scrollTop || bottom > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
}

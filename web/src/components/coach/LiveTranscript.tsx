import { useLayoutEffect, useRef, useState } from "react";

import type { SpokenWord } from "../../api/coach";

/** What the server has recognised so far; it scrolls in its own box and keeps the latest words in view. */
export function LiveTranscript({ pieces, caption = [], language, lag }: { pieces: readonly string[]; caption?: readonly SpokenWord[]; language: string; lag: number }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    element.scrollTop = element.scrollHeight;
    setScrolls(element.scrollHeight > element.clientHeight + 1);
  }, [pieces, caption]);

  // A box that scrolls must be reachable from the keyboard; a narrower window can make it scroll.
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setScrolls(element.scrollHeight > element.clientHeight + 1));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <section className="live-transcript" aria-labelledby="live-transcript-title">
      <h3 id="live-transcript-title" className="meter-card__title">
        Transcript
      </h3>
      <div
        ref={box}
        className="live-transcript__text"
        lang={language}
        data-testid="live-transcript"
        {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": "Live transcript" } : {})}
      >
        {pieces.length || caption.length ? (
          <>
            {pieces.join(" ")}
            {caption.length ? (
              <span className="live-transcript__caption" data-testid="live-caption">
                {pieces.length ? " " : ""}
                {caption.map((w) => w.text).join(" ")}
              </span>
            ) : null}
          </>
        ) : (
          <span className="muted">Your words appear here a moment after you say them.</span>
        )}
      </div>
      {lag >= 3 ? <p className="meter-card__note">Catching up: {lag.toFixed(0)} s of speech still to transcribe.</p> : null}
    </section>
  );
}

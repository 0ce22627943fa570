import { forwardRef, useImperativeHandle, useRef, useState } from "react";
import { interviewRecordingUrl, type InterviewTurn } from "../../api/interviews";
import { timeText, timedTurns, turnAt } from "../../lib/interviewReport";

export interface ReplayHandle {
  /** Play the recording from `seconds` (a delivery moment, a turn). */
  seek: (seconds: number) => void;
}

/** The recording of both voices with the transcript by turn: a turn plays from its start when clicked, and the one playing is highlighted. */
export const Replay = forwardRef<ReplayHandle, { interviewId: string; turns: readonly InterviewTurn[]; language: string }>(function Replay({ interviewId, turns, language }, ref) {
  const audio = useRef<HTMLAudioElement>(null);
  const [current, setCurrent] = useState<number | null>(null);
  const timed = timedTurns(turns);

  const seek = (seconds: number) => {
    const element = audio.current;
    if (!element) return;
    element.currentTime = Math.max(0, seconds);
    setCurrent(turnAt(timed, element.currentTime));
    void element.play().catch(() => undefined);
  };
  useImperativeHandle(ref, () => ({ seek }));

  return (
    <section className="card iv-replay" aria-labelledby="replay-title" data-testid="replay">
      <h2 id="replay-title" className="card__title">
        Replay
      </h2>
      <audio
        ref={audio}
        controls
        preload="metadata"
        src={interviewRecordingUrl(interviewId)}
        data-testid="interview-audio"
        aria-label="Recording of the interview, both voices"
        onTimeUpdate={(e) => setCurrent(turnAt(timed, e.currentTarget.currentTime))}
        onSeeked={(e) => setCurrent(turnAt(timed, e.currentTarget.currentTime))}
      />
      <ol className="iv-replay__turns" data-testid="replay-turns">
        {timed.map((turn) => (
          <li key={turn.seq}>
            <button
              type="button"
              className={`iv-replay__turn iv-replay__turn--${turn.speaker}${current === turn.seq ? " iv-replay__turn--current" : ""}`}
              aria-current={current === turn.seq ? "true" : undefined}
              data-seq={turn.seq}
              data-start={turn.start_s ?? 0}
              onClick={() => seek(turn.start_s ?? 0)}
            >
              <span className="iv-replay__meta">
                <span className="iv-replay__who">{turn.speaker === "interviewer" ? "Interviewer" : "You"}</span> <time>{timeText(turn.start_s ?? 0)}</time>
              </span>
              <span className="iv-replay__text" lang={language}>
                {turn.text}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
});

import { scoreBand, scoreText } from "../../lib/interviewReport";

const BAND_WORDS = { strong: "strong", fair: "fair", weak: "needs work", none: "not scored" } as const;

/** A 0-100 score with its band in words (colour is never the only cue). */
export function ScoreBadge({ score, large = false, label }: { score: number | null | undefined; large?: boolean; label?: string }) {
  const band = scoreBand(score);
  return (
    <span className={`iscore iscore--${band}${large ? " iscore--large" : ""}`} data-score={scoreText(score)}>
      {label ? <span className="visually-hidden">{label}: </span> : null}
      <strong>{scoreText(score)}</strong>
      <span className="iscore__band">{BAND_WORDS[band]}</span>
    </span>
  );
}

import { useEffect, useState } from "react";

/** Generation progress: a bar for the share of text rendered, seconds elapsed, and a cancel button. */
export function Progress({ share, startedAt, onCancel, label }: { share: number | null; startedAt: number; onCancel: () => void; label: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const tick = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(tick);
  }, []);
  const seconds = Math.floor((now - startedAt) / 1000);
  const percent = share === null ? null : Math.round(share * 100);
  return (
    <div className="progress" data-testid="progress">
      <div
        className={`progress__track${percent === null ? " progress__track--indeterminate" : ""}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
      >
        <div className="progress__bar" style={percent === null ? undefined : { width: `${Math.max(3, percent)}%` }} />
      </div>
      <span className="progress__text">
        <span aria-live="polite">
          {label}
          {percent === null ? "…" : ` ${percent}%`}
        </span>
        <span aria-hidden="true"> · {seconds} s</span>
      </span>
      <button type="button" className="button button--small button--secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

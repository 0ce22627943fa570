import { useEffect, useState } from "react";
import { ApiError, isAbort, plainMessage } from "../../api/client";
import { usage, type UsageRow } from "../../api/history";

function monthStart(now = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), 1);
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Characters, audio and requests since the first of this month (local time). */
export function UsageCard() {
  const [totals, setTotals] = useState<UsageRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const start = monthStart();

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    usage
      .get(monthStart().toISOString(), controller.signal)
      .then((result) => setTotals(result.totals))
      .catch((e: unknown) => {
        if (!isAbort(e)) setError(e instanceof ApiError ? plainMessage(e) : "Could not load your usage. Try again.");
      });
    return () => controller.abort();
  }, [attempt]);

  const month = start.toLocaleDateString("en", { month: "long", year: "numeric" });
  return (
    <section className="card account-card" aria-labelledby="usage-title" data-testid="usage-card">
      <h2 id="usage-title" className="card__title">
        Usage this month
      </h2>
      <p className="muted small">Everything you generated since 1 {month}.</p>
      {error ? (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
          <button type="button" className="button button--small button--secondary" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      ) : totals === null ? (
        <p className="muted small">Loading…</p>
      ) : (
        <dl className="usage-stats">
          <div>
            <dt>Characters</dt>
            <dd data-testid="usage-characters">{totals.characters.toLocaleString("en")}</dd>
          </div>
          <div>
            <dt>Audio</dt>
            <dd data-testid="usage-audio">{duration(totals.audio_seconds)}</dd>
          </div>
          <div>
            <dt>Requests</dt>
            <dd data-testid="usage-requests">{totals.requests.toLocaleString("en")}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}

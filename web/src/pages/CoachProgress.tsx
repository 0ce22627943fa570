import { useEffect, useState } from "react";
import { ApiError, isAbort, plainMessage } from "../api/client";
import { coach, type CoachProgress as Progress, type MetricName, type SessionType } from "../api/coach";
import { CoachNav } from "../components/coach/CoachNav";
import { GoalsForm } from "../components/coach/GoalsForm";
import { Medal } from "../components/coach/ReportView";
import { TrendChart } from "../components/coach/TrendChart";
import "../components/coach/coach.css";
import { RequireSession } from "../components/RequireSession";
import { typeName } from "../lib/coachLive";
import { METRICS, rangeText } from "../lib/coachReport";
import { SESSION_TYPES } from "../lib/coachSetup";
import { dateOnly } from "../lib/dates";
import { Link, ROUTES } from "../router";

/** Charted here; a talk's length is in the counts instead. */
const CHARTED: MetricName[] = ["overall_score", "words_per_minute", "fillers_per_minute", "pause_ratio", "long_pauses_per_minute", "speech_lufs", "pitch_variation_semitones", "pace_in_range_fraction"];

export function CoachProgress() {
  return (
    <div className="page page--wide">
      <header className="page-header">
        <h1>Progress</h1>
        <p className="lede">How your talks change from session to session, against your goals and the usual ranges.</p>
      </header>
      <CoachNav />
      <RequireSession what="see your progress">
        <ProgressScreen />
      </RequireSession>
    </div>
  );
}

function ProgressScreen() {
  const [type, setType] = useState<SessionType | "">("");
  const [language, setLanguage] = useState("");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    coach
      .progress({ session_type: type, language }, controller.signal)
      .then(setProgress)
      .catch((e: unknown) => {
        if (!isAbort(e)) setError(e instanceof ApiError ? plainMessage(e) : "Could not load your progress. Try again.");
      });
    return () => controller.abort();
  }, [type, language, reload]);

  const counts = progress?.counts;
  const metrics = progress ? CHARTED.map((name) => progress.metrics.find((m) => m.metric === name)).filter((m) => m !== undefined) : [];

  return (
    <div className="coach-progress">
      <div className="card coach-sessions__filters" role="search" aria-label="Filter progress">
        <div className="field field--compact">
          <label htmlFor="progress-type">Type</label>
          <select id="progress-type" value={type} onChange={(e) => setType(e.target.value as SessionType | "")}>
            <option value="">All types</option>
            {SESSION_TYPES.map((t) => (
              <option key={t} value={t}>
                {typeName(t)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--compact">
          <label htmlFor="progress-language">Language</label>
          <select id="progress-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="">All languages</option>
            <option value="en">English</option>
            <option value="fr">French</option>
          </select>
        </div>
      </div>

      {error ? (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
          <button type="button" className="button button--small button--secondary" onClick={() => setReload((n) => n + 1)}>
            Try again
          </button>
        </div>
      ) : null}
      {!progress && !error ? (
        <p className="notice" role="status">
          <span className="spinner" aria-hidden="true" /> Loading your progress…
        </p>
      ) : null}

      {progress && counts ? (
        <>
          <dl className="card usage-stats progress-counts" data-testid="progress-counts">
            <div>
              <dt>Sessions</dt>
              <dd>{counts.sessions}</dd>
            </div>
            <div>
              <dt>Minutes spoken</dt>
              <dd>{counts.total_minutes.toFixed(1)}</dd>
            </div>
            <div>
              <dt>Days in a row</dt>
              <dd>{counts.current_streak_days}</dd>
            </div>
            <div>
              <dt>Longest streak</dt>
              <dd>
                {counts.longest_streak_days} day{counts.longest_streak_days === 1 ? "" : "s"}
              </dd>
            </div>
            <div>
              <dt>Last session</dt>
              <dd>{dateOnly(counts.last_session_at)}</dd>
            </div>
          </dl>

          <section aria-labelledby="trends-title">
            <h2 id="trends-title" className="section-title">
              Trends
            </h2>
            {counts.sessions === 0 ? (
              <p className="card">
                No finished session {type || language ? "matches these filters" : "yet"}. <Link to={ROUTES.coach}>Start one</Link>: trends show from the third.
              </p>
            ) : (
              <div className="trend-grid">
                {metrics.map((m) => (
                  <TrendChart key={m.metric} progress={m} />
                ))}
              </div>
            )}
          </section>

          <section className="card" aria-labelledby="goals-title">
            <GoalsForm goals={progress.goals} onSaved={() => setReload((n) => n + 1)} />
          </section>

          <section aria-labelledby="milestones-board-title">
            <h2 id="milestones-board-title" className="section-title">
              Milestones
            </h2>
            <ul className="milestones milestone-board" data-testid="milestone-board">
              {progress.milestones.map((m) => (
                <li key={m.code} className={`card milestone${m.earned ? " milestone--earned" : " milestone--locked"}`} data-earned={m.earned}>
                  <Medal earned={m.earned} />
                  <span>
                    <strong>{m.title}</strong>
                    <span className="milestone__text">{m.description}</span>
                    <span className="milestone__when">{m.earned ? `Earned ${dateOnly(m.achieved_at)}` : "Not yet"}</span>
                  </span>
                </li>
              ))}
            </ul>
          </section>

          <section className="card" aria-labelledby="references-title">
            <h2 id="references-title" className="card__title">
              Reference ranges
            </h2>
            <p className="muted small">What the coach compares your talks with, per type of session and language, and where each range comes from.</p>
            {progress.references.map((r) => (
              <details key={`${r.session_type}-${r.language}`} className="reference" open={r.session_type === type && r.language === language}>
                <summary>
                  {typeName(r.session_type)}, {r.language === "fr" ? "French" : "English"}
                </summary>
                <div className="table-scroll" tabIndex={0} role="region" aria-label={`Reference ranges: ${typeName(r.session_type)}, ${r.language === "fr" ? "French" : "English"}`}>
                  <table className="compare reference__table">
                    <thead>
                      <tr>
                        <th scope="col">Measure</th>
                        <th scope="col">Range</th>
                        <th scope="col">Source</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.ranges.map((range) => (
                        <tr key={range.metric}>
                          <th scope="row">{METRICS[range.metric]?.label ?? range.metric}</th>
                          <td className="reference__range">{rangeText(range.metric, range.low, range.high)}</td>
                          <td className="reference__source">{range.source}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            ))}
          </section>
        </>
      ) : null}
    </div>
  );
}

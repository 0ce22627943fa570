import { useEffect, useState } from "react";
import { ApiError, isAbort, plainMessage } from "../api/client";
import { coach, type CoachSession, type CoachSessionPage, type CoachStatus, type SessionType } from "../api/coach";
import { CoachNav } from "../components/coach/CoachNav";
import "../components/coach/coach.css";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { RequireSession } from "../components/RequireSession";
import { clock, typeName } from "../lib/coachLive";
import { SESSION_TYPES } from "../lib/coachSetup";
import { dateTime } from "../lib/dates";
import { Link, reportPath, ROUTES } from "../router";
import { Pager } from "../components/Pager";

const PAGE_SIZE = 20;
const STATUSES: { value: CoachStatus; label: string }[] = [
  { value: "completed", label: "Completed" },
  { value: "interrupted", label: "Interrupted" },
  { value: "active", label: "In progress" },
  { value: "paused", label: "Paused" },
  { value: "created", label: "Not started" },
];
const STATUS_WORDS = Object.fromEntries(STATUSES.map((s) => [s.value, s.label])) as Record<CoachStatus, string>;

export function CoachSessions() {
  return (
    <div className="page page--wide">
      <header className="page-header">
        <h1>Coaching sessions</h1>
        <p className="lede">Every talk you rehearsed or analysed, newest first: open its report, or delete it.</p>
      </header>
      <CoachNav />
      <RequireSession what="see your coaching sessions">
        <SessionList />
      </RequireSession>
    </div>
  );
}

function message(error: unknown, fallback: string): string {
  return error instanceof ApiError ? plainMessage(error) : fallback;
}

function SessionList() {
  const [type, setType] = useState<SessionType | "">("");
  const [language, setLanguage] = useState("");
  const [status, setStatus] = useState<CoachStatus | "">("");
  const [offset, setOffset] = useState(0);
  const [reload, setReload] = useState(0);
  const [page, setPage] = useState<CoachSessionPage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ session: CoachSession; busy: boolean; error: string | null } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    coach
      .list({ session_type: type, language, status, limit: PAGE_SIZE, offset }, controller.signal)
      .then(setPage)
      .catch((e: unknown) => {
        if (!isAbort(e)) setError(message(e, "Could not load your sessions. Try again."));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [type, language, status, offset, reload]);

  const remove = async () => {
    if (!confirm) return;
    setConfirm({ ...confirm, busy: true, error: null });
    try {
      await coach.remove(confirm.session.id);
      setNote(`Deleted “${confirm.session.title}”.`);
      setConfirm(null);
      if ((page?.sessions.length ?? 0) <= 1 && offset > 0) setOffset(Math.max(0, offset - PAGE_SIZE));
      else setReload((n) => n + 1);
    } catch (e) {
      setConfirm({ ...confirm, busy: false, error: message(e, "Could not delete the session. Try again.") });
    }
  };

  const filter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setOffset(0);
  };
  const items = page?.sessions ?? [];
  const total = page?.total ?? 0;
  const filtered = Boolean(type || language || status);

  return (
    <div className="coach-sessions">
      <div className="card coach-sessions__filters" role="search" aria-label="Filter sessions">
        <div className="field field--compact">
          <label htmlFor="sessions-type">Type</label>
          <select id="sessions-type" value={type} onChange={(e) => filter(setType)(e.target.value as SessionType | "")}>
            <option value="">All types</option>
            {SESSION_TYPES.map((t) => (
              <option key={t} value={t}>
                {typeName(t)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--compact">
          <label htmlFor="sessions-language">Language</label>
          <select id="sessions-language" value={language} onChange={(e) => filter(setLanguage)(e.target.value)}>
            <option value="">All languages</option>
            <option value="en">English</option>
            <option value="fr">French</option>
          </select>
        </div>
        <div className="field field--compact">
          <label htmlFor="sessions-status">Status</label>
          <select id="sessions-status" value={status} onChange={(e) => filter(setStatus)(e.target.value as CoachStatus | "")}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <p className="muted small coach-sessions__note" role="status">
          {note}
        </p>
      </div>

      {error ? (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
          <button type="button" className="button button--small button--secondary" onClick={() => setReload((n) => n + 1)}>
            Try again
          </button>
        </div>
      ) : null}

      {!error && !loading && items.length === 0 ? (
        <div className="card" data-testid="sessions-empty">
          <p>{filtered ? "No session matches these filters." : "No sessions yet."}</p>
          <Link to={ROUTES.coach} className="button button--primary">
            Start a session
          </Link>
        </div>
      ) : null}

      {items.length > 0 ? (
        <ul className="coach-session-list" aria-busy={loading} data-testid="session-list">
          {items.map((s) => {
            const reported = s.status === "completed" || s.status === "interrupted";
            return (
              <li key={s.id} className="card coach-session" data-testid="session-item">
                <div className="coach-session__body">
                  <h2 className="coach-session__title">
                    {reported ? <Link to={reportPath(s.id)}>{s.title}</Link> : s.title}
                  </h2>
                  <p className="muted small">
                    <span className={`status status--${s.status}`}>{STATUS_WORDS[s.status]}</span> · {typeName(s.session_type)} · {s.language === "fr" ? "French" : "English"} ·{" "}
                    {clock(s.audio_seconds)} · {dateTime(s.ended_at ?? s.started_at ?? s.created_at)}
                  </p>
                </div>
                <div className="coach-session__actions">
                  {reported ? (
                    <Link to={reportPath(s.id)} className="button button--small button--secondary" aria-label={`Report of “${s.title}”`}>
                      Report
                    </Link>
                  ) : null}
                  <button
                    type="button"
                    className="button button--small button--danger-outline"
                    aria-label={`Delete “${s.title}”`}
                    onClick={() => setConfirm({ session: s, busy: false, error: null })}
                  >
                    Delete
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}

      {total > PAGE_SIZE ? (
        <Pager offset={offset} pageSize={PAGE_SIZE} total={total} hasMore={offset + PAGE_SIZE < total} loading={loading} onOffset={setOffset} />
      ) : page && items.length > 0 ? (
        <p className="muted small">
          {total.toLocaleString("en")} session{total === 1 ? "" : "s"}
        </p>
      ) : null}

      <ConfirmDialog
        open={confirm !== null}
        title="Delete this session?"
        confirmLabel="Delete"
        busy={confirm?.busy ?? false}
        error={confirm?.error ?? null}
        onConfirm={() => void remove()}
        onCancel={() => setConfirm(null)}
      >
        <p>“{confirm?.session.title}”, its report and its recording are deleted for good.</p>
      </ConfirmDialog>
    </div>
  );
}

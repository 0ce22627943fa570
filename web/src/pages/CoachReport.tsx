import { useCallback, useEffect, useState } from "react";
import { ApiError, isAbort, plainMessage } from "../api/client";
import { coach, type CoachAnalytics, type CoachFeedback, type CoachSession } from "../api/coach";
import { AnalysisJob } from "../components/coach/AnalysisJob";
import { CoachNav } from "../components/coach/CoachNav";
import { ReportView } from "../components/coach/ReportView";
import "../components/coach/coach.css";
import { RequireSession } from "../components/RequireSession";
import { Link, ROUTES } from "../router";

export function CoachReport({ sessionId }: { sessionId: string }) {
  return (
    <div className="page page--wide">
      <header className="page-header">
        <h1>Coaching report</h1>
      </header>
      <CoachNav />
      <RequireSession what="see your coaching reports">
        <ReportLoader key={sessionId} sessionId={sessionId} />
      </RequireSession>
    </div>
  );
}

type Loaded =
  | { status: "loading" }
  | { status: "error"; message: string; notFound: boolean }
  | { status: "pending"; session: CoachSession; reason: string }
  | { status: "analysing"; session: CoachSession; jobId: string }
  | { status: "ready"; session: CoachSession; feedback: CoachFeedback; analytics: CoachAnalytics; band: [number, number] | null };

/** The target pace band: the session's own, else the reference range of its type and language. */
async function paceBand(session: CoachSession, signal: AbortSignal): Promise<[number, number] | null> {
  const own = session.config.target_wpm;
  if (Array.isArray(own) && own.length === 2 && own.every((v) => typeof v === "number")) return [own[0] as number, own[1] as number];
  try {
    const progress = await coach.progress({}, signal);
    const entry = progress.references.find((r) => r.session_type === session.session_type && r.language === session.language);
    const pace = entry?.ranges.find((r) => r.metric === "words_per_minute");
    return pace && pace.low !== null && pace.high !== null ? [pace.low, pace.high] : null;
  } catch {
    return null; // the band only shades the chart
  }
}

const NOTHING_RECORDED = "Nothing was recorded in this session, so it has no report.";
const NOT_FINISHED =
  "This session has not finished: its report comes when it is stopped. A session whose connection dropped is kept paused for a few minutes, then ends with what it received.";
const NO_REPORT = "This session has no report yet. Check again in a moment.";

function ReportLoader({ sessionId }: { sessionId: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    setLoaded({ status: "loading" });
    (async () => {
      const session = await coach.get(sessionId, signal);
      if (session.status !== "completed" && session.status !== "interrupted") {
        if (session.job_id) setLoaded({ status: "analysing", session, jobId: session.job_id });
        else setLoaded({ status: "pending", session, reason: session.status === "created" ? NOTHING_RECORDED : NOT_FINISHED });
        return;
      }
      try {
        const [feedback, analytics, band] = await Promise.all([coach.feedback(sessionId, signal), coach.analytics(sessionId, signal), paceBand(session, signal)]);
        setLoaded({ status: "ready", session, feedback, analytics, band });
      } catch (error) {
        // The session is there but its report is not (still being written, or never made).
        if (!(error instanceof ApiError && error.status === 404)) throw error;
        // An interrupted live session whose audio a job is still turning into its report.
        if (session.job_id) setLoaded({ status: "analysing", session, jobId: session.job_id });
        else setLoaded({ status: "pending", session, reason: NO_REPORT });
      }
    })().catch((error: unknown) => {
      if (isAbort(error)) return;
      const notFound = error instanceof ApiError && error.status === 404;
      setLoaded({ status: "error", notFound, message: error instanceof ApiError ? plainMessage(error) : "Could not load the report. Try again." });
    });
    return () => controller.abort();
  }, [sessionId, attempt]);

  switch (loaded.status) {
    case "loading":
      return (
        <p className="notice" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the report…
        </p>
      );
    case "error":
      return (
        <div className="notice notice--error" role="alert">
          <p>{loaded.notFound ? "There is no such session: it may have been deleted." : loaded.message}</p>
          {loaded.notFound ? (
            <Link to={ROUTES.coachSessions} className="button button--small button--secondary">
              Your sessions
            </Link>
          ) : (
            <button type="button" className="button button--small button--secondary" onClick={reload}>
              Try again
            </button>
          )}
        </div>
      );
    case "pending":
      return (
        <div className="card" data-testid="coach-report-pending">
          <h2 className="card__title">{loaded.session.title}</h2>
          <p>{loaded.reason}</p>
          <p className="button-row">
            <Link to={ROUTES.coach} className="button button--primary">
              Start a new session
            </Link>
            <button type="button" className="button button--secondary" onClick={reload}>
              Check again
            </button>
          </p>
        </div>
      );
    case "analysing":
      return (
        <>
          <div className="card">
            <h2 className="card__title">{loaded.session.title}</h2>
            <p className="muted small">The report shows here once the analysis is done.</p>
          </div>
          <AnalysisJob jobId={loaded.jobId} onDone={reload} />
        </>
      );
    case "ready":
      return <ReportView session={loaded.session} feedback={loaded.feedback} analytics={loaded.analytics} band={loaded.band} />;
  }
}

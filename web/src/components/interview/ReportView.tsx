import { useEffect, useRef, useState } from "react";
import { ApiError, isAbort, plainMessage } from "../../api/client";
import { DIMENSIONS, interviews, type Interview, type InterviewReport } from "../../api/interviews";
import { dateTime } from "../../lib/dates";
import { interviewPath, LANGUAGES, PROGRESS_PATH } from "../../lib/interviewLibrary";
import { changeText, DIMENSION_INFO, OVERALL_EXPLANATION } from "../../lib/interviewReport";
import { Link, navigate } from "../../router";
import { ConfirmDialog } from "../ConfirmDialog";
import { AnswerCard } from "./AnswerCard";
import { Replay, type ReplayHandle } from "./Replay";
import { ScoreBadge } from "./ScoreBadge";

/** The finished interview: scores overall and per dimension, each answer judged, the replay, sharing and deleting. */
export function ReportView({ interview }: { interview: Interview }) {
  const [report, setReport] = useState<InterviewReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const replay = useRef<ReplayHandle>(null);

  useEffect(() => {
    const abort = new AbortController();
    interviews
      .report(interview.id, abort.signal)
      .then(setReport)
      .catch((e: unknown) => {
        if (!isAbort(e)) setError(e instanceof ApiError ? plainMessage(e) : "The report could not be loaded.");
      });
    return () => abort.abort();
  }, [interview.id]);

  if (error) {
    return (
      <p className="notice notice--error" role="alert">
        {error}
      </p>
    );
  }
  if (!report) return <p role="status">Loading the report…</p>;

  const language = interview.language;
  const comparison = report.comparison;
  const seek = interview.has_recording ? (seconds: number) => replay.current?.seek(seconds) : null;

  return (
    <div className="interview-report" data-testid="interview-report">
      <section className="card iv-report-summary" aria-labelledby="report-title">
        <div className="iv-report-summary__head">
          <div>
            <h2 id="report-title" className="card__title" lang={language}>
              {report.title}
            </h2>
            <p className="small muted">
              {dateTime(interview.ended_at ?? interview.created_at)} · {LANGUAGES[language as "en" | "fr"] ?? language} · {interview.mode === "voice" ? "spoken" : "typed"} · {report.answered} of {report.questions} questions answered
            </p>
          </div>
          <div className="iv-report-summary__overall" data-testid="report-overall">
            <span className="small">Overall</span>
            <ScoreBadge score={report.overall} large label="Overall score" />
          </div>
        </div>
        <p className="small muted">{OVERALL_EXPLANATION}</p>
        <ul className="iv-dimension-grid" data-testid="report-dimensions">
          {DIMENSIONS.map((name) => (
            <li key={name} className="iv-dimension" data-dimension={name}>
              <div className="iv-dimension__head">
                <strong>{DIMENSION_INFO[name].label}</strong>
                <ScoreBadge score={report.dimensions[name]} label={DIMENSION_INFO[name].label} />
                {comparison.dimension_change?.[name] !== undefined ? <span className="small muted">{changeText(comparison.dimension_change[name])} since last time</span> : null}
              </div>
              <p className="small">{DIMENSION_INFO[name].explanation}</p>
            </li>
          ))}
        </ul>
      </section>

      <div className="iv-report-columns">
        <section className="card" aria-labelledby="strengths-title">
          <h2 id="strengths-title" className="card__title">
            Strengths
          </h2>
          {report.strengths.length ? (
            <ul data-testid="report-strengths" lang={language}>
              {report.strengths.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">No dimension stood out yet: keep practising.</p>
          )}
        </section>
        <section className="card" aria-labelledby="improve-title">
          <h2 id="improve-title" className="card__title">
            To improve
          </h2>
          {report.improvements.length ? (
            <ul data-testid="report-improvements" lang={language}>
              {report.improvements.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">Nothing below the bar.</p>
          )}
        </section>
        <section className="card" aria-labelledby="compare-title" data-testid="report-comparison">
          <h2 id="compare-title" className="card__title">
            Compared with before
          </h2>
          {comparison.previous_runs === 0 ? (
            <p className="muted">Your first run of this scenario: the next one is compared with it.</p>
          ) : (
            <>
              <p>
                {comparison.previous_runs} earlier run{comparison.previous_runs === 1 ? "" : "s"}. Last time {comparison.last_overall ?? "—"}, now {report.overall} ({changeText(comparison.overall_change)}); your best {comparison.best_overall ?? "—"}.
              </p>
              {comparison.history?.length ? (
                <ul className="small">
                  {comparison.history.map((h) => (
                    <li key={h.id}>
                      <Link to={interviewPath(h.id)}>{dateTime(h.ended_at)}</Link>: {h.overall ?? "—"}
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          )}
        </section>
      </div>

      {interview.has_recording ? <Replay ref={replay} interviewId={interview.id} turns={interview.turns ?? []} language={language} /> : null}

      <h2 className="section-title">Your answers</h2>
      {report.answers.map((answer, i) => (
        <AnswerCard key={answer.question_id} answer={answer} index={i} turns={interview.turns ?? []} language={language} onSeek={seek} />
      ))}

      <ReportActions interview={interview} />
    </div>
  );
}

function ReportActions({ interview }: { interview: Interview }) {
  const [email, setEmail] = useState("");
  const [sharing, setSharing] = useState(false);
  const [shared, setShared] = useState<string | null>(null);
  const [shareError, setShareError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const share = async () => {
    const to = email.trim();
    if (!to.includes("@")) {
      setShareError("Enter the e-mail address of a recruiter or trainer on this server.");
      return;
    }
    setSharing(true);
    setShareError(null);
    setShared(null);
    try {
      await interviews.share(interview.id, to);
      setShared(to);
      setEmail("");
    } catch (e) {
      setShareError(e instanceof ApiError ? (e.status === 404 ? "No one with that e-mail has an account on this server." : plainMessage(e)) : "It could not be shared. Try again.");
    } finally {
      setSharing(false);
    }
  };

  const remove = async () => {
    setDeleting(true);
    setDeleteError(null);
    try {
      await interviews.remove(interview.id);
      navigate(PROGRESS_PATH);
    } catch (e) {
      setDeleteError(e instanceof ApiError ? plainMessage(e) : "It could not be deleted. Try again.");
      setDeleting(false);
    }
  };

  return (
    <div className="iv-report-columns">
      <section className="card" aria-labelledby="share-title">
        <h2 id="share-title" className="card__title">
          Share with a recruiter
        </h2>
        <form
          className="iv-share-form"
          onSubmit={(e) => {
            e.preventDefault();
            void share();
          }}
        >
          <div className="field">
            <label htmlFor="share-email">Their e-mail</label>
            <input id="share-email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} aria-describedby="share-help" aria-invalid={shareError ? true : undefined} />
            <p id="share-help" className="help">
              They see this interview, its transcript, report and scores in their recruiter dashboard.
            </p>
          </div>
          <button type="submit" className="button button--secondary" disabled={sharing}>
            {sharing ? "Sharing…" : "Share"}
          </button>
        </form>
        {shareError ? (
          <p className="field-error" role="alert">
            {shareError}
          </p>
        ) : null}
        {shared ? <p role="status">Shared with {shared}.</p> : null}
      </section>
      <section className="card" aria-labelledby="delete-title">
        <h2 id="delete-title" className="card__title">
          Delete
        </h2>
        <p className="small">The interview, its transcript, report and recording are deleted for good.</p>
        <button type="button" className="button button--danger-outline" onClick={() => setConfirming(true)}>
          Delete this interview
        </button>
        <ConfirmDialog open={confirming} title="Delete this interview?" confirmLabel="Delete" busy={deleting} error={deleteError} onConfirm={() => void remove()} onCancel={() => setConfirming(false)}>
          <p>Its transcript, report and recording are deleted for good.</p>
        </ConfirmDialog>
      </section>
    </div>
  );
}

import { useEffect, useState } from "react";
import { ApiError, isAbort, plainMessage } from "../../api/client";
import { recruiter, type RecruiterInterview, type ReportAnswer } from "../../api/recruiter";
import { dateTime } from "../../lib/dates";
import { DIMENSIONS, kindLabel, transcriptParts } from "../../lib/recruiterResults";
import { recruiterPaths } from "../../lib/recruiterRoutes";
import { Link } from "../../router";
import { Score, languageName } from "./bits";

/** A candidate's interview as their recruiter sees it: the report's scores, then the transcript by question. */
export function InterviewView({ interviewId }: { interviewId: string }) {
  const [data, setData] = useState<RecruiterInterview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    recruiter
      .interview(interviewId, controller.signal)
      .then(setData)
      .catch((e: unknown) => {
        if (isAbort(e)) return;
        if (e instanceof ApiError && e.status === 404) setError("There is no such interview among those you may see: it was not run for one of your assignments, nor shared with you.");
        else setError(e instanceof ApiError ? plainMessage(e) : "Could not load the interview. Try again.");
      });
    return () => controller.abort();
  }, [interviewId]);

  if (error)
    return (
      <div className="notice notice--error" role="alert">
        <p>{error}</p>
        <Link to={recruiterPaths.dashboard}>Back to the dashboard</Link>
      </div>
    );
  if (!data)
    return (
      <p className="notice" role="status">
        <span className="spinner" aria-hidden="true" /> Loading the interview…
      </p>
    );

  const { interview, report } = data;
  // Before the report, each answered question's evaluation is on the interview itself.
  const answers =
    report?.answers ??
    Object.entries((interview.answers ?? {}) as Record<string, Omit<ReportAnswer, "question_id" | "answered">>).map(([id, a]) => ({ ...a, question_id: id, answered: true }));
  const parts = transcriptParts(interview.turns ?? [], answers);
  const questionText = (id: string | null) => report?.answers.find((a) => a.question_id === id)?.question ?? null;
  let questionNumber = 0;
  const numbers = new Map<string, number>();

  return (
    <div className="recruiter-interview" data-testid="recruiter-interview">
      <section className="card recruiter-section" aria-labelledby="interview-title">
        <h2 id="interview-title" className="card__title">
          {interview.title}
        </h2>
        <dl className="facts">
          <div>
            <dt>Candidate</dt>
            <dd data-testid="interview-candidate">{data.candidate_email || "—"}</dd>
          </div>
          <div>
            <dt>Language</dt>
            <dd>{languageName(interview.language)}</dd>
          </div>
          <div>
            <dt>Answers</dt>
            <dd>{interview.mode === "voice" ? "Spoken" : "Typed"}</dd>
          </div>
          <div>
            <dt>Ended</dt>
            <dd>{interview.ended_at ? dateTime(interview.ended_at) : "Not yet"}</dd>
          </div>
        </dl>
      </section>

      <section className="card recruiter-section" aria-labelledby="interview-report">
        <h2 id="interview-report" className="card__title">
          Report
        </h2>
        {report ? (
          <>
            <dl className="score-grid" data-testid="interview-scores">
              <div>
                <dt>Overall</dt>
                <dd>
                  <Score value={report.overall} />
                </dd>
              </div>
              {DIMENSIONS.map((d) => (
                <div key={d.key}>
                  <dt>{d.label}</dt>
                  <dd>
                    <Score value={report.dimensions[d.key]} />
                  </dd>
                </div>
              ))}
            </dl>
            <p className="muted small">
              {report.answered} of {report.questions} questions answered. Scores are 0 to 100; unanswered questions count as zero in the overall score.
            </p>
            {report.strengths.length ? (
              <>
                <h3 className="subheading">Strengths</h3>
                <ul>
                  {report.strengths.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              </>
            ) : null}
            {report.improvements.length ? (
              <>
                <h3 className="subheading">To improve</h3>
                <ul>
                  {report.improvements.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              </>
            ) : null}
            {report.ai_feedback ? <p>{report.ai_feedback}</p> : null}
          </>
        ) : (
          <p className="muted">No report yet: the candidate has not finished this interview.</p>
        )}
      </section>

      <section className="card recruiter-section" aria-labelledby="interview-transcript">
        <h2 id="interview-transcript" className="card__title">
          Transcript
        </h2>
        {parts.length === 0 ? <p className="muted">Nothing was said yet.</p> : null}
        {parts.map((part, i) => {
          if (part.questionId !== null && !numbers.has(part.questionId)) numbers.set(part.questionId, ++questionNumber);
          const heading = part.questionId === null ? (i === 0 ? "Opening" : "Closing") : `Question ${numbers.get(part.questionId)}`;
          return (
            <div key={i} className="transcript-part" data-testid="transcript-part">
              <h3 className="subheading">
                {heading}
                {part.questionId !== null && questionText(part.questionId) ? <span className="visually-hidden">: {questionText(part.questionId)}</span> : null}
              </h3>
              <ol className="turns">
                {part.turns.map((t) => (
                  <li key={t.seq} className={`turn turn--${t.speaker}`} data-testid="turn">
                    <span className="turn__who">{t.speaker === "candidate" ? `Candidate · ${kindLabel(t.kind)}` : `Interviewer · ${kindLabel(t.kind)}`}</span>
                    <p>{t.text}</p>
                  </li>
                ))}
              </ol>
              {part.answer ? <AnswerScores answer={part.answer} /> : null}
            </div>
          );
        })}
      </section>
    </div>
  );
}

function AnswerScores({ answer }: { answer: ReportAnswer }) {
  const scores = answer.scores;
  const covered = answer.key_points?.filter((k) => k.covered) ?? [];
  const missed = answer.key_points?.filter((k) => !k.covered) ?? [];
  return (
    <div className="answer-eval" data-testid="answer-scores">
      {scores ? (
        <ul className="answer-scores" aria-label="Scores of this answer">
          <li>
            Overall <Score value={scores.overall} />
          </li>
          {DIMENSIONS.map((d) => (
            <li key={d.key}>
              {d.label} <Score value={scores[d.key]} />
            </li>
          ))}
        </ul>
      ) : null}
      {answer.on_topic === false ? <p className="small">Off topic.</p> : null}
      {covered.length || missed.length ? (
        <ul className="key-points">
          {covered.map((k) => (
            <li key={k.point}>Covered: {k.point}</li>
          ))}
          {missed.map((k) => (
            <li key={k.point}>Missed: {k.point}</li>
          ))}
        </ul>
      ) : null}
      {answer.structure?.missing.length ? <p className="small">Missing from its structure: {answer.structure.missing.join(", ")}.</p> : null}
      {answer.suggestion ? <p className="small">Suggestion: {answer.suggestion}</p> : null}
    </div>
  );
}

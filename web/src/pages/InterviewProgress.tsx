import { useEffect, useState } from "react";
import { ApiError, isAbort, plainMessage } from "../api/client";
import { DIMENSIONS, interviews, type InterviewPage, type InterviewProgress as Progress } from "../api/interviews";
import { ScoreBadge } from "../components/interview/ScoreBadge";
import { ScoreChart } from "../components/interview/ScoreChart";
import { dateTime } from "../lib/dates";
import { interviewPath, LANGUAGES, LIBRARY_PATH } from "../lib/interviewLibrary";
import { DIMENSION_INFO, dimensionSeries, scenarioSeries, scoreText } from "../lib/interviewReport";
import { Link } from "../router";

const PAGE = 50;
const STATUS_WORDS = { created: "Not started", active: "In progress", paused: "Paused", completed: "Completed", interrupted: "Interrupted" } as const;

/** The candidate's dashboard: every interview (with its status and score, linking to its room or report) and scores over time. */
export function InterviewProgress() {
  const [list, setList] = useState<InterviewPage | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    Promise.all([interviews.list({ limit: PAGE, offset }, abort.signal), interviews.progress(abort.signal)])
      .then(([page, prog]) => {
        setList(page);
        setProgress(prog);
      })
      .catch((e: unknown) => {
        if (!isAbort(e)) setError(e instanceof ApiError ? plainMessage(e) : "Your interviews could not be loaded.");
      });
    return () => abort.abort();
  }, [offset]);

  if (error) {
    return (
      <p className="notice notice--error" role="alert">
        {error}
      </p>
    );
  }
  if (!list || !progress) return <p role="status">Loading your interviews…</p>;

  return (
    <div className="interview-progress" data-testid="interview-progress">
      <section aria-labelledby="progress-charts-title">
        <h2 id="progress-charts-title" className="section-title">
          Scores over time
        </h2>
        {progress.completed === 0 ? (
          <p className="notice">
            No completed interview yet. <Link to={LIBRARY_PATH}>Pick a scenario</Link> and practise: your scores show here.
          </p>
        ) : (
          <>
            <h3 id="averages-title" className="subheading">
              Your average per dimension, over {progress.completed} completed interview{progress.completed === 1 ? "" : "s"}
            </h3>
            <ul className="iv-dimension-grid iv-dimension-grid--averages" aria-labelledby="averages-title" data-testid="progress-averages">
              {DIMENSIONS.map((name) => (
                <li key={name} className="iv-dimension">
                  <div className="iv-dimension__head">
                    <strong>{DIMENSION_INFO[name].label}</strong>
                    <ScoreBadge score={progress.averages[name]} label={`${DIMENSION_INFO[name].label} average`} />
                  </div>
                </li>
              ))}
            </ul>
            <div className="interview-charts">
              <ScoreChart
                title="Overall"
                testId="chart-overall"
                series={[{ key: "overall", label: "Overall", points: progress.timeline.map((p) => ({ at: p.ended_at, value: p.overall, id: p.interview_id })) }]}
              />
              <ScoreChart title="Per dimension" testId="chart-dimensions" series={dimensionSeries(progress.timeline, DIMENSIONS)} />
              <ScoreChart title="Per scenario (overall)" testId="chart-scenarios" series={scenarioSeries(progress.by_scenario)} />
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="progress-list-title">
        <h2 id="progress-list-title" className="section-title">
          Your interviews
        </h2>
        {list.total === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="interview-table" data-testid="interview-list">
              <caption className="visually-hidden">Your interviews, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Scenario</th>
                  <th scope="col">Date</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Status</th>
                  <th scope="col">Score</th>
                </tr>
              </thead>
              <tbody>
                {list.interviews.map((i) => (
                  <tr key={i.id} data-status={i.status}>
                    <th scope="row">
                      <Link to={interviewPath(i.id)} lang={i.language}>
                        {i.title}
                      </Link>{" "}
                      <span className="small muted">({LANGUAGES[i.language as "en" | "fr"] ?? i.language})</span>
                    </th>
                    <td>{dateTime(i.created_at)}</td>
                    <td>{i.mode === "voice" ? "Spoken" : "Typed"}</td>
                    <td>{STATUS_WORDS[i.status]}</td>
                    <td>{i.status === "completed" ? scoreText(i.overall) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.total > PAGE ? (
          <p className="button-row">
            <button type="button" className="button button--secondary button--small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Newer
            </button>
            <button type="button" className="button button--secondary button--small" disabled={offset + PAGE >= list.total} onClick={() => setOffset(offset + PAGE)}>
              Older
            </button>
          </p>
        ) : null}
      </section>
    </div>
  );
}

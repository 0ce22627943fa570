import { useCallback, useEffect, useState } from "react";
import { ApiError, isAbort, plainMessage } from "../../api/client";
import { saveBlob } from "../../api/history";
import { recruiter, type Assignment, type Candidate, type OfferedScenario, type SeenInterview, type WrittenScenario } from "../../api/recruiter";
import { dateTime } from "../../lib/dates";
import { CATEGORIES } from "../../lib/recruiterForm";
import { resultsFilename } from "../../lib/recruiterResults";
import { recruiterPaths } from "../../lib/recruiterRoutes";
import { Link } from "../../router";
import { Assignments } from "./Assignments";
import { Score, StatusBadge, languageName } from "./bits";

interface Data {
  scenarios: WrittenScenario[];
  candidates: Candidate[];
  interviews: SeenInterview[];
  assignments: Assignment[];
  offered: OfferedScenario[];
}

const message = (e: unknown, fallback: string) => (e instanceof ApiError ? plainMessage(e) : fallback);

const INTERVIEW_STATUS: Record<SeenInterview["status"], string> = {
  created: "Not started",
  active: "In progress",
  paused: "Paused",
  completed: "Completed",
  interrupted: "Interrupted",
};

export function Dashboard() {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [only, setOnly] = useState<string | null>(null);
  const refresh = useCallback(() => setReload((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    setError(null);
    Promise.all([
      recruiter.scenarios(signal),
      recruiter.candidates(signal),
      recruiter.interviews(signal),
      recruiter.assignments(signal),
      recruiter.offered(signal),
    ])
      .then(([scenarios, candidates, interviews, assignments, offered]) => setData({ scenarios, candidates, interviews, assignments, offered }))
      .catch((e: unknown) => {
        if (!isAbort(e)) setError(message(e, "Could not load your dashboard. Try again."));
      });
    return () => controller.abort();
  }, [reload]);

  if (error)
    return (
      <div className="notice notice--error" role="alert">
        <p>{error}</p>
        <button type="button" className="button button--small button--secondary" onClick={refresh}>
          Try again
        </button>
      </div>
    );
  if (!data)
    return (
      <p className="notice" role="status">
        <span className="spinner" aria-hidden="true" /> Loading your dashboard…
      </p>
    );

  const mine = new Set(data.scenarios.map((s) => s.id));
  return (
    <div className="recruiter-dashboard">
      <ScenarioList scenarios={data.scenarios} />
      <CandidateList candidates={data.candidates} onShow={setOnly} />
      <InterviewList interviews={only ? data.interviews.filter((i) => i.candidate_email === only) : data.interviews} only={only} onShowAll={() => setOnly(null)} />
      <Assignments assignments={data.assignments} offered={data.offered} mine={mine} onChange={refresh} />
    </div>
  );
}

function ScenarioList({ scenarios }: { scenarios: WrittenScenario[] }) {
  return (
    <section className="card recruiter-section" aria-labelledby="rec-scenarios">
      <div className="recruiter-section__head">
        <h2 id="rec-scenarios">Your scenarios</h2>
        <Link to={recruiterPaths.newScenario} className="button button--small button--primary">
          New scenario
        </Link>
      </div>
      {scenarios.length === 0 ? (
        <p className="muted">No scenarios yet. Write one, or assign a built-in scenario below.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Your scenarios (table)">
          <table className="recruiter-table" data-testid="scenario-table">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Who may practise it</th>
                <th scope="col">Language</th>
                <th scope="col">Kind</th>
                <th scope="col" className="num">
                  Questions
                </th>
                <th scope="col">Changed</th>
              </tr>
            </thead>
            <tbody>
              {scenarios.map((s) => {
                const questions = Array.isArray(s.scenario.questions) ? s.scenario.questions.length : 0;
                const category = CATEGORIES.find((c) => c.value === s.scenario.category)?.label ?? String(s.scenario.category ?? "");
                return (
                  <tr key={s.id} data-testid="scenario-row">
                    <td>
                      <Link to={recruiterPaths.scenario(s.id)}>{s.title}</Link>
                      <div className="muted small">{s.id}</div>
                    </td>
                    <td>
                      <StatusBadge status={s.status} />
                    </td>
                    <td>{visibilityText(s)}</td>
                    <td>{languageName(s.language)}</td>
                    <td>{category}</td>
                    <td className="num">{questions}</td>
                    <td>{dateTime(s.updated_at)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function visibilityText(s: WrittenScenario): string {
  if (s.visibility === "public") return "Everyone signed in";
  if (s.visibility === "private") return "Only you (and those you assign it to)";
  const n = s.shared_with;
  return n === 0 ? "Shared with nobody yet" : `Shared with ${n} ${n === 1 ? "person" : "people"}`;
}

function CandidateList({ candidates, onShow }: { candidates: Candidate[]; onShow: (email: string) => void }) {
  return (
    <section className="card recruiter-section" aria-labelledby="rec-candidates">
      <div className="recruiter-section__head">
        <h2 id="rec-candidates">Candidates</h2>
      </div>
      {candidates.length === 0 ? (
        <p className="muted">Nobody yet: candidates appear here once you assign them a scenario or they share an interview with you.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Candidates (table)">
          <table className="recruiter-table" data-testid="candidate-table">
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col" className="num">
                  Assigned
                </th>
                <th scope="col" className="num">
                  Interviews
                </th>
                <th scope="col" className="num">
                  Completed
                </th>
                <th scope="col" className="num">
                  Last score
                </th>
                <th scope="col" className="num">
                  Best score
                </th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((c) => (
                <tr key={c.candidate_id} data-testid="candidate-row">
                  <td>{c.email}</td>
                  <td className="num">{c.assignments}</td>
                  <td className="num">
                    {c.interviews ? (
                      <button
                        type="button"
                        className="text-button"
                        onClick={() => {
                          onShow(c.email);
                          document.getElementById("rec-interviews")?.focus();
                        }}
                        aria-label={`${c.interviews}: show the interviews of ${c.email}`}
                      >
                        {c.interviews}
                      </button>
                    ) : (
                      0
                    )}
                  </td>
                  <td className="num">{c.completed}</td>
                  <td className="num">
                    <Score value={c.last_overall} />
                  </td>
                  <td className="num">
                    <Score value={c.best_overall} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function InterviewList({ interviews, only, onShowAll }: { interviews: SeenInterview[]; only: string | null; onShowAll: () => void }) {
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    setStatus("Preparing the results…");
    try {
      const { blob, disposition } = await recruiter.resultsCsv();
      const name = resultsFilename(disposition, new Date());
      saveBlob(blob, name);
      setStatus(`Downloaded ${name}.`);
    } catch (e) {
      setStatus(message(e, "Could not download the results. Try again."));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card recruiter-section" aria-labelledby="rec-interviews">
      <div className="recruiter-section__head">
        <h2 id="rec-interviews" tabIndex={-1} className="subheading-focus">
          {only ? `Interviews of ${only}` : "Interviews"}
        </h2>
        <button type="button" className="button button--small button--secondary" onClick={() => void download()} disabled={busy}>
          Download results (CSV)
        </button>
      </div>
      {only ? (
        <p>
          <button type="button" className="button button--small button--secondary" onClick={onShowAll}>
            Show every candidate's interviews
          </button>
        </p>
      ) : null}
      <p className="muted small" role="status" data-testid="csv-status">
        {status}
      </p>
      {interviews.length === 0 ? (
        <p className="muted">No interviews yet: those your candidates run for your assignments, or share with you, appear here.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Interviews (table)">
          <table className="recruiter-table" data-testid="interview-table">
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Scenario</th>
                <th scope="col">Status</th>
                <th scope="col">When</th>
                <th scope="col" className="num">
                  Score
                </th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {interviews.map((i) => (
                <tr key={i.id} data-testid="interview-row">
                  <td>{i.candidate_email || "—"}</td>
                  <td>
                    {i.title} <span className="muted small">({languageName(i.language)}, {i.mode === "voice" ? "spoken" : "typed"})</span>
                  </td>
                  <td>{INTERVIEW_STATUS[i.status]}</td>
                  <td>{dateTime(i.ended_at ?? i.started_at ?? i.created_at)}</td>
                  <td className="num">
                    <Score value={i.overall} />
                  </td>
                  <td>
                    <Link to={recruiterPaths.interview(i.id)} aria-label={`Open the interview of ${i.candidate_email || "the candidate"}: ${i.title}`}>
                      Open
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

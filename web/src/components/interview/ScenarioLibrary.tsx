import { useEffect, useState } from "react";
import { ApiError, isAbort, plainMessage } from "../../api/client";
import { interviews, type Assignment, type InterviewLanguage, type Scenario, type ScenarioFilters } from "../../api/interviews";
import { categoriesOf, categoryName, DIFFICULTIES, difficultyName, durationText, LANGUAGES, questionsText, scenarioKey } from "../../lib/interviewLibrary";
import { dateOnly } from "../../lib/dates";
import { StartForm } from "./StartForm";

type Chosen = { scenario: Scenario } | { assignment: Assignment } | null;

/** The scenarios the candidate may practise (filtered on the server), what recruiters assigned them, and the start form. */
export function ScenarioLibrary() {
  const [filters, setFilters] = useState<ScenarioFilters>({ language: "", category: "", difficulty: "" });
  const [scenarios, setScenarios] = useState<Scenario[] | null>(null);
  const [categories, setCategories] = useState<string[]>([]);
  const [assignments, setAssignments] = useState<Assignment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Chosen>(null);

  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    interviews
      .scenarios(filters, abort.signal)
      .then((found) => {
        setScenarios(found);
        if (!filters.category) setCategories((known) => (known.length ? known : categoriesOf(found)));
      })
      .catch((e: unknown) => {
        if (!isAbort(e)) setError(e instanceof ApiError ? plainMessage(e) : "The scenarios could not be loaded.");
      });
    return () => abort.abort();
  }, [filters]);

  useEffect(() => {
    const abort = new AbortController();
    interviews
      .assignments(abort.signal)
      .then(setAssignments)
      .catch(() => setAssignments([])); // no recruiting on this server, or none for this user: nothing to show
    return () => abort.abort();
  }, []);

  useEffect(() => {
    if (chosen) document.getElementById("interview-start-title")?.focus();
  }, [chosen]);

  const set = (key: keyof ScenarioFilters, value: string) => setFilters((f) => ({ ...f, [key]: value }));

  return (
    <div className="interview-library">
      {chosen ? <StartForm key={"scenario" in chosen ? scenarioKey(chosen.scenario) : chosen.assignment.id} target={chosen} onCancel={() => setChosen(null)} /> : null}

      {assignments.length > 0 ? (
        <section aria-labelledby="assigned-title" data-testid="assignments">
          <h2 id="assigned-title" className="section-title">
            Assigned to you
          </h2>
          <ul className="scenario-grid">
            {assignments.map((a) => (
              <li key={a.id} className="card scenario-card scenario-card--assigned">
                <h3 className="scenario-card__title" lang={a.language}>
                  {a.title}
                </h3>
                <p className="small muted">
                  {LANGUAGES[a.language as InterviewLanguage] ?? a.language} · assigned {dateOnly(a.created_at)}
                </p>
                {a.note ? (
                  <p className="scenario-card__note">
                    <span className="visually-hidden">Note from the recruiter: </span>“{a.note}”
                  </p>
                ) : null}
                <button type="button" className="button button--primary button--small" onClick={() => setChosen({ assignment: a })} aria-label={`Practise ${a.title} (assigned)`}>
                  Practise
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="library-title">
        <h2 id="library-title" className="section-title">
          Scenarios
        </h2>
        <div className="interview-filters" role="group" aria-label="Filter scenarios">
          <div className="field field--compact">
            <label htmlFor="filter-category">Type</label>
            <select id="filter-category" value={filters.category} onChange={(e) => set("category", e.target.value)}>
              <option value="">All types</option>
              {categories.map((c) => (
                <option key={c} value={c}>
                  {categoryName(c)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--compact">
            <label htmlFor="filter-language">Language</label>
            <select id="filter-language" value={filters.language} onChange={(e) => set("language", e.target.value)}>
              <option value="">All languages</option>
              {(Object.keys(LANGUAGES) as InterviewLanguage[]).map((code) => (
                <option key={code} value={code}>
                  {LANGUAGES[code]}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--compact">
            <label htmlFor="filter-difficulty">Difficulty</label>
            <select id="filter-difficulty" value={filters.difficulty} onChange={(e) => set("difficulty", e.target.value)}>
              <option value="">Any difficulty</option>
              {Object.entries(DIFFICULTIES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>
        {error ? (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        ) : null}
        <p className="small muted" role="status" data-testid="scenario-count">
          {scenarios === null ? "Loading scenarios…" : `${scenarios.length} scenario${scenarios.length === 1 ? "" : "s"}`}
        </p>
        {scenarios && scenarios.length > 0 ? (
          <ul className="scenario-grid" data-testid="scenario-list">
            {scenarios.map((s) => (
              <li key={scenarioKey(s)} className="card scenario-card" data-scenario={s.id} data-language={s.language} data-difficulty={s.difficulty} data-category={s.category} lang={s.language}>
                <h3 className="scenario-card__title">{s.title}</h3>
                <p className="scenario-card__tags" lang="en">
                  <span className="tag">{categoryName(s.category)}</span>
                  <span className={`tag tag--level tag--${s.difficulty}`}>{difficultyName(s.difficulty)}</span>
                  <span className="tag tag--muted">{LANGUAGES[s.language as InterviewLanguage] ?? s.language}</span>
                </p>
                <p className="scenario-card__description">{s.description}</p>
                <dl className="scenario-card__facts">
                  <div>
                    <dt lang="en">Role</dt>
                    <dd>{s.role}</dd>
                  </div>
                  <div lang="en">
                    <dt>Length</dt>
                    <dd>
                      {durationText(s.target_minutes)}, {questionsText(s.questions)}
                    </dd>
                  </div>
                </dl>
                <button type="button" className="button button--primary button--small" lang="en" aria-label={`Practise ${s.title}`} onClick={() => setChosen({ scenario: s })}>
                  Practise
                </button>
              </li>
            ))}
          </ul>
        ) : scenarios ? (
          <p className="notice">No scenario matches these filters.</p>
        ) : null}
      </section>
    </div>
  );
}

import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError, plainMessage } from "../../api/client";
import { recruiter, type Assignment, type Language, type OfferedScenario } from "../../api/recruiter";
import { dateTime } from "../../lib/dates";
import { problemsOf, problemText } from "../../lib/recruiterForm";
import { FieldError } from "../FieldError";
import { languageName } from "./bits";

type Field = "email" | "scenario" | "note" | "";

/** Which field of the assignment form an error is about: the API names the e-mail or the scenario. */
function fieldOf(error: ApiError): Field {
  const named = problemsOf(error.details)[0]?.field ?? "";
  if ("email" in error.details || named.endsWith("candidate_email")) return "email";
  if ("scenario" in error.details || named.endsWith("scenario_id") || named.endsWith("language")) return "scenario";
  if (named.endsWith("note")) return "note";
  return "";
}

function errorText(error: ApiError): string {
  const first = problemsOf(error.details)[0];
  return first ? problemText(first.message) : plainMessage(error);
}

interface Props {
  assignments: Assignment[];
  offered: OfferedScenario[];
  /** Ids of the recruiter's own scenarios (listed first). */
  mine: Set<string>;
  onChange: () => void;
}

export function Assignments({ assignments, offered, mine, onChange }: Props) {
  const own = offered.filter((s) => mine.has(s.id));
  const builtIn = offered.filter((s) => !mine.has(s.id));
  const first = own[0] ?? builtIn[0];
  // The editor's "Assign it" link names the scenario: ?assign=ID|LANGUAGE
  const asked = new URLSearchParams(window.location.search).get("assign");
  const preset = asked && offered.some((s) => `${s.id}|${s.language}` === asked) ? asked : null;
  const [email, setEmail] = useState("");
  const [choice, setChoice] = useState(preset ?? (first ? `${first.id}|${first.language}` : ""));
  const emailInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (preset) emailInput.current?.focus();
  }, [preset]);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: Field; text: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const [scenarioId = "", language = "en"] = choice.split("|");
    if (!email.trim()) return setError({ field: "email", text: "Enter the candidate's e-mail." });
    if (!scenarioId) return setError({ field: "scenario", text: "Choose a scenario." });
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const made = await recruiter.assign({
        candidate_email: email.trim(),
        scenario_id: scenarioId,
        language: language as Language,
        note: note.trim() || null,
      });
      setStatus(`Assigned “${made.title}” to ${made.candidate_email}.`);
      setEmail("");
      setNote("");
      onChange();
    } catch (e) {
      if (e instanceof ApiError) setError({ field: fieldOf(e), text: errorText(e) });
      else setError({ field: "", text: "Could not assign the scenario. Try again." });
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async (a: Assignment) => {
    setStatus(null);
    try {
      await recruiter.withdraw(a.id);
      setStatus(`Withdrew “${a.title}” from ${a.candidate_email}.`);
      onChange();
    } catch (e) {
      setStatus(e instanceof ApiError ? plainMessage(e) : "Could not withdraw the assignment. Try again.");
    }
  };

  const described = (field: Field, help?: string) =>
    [error?.field === field ? `assign-${field}-error` : null, help].filter(Boolean).join(" ") || undefined;

  return (
    <section className="card recruiter-section" aria-labelledby="rec-assignments">
      <div className="recruiter-section__head">
        <h2 id="rec-assignments">Assignments</h2>
      </div>
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="assign-title" data-testid="assign-form">
        <h3 id="assign-title" className="subheading">
          Ask a candidate to practise a scenario
        </h3>
        <div className="field-grid">
          <div className="field">
            <label htmlFor="assign-email">Candidate's e-mail</label>
            <input
              id="assign-email"
              ref={emailInput}
              type="email"
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={error?.field === "email" ? true : undefined}
              aria-describedby={described("email", "assign-email-help")}
            />
            <FieldError id="assign-email-error" message={error?.field === "email" ? error.text : null} />
            <p id="assign-email-help" className="help">
              They need an account on this server.
            </p>
          </div>
          <div className="field">
            <label htmlFor="assign-scenario">Scenario</label>
            <select
              id="assign-scenario"
              value={choice}
              onChange={(e) => setChoice(e.target.value)}
              aria-invalid={error?.field === "scenario" ? true : undefined}
              aria-describedby={described("scenario", "assign-scenario-help")}
            >
              {own.length ? (
                <optgroup label="Your published scenarios">
                  {own.map((s) => (
                    <option key={`${s.id}|${s.language}`} value={`${s.id}|${s.language}`}>
                      {s.title} ({languageName(s.language)})
                    </option>
                  ))}
                </optgroup>
              ) : null}
              <optgroup label="Built-in scenarios">
                {builtIn.map((s) => (
                  <option key={`${s.id}|${s.language}`} value={`${s.id}|${s.language}`}>
                    {s.title} ({languageName(s.language)})
                  </option>
                ))}
              </optgroup>
            </select>
            <FieldError id="assign-scenario-error" message={error?.field === "scenario" ? error.text : null} />
            <p id="assign-scenario-help" className="help">
              Publish a scenario of yours to assign it.
            </p>
          </div>
        </div>
        <div className="field">
          <label htmlFor="assign-note">Note to the candidate (optional)</label>
          <textarea
            id="assign-note"
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={error?.field === "note" ? true : undefined}
            aria-describedby={described("note", "assign-note-help")}
          />
          <FieldError id="assign-note-error" message={error?.field === "note" ? error.text : null} />
          <p id="assign-note-help" className="help">
            For example when you would like it done by.
          </p>
        </div>
        {error?.field === "" ? (
          <p className="notice notice--error" role="alert">
            {error.text}
          </p>
        ) : null}
        <p className="button-row">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? "Assigning…" : "Assign"}
          </button>
        </p>
      </form>
      <p className="muted small" role="status" data-testid="assign-status">
        {status}
      </p>

      {assignments.length === 0 ? (
        <p className="muted">No assignments yet.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Assignments (table)">
          <table className="recruiter-table" data-testid="assignment-table">
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Scenario</th>
                <th scope="col">Note</th>
                <th scope="col">Assigned</th>
                <th scope="col">
                  <span className="visually-hidden">Withdraw</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {assignments.map((a) => (
                <tr key={a.id} data-testid="assignment-row">
                  <td>{a.candidate_email}</td>
                  <td>
                    {a.title} <span className="muted small">({languageName(a.language)})</span>
                  </td>
                  <td>{a.note ?? "—"}</td>
                  <td>{dateTime(a.created_at)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--small button--danger-outline"
                      onClick={() => void withdraw(a)}
                      aria-label={`Withdraw “${a.title}” from ${a.candidate_email}`}
                    >
                      Withdraw
                    </button>
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

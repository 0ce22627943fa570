import { useState } from "react";
import { ApiError, plainMessage } from "../../api/client";
import { interviews, type Assignment, type InterviewLanguage, type Scenario } from "../../api/interviews";
import { draftFor, interviewBody, interviewPath, LANGUAGES, type StartDraft } from "../../lib/interviewLibrary";
import { navigate } from "../../router";
import { VoicePicker } from "../VoicePicker";

type Target = { scenario: Scenario } | { assignment: Assignment };

/** How to run the chosen scenario: its language, the interviewer's voice, spoken or typed. Starts it and goes to the room. */
export function StartForm({ target, onCancel }: { target: Target; onCancel: () => void }) {
  const language = "assignment" in target ? target.assignment.language : target.scenario.language;
  const title = "assignment" in target ? target.assignment.title : target.scenario.title;
  const [draft, setDraft] = useState<StartDraft>(() => draftFor(language));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof StartDraft>(key: K, value: StartDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await interviews.create(interviewBody(target, draft));
      navigate(interviewPath(created.id));
    } catch (e) {
      setError(e instanceof ApiError ? plainMessage(e) : "The interview could not be started. Try again.");
      setBusy(false);
    }
  };

  return (
    <section className="card interview-start" aria-labelledby="interview-start-title" data-testid="interview-start">
      <h2 id="interview-start-title" className="card__title" tabIndex={-1}>
        Start: <span lang={language}>{title}</span>
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <fieldset className="interview-start__fields" disabled={busy}>
          <legend className="visually-hidden">Interview settings</legend>
          <div className="field-pair">
            {"scenario" in target ? (
              <div className="field">
                <label htmlFor="interview-language">Language</label>
                <select
                  id="interview-language"
                  value={draft.language}
                  aria-describedby="interview-language-help"
                  onChange={(e) => {
                    const next = e.target.value as InterviewLanguage;
                    setDraft((d) => ({ ...draftFor(next), mode: d.mode }));
                  }}
                >
                  {(Object.keys(LANGUAGES) as InterviewLanguage[]).map((code) => (
                    <option key={code} value={code}>
                      {LANGUAGES[code]}
                    </option>
                  ))}
                </select>
                <p id="interview-language-help" className="help">
                  The whole interview is in this language: questions, your answers and the report.
                </p>
              </div>
            ) : null}
            <fieldset className="field interview-mode">
              <legend>Answer by</legend>
              <label className="check check--inline">
                <input type="radio" name="interview-mode" value="voice" checked={draft.mode === "voice"} onChange={() => set("mode", "voice")} />
                Voice: speak your answers
              </label>
              <label className="check check--inline">
                <input type="radio" name="interview-mode" value="text" checked={draft.mode === "text"} onChange={() => set("mode", "text")} />
                Text: type your answers
              </label>
            </fieldset>
          </div>
          {draft.mode === "voice" ? (
            <details className="advanced interview-voice">
              <summary>Interviewer's voice: {draft.voice}</summary>
              <VoicePicker value={draft.voice} onChange={(voice) => set("voice", voice)} error={null} />
            </details>
          ) : null}
        </fieldset>
        {error ? (
          <p className="field-error" role="alert" data-testid="interview-start-error">
            {error}
          </p>
        ) : null}
        <p className="button-row">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? "Starting…" : "Start interview"}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </p>
      </form>
    </section>
  );
}

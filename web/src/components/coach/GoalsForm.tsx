import { useEffect, useState, type FormEvent } from "react";
import { ApiError } from "../../api/client";
import { coach, type Goals } from "../../api/coach";
import { goalField, goalMessage, goalsBody, goalsDraft, GOAL_FIELDS, type GoalKey } from "../../lib/coachGoals";
import { FieldError } from "../FieldError";

/** The user's goals (PUT /api/v1/progress/goals); what the server refuses is shown next to its field. */
export function GoalsForm({ goals, onSaved }: { goals: Goals | null; onSaved: (goals: Goals) => void }) {
  const [draft, setDraft] = useState(() => goalsDraft(goals));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: GoalKey | null; message: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => setDraft(goalsDraft(goals)), [goals]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const stored = await coach.setGoals(goalsBody(draft));
      setSaved("Goals saved.");
      onSaved(stored);
    } catch (e) {
      const field = e instanceof ApiError ? goalField(e.details) : null;
      setError({ field, message: e instanceof ApiError ? goalMessage(e.message) : "Could not save the goals. Try again." });
      if (field) document.getElementById(`goal-${field}`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="goals-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="goals-title">
      <h2 id="goals-title" className="card__title">
        Your goals
      </h2>
      <p className="muted small">Leave a box empty for no goal. Trends and milestones judge your sessions against these.</p>
      <div className="goals-form__grid">
        {GOAL_FIELDS.map((field) => {
          const wrong = error?.field === field.key;
          return (
            <div className="field" key={field.key}>
              <label htmlFor={`goal-${field.key}`}>{field.label}</label>
              <input
                id={`goal-${field.key}`}
                type="number"
                inputMode="decimal"
                step="any"
                value={draft[field.key]}
                aria-invalid={wrong ? true : undefined}
                aria-describedby={[wrong ? `goal-${field.key}-error` : null, `goal-${field.key}-help`].filter(Boolean).join(" ")}
                onChange={(e) => setDraft({ ...draft, [field.key]: e.target.value })}
              />
              <p className="help" id={`goal-${field.key}-help`}>
                {field.help}
              </p>
              <FieldError id={`goal-${field.key}-error`} message={wrong ? error.message : null} />
            </div>
          );
        })}
      </div>
      {error && error.field === null ? (
        <p className="field-error" role="alert" data-testid="goals-error">
          {error.message}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? "Saving…" : "Save goals"}
        </button>
        <span className="muted small" role="status">
          {saved}
        </span>
      </div>
    </form>
  );
}

import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { ApiError, isAbort, plainMessage } from "../../api/client";
import { recruiter, type ScenarioChange, type ScenarioStatus, type Visibility, type WrittenScenario } from "../../api/recruiter";
import {
  CATEGORIES,
  DIFFICULTIES,
  emptyForm,
  emptyQuestion,
  fieldId,
  fieldPaths,
  fromScenario,
  importScenario,
  LANGUAGES,
  LIMITS,
  moved,
  parseEmails,
  problemsByField,
  problemsOf,
  slugify,
  stalePaths,
  toScenario,
  type QuestionForm,
  type ScenarioForm,
} from "../../lib/recruiterForm";
import { recruiterPaths } from "../../lib/recruiterRoutes";
import { Link, navigate } from "../../router";
import { FieldError } from "../FieldError";
import { StatusBadge } from "./bits";
import { describedBy, InputField, SelectField, type Problems } from "./fields";
import { QuestionEditor } from "./QuestionEditor";

const VISIBILITIES: { value: Visibility; label: string; help: string }[] = [
  { value: "private", label: "Private", help: "Only you, and the candidates you assign it to." },
  { value: "shared", label: "Shared", help: "Also the people you name below, once published." },
  { value: "public", label: "Public", help: "Everyone with an account on this server, once published." },
];

/** What to say on the scenario's page once a new scenario has been saved and opened there. */
let flash: { status: string; error: string | null } | null = null;

type Action = { kind: "save" } | { kind: "status"; status: ScenarioStatus };

export function ScenarioEditor({ scenarioId }: { scenarioId: string | null }) {
  const isNew = scenarioId === null;
  const [form, setForm] = useState<ScenarioForm>(emptyForm);
  const [idTouched, setIdTouched] = useState(false);
  const [saved, setSaved] = useState<WrittenScenario | null>(null);
  const [visibility, setVisibility] = useState<Visibility>("private");
  const [sharedText, setSharedText] = useState("");
  const [problems, setProblems] = useState<Problems>(new Map());
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [imported, setImported] = useState<{ notes: string[]; error: string | null } | null>(null);
  const [focusFirst, setFocusFirst] = useState(0);
  // After a question moves, is removed or added, focus goes to its heading (or its neighbour's): the
  // button pressed may have moved away or gone.
  const [focusQuestion, setFocusQuestion] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const snapshot = JSON.stringify([toScenario(form), visibility, visibility === "shared" ? parseEmails(sharedText).emails : []]);
  const [savedSnapshot, setSavedSnapshot] = useState(snapshot);
  const dirty = snapshot !== savedSnapshot;

  // Leaving the page (reload, closing the tab) with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  useEffect(() => {
    if (flash) {
      setStatus(flash.status);
      if (flash.error) setProblems(new Map([["", flash.error]]));
      flash = null;
    }
    if (scenarioId === null) return;
    const controller = new AbortController();
    recruiter
      .scenario(scenarioId, controller.signal)
      .then((written) => {
        const loaded = fromScenario(written.scenario);
        const emails = written.shared_emails ?? [];
        setSaved(written);
        setForm(loaded);
        setVisibility(written.visibility);
        setSharedText(emails.join("\n"));
        setSavedSnapshot(JSON.stringify([toScenario(loaded), written.visibility, written.visibility === "shared" ? emails : []]));
      })
      .catch((e: unknown) => {
        if (!isAbort(e)) setLoadError(e instanceof ApiError ? plainMessage(e) : "Could not load the scenario. Try again.");
      });
    return () => controller.abort();
  }, [scenarioId]);

  // Move to the first field the server refused (in the page's order), once its error is on screen.
  useEffect(() => {
    if (!focusFirst) return;
    const first = document.querySelector<HTMLElement>(".scenario-editor [aria-invalid=true], .scenario-editor .field-error");
    const target = first?.matches("input, select, textarea") ? first : first?.closest("fieldset, section")?.querySelector<HTMLElement>("input, select, textarea");
    (target ?? first)?.focus();
  }, [focusFirst]);

  useEffect(() => {
    if (focusQuestion === null) return;
    document.querySelector<HTMLElement>(`[data-question-key="${focusQuestion}"]`)?.focus();
    setFocusQuestion(null);
  }, [focusQuestion]);

  const forget = (...paths: string[]) => {
    if (!paths.some((p) => problems.has(p))) return;
    const next = new Map(problems);
    paths.forEach((p) => next.delete(p));
    setProblems(next);
  };
  const update = (patch: Partial<ScenarioForm>, ...paths: string[]) => {
    setForm((f) => ({ ...f, ...patch }));
    forget(...paths);
  };
  const setTitle = (title: string) => {
    if (isNew && !idTouched) update({ title, id: slugify(title) }, "title", "id");
    else update({ title }, "title");
  };
  // Errors are placed by the question's position: after a change of positions they would point at another question.
  const setQuestions = (questions: QuestionForm[], structural: boolean) => {
    setForm((f) => ({ ...f, questions }));
    if (structural) setProblems(new Map([...problems].filter(([path]) => !path.startsWith("questions"))));
  };
  const setQuestion = (index: number, question: QuestionForm) => {
    const before = form.questions[index]!;
    const structural = question.keyPoints.length !== before.keyPoints.length || question.followUps.length !== before.followUps.length;
    setQuestions(form.questions.map((q, i) => (i === index ? question : q)), structural);
    if (!structural) forget(...stalePaths(before, question, index));
  };

  const refuse = (error: unknown, fallback: string) => {
    const next: Problems = new Map();
    if (error instanceof ApiError && error.status === 422) {
      const list = problemsOf(error.details);
      const shown = new Set([...fieldPaths(form), "shared_with", "visibility"]);
      problemsByField(list, shown).forEach((message, path) => next.set(path, message));
    } else if (error instanceof ApiError && error.code === "conflict" && "scenario" in error.details) {
      next.set("id", plainMessage(error));
    } else if (error instanceof ApiError && "email" in error.details) {
      next.set("shared_with", plainMessage(error));
    } else {
      next.set("", error instanceof ApiError ? plainMessage(error) : fallback);
    }
    setProblems(next);
    setStatus("Not saved: see what to fix.");
    setFocusFirst((n) => n + 1);
  };

  const sharing = (): { emails: string[] } | null => {
    const { emails, invalid } = parseEmails(sharedText);
    if (visibility === "shared" && invalid.length) {
      setProblems(new Map([["shared_with", `Not an e-mail: ${invalid.join(", ")}.`]]));
      setStatus("Not saved: see what to fix.");
      setFocusFirst((n) => n + 1);
      return null;
    }
    return { emails };
  };

  const run = async (action: Action) => {
    const share = sharing();
    if (!share) return;
    setBusy(true);
    setStatus(action.kind === "save" ? "Saving…" : "Saving and changing the status…");
    setProblems(new Map());
    const scenario = toScenario(form);
    const change: ScenarioChange = {
      ...(action.kind === "status" ? { status: action.status } : {}),
      ...(visibility === "shared" ? { shared_with: share.emails } : {}),
    };
    try {
      if (isNew) {
        const written = await recruiter.write({ scenario, visibility });
        let error: string | null = null;
        if (Object.keys(change).length) {
          try {
            await recruiter.change(written.id, change);
          } catch (e) {
            error = `Saved as a draft, but not yet ${action.kind === "status" ? "published" : "shared"}: ${e instanceof ApiError ? plainMessage(e) : "try again."}`;
          }
        }
        setSavedSnapshot(snapshot); // what was sent is saved: leaving for its page asks nothing
        flash = { status: error ? "Saved as a draft." : action.kind === "status" ? "Saved and published." : "Saved as a draft.", error };
        navigate(recruiterPaths.scenario(written.id), { replace: true });
        return;
      }
      const written = await recruiter.change(scenarioId, { scenario, visibility, ...change });
      const emails = written.shared_emails ?? [];
      setSaved(written);
      setSharedText(emails.join("\n"));
      setSavedSnapshot(JSON.stringify([scenario, visibility, visibility === "shared" ? emails : []]));
      const words: Record<ScenarioStatus, string> = { draft: "Back to draft.", published: "Published.", retired: "Retired: offered to no one." };
      setStatus(action.kind === "status" ? `Saved. ${words[action.status]}` : "Saved.");
    } catch (e) {
      refuse(e, "Could not save the scenario. Try again.");
    } finally {
      setBusy(false);
    }
  };

  const onImport = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const result = importScenario(await file.text(), isNew ? null : scenarioId);
    event.target.value = "";
    if (!result.ok) return setImported({ notes: [], error: result.error });
    setForm(result.form);
    setIdTouched(Boolean(result.form.id));
    setProblems(new Map());
    setImported({ notes: result.notes, error: null });
    setStatus(`Imported ${file.name}: check it, then save.`);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run({ kind: "save" });
  };

  if (loadError)
    return (
      <div className="notice notice--error" role="alert">
        <p>{loadError}</p>
      </div>
    );
  if (!isNew && !saved)
    return (
      <p className="notice" role="status">
        <span className="spinner" aria-hidden="true" /> Loading the scenario…
      </p>
    );

  const current = saved?.status ?? null;
  const sharedHelp = "E-mails of the people who may practise it, one a line or separated by commas.";
  return (
    <form className="scenario-editor" onSubmit={submit} noValidate aria-label={isNew ? "New scenario" : `Scenario ${form.title}`} data-testid="scenario-editor">
      <fieldset>
        <legend>Import</legend>
        <div className="field">
          <label htmlFor="scenario-import">Import a scenario file (JSON)</label>
          <input
            ref={fileInput}
            id="scenario-import"
            type="file"
            accept="application/json,.json"
            onChange={(e) => void onImport(e)}
            aria-describedby={imported?.error ? "scenario-import-error scenario-import-help" : "scenario-import-help"}
            aria-invalid={imported?.error ? true : undefined}
          />
          <FieldError id="scenario-import-error" message={imported?.error ?? null} />
          <p id="scenario-import-help" className="help">
            A file written like the built-in scenarios (<code>en/leading-a-team.json</code>): it fills in the form below, nothing is saved until you save.
          </p>
          {imported?.notes.length ? (
            <ul className="import-notes help" data-testid="import-notes">
              {imported.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
        </div>
      </fieldset>

      <fieldset>
        <legend>About the interview</legend>
        <InputField path="title" label="Title" value={form.title} onValue={setTitle} problems={problems} maxLength={200} help="The name candidates see." />
        <InputField
          path="id"
          label="Scenario id"
          value={form.id}
          onValue={(id) => {
            setIdTouched(true);
            update({ id }, "id");
          }}
          problems={problems}
          readOnly={!isNew}
          help={isNew ? "Lowercase letters, digits and hyphens; made from the title until you change it. It cannot change once saved." : "A scenario keeps its id."}
        />
        <InputField path="description" label="Description" value={form.description} onValue={(description) => update({ description }, "description")} problems={problems} multiline help="What the candidate practises, shown before starting." />
        <div className="field-grid">
          <InputField path="role" label="Role" value={form.role} onValue={(role) => update({ role }, "role")} problems={problems} help="The role the candidate applies for or plays." />
          <SelectField path="language" label="Language" value={form.language} options={LANGUAGES} onValue={(language) => update({ language }, "language")} problems={problems} help="Every line and answer is in it." />
          <SelectField path="category" label="Category" value={form.category} options={CATEGORIES} onValue={(category) => update({ category }, "category")} problems={problems} />
          <SelectField path="difficulty" label="Difficulty" value={form.difficulty} options={DIFFICULTIES} onValue={(difficulty) => update({ difficulty }, "difficulty")} problems={problems} />
          <InputField path="target_minutes" label="Target length (minutes)" type="number" min={LIMITS.minutes.min} max={LIMITS.minutes.max} step="any" value={form.targetMinutes} onValue={(targetMinutes) => update({ targetMinutes }, "target_minutes")} problems={problems} help={`From ${LIMITS.minutes.min} to ${LIMITS.minutes.max}.`} />
        </div>
      </fieldset>

      <fieldset>
        <legend>The interviewer</legend>
        <InputField path="interviewer" label="Interviewer persona" value={form.interviewer} onValue={(interviewer) => update({ interviewer }, "interviewer")} problems={problems} help="Who asks: a name, a position, a company." />
        <InputField path="opening" label="Opening line" value={form.opening} onValue={(opening) => update({ opening }, "opening")} problems={problems} multiline rows={3} help="What the interviewer says first: a welcome and the format." />
        <InputField path="closing" label="Closing line" value={form.closing} onValue={(closing) => update({ closing }, "closing")} problems={problems} multiline help="The polite wrap-up." />
      </fieldset>

      <fieldset id={fieldId("questions")} aria-describedby={describedBy(problems, ["questions"])}>
        <legend>Questions and rubric</legend>
        <FieldError id={`${fieldId("questions")}-error`} message={problems.get("questions") ?? null} />
        <ol className="list-rows" aria-label="Questions">
          {form.questions.map((q, i) => (
            <QuestionEditor
              key={q.key}
              question={q}
              index={i}
              count={form.questions.length}
              problems={problems}
              onChange={(question) => setQuestion(i, question)}
              onMove={(to) => {
                setQuestions(moved(form.questions, i, to), true);
                setFocusQuestion(q.key);
              }}
              onRemove={() => {
                setQuestions(form.questions.filter((_, j) => j !== i), true);
                setFocusQuestion(form.questions[i === 0 ? 1 : i - 1]?.key ?? null);
              }}
            />
          ))}
        </ol>
        <p>
          <button type="button" className="button button--secondary" onClick={() => {
              const added = emptyQuestion(form.questions);
              setQuestions([...form.questions, added], true);
              setFocusQuestion(added.key);
            }} disabled={form.questions.length >= LIMITS.questions.max}>
            Add a question
          </button>
        </p>
      </fieldset>

      <fieldset>
        <legend>Who may practise it</legend>
        <p className="muted small">
          {current ? (
            <>
              Status: <StatusBadge status={current} /> {current === "draft" ? "Only you see a draft." : current === "retired" ? "Offered to no one; interviews already run keep their copy." : "Offered as below."}
            </>
          ) : (
            "Not saved yet: it starts as a draft only you see."
          )}
        </p>
        <div role="radiogroup" aria-labelledby="visibility-label" aria-describedby={describedBy(problems, ["visibility"])} className="radio-column" id={fieldId("visibility")}>
          <span id="visibility-label" className="visually-hidden">
            Visibility
          </span>
          {VISIBILITIES.map((v) => (
            <label key={v.value}>
              <input type="radio" name="visibility" value={v.value} checked={visibility === v.value} onChange={() => setVisibility(v.value)} />
              <span>
                {v.label} <span className="muted small">{v.help}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id={`${fieldId("visibility")}-error`} message={problems.get("visibility") ?? null} />
        {current === "published" && saved ? (
          <p>
            <Link to={`${recruiterPaths.dashboard}?${new URLSearchParams({ assign: `${saved.id}|${saved.language}` }).toString()}`}>Assign it to a candidate</Link>
          </p>
        ) : null}
        {visibility === "shared" ? (
          <InputField path="shared_with" label="Shared with" value={sharedText} onValue={(v) => { setSharedText(v); forget("shared_with"); }} problems={problems} multiline rows={3} help={sharedHelp} />
        ) : null}
      </fieldset>

      <div className="editor-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {isNew ? "Save draft" : "Save changes"}
        </button>
        {current !== "published" ? (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void run({ kind: "status", status: "published" })}>
            {isNew ? "Save and publish" : current === "retired" ? "Publish again" : "Publish"}
          </button>
        ) : (
          <button type="button" className="button button--danger-outline" disabled={busy} onClick={() => void run({ kind: "status", status: "retired" })}>
            Retire
          </button>
        )}
        <p className="muted small" role="status" data-testid="editor-status">
          {status}
        </p>
        {dirty && !busy ? (
          <p className="small unsaved" data-testid="unsaved">
            Unsaved changes
          </p>
        ) : null}
        <FieldError id={`${fieldId("")}-error`} message={problems.get("") ?? null} />
      </div>
    </form>
  );
}

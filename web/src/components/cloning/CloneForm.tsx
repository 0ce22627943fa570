import { useRef, useState, type FormEvent } from "react";
import { ApiError } from "../../api/client";
import { clones, type CloneAccepted } from "../../api/voices";
import {
  CONSENT_EXAMPLE,
  cloneErrorField,
  cloneErrorMessage,
  consentProblem,
  consentStatement,
  isoDate,
  MAX_DESCRIPTION_CHARS,
  MAX_NAME_CHARS,
  type CloneField,
} from "../../lib/cloning";
import { FieldError } from "../FieldError";
import { TextField } from "../TextField";
import { SamplePicker, type Sample } from "./SamplePicker";

/** What the form holds; kept by the page so a failed or cancelled clone can start again from it. */
export interface Draft {
  name: string;
  description: string;
  sample: Sample | null;
  consent: string;
  speaker: string;
  purpose: string;
  denoise: boolean;
}

export const EMPTY_DRAFT: Draft = { name: "", description: "", sample: null, consent: "", speaker: "", purpose: "", denoise: false };

type Errors = Partial<Record<CloneField, string>>;

interface Props {
  draft: Draft;
  onDraft: (update: (draft: Draft) => Draft) => void;
  onAccepted: (accepted: CloneAccepted) => void;
}

export function CloneForm({ draft, onDraft, onAccepted }: Props) {
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const refs = {
    name: useRef<HTMLInputElement>(null),
    description: useRef<HTMLTextAreaElement>(null),
    file: useRef<HTMLInputElement>(null),
    consent: useRef<HTMLTextAreaElement>(null),
    general: useRef<HTMLButtonElement>(null),
  };
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => onDraft((d) => ({ ...d, [key]: value }));
  const setError = (field: CloneField, message: string | null) =>
    setErrors((e) => {
      const next = { ...e };
      if (message) next[field] = message;
      else delete next[field];
      return next;
    });
  const focusFirst = (found: Errors) => {
    const first = (["name", "file", "consent", "description", "general"] as const).find((f) => found[f]);
    if (first) refs[first].current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: Errors = {};
    if (!draft.name.trim()) found.name = "Name the voice, e.g. “Ana, narration”.";
    if (!draft.sample) found.file = errors.file ?? "Choose a recording of the speaker, drop one here, or record one.";
    const consent = consentProblem(draft.consent);
    if (consent) found.consent = consent;
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      const accepted = await clones.create({
        file: draft.sample!.file,
        filename: draft.sample!.file.name,
        name: draft.name.trim(),
        consent: draft.consent.trim(),
        description: draft.description,
        removeBackgroundNoise: draft.denoise,
      });
      onAccepted(accepted);
    } catch (error) {
      const problem: Errors =
        error instanceof ApiError
          ? { [cloneErrorField(error)]: cloneErrorMessage(error) }
          : { general: `Something went wrong in the browser: ${error instanceof Error ? error.message : String(error)}` };
      setErrors(problem);
      focusFirst(problem);
    } finally {
      setBusy(false);
    }
  };

  const today = isoDate();
  const describedBy = (id: string, error?: string) => [error ? `${id}-error` : null, `${id}-help`].filter(Boolean).join(" ");
  return (
    <form className="card clone-form" onSubmit={submit} noValidate aria-labelledby="clone-form-title" data-testid="clone-form">
      <h2 id="clone-form-title" className="card__title">
        New voice
      </h2>
      <div className="clone-form__grid">
        <div className="clone-form__about">
          <TextField
            id="clone-name"
            label="Name of the voice"
            value={draft.name}
            onValue={(value) => {
              set("name", value);
              if (errors.name) setError("name", null);
            }}
            error={errors.name ?? null}
            inputRef={refs.name}
            maxLength={MAX_NAME_CHARS}
            autoComplete="off"
            help={`Up to ${MAX_NAME_CHARS} characters, e.g. “Ana, narration”. You can rename it later.`}
          />
          <div className="field">
            <label htmlFor="clone-description">
              Description <span className="muted">(optional)</span>
            </label>
            <textarea
              id="clone-description"
              ref={refs.description}
              rows={2}
              maxLength={MAX_DESCRIPTION_CHARS}
              value={draft.description}
              aria-invalid={errors.description ? true : undefined}
              aria-describedby={describedBy("clone-description", errors.description)}
              onChange={(event) => set("description", event.target.value)}
            />
            <FieldError id="clone-description-error" message={errors.description ?? null} />
            <p id="clone-description-help" className="help">
              For you and anyone you share it with: whose voice, what it is for.
            </p>
          </div>
          <SamplePicker
            sample={draft.sample}
            onSample={(sample) => set("sample", sample)}
            error={errors.file ?? null}
            onError={(message) => setError("file", message)}
            inputRef={refs.file}
          />
          <label className="check">
            <input type="checkbox" checked={draft.denoise} aria-describedby="clone-denoise-help" onChange={(event) => set("denoise", event.target.checked)} />
            Reduce background noise in the sample first
          </label>
          <p id="clone-denoise-help" className="help">
            For a steady hum or hiss (a fan, air conditioning). Leave it off for a clean recording.
          </p>
        </div>

        <fieldset className="consent" aria-describedby="clone-consent-about">
          <legend>The speaker's consent</legend>
          <p id="clone-consent-about" className="small">
            Vocalis clones a voice only with the consent of the person speaking. It is stored with the voice and shown in its
            details.
          </p>
          <div className="field">
            <label htmlFor="clone-consent">Consent statement, in the speaker's words</label>
            <textarea
              id="clone-consent"
              ref={refs.consent}
              rows={3}
              value={draft.consent}
              aria-invalid={errors.consent ? true : undefined}
              aria-describedby={describedBy("clone-consent", errors.consent)}
              onChange={(event) => {
                set("consent", event.target.value);
                if (errors.consent) setError("consent", null);
              }}
            />
            <FieldError id="clone-consent-error" message={errors.consent ?? null} />
            <p id="clone-consent-help" className="help">
              Who agrees, to what, and when, in this form: <q>{CONSENT_EXAMPLE}</q>
            </p>
          </div>
          <div className="consent-helper">
            <p className="consent-helper__title small">Write it for me</p>
            <div className="field-pair">
              <TextField
                id="consent-speaker"
                label="Speaker's full name"
                value={draft.speaker}
                onValue={(value) => set("speaker", value)}
                autoComplete="off"
              />
              <TextField
                id="consent-purpose"
                label="What the voice is for"
                value={draft.purpose}
                onValue={(value) => set("purpose", value)}
                placeholder="e.g. my course videos"
                autoComplete="off"
              />
            </div>
            <button
              type="button"
              className="button button--small button--secondary"
              aria-describedby="consent-fill-help"
              onClick={() => {
                set("consent", consentStatement(draft.speaker || draft.name, draft.purpose, today));
                setError("consent", null);
                refs.consent.current?.focus();
              }}
            >
              Fill in the statement
            </button>
            <p id="consent-fill-help" className="help">
              Dated today, {today}. Check it reads as the speaker said it.
            </p>
          </div>
        </fieldset>
      </div>

      <div className="clone-form__submit">
        <button ref={refs.general} type="submit" className="button button--primary" disabled={busy} aria-describedby={errors.general ? "clone-general-error" : undefined}>
          {busy ? "Uploading and checking the sample…" : "Clone the voice"}
        </button>
        <span className="muted small" role="status">
          {busy ? "The sample is checked first (speech, noise, one speaker); then cloning starts." : ""}
        </span>
      </div>
      <FieldError id="clone-general-error" message={errors.general ?? null} />
    </form>
  );
}

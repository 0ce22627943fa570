import type { CoachLanguage, SessionType } from "../../api/coach";
import { typeName } from "../../lib/coachLive";
import { FOCUS_LABELS } from "../../lib/coachReport";
import { CUE_FREQUENCIES, FOCUS_AREAS, MAX_MINUTES, SESSION_TYPES, type CoachDraft, type DraftProblems } from "../../lib/coachSetup";
import { FieldError } from "../FieldError";

interface Props {
  draft: CoachDraft;
  onDraft: (draft: CoachDraft) => void;
  problems: DraftProblems;
  disabled?: boolean;
}

const TYPE_HELP: Record<SessionType, string> = {
  practice: "Relaxed targets for rehearsing.",
  presentation: "A talk to an audience: a calmer pace, fewer fillers.",
  training: "Drills on one skill at a time.",
};

/** What the session is and what to coach: title, type, language, focus areas and the finer settings. */
export function SessionSettings({ draft, onDraft, problems, disabled = false }: Props) {
  const set = <K extends keyof CoachDraft>(key: K, value: CoachDraft[K]) => onDraft({ ...draft, [key]: value });
  const toggle = (area: (typeof FOCUS_AREAS)[number]) =>
    set("focus", draft.focus.includes(area) ? draft.focus.filter((a) => a !== area) : [...draft.focus, area]);

  return (
    <fieldset className="coach-settings" disabled={disabled}>
      <legend className="visually-hidden">Session settings</legend>
      <div className="field">
        <label htmlFor="coach-title">Title</label>
        <input
          id="coach-title"
          type="text"
          value={draft.title}
          maxLength={240}
          placeholder={`${typeName(draft.sessionType)} and today's date`}
          aria-invalid={problems.title ? true : undefined}
          aria-describedby={problems.title ? "coach-title-error" : "coach-title-help"}
          onChange={(e) => set("title", e.target.value)}
        />
        <FieldError id="coach-title-error" message={problems.title ?? null} />
        <p id="coach-title-help" className="help">
          Optional: leave it empty and the session is named after its type and date.
        </p>
      </div>

      <div className="field-pair">
        <div className="field">
          <label htmlFor="coach-type">Type</label>
          <select id="coach-type" value={draft.sessionType} aria-describedby="coach-type-help" onChange={(e) => set("sessionType", e.target.value as SessionType)}>
            {SESSION_TYPES.map((type) => (
              <option key={type} value={type}>
                {typeName(type)}
              </option>
            ))}
          </select>
          <p id="coach-type-help" className="help">
            {TYPE_HELP[draft.sessionType]}
          </p>
        </div>
        <div className="field">
          <label htmlFor="coach-language">Language</label>
          <select id="coach-language" value={draft.language} aria-describedby="coach-language-help" onChange={(e) => set("language", e.target.value as CoachLanguage)}>
            <option value="en">English</option>
            <option value="fr" lang="fr">
              Français
            </option>
          </select>
          <p id="coach-language-help" className="help">
            The language you speak in; cues and the report are written in it.
          </p>
        </div>
      </div>

      <fieldset className="coach-focus" aria-describedby={problems.focus ? "coach-focus-error" : undefined}>
        <legend>What to work on</legend>
        <div className="coach-focus__grid">
          {FOCUS_AREAS.map((area) => (
            <label key={area} className="check check--tight">
              <input type="checkbox" checked={draft.focus.includes(area)} onChange={() => toggle(area)} />
              {FOCUS_LABELS[area]}
            </label>
          ))}
        </div>
        <FieldError id="coach-focus-error" message={problems.focus ?? null} />
      </fieldset>

      <details className="advanced">
        <summary>More settings</summary>
        <div className="field-pair">
          <div className="field">
            <label htmlFor="coach-cue-every">Live cues at most every</label>
            <select id="coach-cue-every" value={draft.cueEvery} onChange={(e) => set("cueEvery", Number(e.target.value))}>
              {CUE_FREQUENCIES.map((seconds) => (
                <option key={seconds} value={seconds}>
                  {seconds} seconds
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="coach-max">Stop by itself after</label>
            <select id="coach-max" value={draft.maxMinutes} onChange={(e) => set("maxMinutes", Number(e.target.value))}>
              {MAX_MINUTES.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {minutes} minutes
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset aria-describedby={problems.wpm ? "coach-wpm-error coach-wpm-help" : "coach-wpm-help"}>
          <legend>Target pace (words per minute)</legend>
          <div className="field-pair">
            <div className="field field--compact">
              <label htmlFor="coach-wpm-low">From</label>
              <input id="coach-wpm-low" type="number" inputMode="numeric" min={40} max={300} value={draft.wpmLow} aria-invalid={problems.wpm ? true : undefined} onChange={(e) => set("wpmLow", e.target.value)} />
            </div>
            <div className="field field--compact">
              <label htmlFor="coach-wpm-high">To</label>
              <input id="coach-wpm-high" type="number" inputMode="numeric" min={40} max={300} value={draft.wpmHigh} aria-invalid={problems.wpm ? true : undefined} onChange={(e) => set("wpmHigh", e.target.value)} />
            </div>
          </div>
          <FieldError id="coach-wpm-error" message={problems.wpm ?? null} />
          <p id="coach-wpm-help" className="help">
            Leave empty for the usual range of the session's type and language.
          </p>
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={draft.liveCues} onChange={(e) => set("liveCues", e.target.checked)} />
          Cues while I speak (off: the report only)
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.aiSummary} onChange={(e) => set("aiSummary", e.target.checked)} />
          A personal summary from the server's chat model, if it has one
        </label>
      </details>
    </fieldset>
  );
}

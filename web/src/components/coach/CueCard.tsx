import type { LiveCue } from "../../lib/coachLive";
import { SEVERITY_WORDS } from "../../lib/coachReport";

/**
 * The one live cue on screen: the latest. A polite live region, so a screen reader says each new cue
 * once, after what it is reading; the cue's text is in the session's language.
 */
export function CueCard({ cue, language, enabled }: { cue: LiveCue | null; language: string; enabled: boolean }) {
  return (
    <div
      className={`cue${cue ? ` cue--${cue.severity}` : ""}`}
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-testid="coach-cue"
      data-feedback-type={cue?.feedback_type}
      data-severity={cue?.severity}
    >
      {cue ? (
        <>
          <p className="cue__severity">
            <span className="cue__icon" aria-hidden="true">
              {cue.severity === "critical" ? "!" : cue.severity === "warning" ? "▲" : "i"}
            </span>
            {SEVERITY_WORDS[cue.severity]}
          </p>
          <p className="cue__message" lang={language}>
            {cue.message}
          </p>
          {cue.suggestions.length > 0 ? (
            <ul className="cue__tips" lang={language}>
              {cue.suggestions.map((tip) => (
                <li key={tip}>{tip}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p className="cue__empty">{enabled ? "Cues show up here while you speak, one at a time." : "Live cues are off for this session: the report comes when you stop."}</p>
      )}
    </div>
  );
}

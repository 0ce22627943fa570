import type { FeedbackItem } from "../../api/coach";
import { SEVERITY_WORDS } from "../../lib/coachReport";

/** Feedback items with their severity (in words and colour) and tips, in the session's language. */
export function FeedbackList({ items, language, testId, strengths = false }: { items: readonly FeedbackItem[]; language: string; testId: string; strengths?: boolean }) {
  return (
    <ol className={`feedback-list${strengths ? " feedback-list--strengths" : ""}`} data-testid={testId}>
      {items.map((item, i) => (
        <li key={i} className={`feedback feedback--${strengths ? "strength" : item.severity}`}>
          {!strengths ? <p className="feedback__severity">{SEVERITY_WORDS[item.severity]}</p> : null}
          <p className="feedback__message" lang={language}>
            {item.message}
          </p>
          {item.suggestions.length > 0 ? (
            <ul className="feedback__tips" lang={language}>
              {item.suggestions.map((tip) => (
                <li key={tip}>{tip}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

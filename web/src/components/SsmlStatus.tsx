import { describeIgnored, lineText, problemMessage, type IgnoredMarkup, type SsmlPosition, type SsmlProblem } from "../lib/ssml";

/** Characters of the line shown on each side of the marked one, at most. */
const CONTEXT = 36;

/**
 * The line of the document with the character at `column` marked: what a compiler shows under an
 * error. Decoration only (the message says the line and column), so it is hidden from screen readers.
 */
export function SsmlMarker({ text, position }: { text: string; position: SsmlPosition }) {
  const chars = [...lineText(text, position.line)];
  const at = Math.min(Math.max(0, position.column - 1), chars.length);
  const from = Math.max(0, at - CONTEXT);
  const to = Math.min(chars.length, at + 1 + CONTEXT);
  return (
    <pre className="ssml-marker" aria-hidden="true" data-testid="ssml-marker">
      <span className="ssml-marker__line">{position.line}</span>
      <code>
        {from > 0 ? "…" : ""}
        {chars.slice(from, at).join("")}
        <mark>{chars[at] ?? " "}</mark>
        {chars.slice(at + 1, to).join("")}
        {to < chars.length ? "…" : ""}
      </code>
    </pre>
  );
}

/**
 * The well-formedness check of the SSML being typed: "Line N, column M: reason" and the marked line.
 * The live region stays mounted while SSML is on, so each new finding is announced (politely: it
 * changes as the user types).
 */
export function SsmlCheck({ id, text, problem }: { id: string; text: string; problem: SsmlProblem | null }) {
  return (
    <div className="ssml-check" aria-live="polite" data-testid="ssml-check">
      {problem ? (
        <>
          <p className="field-error" id={id}>
            <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
              <circle cx="8" cy="8" r="7" fill="currentColor" />
              <rect x="7.1" y="3.8" width="1.8" height="5.4" rx=".9" fill="#fff" />
              <circle cx="8" cy="11.6" r="1" fill="#fff" />
            </svg>
            <span>{problemMessage(problem)}</span>
          </p>
          <SsmlMarker text={text} position={problem} />
        </>
      ) : null}
    </div>
  );
}

/** What the server read in the SSML but did not render as written: a note, the audio is there. */
export function SsmlIgnored({ items }: { items: readonly IgnoredMarkup[] }) {
  if (items.length === 0) return null;
  return (
    <div className="ssml-ignored" data-testid="ssml-ignored">
      <p>
        <strong>{items.length === 1 ? "One piece of SSML was" : `${items.length} pieces of SSML were`} not used as written:</strong>
      </p>
      <ul>
        {items.map((item, i) => (
          <li key={i}>{describeIgnored(item)}</li>
        ))}
      </ul>
    </div>
  );
}

import { useState } from "react";
import { ApiError, plainMessage } from "../../api/client";
import { interviews, type Interview } from "../../api/interviews";
import { questionLabel, type LogEntry } from "../../lib/interviewLive";
import { RoomLog } from "./RoomLog";

function fromTurns(interview: Interview): LogEntry[] {
  return (interview.turns ?? []).map((t) => ({ key: `t${t.seq}`, speaker: t.speaker, kind: t.speaker === "candidate" ? "typed" : t.kind, text: t.text }));
}

/** The same interview with typed answers: the interviewer's lines as text, each answer posted, Finish for the report. */
export function TextRoom({ interview, onFinished }: { interview: Interview; onFinished: () => void }) {
  const [log, setLog] = useState<LogEntry[]>(() => fromTurns(interview));
  const [current, setCurrent] = useState(interview);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [finished, setFinished] = useState(false);

  const handle = async (work: () => Promise<Awaited<ReturnType<typeof interviews.answer>>>, typed: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const reply = await work();
      setLog((before) => [
        ...before,
        ...(typed ? [{ key: `a${before.length}`, speaker: "candidate" as const, kind: "typed", text: typed }] : []),
        ...reply.lines.map((line, i) => ({ key: `l${before.length}-${i}`, speaker: "interviewer" as const, kind: line.kind, text: line.text })),
      ]);
      setCurrent(reply.interview);
      if (typed) setText("");
      if (reply.report) {
        setFinished(true);
        onFinished();
      }
    } catch (e) {
      setError(e instanceof ApiError ? plainMessage(e) : "The server could not be reached. Try again.");
    } finally {
      setBusy(false);
    }
  };

  const lastLine = [...log].reverse().find((entry) => entry.speaker === "interviewer");

  return (
    <section className="card interview-room interview-room--text" aria-labelledby="room-title" data-testid="interview-room" data-phase={finished ? "finished" : busy ? "thinking" : "live"}>
      <header className="interview-room__head">
        <h2 id="room-title" className="card__title" lang={interview.language}>
          {interview.title}
        </h2>
        <p className="interview-room__facts">
          <span data-testid="room-question">{questionLabel(current.question_index, current.questions)}</span>
          <span>Typed answers</span>
        </p>
      </header>
      <div className="iv-caption iv-caption--interviewer">
        <p className="iv-caption__who">Interviewer</p>
        <p className="iv-caption__text" aria-live="polite" data-testid="caption-interviewer" lang={interview.language}>
          {busy ? "…" : lastLine?.text}
        </p>
      </div>
      {finished ? (
        <p role="status">The interview is over: preparing your report…</p>
      ) : (
      <form
        className="iv-text-answer"
        onSubmit={(e) => {
          e.preventDefault();
          const typed = text.trim();
          if (!typed) {
            setError("Type your answer first.");
            return;
          }
          void handle(() => interviews.answer(interview.id, typed), typed);
        }}
      >
        <div className="field">
          <label htmlFor="text-answer">Your answer</label>
          <textarea id="text-answer" rows={6} value={text} maxLength={6000} lang={interview.language} onChange={(e) => setText(e.target.value)} disabled={busy} aria-describedby={error ? "text-answer-error" : "text-answer-help"} />
          <p id="text-answer-help" className="help">
            Answer as you would out loud: a story with its situation, what you did and the result.
          </p>
          {error ? (
            <p id="text-answer-error" className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <p className="button-row">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? "Sending…" : "Send answer"}
          </button>
          <button type="button" className="button button--danger-outline" disabled={busy} onClick={() => void handle(() => interviews.finish(interview.id), null)}>
            Finish now
          </button>
        </p>
      </form>
      )}
      <RoomLog log={log} language={interview.language} />
    </section>
  );
}

import type { LogEntry } from "../../lib/interviewLive";

const KIND_WORDS: Record<string, string> = {
  opening: "Welcome",
  question: "Question",
  follow_up: "Follow-up",
  rephrase: "In other words",
  acknowledge: "",
  closing: "Closing",
  still_there: "",
  time_cut: "",
  answer: "",
  typed: "",
};

/** What has been said so far in this visit, both voices, in order. */
export function RoomLog({ log, language }: { log: readonly LogEntry[]; language: string }) {
  if (log.length === 0) return null;
  return (
    <section className="iv-room-log" aria-labelledby="room-log-title">
      <h3 id="room-log-title" className="subheading">
        Transcript
      </h3>
      <ol className="iv-room-log__list" data-testid="room-log">
        {log.map((entry) => (
          <li key={entry.key} className={`iv-room-log__item iv-room-log__item--${entry.speaker}`} data-kind={entry.kind} data-speaker={entry.speaker}>
            <span className="iv-room-log__who">
              {entry.speaker === "interviewer" ? "Interviewer" : "You"}
              {KIND_WORDS[entry.kind] ? ` · ${KIND_WORDS[entry.kind]}` : ""}
              {entry.interrupted ? " · interrupted" : ""}
            </span>
            <span className="iv-room-log__text" lang={language}>
              {entry.text}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

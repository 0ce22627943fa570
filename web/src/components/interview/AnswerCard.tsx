import type { InterviewTurn, ReportAnswer } from "../../api/interviews";
import { DIMENSIONS } from "../../api/interviews";
import { DIMENSION_INFO, MOMENT_WORDS, momentInRecording, partName, soundText, splitKeyPoints, timeText } from "../../lib/interviewReport";
import { ScoreBadge } from "./ScoreBadge";

/** One question of the report: the answer, its scores, key points covered and missed, the story's parts, delivery moments and the suggestion. */
export function AnswerCard({ answer, index, turns, language, onSeek }: { answer: ReportAnswer; index: number; turns: readonly InterviewTurn[]; language: string; onSeek: ((seconds: number) => void) | null }) {
  const titleId = `answer-${index}-title`;
  if (!answer.answered) {
    return (
      <section className="card iv-answer-card iv-answer-card--unanswered" aria-labelledby={titleId} data-testid="report-answer">
        <h3 id={titleId} className="iv-answer-card__question">
          <span className="iv-answer-card__number">Question {index + 1}</span> <span lang={language}>{answer.question}</span>
        </h3>
        <p className="muted">Not answered: it counts as zero in the overall score.</p>
      </section>
    );
  }
  const { covered, missed } = splitKeyPoints(answer);
  const parts = answer.structure?.parts ?? [];
  const moments = answer.delivery?.moments ?? [];
  return (
    <section className="card iv-answer-card" aria-labelledby={titleId} data-testid="report-answer" data-question={answer.question_id}>
      <div className="iv-answer-card__head">
        <h3 id={titleId} className="iv-answer-card__question">
          <span className="iv-answer-card__number">Question {index + 1}</span> <span lang={language}>{answer.question}</span>
        </h3>
        <ScoreBadge score={answer.scores?.overall} label="Answer score" />
      </div>
      <blockquote className="iv-answer-card__answer" lang={language}>
        {answer.answer}
      </blockquote>
      <dl className="iv-answer-scores">
        {DIMENSIONS.map((name) => (
          <div key={name} className="iv-answer-scores__item">
            <dt>{DIMENSION_INFO[name].label}</dt>
            <dd>{answer.scores?.[name] ?? "—"}</dd>
          </div>
        ))}
      </dl>
      {answer.on_topic === false ? <p className="notice">This answer was off the topic of the question.</p> : null}
      <div className="iv-answer-card__grid">
        <div>
          <h4 className="subheading">Key points covered</h4>
          {covered.length ? (
            <ul className="iv-keypoints iv-keypoints--covered" data-testid="keypoints-covered">
              {covered.map((k) => (
                <li key={k.point}>
                  <span lang={language}>{k.point}</span>
                  {k.evidence ? (
                    <q className="iv-evidence" lang={language}>
                      {k.evidence}
                    </q>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">None yet.</p>
          )}
          <h4 className="subheading">Key points missed</h4>
          {missed.length ? (
            <ul className="iv-keypoints iv-keypoints--missed" data-testid="keypoints-missed">
              {missed.map((k) => (
                <li key={k.point} lang={language}>
                  {k.point}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">None: every key point was covered.</p>
          )}
        </div>
        <div>
          {parts.length ? (
            <>
              <h4 className="subheading">{answer.structure?.shape === "star" ? "STAR story" : "Structure"}</h4>
              <ul className="iv-star-parts" data-testid="star-parts">
                {parts.map((p) => (
                  <li key={p.name} className={p.found ? "iv-star-part iv-star-part--found" : "iv-star-part iv-star-part--missing"} data-part={p.name} data-found={p.found}>
                    <strong>{partName(p.name)}</strong> {p.found ? "found" : "missing"}
                    {p.evidence ? (
                      <q className="iv-evidence" lang={language}>
                        {p.evidence}
                      </q>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {answer.delivery ? (
            <>
              <h4 className="subheading">Delivery</h4>
              <p className="small">
                {answer.delivery.spoken ? `${Math.round(answer.delivery.seconds)} s spoken` : `about ${Math.round(answer.delivery.seconds)} s if said aloud (typed)`} (target {answer.target_seconds.min}–{answer.target_seconds.max} s)
                {answer.delivery.words_per_minute ? `, ${Math.round(answer.delivery.words_per_minute)} words a minute` : ""}, {answer.delivery.fillers} filler{answer.delivery.fillers === 1 ? "" : "s"}, {answer.delivery.restarts} restart{answer.delivery.restarts === 1 ? "" : "s"}
                {answer.delivery.spoken ? `, ${answer.delivery.long_pauses} long pause${answer.delivery.long_pauses === 1 ? "" : "s"}` : ""}.
              </p>
              {soundText(answer.delivery.sound) ? (
                <p className="small" data-testid="delivery-sound">
                  {soundText(answer.delivery.sound)}
                </p>
              ) : null}
              {moments.length ? (
                <ul className="iv-moments" data-testid="delivery-moments">
                  {moments.map((m, i) => {
                    const at = momentInRecording(turns, answer.question_id, m.start);
                    const words = `${MOMENT_WORDS[m.kind] ?? m.kind}${m.text ? `: “${m.text}”` : ""}`;
                    return (
                      <li key={i}>
                        {onSeek && at !== null ? (
                          <button type="button" className="iv-moment-link" onClick={() => onSeek(at)} data-seek={at.toFixed(2)}>
                            {timeText(at)} {words}
                          </button>
                        ) : (
                          <span>
                            {timeText(m.start)} into the answer: {words}
                          </span>
                        )}
                      </li>
                    );
                  })}
                </ul>
              ) : null}
            </>
          ) : null}
        </div>
      </div>
      {answer.suggestion ? (
        <p className="iv-answer-card__suggestion">
          <strong>Suggestion:</strong> <span lang={language}>{answer.suggestion}</span>
        </p>
      ) : null}
    </section>
  );
}

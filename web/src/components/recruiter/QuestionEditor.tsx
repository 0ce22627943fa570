import { emptyFollowUp, fieldId, FOLLOW_UP_WHEN, LIMITS, STRUCTURES, type FollowUpForm, type QuestionForm } from "../../lib/recruiterForm";
import { FieldError } from "../FieldError";
import { describedBy, Group, InputField, SelectField, type Problems } from "./fields";

interface Props {
  question: QuestionForm;
  index: number;
  count: number;
  problems: Problems;
  onChange: (question: QuestionForm) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

/** One question of the rubric: what is asked, what a good answer covers, and what to say when it falls short. */
export function QuestionEditor({ question: q, index, count, problems, onChange, onMove, onRemove }: Props) {
  const at = `questions.${index}`;
  const number = index + 1;
  const headingId = `${fieldId(at)}-title`;
  const set = (patch: Partial<QuestionForm>) => onChange({ ...q, ...patch });
  const setPoint = (k: number, value: string) => set({ keyPoints: q.keyPoints.map((p, i) => (i === k ? value : p)) });
  const setFollowUp = (f: number, patch: Partial<FollowUpForm>) => set({ followUps: q.followUps.map((x, i) => (i === f ? { ...x, ...patch } : x)) });
  const unusedWhen = FOLLOW_UP_WHEN.find((w) => !q.followUps.some((f) => f.when === w.value))?.value ?? "vague";

  return (
    <li className="question-card" data-testid="question">
      <section id={fieldId(at)} aria-labelledby={headingId} aria-describedby={describedBy(problems, [at])}>
        <div className="question-card__head">
          <h3 id={headingId} tabIndex={-1} data-question-key={q.key}>
            Question {number}
          </h3>
          <div className="button-row">
            <button type="button" className="button button--small button--secondary" onClick={() => onMove(index - 1)} disabled={index === 0}>
              Move up<span className="visually-hidden"> question {number}</span>
            </button>
            <button type="button" className="button button--small button--secondary" onClick={() => onMove(index + 1)} disabled={index === count - 1}>
              Move down<span className="visually-hidden"> question {number}</span>
            </button>
            <button type="button" className="button button--small button--danger-outline" onClick={onRemove} disabled={count <= LIMITS.questions.min}>
              Remove<span className="visually-hidden"> question {number}</span>
            </button>
          </div>
        </div>
        <FieldError id={`${fieldId(at)}-error`} message={problems.get(at) ?? null} />

        <InputField path={`${at}.text`} label={`Question ${number}: what the interviewer asks`} value={q.text} onValue={(text) => set({ text })} problems={problems} multiline help="As spoken: one or two natural sentences." />
        <InputField path={`${at}.intent`} label={`Question ${number}: intent`} value={q.intent} onValue={(intent) => set({ intent })} problems={problems} multiline help="What the interviewer wants to learn from the answer." />
        <div className="field-grid">
          <SelectField path={`${at}.structure`} label={`Question ${number}: expected structure`} value={q.structure} options={STRUCTURES} onValue={(structure) => set({ structure })} problems={problems} />
          <InputField path={`${at}.id`} label={`Question ${number}: id`} value={q.id} onValue={(id) => set({ id })} problems={problems} help="Unique in the scenario: lowercase letters, digits, hyphens." />
        </div>

        <Group path={`${at}.key_points`} legend={`Question ${number}: key points`} problems={problems} help={`Short phrases a good answer covers, matched by meaning (${LIMITS.keyPoints.min} to ${LIMITS.keyPoints.max}).`}>
          <ol className="list-rows">
            {q.keyPoints.map((point, k) => (
              <li key={k} className="list-row">
                <InputField path={`${at}.key_points.${k}`} label={`Key point ${k + 1}`} value={point} onValue={(v) => setPoint(k, v)} problems={problems} groups={[`${at}.key_points`]} maxLength={200} />
                <button
                  type="button"
                  className="button button--small button--secondary"
                  onClick={() => set({ keyPoints: q.keyPoints.filter((_, i) => i !== k) })}
                  disabled={q.keyPoints.length <= LIMITS.keyPoints.min}
                >
                  Remove<span className="visually-hidden"> key point {k + 1} of question {number}</span>
                </button>
              </li>
            ))}
          </ol>
          <p>
            <button type="button" className="button button--small button--secondary" onClick={() => set({ keyPoints: [...q.keyPoints, ""] })} disabled={q.keyPoints.length >= LIMITS.keyPoints.max}>
              Add a key point<span className="visually-hidden"> to question {number}</span>
            </button>
          </p>
        </Group>

        <Group path={`${at}.target_seconds`} legend={`Question ${number}: target length of a spoken answer`} problems={problems} help={`In seconds, from ${LIMITS.seconds.min} to ${LIMITS.seconds.max}; the shortest below the longest.`}>
          <div className="field-grid">
            <InputField path={`${at}.target_seconds.min`} label="Shortest (seconds)" type="number" min={LIMITS.seconds.min} max={LIMITS.seconds.max} value={q.minSeconds} onValue={(minSeconds) => set({ minSeconds })} problems={problems} groups={[`${at}.target_seconds`]} />
            <InputField path={`${at}.target_seconds.max`} label="Longest (seconds)" type="number" min={LIMITS.seconds.min} max={LIMITS.seconds.max} value={q.maxSeconds} onValue={(maxSeconds) => set({ maxSeconds })} problems={problems} groups={[`${at}.target_seconds`]} />
          </div>
        </Group>

        <Group path={`${at}.follow_ups`} legend={`Question ${number}: follow-ups`} problems={problems} help="What the interviewer says when an answer falls short, one per shortfall. A STAR question needs one for a story without its result.">
          <ol className="list-rows">
            {q.followUps.map((f, i) => (
              <li key={f.key} className="follow-up-row" data-testid="follow-up">
                <SelectField path={`${at}.follow_ups.${i}.when`} label={`Follow-up ${i + 1}: when`} value={f.when} options={FOLLOW_UP_WHEN} onValue={(when) => setFollowUp(i, { when })} problems={problems} />
                <InputField path={`${at}.follow_ups.${i}.text`} label={`Follow-up ${i + 1}: what the interviewer says`} value={f.text} onValue={(text) => setFollowUp(i, { text })} problems={problems} groups={[`${at}.follow_ups.${i}`]} />
                <button
                  type="button"
                  className="button button--small button--secondary"
                  onClick={() => set({ followUps: q.followUps.filter((_, j) => j !== i) })}
                  disabled={q.followUps.length <= LIMITS.followUps.min}
                >
                  Remove<span className="visually-hidden"> follow-up {i + 1} of question {number}</span>
                </button>
              </li>
            ))}
          </ol>
          <p>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => set({ followUps: [...q.followUps, emptyFollowUp(unusedWhen)] })}
              disabled={q.followUps.length >= LIMITS.followUps.max}
            >
              Add a follow-up<span className="visually-hidden"> to question {number}</span>
            </button>
          </p>
        </Group>
      </section>
    </li>
  );
}

import { useMemo } from "react";
import { recordingUrl, type CoachAnalytics, type CoachFeedback, type CoachSession } from "../../api/coach";
import { stats } from "../../lib/coachCharts";
import { clock, typeName } from "../../lib/coachLive";
import { comparisonRows, formatMetric } from "../../lib/coachReport";
import { dateTime } from "../../lib/dates";
import { FeedbackList } from "./FeedbackList";
import { Replay } from "./Replay";
import { TimeChart, type Marker } from "./TimeChart";

interface Props {
  session: CoachSession;
  feedback: CoachFeedback;
  analytics: CoachAnalytics;
  /** The target pace band, when known. */
  band: readonly [number, number] | null;
}

const VERDICT_WORDS = { better: "Better", worse: "Worse", same: "About the same" } as const;

function scoreWord(score: number): string {
  return score >= 80 ? "Strong" : score >= 60 ? "Good, with things to work on" : score >= 40 ? "Getting there" : "Plenty to work on";
}

/** A finished session's report: score, what to work on first, strengths, charts, replay, comparison, milestones. */
export function ReportView({ session, feedback, analytics, band }: Props) {
  const language = session.language;
  const summary = analytics.summary;
  const duration = summary?.duration_seconds ?? session.audio_seconds;
  const rows = comparisonRows(feedback.comparison, band);
  const milestones = feedback.milestones ?? [];

  const markers = useMemo<Marker[]>(
    () => [
      ...analytics.pauses.filter((p) => p.long).map((p): Marker => ({ at: p.start, until: p.end, kind: "pause" })),
      ...analytics.fillers.map((f): Marker => ({ at: f.start, kind: "filler" })),
    ],
    [analytics],
  );
  const pace = analytics.pace.map((w) => ({ start: w.start, end: w.end, value: w.words_per_minute }));
  const volume = useMemo(() => analytics.volume.map((p) => ({ x: p.t, y: p.lufs })), [analytics]);
  const pitch = useMemo(() => analytics.pitch.map((p) => ({ x: p.t, y: p.hz })), [analytics]);
  const paceStats = stats(pace.map((p) => p.value));
  const volumeStats = stats(volume.map((p) => p.y));
  const pitchStats = stats(pitch.map((p) => p.y));
  const longPauses = analytics.pauses.filter((p) => p.long).length;

  return (
    <article className="report" data-testid="coach-report" aria-labelledby="report-title">
      <header className="card report__head">
        <div>
          <h2 id="report-title" className="report__title">
            {session.title}
          </h2>
          <p className="muted small">
            {typeName(session.session_type)} · {language === "fr" ? "French" : "English"} · {dateTime(session.ended_at ?? session.created_at)} · {clock(duration)}
            {session.status === "interrupted" ? " · interrupted: the report covers what was received" : ""}
          </p>
        </div>
        <div className="score" data-testid="coach-score">
          {feedback.score !== null ? (
            <>
              <p className="score__value">
                <span data-testid="coach-score-value">{feedback.score}</span>
                <span className="score__out-of">/100</span>
              </p>
              <p className="score__word">{scoreWord(feedback.score)}</p>
            </>
          ) : (
            <p className="score__word">No score: no speech was found.</p>
          )}
        </div>
        {summary ? (
          <dl className="facts report__facts">
            <div>
              <dt>Pace</dt>
              <dd>{formatMetric("words_per_minute", summary.words_per_minute)}</dd>
            </div>
            <div>
              <dt>Fillers</dt>
              <dd>
                {analytics.fillers.length} ({formatMetric("fillers_per_minute", summary.fillers_per_minute)})
              </dd>
            </div>
            <div>
              <dt>Pausing</dt>
              <dd>
                {formatMetric("pause_ratio", summary.pause_ratio)} of the time, {longPauses} long
              </dd>
            </div>
            <div>
              <dt>Loudness</dt>
              <dd>{formatMetric("speech_lufs", summary.speech_lufs)}</dd>
            </div>
            <div>
              <dt>Pitch variation</dt>
              <dd>{formatMetric("pitch_variation_semitones", summary.pitch_variation_semitones)}</dd>
            </div>
          </dl>
        ) : null}
      </header>

      {feedback.ai_summary ? (
        <section className="card" aria-labelledby="ai-summary-title">
          <h2 id="ai-summary-title" className="card__title">
            Your coach's summary
          </h2>
          <p lang={language} className="report__ai">
            {feedback.ai_summary}
          </p>
        </section>
      ) : null}

      <div className="report__columns">
        <section className="card" aria-labelledby="priorities-title">
          <h2 id="priorities-title" className="card__title">
            Work on these first
          </h2>
          {feedback.priorities.length ? (
            <FeedbackList items={feedback.priorities} language={language} testId="coach-priorities" />
          ) : (
            <p className="muted">Nothing stands out to fix: keep practising what you did.</p>
          )}
        </section>
        <section className="card" aria-labelledby="strengths-title">
          <h2 id="strengths-title" className="card__title">
            What went well
          </h2>
          {feedback.strengths.length ? (
            <FeedbackList items={feedback.strengths} language={language} testId="coach-strengths" strengths />
          ) : (
            <p className="muted">Strengths show up here once a talk reaches its targets.</p>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="charts-title">
        <h2 id="charts-title" className="card__title">
          Over the talk
        </h2>
        <div className="charts">
          <TimeChart
            title="Pace"
            unit="words per minute"
            duration={duration}
            steps={pace}
            band={band}
            minSpan={40}
            floor={0}
            markers={markers}
            testId="chart-pace"
            summary={
              paceStats
                ? `Between ${Math.round(paceStats.min)} and ${Math.round(paceStats.max)} words per minute over ${pace.length} stretch${pace.length === 1 ? "" : "es"} of the talk${band ? `; target ${band[0]}–${band[1]}, shaded` : ""}.`
                : "Too little speech to chart the pace."
            }
          />
          <TimeChart
            title="Volume"
            unit="LUFS"
            duration={duration}
            line={volume}
            band={[-30, -12]}
            minSpan={10}
            markers={markers}
            testId="chart-volume"
            summary={volumeStats ? `Loudness from ${volumeStats.min.toFixed(0)} to ${volumeStats.max.toFixed(0)} LUFS; speech carries best between −30 and −12, shaded. Gaps are silences.` : "No sound to chart."}
          />
          <TimeChart
            title="Pitch"
            unit="Hz"
            duration={duration}
            line={pitch}
            minSpan={60}
            floor={0}
            markers={markers}
            testId="chart-pitch"
            summary={pitchStats ? `Pitch from ${Math.round(pitchStats.min)} to ${Math.round(pitchStats.max)} Hz, around ${Math.round(pitchStats.mean)} Hz. Gaps are where there was no voice.` : "No voiced speech to chart."}
          />
        </div>
        <p className="chart-legend muted small">
          <span className="chart-legend__filler" aria-hidden="true" /> a filler · <span className="chart-legend__pause" aria-hidden="true" /> a long pause (2 s or more)
        </p>
      </section>

      {session.has_recording ? <Replay src={recordingUrl(session.id)} words={analytics.words} fillers={analytics.fillers} pauses={analytics.pauses} language={language} /> : null}

      <div className="report__columns">
        <section className="card" aria-labelledby="comparison-title">
          <h2 id="comparison-title" className="card__title">
            Compared with earlier sessions
          </h2>
          {feedback.comparison && feedback.comparison.sessions > 0 ? (
            <>
              <p className="muted small">
                The average of your {feedback.comparison.sessions} earlier {typeName(session.session_type).toLowerCase()} session
                {feedback.comparison.sessions === 1 ? "" : "s"} in {language === "fr" ? "French" : "English"}.
              </p>
              <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="comparison-title">
                <table className="compare coach-compare" data-testid="coach-comparison">
                  <thead>
                    <tr>
                      <th scope="col">Measure</th>
                      <th scope="col">This talk</th>
                      <th scope="col">Before</th>
                      <th scope="col">Change</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.metric}>
                        <th scope="row">{row.label}</th>
                        <td>{row.now}</td>
                        <td>{row.previous}</td>
                        <td>
                          {row.change}
                          {row.verdict ? <span className={`verdict verdict--${row.verdict}`}>{VERDICT_WORDS[row.verdict]}</span> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <p className="muted" data-testid="coach-comparison-first">
              Your first {typeName(session.session_type).toLowerCase()} session in {language === "fr" ? "French" : "English"}: the next ones are compared with it.
            </p>
          )}
        </section>
        <section className="card" aria-labelledby="milestones-title">
          <h2 id="milestones-title" className="card__title">
            Milestones
          </h2>
          {milestones.length ? (
            <ul className="milestones milestones--earned" data-testid="coach-milestones">
              {milestones.map((m) => (
                <li key={m.code} className="milestone milestone--earned">
                  <Medal />
                  <span>
                    <strong lang={language}>{m.title}</strong>
                    <span className="milestone__text" lang={language}>
                      {m.description}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No new milestone in this session. See them all on the Progress page.</p>
          )}
        </section>
      </div>
    </article>
  );
}

export function Medal({ earned = true }: { earned?: boolean }) {
  return (
    <svg className={`medal${earned ? "" : " medal--locked"}`} aria-hidden="true" viewBox="0 0 24 24" width="28" height="28">
      <path d="M7 2h4l2 5-3 2zM17 2h-4l-2 5 3 2z" fill="currentColor" opacity=".55" />
      <circle cx="12" cy="15" r="7" fill="currentColor" />
      <path d="M12 11l1.2 2.5 2.8.4-2 1.9.5 2.7L12 17.2l-2.5 1.3.5-2.7-2-1.9 2.8-.4z" fill="var(--surface)" />
    </svg>
  );
}

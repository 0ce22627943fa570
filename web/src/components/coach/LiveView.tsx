import { useEffect, useRef } from "react";
import { clock, type LiveState } from "../../lib/coachLive";
import { CueCard } from "./CueCard";
import { FillerCounter, PaceGauge, PauseIndicator, PitchTrace, VolumeMeter } from "./LiveMeters";
import { LiveTranscript } from "./LiveTranscript";

interface Props {
  title: string;
  language: string;
  liveCues: boolean;
  state: LiveState;
  onPause: () => void;
  onResume: () => void;
  onStop: () => void;
  onReconnect: () => void;
  onLeave: () => void;
}

const PHASE_WORDS = {
  connecting: "Connecting…",
  live: "Listening",
  paused: "Paused",
  finishing: "Writing your report…",
  done: "Done",
  lost: "Connection lost",
} as const;

/** The live session: status and controls, the cue, the meters and the transcript. */
export function LiveView({ title, language, liveCues, state, onPause, onResume, onStop, onReconnect, onLeave }: Props) {
  const { phase, metrics } = state;
  const talking = phase === "live" || phase === "paused";
  const heading = useRef<HTMLHeadingElement>(null);
  // The set-up form the focus was in is gone: start from the session's title.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="live" aria-labelledby="live-title" data-testid="coach-live" data-phase={phase}>
      <div className="live__bar card">
        <div className="live__status">
          <h2 id="live-title" className="live__title" ref={heading} tabIndex={-1}>
            {title}
          </h2>
          <p className="live__phase">
            <span className={`live__dot live__dot--${phase}`} aria-hidden="true" />
            <span data-testid="coach-phase">{PHASE_WORDS[phase]}</span>
            <span className="live__clock">
              <span className="visually-hidden">Elapsed </span>
              {clock(metrics?.elapsed_seconds ?? state.resumedAt)}
            </span>
            <span className="muted small">
              · <span data-testid="meter-words">{metrics?.word_count ?? 0}</span> words
            </span>
          </p>
        </div>
        <div className="button-row live__controls">
          {talking ? (
            // One button that changes its label, so the focus stays on it.
            <button type="button" className="button button--secondary" onClick={phase === "live" ? onPause : onResume}>
              {phase === "live" ? "Pause" : "Resume"}
            </button>
          ) : null}
          {talking ? (
            <button type="button" className="button button--primary" onClick={onStop}>
              Stop and see the report
            </button>
          ) : null}
          {phase === "lost" ? (
            <>
              <button type="button" className="button button--primary" onClick={onReconnect}>
                Reconnect
              </button>
              <button type="button" className="button button--secondary" onClick={onLeave}>
                Leave
              </button>
            </>
          ) : null}
          {phase === "finishing" || phase === "connecting" ? (
            <p className="notice" role="status">
              <span className="spinner" aria-hidden="true" /> {phase === "finishing" ? "Analysing the whole talk…" : "Starting the session…"}
            </p>
          ) : null}
        </div>
      </div>

      {state.error ? (
        <div className="notice notice--error" role="alert" data-testid="coach-error">
          <p>{state.error.message.charAt(0).toUpperCase() + state.error.message.slice(1)}</p>
        </div>
      ) : null}

      <CueCard cue={state.cue} language={language} enabled={liveCues} />

      <div className="meters">
        <PaceGauge metrics={metrics} />
        <FillerCounter metrics={metrics} language={language} />
        <VolumeMeter metrics={metrics} />
        <PitchTrace metrics={metrics} points={state.pitch} />
        <PauseIndicator metrics={metrics} />
      </div>

      <LiveTranscript pieces={state.transcript} caption={state.caption} language={language} lag={metrics?.transcript_lag_seconds ?? 0} />

      {state.milestones.length > 0 ? (
        <ul className="milestone-toasts" aria-label="Milestones earned">
          {state.milestones.map((m) => (
            <li key={m.code} className="milestone-toast" lang={language}>
              <strong>{m.title}</strong> {m.description}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

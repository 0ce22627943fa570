import { useEffect, useRef, useState } from "react";
import { ApiError, isAbort, plainMessage, sleep } from "../../api/client";
import { clones, type ClonedVoice } from "../../api/voices";
import { etaText, progressShare, score, stageText } from "../../lib/cloning";
import { Link, ROUTES } from "../../router";
import { refreshVoices } from "../../state/voices";
import { CloneResult } from "./CloneResult";

const POLL_MS = 1500;

interface Props {
  voiceId: string;
  /** Back to the form; with the draft of this clone when there is one. */
  onStartAgain: () => void;
  canRestoreDraft: boolean;
  /** Told each fresh look at the voice, so the list below shows the same state. */
  onVoice: (voice: ClonedVoice) => void;
}

/** One cloned voice: its progress while cloning (polled), then its result, or why it stopped. */
export function CloneView({ voiceId, onStartAgain, canRestoreDraft, onVoice }: Props) {
  const [voice, setVoice] = useState<ClonedVoice | null>(null);
  const [problem, setProblem] = useState<{ message: string; gone: boolean } | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const card = useRef<HTMLElement>(null);
  const onVoiceRef = useRef(onVoice);
  onVoiceRef.current = onVoice;
  const title = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    let sawCloning = false;
    void (async () => {
      for (let failures = 0; ; ) {
        let wait = POLL_MS;
        try {
          const next = await clones.get(voiceId, controller.signal);
          failures = 0;
          setVoice(next);
          onVoiceRef.current(next);
          setProblem(null);
          if (next.status !== "cloning") {
            if (sawCloning) void refreshVoices(); // the Studio and the lists learn it is ready (or not)
            return;
          }
          sawCloning = true;
        } catch (error) {
          if (isAbort(error) || controller.signal.aborted) return;
          if (error instanceof ApiError && error.status === 404) {
            setProblem({ message: "There is no cloned voice with this id that you may see. It may have been deleted.", gone: true });
            return;
          }
          failures += 1;
          const message = error instanceof ApiError ? plainMessage(error) : "Could not check on the clone.";
          const retryable = !(error instanceof ApiError) || error.retryable;
          if (!retryable || failures > 8) {
            setProblem({ message, gone: false });
            return;
          }
          setProblem({ message: `${message} Trying again…`, gone: false });
          wait = error instanceof ApiError && error.retryAfter !== null ? error.retryAfter * 1000 : Math.min(15_000, POLL_MS * 2 ** failures);
        }
        try {
          await sleep(wait, controller.signal);
        } catch {
          return;
        }
      }
    })();
    return () => controller.abort();
  }, [voiceId, attempt]);

  // When the progress card gives way to the result, a keyboard user's focus (on Cancel) moves with it.
  const status = voice?.status;
  useEffect(() => {
    if (!status) return;
    const active = document.activeElement;
    if (active === document.body || (active && card.current?.contains(active)) || !document.contains(active)) title.current?.focus({ preventScroll: true });
  }, [status]);

  const cancel = async () => {
    if (!voice?.job_id) return;
    setCancelling(true);
    setCancelError(null);
    try {
      await clones.cancel(voice.job_id);
      const next = await clones.get(voiceId);
      setVoice(next);
      onVoice(next);
      void refreshVoices();
    } catch (error) {
      setCancelError(error instanceof ApiError ? plainMessage(error) : "Could not cancel. Try again.");
    } finally {
      setCancelling(false);
    }
  };

  if (problem && (problem.gone || !voice)) {
    return (
      <section className="card clone-view" aria-labelledby="clone-view-title" data-testid="clone-missing">
        <h2 id="clone-view-title" className="card__title">
          {problem.gone ? "Voice not found" : "Could not load the voice"}
        </h2>
        <p className={problem.gone ? undefined : "notice notice--error"} role="alert">
          {problem.message}
        </p>
        <p className="button-row">
          {problem.gone ? null : (
            <button type="button" className="button button--secondary" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
          )}
          <Link to={ROUTES.clone} className="button button--secondary">
            Clone a voice
          </Link>
        </p>
      </section>
    );
  }
  if (!voice) {
    return (
      <p className="notice" role="status">
        <span className="spinner" aria-hidden="true" /> Loading the voice…
      </p>
    );
  }

  if (voice.status === "ready") return <CloneResult voice={voice} titleRef={title} />;

  if (voice.status === "cloning") {
    const share = progressShare(voice.progress);
    const percent = share === null ? null : Math.round(share * 100);
    const progress = voice.progress;
    const eta = etaText(progress?.eta_seconds);
    return (
      <section ref={card} className="card clone-view" aria-labelledby="clone-view-title" data-testid="clone-progress">
        <h2 id="clone-view-title" ref={title} tabIndex={-1} className="card__title">
          Cloning “{voice.name}”
        </h2>
        <p className="clone-progress__stage" role="status" data-testid="clone-stage">
          {stageText(progress)}…
        </p>
        <div className="progress clone-progress__bar">
          <div
            className={`progress__track${percent === null ? " progress__track--indeterminate" : ""}`}
            role="progressbar"
            aria-label="Cloning progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent ?? undefined}
            aria-valuetext={percent === null ? "Starting" : `${percent}%, ${progress?.done} of ${progress?.total} renders`}
          >
            <div className="progress__bar" style={percent === null ? undefined : { width: `${Math.max(3, percent)}%` }} />
          </div>
          <span className="progress__text" data-testid="clone-percent">
            {percent === null ? "starting" : `${percent}%`}
          </span>
        </div>
        <dl className="facts facts--inline clone-progress__facts">
          <div>
            <dt>Renders</dt>
            <dd data-testid="clone-done">{progress?.total ? `${progress.done} of ${progress.total}` : "—"}</dd>
          </div>
          <div>
            <dt>Best similarity so far</dt>
            <dd data-testid="clone-best">{score(progress?.best_similarity)}</dd>
          </div>
          <div>
            <dt>Time left</dt>
            <dd data-testid="clone-eta">{eta || "estimating…"}</dd>
          </div>
        </dl>
        <p className="help">
          Each render speaks a test sentence with a candidate voice and compares it with the sample. The score so far is the
          search's own; the result is measured again by an independent encoder. You can leave this page: the clone goes on,
          and your voices below show when it is ready.
        </p>
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={() => void cancel()} disabled={cancelling || !voice.job_id}>
            {cancelling ? "Cancelling…" : "Cancel cloning"}
          </button>
        </div>
        {cancelError ? (
          <p className="field-error" role="alert">
            {cancelError}
          </p>
        ) : null}
        {problem ? (
          <p className="muted small" role="status">
            {problem.message}
          </p>
        ) : null}
      </section>
    );
  }

  const cancelled = voice.status === "cancelled";
  return (
    <section ref={card} className="card clone-view" aria-labelledby="clone-view-title" data-testid="clone-stopped">
      <h2 id="clone-view-title" ref={title} tabIndex={-1} className="card__title">
        {cancelled ? `Cloning “${voice.name}” was cancelled` : `Cloning “${voice.name}” failed`}
      </h2>
      <p className={cancelled ? undefined : "notice notice--error"}>
        {cancelled
          ? "Nothing more is computed for this voice. Start again whenever you like."
          : plainMessage(new ApiError(0, voice.error?.code ?? "failed", voice.error?.message || "The clone did not finish."))}
      </p>
      <p className="button-row">
        <button type="button" className="button button--primary" onClick={onStartAgain}>
          {canRestoreDraft ? "Start again with the same sample" : "Clone a voice"}
        </button>
      </p>
    </section>
  );
}

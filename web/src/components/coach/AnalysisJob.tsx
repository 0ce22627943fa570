import { useEffect, useState } from "react";
import { ApiError, isAbort, plainMessage, sleep } from "../../api/client";
import { jobs, type Job } from "../../api/history";
import { analysisStage } from "../../lib/coachReport";

const POLL_MS = 1500;
const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

/**
 * A long recording (or a live session a restarted server left) is analysed by a job: its stage and
 * progress, polled until it is done; `onDone` then loads the report.
 */
export function AnalysisJob({ jobId, onDone }: { jobId: string; onDone: () => void }) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      for (;;) {
        const current = await jobs.get(jobId, controller.signal);
        setJob(current);
        if (current.status === "succeeded") return onDone();
        if (FINISHED.has(current.status)) return;
        await sleep(POLL_MS, controller.signal);
      }
    })().catch((e: unknown) => {
      if (!isAbort(e)) setError(e instanceof ApiError ? plainMessage(e) : "Could not follow the analysis. Reload the page to try again.");
    });
    return () => controller.abort();
  }, [jobId, onDone]);

  const percent = job?.progress.percent ?? null;
  const failed = job && (job.status === "failed" || job.status === "cancelled");
  return (
    <section className="card analysis-job" aria-labelledby="analysis-job-title" data-testid="coach-analysis-job">
      <h2 id="analysis-job-title" className="card__title">
        Analysing the talk
      </h2>
      {failed ? (
        <p className="field-error" role="alert">
          {job.status === "cancelled" ? "The analysis was cancelled." : `The analysis failed: ${job.error?.message ?? "see the server's log"}.`}
        </p>
      ) : (
        <>
          <p>A long talk is analysed in the background: you can leave this page and come back to the report later.</p>
          <div className="progress">
            <div
              className={`progress__track${percent === null ? " progress__track--indeterminate" : ""}`}
              role="progressbar"
              aria-label="Analysis"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent ?? undefined}
            >
              <div className="progress__bar" style={percent === null ? undefined : { width: `${Math.max(3, percent)}%` }} />
            </div>
            <span className="progress__text" aria-live="polite" data-testid="coach-analysis-stage">
              {analysisStage(job?.status ?? "queued", job?.progress.stage ?? null)}
              {job?.progress.eta_seconds ? ` · about ${Math.ceil(job.progress.eta_seconds)} s left` : ""}
            </span>
          </div>
        </>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

// Long texts go through jobs: POST /v1/jobs, follow its server-sent events (/v1/jobs/{id}/events;
// polling GET /v1/jobs/{id} if the stream breaks off), then fetch the finished audio and, when the job
// was asked for them, its word timings (GET /v1/jobs/{id}/timestamps) for the read-along highlight.
import { ApiError, isAbort, request, sleep } from "../api/client";
import { jobs, type Job, type JobBody } from "../api/history";
import { parseIgnoredHeader, SSML_IGNORED_HEADER, type IgnoredMarkup } from "./ssml";
import { wordsFromTimings, type TimedWord } from "./timestamps";

const FINISHED = new Set(["succeeded", "failed", "cancelled"]);
const POLL_MS = 1000;

/** Split SSE text into complete frames ("\n\n"-separated); returns the data of each and the rest. */
export function takeFrames(buffer: string): [string[], string] {
  const frames = buffer.replace(/\r\n/g, "\n").split("\n\n");
  const rest = frames.pop() ?? "";
  const data = frames
    .map((frame) =>
      frame
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).trimStart())
        .join("\n"),
    )
    .filter((d) => d !== "");
  return [data, rest];
}

async function follow(id: string, signal: AbortSignal, onJob: (job: Job) => void): Promise<Job | null> {
  const response = await request(`/v1/jobs/${encodeURIComponent(id)}/events`, { signal, headers: { Accept: "text/event-stream" } });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return null;
    const [frames, rest] = takeFrames(buffer + value);
    buffer = rest;
    for (const frame of frames) {
      const job = (JSON.parse(frame) as { job: Job }).job;
      onJob(job);
      if (FINISHED.has(job.status)) {
        void reader.cancel().catch(() => undefined);
        return job;
      }
    }
  }
}

export interface JobRun {
  job: Job;
  blob: Blob;
  /** The words of the text with their times in the audio; empty when the job has none. */
  words: TimedWord[];
  /** SSML markup the server read but did not render as written (X-SSML-Ignored on the submission). */
  ignored: IgnoredMarkup[];
}

/** The job's words, or none when it was not asked for them or they cannot be had (the audio still plays). */
async function wordsOf(job: Job, text: string, signal: AbortSignal): Promise<TimedWord[]> {
  if (!job.timestamps_url) return [];
  try {
    return wordsFromTimings(text, (await jobs.timestamps(job.id, signal)).words);
  } catch (error) {
    if (isAbort(error) || signal.aborted) throw error;
    return [];
  }
}

/** Submit, follow to the end and return the audio and its words. Aborting `signal` cancels the job on the server. */
export async function runJob(body: JobBody, { signal, onJob }: { signal: AbortSignal; onJob: (job: Job) => void }): Promise<JobRun> {
  let ignored: IgnoredMarkup[] = [];
  const sent: JobBody = { ...body };
  if (!sent.language) delete sent.language; // the voice's own language
  let job = await jobs.submit(sent, signal, (response) => (ignored = parseIgnoredHeader(response.headers.get(SSML_IGNORED_HEADER))));
  onJob(job);
  const cancel = () => void jobs.cancel(job.id).catch(() => undefined);
  signal.addEventListener("abort", cancel, { once: true });
  try {
    let last: Job | null = null;
    try {
      last = await follow(job.id, signal, onJob);
    } catch (error) {
      if (isAbort(error) || signal.aborted) throw error;
      // The stream broke off: poll instead.
    }
    while (!last || !FINISHED.has(last.status)) {
      await sleep(POLL_MS, signal);
      last = await jobs.get(job.id, signal);
      onJob(last);
    }
    job = last;
    if (job.status !== "succeeded") {
      throw new ApiError(0, job.error?.code ?? job.status, job.error?.message || `The job ${job.status === "cancelled" ? "was cancelled" : "failed"}.`);
    }
    const [blob, words] = await Promise.all([jobs.audio(job.id, signal), wordsOf(job, body.text, signal)]);
    return { job, blob, words, ignored };
  } finally {
    signal.removeEventListener("abort", cancel);
  }
}

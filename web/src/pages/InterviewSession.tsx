import { useCallback, useEffect, useState } from "react";
import { ApiError, isAbort, plainMessage } from "../api/client";
import { interviews, type Interview } from "../api/interviews";
import { ReportView } from "../components/interview/ReportView";
import { TextRoom } from "../components/interview/TextRoom";
import { VoiceRoom } from "../components/interview/VoiceRoom";
import { LIBRARY_PATH } from "../lib/interviewLibrary";
import { useDocumentTitle } from "../lib/interviewTitle";
import { Link } from "../router";

/** One interview: its room while it runs (spoken or typed), its report once it has ended. */
export function InterviewSession({ id }: { id: string }) {
  const [interview, setInterview] = useState<Interview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    interviews
      .get(id, abort.signal)
      .then((found) => {
        setInterview(found);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!isAbort(e)) setError(e instanceof ApiError ? e : new ApiError(0, "network_error", "The interview could not be loaded."));
      });
    return () => abort.abort();
  }, [id, version]);

  const finished = useCallback(() => setVersion((v) => v + 1), []);
  const done = interview?.status === "completed";
  useDocumentTitle(interview ? `${done ? "Interview report" : "Interview"}: ${interview.title}` : "Interview");

  if (error) {
    return (
      <div className="notice notice--error" role="alert">
        <p>{error.status === 404 ? "No such interview: it may have been deleted." : plainMessage(error)}</p>
        <p>
          <Link to={LIBRARY_PATH}>Back to the scenarios</Link>
        </p>
      </div>
    );
  }
  if (!interview) return <p role="status">Loading the interview…</p>;
  if (done) return <ReportView key={`${interview.id}-${version}`} interview={interview} />;
  if (interview.mode === "text") return <TextRoom interview={interview} onFinished={finished} />;
  return <VoiceRoom interview={interview} onFinished={finished} />;
}

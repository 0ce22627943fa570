import { useEffect, useState } from "react";
import { ApiError, plainMessage } from "../api/client";
import { coach } from "../api/coach";
import { CoachNav } from "../components/coach/CoachNav";
import { LiveView } from "../components/coach/LiveView";
import { SessionSettings } from "../components/coach/SessionSettings";
import { UploadCard } from "../components/coach/UploadCard";
import "../components/coach/coach.css";
import { RequireSession } from "../components/RequireSession";
import { useLiveCoach } from "../hooks/useLiveCoach";
import { microphoneProblem } from "../lib/coachLive";
import { microphoneSupported, closeMicrophone, openMicrophone } from "../lib/coachMicrophone";
import { draftProblems, EMPTY_DRAFT, sessionBody, type CoachDraft, type DraftProblems } from "../lib/coachSetup";
import { navigate, reportPath } from "../router";

export function Coach() {
  return (
    <div className="page page--wide">
      <header className="page-header">
        <h1>Coach</h1>
        <p className="lede">Rehearse a talk out loud: live cues on pace, fillers, pauses, volume and pitch while you speak, and a report when you stop.</p>
      </header>
      <CoachNav />
      <RequireSession what="practise with the coach">
        <CoachScreen />
      </RequireSession>
    </div>
  );
}

function message(error: unknown, fallback: string): string {
  return error instanceof ApiError ? plainMessage(error) : fallback;
}

interface Running {
  id: string;
  title: string;
  language: string;
  liveCues: boolean;
}

function CoachScreen() {
  // Kept across sessions on this page: the next talk usually has the same settings.
  const [draft, setDraft] = useState<CoachDraft>(EMPTY_DRAFT);
  const [problems, setProblems] = useState<DraftProblems>({});
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [running, setRunning] = useState<Running | null>(null);
  const live = useLiveCoach();

  // The report is in: show it (the report page loads it from the server, so a reload shows it too).
  const done = live.state.phase === "done" && running !== null;
  useEffect(() => {
    if (done && running) navigate(reportPath(running.id));
  }, [done, running]);

  const checked = (): boolean => {
    const found = draftProblems(draft);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      const first = found.title ? "coach-title" : found.focus ? "coach-focus-error" : "coach-wpm-low";
      if (found.wpm) (document.querySelector("details.advanced") as HTMLDetailsElement | null)?.setAttribute("open", "");
      document.getElementById(first)?.focus();
      return false;
    }
    return true;
  };

  const startLive = async () => {
    setStartError(null);
    if (!checked()) return;
    setStarting(true);
    let stream: MediaStream | null = null;
    try {
      stream = await openMicrophone();
    } catch (error) {
      setStartError(microphoneProblem(error));
      setStarting(false);
      return;
    }
    let created: string | null = null;
    try {
      const session = await coach.create(sessionBody(draft));
      created = session.id;
      setRunning({ id: session.id, title: session.title, language: session.language, liveCues: draft.liveCues });
      await live.start(session.id, stream);
    } catch (error) {
      closeMicrophone(stream);
      setRunning(null);
      setStartError(error instanceof ApiError ? plainMessage(error) : microphoneProblem(error));
      // Nothing was recorded into it: do not leave an empty session in the list.
      if (created) void coach.remove(created).catch(() => undefined);
    } finally {
      setStarting(false);
    }
  };

  const analyse = async (file: File) => {
    setUploadError(null);
    if (!checked()) return;
    setUploading(true);
    let created: string | null = null;
    try {
      const session = await coach.create(sessionBody(draft));
      created = session.id;
      await coach.upload(session.id, file, file.name);
      navigate(reportPath(session.id));
    } catch (error) {
      setUploadError(message(error, "The recording could not be analysed. Try again."));
      // A session the recording never made it into is of no use: do not leave it in the list.
      if (created) void coach.remove(created).catch(() => undefined);
    } finally {
      setUploading(false);
    }
  };

  if (running && live.state.phase !== "done") {
    return (
      <LiveView
        title={running.title}
        language={running.language}
        liveCues={running.liveCues}
        state={live.state}
        onPause={live.pause}
        onResume={live.resume}
        onStop={live.stop}
        onReconnect={live.reconnect}
        onLeave={() => {
          live.close();
          setRunning(null);
        }}
      />
    );
  }

  const supported = microphoneSupported();
  return (
    <div className="coach-setup">
      <section className="card" aria-labelledby="coach-settings-title">
        <h2 id="coach-settings-title" className="card__title">
          Your session
        </h2>
        <SessionSettings draft={draft} onDraft={setDraft} problems={problems} disabled={starting || uploading} />
      </section>
      <div className="coach-actions">
        <section className="card coach-action" aria-labelledby="coach-live-title">
          <h2 id="coach-live-title" className="card__title">
            Speak live
          </h2>
          <p className="muted small">
            Your browser asks for the microphone; the audio goes to this Vocalis server only. Speak as you would to your audience, then stop for the report.
          </p>
          {!supported ? (
            <p className="notice">This browser cannot stream the microphone here (it needs AudioWorklet on a secure page). Analyse a recording instead.</p>
          ) : null}
          <button type="button" className="button button--primary button--large" disabled={!supported || starting || uploading} onClick={() => void startLive()}>
            {starting ? "Starting…" : "Start speaking"}
          </button>
          {startError ? (
            <p className="field-error" role="alert" data-testid="coach-start-error">
              {startError}
            </p>
          ) : null}
        </section>
        <UploadCard busy={uploading} disabled={starting} error={uploadError} onAnalyse={(file) => void analyse(file)} />
      </div>
    </div>
  );
}

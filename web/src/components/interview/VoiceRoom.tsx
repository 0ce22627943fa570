import { useEffect, useState } from "react";
import { ApiError, plainMessage } from "../../api/client";
import { interviews, type Interview } from "../../api/interviews";
import { useInterviewRoom } from "../../hooks/useInterviewRoom";
import { clock } from "../../lib/coachLive";
import { microphoneSupported } from "../../lib/coachMicrophone";
import { levelText, questionLabel, roomMicrophoneProblem, SPEAKER_WORDS } from "../../lib/interviewLive";
import { RoomLog } from "./RoomLog";

/** The spoken interview: who has the floor, live captions, the microphone's level, question N of M, the clock, Pause and End. */
export function VoiceRoom({ interview, onFinished }: { interview: Interview; onFinished: () => void }) {
  const room = useInterviewRoom();
  const { state } = room;
  const [now, setNow] = useState(() => performance.now() / 1000);
  const [joinError, setJoinError] = useState<string | null>(null);
  const [joining, setJoining] = useState(false);
  const [elapsedBefore, setElapsedBefore] = useState(interview.elapsed_s);
  const live = state.phase === "live" || state.phase === "connecting" || state.phase === "ending";

  useEffect(() => {
    if (!live) return;
    const timer = window.setInterval(() => setNow(performance.now() / 1000), 250);
    return () => window.clearInterval(timer);
  }, [live]);

  useEffect(() => {
    if (state.phase === "finished") onFinished();
  }, [state.phase, onFinished]);

  const connectedFor = room.connectedSince === null ? 0 : Math.max(0, now - room.connectedSince);
  const elapsed = elapsedBefore + connectedFor;

  const join = async () => {
    setJoinError(null);
    setJoining(true);
    try {
      await room.join(interview.id, { questionIndex: state.questionIndex || interview.question_index, questions: state.questions || interview.questions });
    } catch (error) {
      setJoinError(roomMicrophoneProblem(error));
    } finally {
      setJoining(false);
    }
  };

  // Paused (no connection): the interview ends over HTTP, with the report of what was answered.
  const finishNow = async () => {
    setJoinError(null);
    setJoining(true);
    try {
      await interviews.finish(interview.id);
      onFinished();
    } catch (error) {
      setJoinError(error instanceof ApiError ? plainMessage(error) : "The interview could not be ended. Try again.");
      setJoining(false);
    }
  };

  const pause = () => {
    setElapsedBefore(elapsed);
    room.pause();
  };

  const canJoin = state.phase === "ready" || state.phase === "paused" || state.phase === "lost";
  const resuming = state.phase !== "ready" || interview.status === "paused" || interview.status === "interrupted";
  const level = Math.round(room.level * 100);
  const questions = state.questions || interview.questions;
  const questionIndex = state.phase === "ready" ? interview.question_index : state.questionIndex;

  return (
    <section
      className="card interview-room"
      aria-labelledby="room-title"
      data-testid="interview-room"
      data-phase={state.phase}
      data-speaker={state.speaker}
      data-line-kind={state.lineKind ?? ""}
      data-audio-buffered={room.audioBuffered().toFixed(2)}
      data-interruptions={state.interruptions}
    >
      <header className="interview-room__head">
        <h2 id="room-title" className="card__title" lang={interview.language}>
          {interview.title}
        </h2>
        <p className="interview-room__facts">
          <span data-testid="room-question">{questionLabel(questionIndex, questions)}</span>
          <span>
            <span className="visually-hidden">Elapsed </span>
            <time data-testid="room-clock">{clock(elapsed)}</time>
          </span>
        </p>
      </header>

      {canJoin ? (
        <div className="interview-room__join">
          {state.phase === "paused" ? <p role="status">The interview is paused. Resume when you are ready: the interviewer asks the waiting question again.</p> : null}
          {state.phase === "lost" && state.message ? (
            <p className="notice" role="alert">
              {state.message}
            </p>
          ) : null}
          {state.phase === "ready" ? (
            <p>
              {resuming
                ? "This interview was paused. Resume it: the interviewer asks the waiting question again."
                : "The interviewer speaks first. Answer out loud when it has finished; it waits for you to finish, and you can speak over it to stop it."}{" "}
              Your browser asks for the microphone; the audio goes to this Vocalis server only.
            </p>
          ) : null}
          {!microphoneSupported() ? <p className="notice">This browser cannot stream the microphone here (it needs AudioWorklet on a secure page).</p> : null}
          <p className="button-row">
            <button type="button" className="button button--primary button--large" disabled={joining || !microphoneSupported()} onClick={() => void join()}>
              {joining ? "Starting…" : resuming ? "Resume interview" : "Start interview"}
            </button>
            {resuming ? (
              <button type="button" className="button button--danger-outline" disabled={joining} onClick={() => void finishNow()}>
                End interview
              </button>
            ) : null}
          </p>
          {joinError ? (
            <p className="field-error" role="alert" data-testid="room-join-error">
              {joinError}
            </p>
          ) : null}
        </div>
      ) : null}

      {!canJoin || state.log.length > 0 ? (
        <>
          <div className="interview-stage">
            <p className={`iv-speaker iv-speaker--${state.speaker}`} data-testid="room-speaker" role="status">
              <span className="iv-speaker__dot" aria-hidden="true" />
              {state.phase === "connecting" ? "Connecting…" : state.phase === "ending" ? "Ending the interview…" : state.phase === "finished" ? "Interview finished" : SPEAKER_WORDS[state.speaker]}
            </p>
            {state.lastInterrupted ? (
              <p className="interview-room__barge" data-testid="barge-in-notice">
                You spoke over the interviewer: it stopped to listen.
              </p>
            ) : null}
            <div className="iv-captions" lang={interview.language}>
              <div className="iv-caption iv-caption--interviewer">
                <p className="iv-caption__who" lang="en">
                  Interviewer
                </p>
                <p className="iv-caption__text" aria-live="polite" data-testid="caption-interviewer">
                  {state.interviewerCaption}
                </p>
              </div>
              <div className="iv-caption iv-caption--candidate">
                <p className="iv-caption__who" lang="en">
                  You
                </p>
                <p className="iv-caption__text" aria-live="polite" data-testid="caption-candidate">
                  {state.candidateCaption}
                </p>
              </div>
            </div>
            <div className="iv-mic-level">
              <span id="mic-level-label" className="small">
                Microphone{room.muted ? " (off)" : ""}
              </span>
              <div className="iv-mic-level__track" role="meter" aria-labelledby="mic-level-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={level} aria-valuetext={levelText(room.level)} data-testid="mic-level">
                <div className="iv-mic-level__bar" style={{ width: `${level}%` }} />
              </div>
            </div>
          </div>
          {joinError && !canJoin ? (
            <p className="field-error" role="alert">
              {joinError}
            </p>
          ) : null}
          {state.error ? (
            <p className="notice notice--error" role="alert" data-testid="room-error">
              {state.error.message}
            </p>
          ) : null}
          {state.phase === "live" ? (
            <p className="button-row">
              <button
                type="button"
                className="button button--secondary"
                aria-pressed={room.muted}
                onClick={() => {
                  if (!room.muted) room.mute();
                  else room.unmute().catch((error: unknown) => setJoinError(roomMicrophoneProblem(error)));
                }}
              >
                Mute
              </button>
              <button type="button" className="button button--secondary" onClick={pause}>
                Pause
              </button>
              <button type="button" className="button button--danger-outline" onClick={room.end}>
                End interview
              </button>
            </p>
          ) : null}
          <RoomLog log={state.log} language={interview.language} />
        </>
      ) : null}
    </section>
  );
}

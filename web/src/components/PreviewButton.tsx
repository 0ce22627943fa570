import type { Voice } from "../api/client";
import { togglePreview, usePreview } from "../state/previews";

export function PreviewButton({ voice, compact = false }: { voice: Voice; compact?: boolean }) {
  const preview = usePreview();
  const mine = preview.voiceId === voice.voice_id;
  const phase = mine ? preview.phase : "idle";
  const error = preview.error?.voiceId === voice.voice_id ? preview.error.message : null;
  const name = voice.name;
  const label = phase === "idle" ? `Play a preview of ${name}` : phase === "loading" ? `Preparing ${name}'s preview; press to cancel` : `Stop ${name}'s preview`;
  return (
    <span className="preview">
      <button
        type="button"
        className={`icon-button${phase !== "idle" ? " icon-button--active" : ""}`}
        aria-label={label}
        title={label}
        data-phase={phase}
        onClick={() => void togglePreview(voice)}
      >
        {phase === "loading" ? <span className="spinner" aria-hidden="true" /> : phase === "playing" ? <StopIcon /> : <PlayIcon />}
        {compact ? null : <span className="icon-button__text">{phase === "playing" ? "Stop" : "Preview"}</span>}
      </button>
      {error ? (
        <span className="preview__error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

export function PlayIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
      <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
    </svg>
  );
}

export function PauseIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
      <rect x="3.5" y="2.5" width="3" height="11" rx="1" fill="currentColor" />
      <rect x="9.5" y="2.5" width="3" height="11" rx="1" fill="currentColor" />
    </svg>
  );
}

export function StopIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
      <rect x="3.5" y="3.5" width="9" height="9" rx="1.5" fill="currentColor" />
    </svg>
  );
}

import { useMemo, useState } from "react";
import type { Voice } from "../api/client";
import { describe, filterVoices, isCloned, label, NO_FILTER, usableVoices } from "../lib/voices";
import { useFreshClones, useVoices } from "../state/voices";
import { FieldError } from "./FieldError";
import { PreviewButton } from "./PreviewButton";
import { VoiceFilters } from "./VoiceFilters";
import { VoicesStatus } from "./VoicesStatus";

interface Props {
  value: string;
  onChange: (voiceId: string) => void;
  error: string | null;
}

export function VoicePicker({ value, onChange, error }: Props) {
  const voicesState = useVoices();
  useFreshClones();
  const [filter, setFilter] = useState(NO_FILTER);
  // Cloned voices join the list once they are ready (one still cloning cannot speak yet).
  const usable = useMemo(() => usableVoices(voicesState.voices), [voicesState.voices]);
  const shown = useMemo(() => filterVoices(usable, filter), [usable, filter]);
  const selected: Voice | undefined = usable.find((v) => v.voice_id === value);

  return (
    <fieldset className="voice-picker" aria-describedby={error ? "voice-error" : undefined}>
      <legend>Voice</legend>
      <p className="voice-picker__selected" aria-live="polite">
        {selected ? (
          <>
            <strong>{selected.name}</strong> <span className="muted">{describe(selected)} · {selected.voice_id}</span>
          </>
        ) : (
          <span className="muted">{value || "No voice chosen"}</span>
        )}
      </p>
      <FieldError id="voice-error" message={error} />
      <VoicesStatus state={voicesState} />
      {voicesState.status === "ready" ? (
        <>
          <VoiceFilters idPrefix="picker" voices={usable} filter={filter} onChange={setFilter} />
          <p className="muted small" role="status">
            {shown.length === usable.length ? `${shown.length} voices` : `${shown.length} of ${usable.length} voices`}
          </p>
          <ul className="voice-list" aria-label="Voices">
            {shown.map((voice) => (
              <li key={voice.voice_id} className={`voice-option${voice.voice_id === value ? " voice-option--selected" : ""}`}>
                <input
                  type="radio"
                  name="studio-voice"
                  id={`voice-option-${voice.voice_id}`}
                  value={voice.voice_id}
                  checked={voice.voice_id === value}
                  onChange={() => onChange(voice.voice_id)}
                />
                <label htmlFor={`voice-option-${voice.voice_id}`}>
                  <span className="voice-option__name">{voice.name}</span>
                  <span className="voice-option__meta">
                    {isCloned(voice) ? "Cloned · " : ""}
                    {describe(voice)} · {label(voice, "language")}
                  </span>
                </label>
                <PreviewButton voice={voice} compact />
              </li>
            ))}
            {shown.length === 0 ? <li className="muted voice-list__empty">No voice matches these filters.</li> : null}
          </ul>
        </>
      ) : null}
    </fieldset>
  );
}

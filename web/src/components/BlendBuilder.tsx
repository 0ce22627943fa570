import type { BlendPart } from "../lib/blend";
import { blendShares, buildBlend } from "../lib/blend";
import { useVoices } from "../state/voices";
import { FieldError } from "./FieldError";

interface Props {
  parts: BlendPart[];
  onChange: (parts: BlendPart[]) => void;
  error: string | null;
  /** The voice id the error is about, when the server named one. */
  invalidVoice?: string | null;
}

/** Rows of voice + weight; the result is a blend expression such as "af_bella(2)+af_sky(1)". */
export function BlendBuilder({ parts, onChange, error, invalidVoice = null }: Props) {
  const { voices } = useVoices();
  const shares = blendShares(parts);
  const expression = buildBlend(parts);
  const update = (index: number, next: Partial<BlendPart>) => onChange(parts.map((p, i) => (i === index ? { ...p, ...next } : p)));

  return (
    <fieldset className="blend" aria-describedby={error ? "blend-error" : "blend-result"}>
      <legend>Blend voices</legend>
      <p className="muted small">Mix voices of one engine by weight. Type a voice id or pick one from the list.</p>
      <datalist id="blend-voice-ids">
        {voices.map((v) => (
          <option key={v.voice_id} value={v.voice_id}>
            {v.name}
          </option>
        ))}
      </datalist>
      <ol className="blend__rows">
        {parts.map((part, index) => (
          <li key={index} className="blend__row">
            <div className="field field--compact blend__voice">
              <label htmlFor={`blend-voice-${index}`}>Voice {index + 1}</label>
              <input
                id={`blend-voice-${index}`}
                list="blend-voice-ids"
                autoComplete="off"
                spellCheck={false}
                value={part.voice}
                aria-invalid={error && (invalidVoice === null || part.voice.trim() === invalidVoice) ? true : undefined}
                aria-describedby={error ? "blend-error" : undefined}
                onChange={(e) => update(index, { voice: e.target.value })}
              />
            </div>
            <div className="field field--compact blend__weight">
              <label htmlFor={`blend-weight-${index}`}>Weight</label>
              <input
                id={`blend-weight-${index}`}
                type="number"
                inputMode="decimal"
                min={0.1}
                max={10}
                step={0.1}
                value={Number.isNaN(part.weight) ? "" : part.weight}
                onChange={(e) => update(index, { weight: e.target.value === "" ? Number.NaN : Number(e.target.value) })}
              />
            </div>
            <span className="blend__share">
              {shares[index] ?? 0}%
            </span>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove voice ${index + 1}${part.voice ? ` (${part.voice})` : ""}`}
              disabled={parts.length <= 1}
              onClick={() => onChange(parts.filter((_, i) => i !== index))}
            >
              <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
                <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
              </svg>
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--small button--secondary"
        disabled={parts.length >= 6}
        onClick={() => onChange([...parts, { voice: "", weight: 1 }])}
      >
        Add a voice
      </button>
      <p className="blend__result" id="blend-result">
        Voice expression: <code data-testid="blend-expression">{expression || "—"}</code>
      </p>
      <FieldError id="blend-error" message={error} />
    </fieldset>
  );
}

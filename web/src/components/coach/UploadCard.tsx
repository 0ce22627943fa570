import { useState } from "react";
import { SAMPLE_ACCEPT, fileSize } from "../../lib/cloning";
import { FieldError } from "../FieldError";

interface Props {
  busy: boolean;
  error: string | null;
  disabled: boolean;
  onAnalyse: (file: File) => void;
}

/** "Analyse a recording": a talk recorded elsewhere, analysed into a session with the settings above. */
export function UploadCard({ busy, error, disabled, onAnalyse }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = problem ?? error;

  const submit = () => {
    if (!file) {
      setProblem("Choose a recording first.");
      return;
    }
    setProblem(null);
    onAnalyse(file);
  };

  return (
    <section className="card coach-action" aria-labelledby="coach-upload-title">
      <h2 id="coach-upload-title" className="card__title">
        Analyse a recording
      </h2>
      <p className="muted small">A talk you recorded before: WAV, MP3, M4A, OGG, WebM or FLAC, up to 30 minutes. You get the same report.</p>
      <div className="field">
        <label htmlFor="coach-file">Recording</label>
        <input
          id="coach-file"
          type="file"
          accept={SAMPLE_ACCEPT}
          disabled={busy || disabled}
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? "coach-file-error" : undefined}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setProblem(null);
          }}
        />
        {file ? <p className="help">{fileSize(file.size)}</p> : null}
        <FieldError id="coach-file-error" message={shown} />
      </div>
      <button type="button" className="button button--secondary" disabled={busy || disabled} onClick={submit}>
        {busy ? "Analysing…" : "Analyse the recording"}
      </button>
      {busy ? (
        <p className="notice" role="status">
          <span className="spinner" aria-hidden="true" /> Transcribing and measuring the talk: about a tenth of its length.
        </p>
      ) : null}
    </section>
  );
}

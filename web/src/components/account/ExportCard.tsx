import { useState } from "react";
import { accounts } from "../../api/accounts";
import { ApiError, plainMessage } from "../../api/client";
import { FieldError } from "../FieldError";

/** Save a blob under a name, the way a link with `download` would. */
function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ExportCard() {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    setStatus("Preparing your archive…");
    try {
      const { blob, filename } = await accounts.exportData();
      save(blob, filename);
      setStatus(`Downloaded ${filename} (${Math.max(1, Math.round(blob.size / 1024)).toLocaleString("en")} KB).`);
    } catch (e) {
      setStatus(null);
      setError(e instanceof ApiError ? plainMessage(e) : "Could not download the archive. Try again.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card account-card" aria-labelledby="export-title">
      <h2 id="export-title" className="card__title">
        Your data
      </h2>
      <p className="muted small">
        One zip with your profile, voices, history, audio, API keys (names and prefixes only) and sign-in events.
      </p>
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={() => void download()} disabled={busy}>
          {busy ? "Preparing…" : "Download my data (zip)"}
        </button>
        <span className="muted small" role="status" data-testid="export-status">
          {status}
        </span>
      </div>
      <FieldError id="export-error" message={error} />
    </section>
  );
}

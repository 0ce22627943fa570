import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError, plainMessage, type Voice } from "../../api/client";
import { clones, type ClonedVoice } from "../../api/voices";
import { MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, parseEmails, score, statusText } from "../../lib/cloning";
import { dateTime } from "../../lib/dates";
import { fieldFor, fieldMessage } from "../../lib/forms";
import { isCloned } from "../../lib/voices";
import { Link, navigate, ROUTES } from "../../router";
import { refreshVoices, useVoices } from "../../state/voices";
import { ConfirmDialog } from "../ConfirmDialog";
import { FieldError } from "../FieldError";
import { TextField } from "../TextField";
import { VoicesStatus } from "../VoicesStatus";

const REFRESH_MS = 4000;

export function StatusBadge({ voice }: { voice: ClonedVoice }) {
  return (
    <span className={`status-badge status-badge--${voice.status}`} data-testid="clone-status">
      {statusText(voice.status, voice.progress)}
    </span>
  );
}

/** The user's cloned voices, and those shared with them: state, rename, describe, share, delete. */
export function ClonedVoices({ current, live }: { current: string | null; live: ClonedVoice | null }) {
  const state = useVoices();
  const mine = state.voices
    .filter((voice): voice is Voice & { cloning: ClonedVoice } => isCloned(voice) && Boolean(voice.cloning))
    .map((voice) => (live && voice.voice_id === live.voice_id ? { ...voice, cloning: live } : voice));
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ClonedVoice | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const cloning = mine.some((voice) => voice.cloning.status === "cloning");

  // While a clone runs, its badge follows it.
  useEffect(() => {
    if (!cloning) return undefined;
    const timer = window.setInterval(() => void refreshVoices(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [cloning]);

  const remove = async () => {
    if (!deleting) return;
    setDeleteBusy(true);
    setDeleteError(null);
    try {
      await clones.remove(deleting.voice_id);
      setStatus(`Deleted “${deleting.name}”, its sample and its consent record.`);
      setDeleting(null);
      if (current === deleting.voice_id) navigate(ROUTES.clone, { replace: true });
      await refreshVoices();
      heading.current?.focus();
    } catch (error) {
      setDeleteError(error instanceof ApiError ? plainMessage(error) : "Could not delete the voice. Try again.");
    } finally {
      setDeleteBusy(false);
    }
  };

  return (
    <section className="card cloned-voices" aria-labelledby="cloned-voices-title" data-testid="cloned-voices">
      <h2 id="cloned-voices-title" ref={heading} tabIndex={-1} className="card__title">
        Your cloned voices
      </h2>
      <p className="muted small" role="status" data-testid="cloned-voices-status">
        {status}
      </p>
      <VoicesStatus state={state} />
      {state.status === "ready" && mine.length === 0 ? (
        <p className="muted" data-testid="no-clones">
          None yet. The voices you clone, and those others share with you, show up here.
        </p>
      ) : null}
      {mine.length > 0 ? (
        <ul className="clone-list" aria-label="Your cloned voices">
          {mine.map(({ cloning: voice }) => (
            <li
              key={voice.voice_id}
              className={`clone-item${voice.voice_id === current ? " clone-item--current" : ""}`}
              data-testid="cloned-voice"
              data-voice-id={voice.voice_id}
            >
              <div className="clone-item__head">
                <h3 className="clone-item__name">{voice.name}</h3>
                <StatusBadge voice={voice} />
                {voice.is_owner ? null : <span className="tag tag--muted">Shared with you</span>}
              </div>
              <p className="muted small clone-item__facts">
                <code>{voice.voice_id}</code> · {dateTime(voice.created_at)}
                {voice.similarity ? ` · similarity ${score(voice.similarity.clone)} (closest built-in ${score(voice.similarity.nearest_stock)})` : ""}
              </p>
              {voice.description ? <p className="clone-item__description">{voice.description}</p> : null}
              {voice.is_owner ? (
                <p className="small" data-testid="clone-sharing">
                  {voice.shared_with.length ? `Shared with ${voice.shared_with.join(", ")}.` : "Private: only you can use it."}
                </p>
              ) : null}
              <div className="clone-item__actions">
                <Link to={`${ROUTES.clone}?voice=${encodeURIComponent(voice.voice_id)}`} className="button button--small button--secondary" aria-current={voice.voice_id === current ? "page" : undefined}>
                  {voice.status === "cloning" ? "Progress" : "Details"}
                  <span className="visually-hidden"> of {voice.name}</span>
                </Link>
                {voice.status === "ready" ? (
                  <Link to={`${ROUTES.studio}?voice=${encodeURIComponent(voice.voice_id)}`} className="button button--small button--secondary">
                    Use<span className="visually-hidden"> {voice.name}</span> in the Studio
                  </Link>
                ) : null}
                {voice.is_owner ? (
                  <>
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      aria-expanded={editing === voice.voice_id}
                      aria-controls={`edit-${voice.voice_id}`}
                      onClick={() => setEditing(editing === voice.voice_id ? null : voice.voice_id)}
                    >
                      Rename or share<span className="visually-hidden"> {voice.name}</span>
                    </button>
                    <button
                      type="button"
                      className="button button--small button--danger-outline"
                      onClick={() => {
                        setDeleteError(null);
                        setDeleting(voice);
                      }}
                    >
                      Delete<span className="visually-hidden"> {voice.name}</span>
                    </button>
                  </>
                ) : null}
              </div>
              {editing === voice.voice_id ? (
                <EditVoice
                  voice={voice}
                  onDone={(message) => {
                    setEditing(null);
                    if (message) setStatus(message);
                    const toggle = `[aria-controls="edit-${voice.voice_id}"]`;
                    window.requestAnimationFrame(() => document.querySelector<HTMLElement>(toggle)?.focus());
                  }}
                />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.name ?? ""}”?`}
        confirmLabel="Delete voice"
        busy={deleteBusy}
        error={deleteError}
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(null)}
      >
        <p>
          The voice, its sample and its consent record are deleted for good{deleting?.status === "cloning" ? ", and its clone stops" : ""}.
          Anyone you shared it with loses it too. Audio already made with it stays in your history.
        </p>
      </ConfirmDialog>
    </section>
  );
}

type EditField = "name" | "description" | "shared_with";

function EditVoice({ voice, onDone }: { voice: ClonedVoice; onDone: (message: string | null) => void }) {
  const [name, setName] = useState(voice.name);
  const [description, setDescription] = useState(voice.description);
  const [shared, setShared] = useState(voice.shared_with.join(", "));
  const [errors, setErrors] = useState<Partial<Record<EditField | "general", string>>>({});
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const sharedRef = useRef<HTMLInputElement>(null);
  const id = `edit-${voice.voice_id}`;

  useEffect(() => nameRef.current?.focus(), []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const emails = parseEmails(shared);
    if (!name.trim()) {
      setErrors({ name: "The voice needs a name." });
      nameRef.current?.focus();
      return;
    }
    if (emails.invalid.length) {
      setErrors({ shared_with: `${emails.invalid.map((e) => `“${e}”`).join(", ")} ${emails.invalid.length === 1 ? "is not an e-mail address" : "are not e-mail addresses"}.` });
      sharedRef.current?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const saved = await clones.update(voice.voice_id, { name: name.trim(), description: description.trim(), shared_with: emails.emails });
      await refreshVoices();
      onDone(
        `Saved “${saved.name}”: ${saved.shared_with.length ? `shared with ${saved.shared_with.join(", ")}` : "private, only you can use it"}.`,
      );
    } catch (error) {
      if (error instanceof ApiError) {
        const field = fieldFor<EditField>(error, ["name", "description", "shared_with"]) ?? "general";
        setErrors({ [field]: fieldMessage(error) });
        if (field === "shared_with") sharedRef.current?.focus();
        if (field === "name") nameRef.current?.focus();
      } else {
        setErrors({ general: "Something went wrong in the browser. Try again." });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id={id} className="clone-edit" onSubmit={save} noValidate aria-label={`Rename or share ${voice.name}`}>
      <TextField id={`${id}-name`} label="Name" value={name} onValue={setName} error={errors.name ?? null} inputRef={nameRef} maxLength={MAX_NAME_CHARS} autoComplete="off" />
      <TextField
        id={`${id}-description`}
        label="Description"
        value={description}
        onValue={setDescription}
        error={errors.description ?? null}
        maxLength={MAX_DESCRIPTION_CHARS}
        autoComplete="off"
      />
      <TextField
        id={`${id}-shared`}
        label="Share with (e-mails)"
        value={shared}
        onValue={setShared}
        error={errors.shared_with ?? null}
        inputRef={sharedRef}
        autoComplete="off"
        help="People with an account on this server, separated by commas. They can speak with the voice, not edit or delete it. Leave it empty to keep the voice private."
      />
      <div className="button-row">
        <button type="submit" className="button button--small button--primary" disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </button>
        <button type="button" className="button button--small button--secondary" onClick={() => onDone(null)} disabled={busy}>
          Cancel
        </button>
      </div>
      <FieldError id={`${id}-error`} message={errors.general ?? null} />
    </form>
  );
}

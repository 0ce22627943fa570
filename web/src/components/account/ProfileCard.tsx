import { useState, type FormEvent } from "react";
import { accounts, type User } from "../../api/accounts";
import { ApiError } from "../../api/client";
import { dateOnly } from "../../lib/dates";
import { fieldMessage } from "../../lib/forms";
import { updateUser } from "../../state/session";
import { TextField } from "../TextField";

export function ProfileCard({ user }: { user: User }) {
  const [name, setName] = useState(user.display_name);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Enter a name to show in the app.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const updated = await accounts.updateProfile(trimmed);
      updateUser(updated);
      setName(updated.display_name);
      setSaved("Saved.");
    } catch (e) {
      setError(e instanceof ApiError ? fieldMessage(e) : "Something went wrong in the browser. Try again.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card account-card" aria-labelledby="profile-title">
      <h2 id="profile-title" className="card__title">
        Profile
      </h2>
      <dl className="facts">
        <div className="facts__wide">
          <dt>Email</dt>
          <dd data-testid="profile-email">{user.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{user.role}</dd>
        </div>
        <div>
          <dt>Member since</dt>
          <dd>{dateOnly(user.created_at)}</dd>
        </div>
      </dl>
      <form onSubmit={save} noValidate className="inline-form">
        <TextField id="profile-name" label="Display name" value={name} onValue={setName} error={error} maxLength={100} autoComplete="name" />
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={busy || name.trim() === user.display_name}>
            {busy ? "Saving…" : "Save name"}
          </button>
          <span className="muted small" role="status">
            {saved}
          </span>
        </div>
      </form>
    </section>
  );
}

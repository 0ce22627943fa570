import { useRef, useState, type FormEvent } from "react";
import { accounts, type User } from "../../api/accounts";
import { ApiError, plainMessage } from "../../api/client";
import { navigate, ROUTES } from "../../router";
import { accountDeleted } from "../../state/session";
import { FieldError } from "../FieldError";
import { TextField } from "../TextField";

type Errors = { password?: string; confirm?: string; general?: string };

export function DeleteAccountCard({ user }: { user: User }) {
  const [password, setPassword] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Errors = {};
    if (!password) problems.password = "Type your password to show it is you.";
    if (!confirmed) problems.confirm = "Tick the box to confirm that everything is deleted.";
    setErrors(problems);
    if (problems.password) passwordRef.current?.focus();
    else if (problems.confirm) confirmRef.current?.focus();
    if (problems.password || problems.confirm) return;
    setBusy(true);
    try {
      await accounts.deleteAccount(password);
      accountDeleted();
      navigate(ROUTES.signIn, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setErrors({ password: plainMessage(e) });
        passwordRef.current?.focus();
      } else {
        setErrors({ general: e instanceof ApiError ? plainMessage(e) : "Something went wrong in the browser. Try again." });
      }
      setBusy(false);
    }
  };

  return (
    <section className="card account-card account-card--danger" aria-labelledby="delete-title">
      <h2 id="delete-title" className="card__title">
        Delete account
      </h2>
      <p className="small">
        Deletes <strong>{user.email}</strong> and everything it owns: voices, history, audio files and API keys. This cannot be
        undone; download your data first if you want to keep it.
      </p>
      <form onSubmit={submit} noValidate aria-label="Delete account">
        <TextField
          id="delete-password"
          label="Your password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={errors.password}
          inputRef={passwordRef}
        />
        <label className="check">
          <input
            ref={confirmRef}
            type="checkbox"
            checked={confirmed}
            aria-invalid={errors.confirm ? true : undefined}
            aria-describedby={errors.confirm ? "delete-confirm-error" : undefined}
            onChange={(e) => setConfirmed(e.target.checked)}
          />
          I understand that my account and all its data will be deleted for good.
        </label>
        <FieldError id="delete-confirm-error" message={errors.confirm ?? null} />
        <button type="submit" className="button button--danger" disabled={busy}>
          {busy ? "Deleting…" : "Delete my account"}
        </button>
        <FieldError id="delete-error" message={errors.general ?? null} />
      </form>
    </section>
  );
}

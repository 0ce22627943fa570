import { useRef, useState, type FormEvent } from "react";
import { accounts, type User } from "../../api/accounts";
import { ApiError } from "../../api/client";
import { fieldMessage } from "../../lib/forms";
import { signIn } from "../../state/session";
import { FieldError } from "../FieldError";
import { TextField } from "../TextField";

type Field = "current" | "next" | "repeat";
type Errors = Partial<Record<Field | "general", string>>;

export function PasswordCard({ user }: { user: User }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = { current: useRef<HTMLInputElement>(null), next: useRef<HTMLInputElement>(null), repeat: useRef<HTMLInputElement>(null) };

  const fail = (field: Field | "general", message: string) => {
    setErrors({ [field]: message });
    if (field !== "general") refs[field].current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (!current) return fail("current", "Enter your current password.");
    if (!next) return fail("next", "Choose a new password of at least 10 characters.");
    if (next !== repeat) return fail("repeat", "The two new passwords differ. Type the same one twice.");
    setErrors({});
    setBusy(true);
    try {
      await accounts.changePassword(current, next);
      // The server ends every session, this one too: sign in again with the new password.
      await signIn({ email: user.email, password: next });
      setCurrent("");
      setNext("");
      setRepeat("");
      setDone("Password changed. Every other device was signed out.");
    } catch (e) {
      if (!(e instanceof ApiError)) fail("general", "Something went wrong in the browser. Try again.");
      else if (e.status === 401) fail("current", fieldMessage(e));
      else if (e.code === "invalid_input" || e.code === "validation_error") fail("next", fieldMessage(e));
      else fail("general", fieldMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card account-card" aria-labelledby="password-title">
      <h2 id="password-title" className="card__title">
        Password
      </h2>
      <p className="muted small">Changing it signs you out everywhere else.</p>
      <form onSubmit={submit} noValidate>
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" autoComplete="username" value={user.email} readOnly hidden />
        <TextField
          id="password-current"
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onValue={setCurrent}
          error={errors.current}
          inputRef={refs.current}
        />
        <TextField
          id="password-new"
          label="New password"
          type="password"
          autoComplete="new-password"
          value={next}
          onValue={setNext}
          error={errors.next}
          inputRef={refs.next}
          help="At least 10 characters."
        />
        <TextField
          id="password-repeat"
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onValue={setRepeat}
          error={errors.repeat}
          inputRef={refs.repeat}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? "Changing…" : "Change password"}
          </button>
          <span className="muted small" role="status">
            {done}
          </span>
        </div>
        <FieldError id="password-error" message={errors.general ?? null} />
      </form>
    </section>
  );
}

import { useRef, useState, type FormEvent } from "react";
import { ApiError } from "../api/client";
import { FieldError } from "../components/FieldError";
import { TextField } from "../components/TextField";
import { useCountdown } from "../hooks/useCountdown";
import { fieldFor, fieldMessage, retryAfterSeconds, safeNext, waitText } from "../lib/forms";
import { Link, navigate, ROUTES, useLocation, withNext } from "../router";
import { signOut, signUp, useSession } from "../state/session";

type Field = "display_name" | "email" | "password";
type Errors = Partial<Record<Field | "general", string>>;

/** Shown on the sign-in and sign-up pages to someone who needs neither. */
export function AlreadyIn({ title, next, onSignOut }: { title: string; next: string; onSignOut: () => void }) {
  const session = useSession();
  return (
    <div className="page page--narrow">
      <h1>{title}</h1>
      {session.status === "local" ? (
        <p className="notice" role="status">
          This server runs in local mode: on this machine you are the local user, no sign-in needed.
        </p>
      ) : (
        <div className="notice notice--block" role="status">
          <p>
            You are signed in as <strong>{session.user?.display_name}</strong> ({session.user?.email}).
          </p>
        </div>
      )}
      <p className="button-row">
        <Link to={next} className="button button--primary">
          Continue
        </Link>
        {session.status === "signed-in" ? (
          <button type="button" className="button button--secondary" onClick={onSignOut}>
            Sign out
          </button>
        ) : null}
      </p>
    </div>
  );
}

export function SignUp() {
  const location = useLocation();
  const session = useSession();
  const next = safeNext(location.searchParams.get("next"), ROUTES.studio);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [exists, setExists] = useState(false);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const wait = useCountdown(waitUntil);
  const refs = {
    display_name: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  };

  if ((session.status === "signed-in" || session.status === "local") && !busy) {
    return <AlreadyIn title="Create an account" next={next} onSignOut={() => void signOut()} />;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || wait > 0) return;
    const missing: Errors = {};
    if (!email.trim()) missing.email = "Enter your email address.";
    if (!password) missing.password = "Choose a password of at least 10 characters.";
    setExists(false);
    setErrors(missing);
    if (missing.email || missing.password) {
      refs[missing.email ? "email" : "password"].current?.focus();
      return;
    }
    setBusy(true);
    try {
      await signUp({ email: email.trim(), password, display_name: name.trim() || null });
      navigate(next, { replace: true });
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setErrors({ general: "Something went wrong in the browser. Try again." });
      } else if (error.status === 429) {
        setWaitUntil(Date.now() + (retryAfterSeconds(error) ?? 60) * 1000);
      } else {
        // Every unnamed input check on this form is about the password's strength.
        const field = fieldFor<Field>(error, ["display_name", "email", "password"], "password");
        setErrors({ [field ?? "general"]: fieldMessage(error) });
        setExists(error.status === 409);
        if (field) refs[field].current?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page page--narrow">
      <header className="page-header">
        <h1>Create an account</h1>
        <p className="lede">Your own voices, history and API keys on this Vocalis server.</p>
      </header>
      {wait > 0 ? (
        <div className="notice notice--error notice--block" role="alert" data-testid="rate-limited">
          <p>
            <strong>Too many sign-ups from this address.</strong> Try again in {waitText(wait)}.
          </p>
        </div>
      ) : null}
      <form className="card auth-form" onSubmit={submit} noValidate aria-label="Create an account">
        <TextField
          id="signup-name"
          label="Your name"
          autoComplete="name"
          value={name}
          onValue={setName}
          error={errors.display_name}
          inputRef={refs.display_name}
          maxLength={100}
          help="Shown in the app. Optional."
        />
        <TextField
          id="signup-email"
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          value={email}
          onValue={setEmail}
          error={errors.email}
          inputRef={refs.email}
          required
        />
        {exists ? (
          <p className="field-hint">
            <Link to={withNext(ROUTES.signIn, location.searchParams.get("next") ?? "")}>Sign in with this email instead</Link>
          </p>
        ) : null}
        <TextField
          id="signup-password"
          label="Password"
          type="password"
          autoComplete="new-password"
          value={password}
          onValue={setPassword}
          error={errors.password}
          inputRef={refs.password}
          help="At least 10 characters. A few words you can remember work well."
          required
        />
        <button type="submit" className="button button--primary button--block" disabled={busy || wait > 0}>
          {busy ? "Creating your account…" : "Create account"}
        </button>
        <FieldError id="signup-error" message={errors.general ?? null} />
      </form>
      <p className="auth-switch">
        Already have an account? <Link to={withNext(ROUTES.signIn, location.searchParams.get("next") ?? "")}>Sign in</Link>
      </p>
    </div>
  );
}

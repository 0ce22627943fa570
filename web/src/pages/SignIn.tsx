import { useRef, useState, type FormEvent } from "react";
import { ApiError, plainMessage } from "../api/client";
import { FieldError } from "../components/FieldError";
import { TextField } from "../components/TextField";
import { useCountdown } from "../hooks/useCountdown";
import { fieldFor, fieldMessage, retryAfterSeconds, safeNext, waitText } from "../lib/forms";
import { Link, navigate, ROUTES, useLocation, withNext } from "../router";
import { signIn, signOut, useSession, type SignedOutReason } from "../state/session";
import { AlreadyIn } from "./SignUp";

type Field = "email" | "password";
type Errors = Partial<Record<Field | "general", string>>;

const REASONS: Record<Exclude<SignedOutReason, null>, string> = {
  expired: "Your session has ended. Sign in again to carry on where you were.",
  "signed-out": "You are signed out.",
  deleted: "Your account and everything it owned have been deleted. Thank you for using Vocalis.",
};

export function SignIn() {
  const location = useLocation();
  const session = useSession();
  const next = safeNext(location.searchParams.get("next"), ROUTES.studio);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const wait = useCountdown(waitUntil);
  const refs = { email: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };

  if ((session.status === "signed-in" || session.status === "local") && !busy) {
    return <AlreadyIn title="Sign in" next={next} onSignOut={() => void signOut()} />;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || wait > 0) return;
    const missing: Errors = {};
    if (!email.trim()) missing.email = "Enter your email address.";
    if (!password) missing.password = "Enter your password.";
    setErrors(missing);
    if (missing.email || missing.password) {
      refs[missing.email ? "email" : "password"].current?.focus();
      return;
    }
    setBusy(true);
    try {
      await signIn({ email: email.trim(), password });
      navigate(next, { replace: true });
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setErrors({ general: "Something went wrong in the browser. Try again." });
      } else if (error.status === 401) {
        setErrors({ password: plainMessage(error) });
        refs.password.current?.focus();
      } else if (error.status === 429) {
        const seconds = retryAfterSeconds(error) ?? 60;
        setWaitUntil(Date.now() + seconds * 1000);
        setErrors({});
      } else {
        const field = fieldFor<Field>(error, ["email", "password"]);
        setErrors({ [field ?? "general"]: fieldMessage(error) });
        if (field) refs[field].current?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page page--narrow">
      <header className="page-header">
        <h1>Sign in</h1>
        <p className="lede">Welcome back. Sign in to use the Studio, your voices and your API keys.</p>
      </header>
      {session.reason ? (
        <p className="notice" role="status" data-testid="signed-out-reason">
          {REASONS[session.reason]}
        </p>
      ) : null}
      {wait > 0 ? (
        <div className="notice notice--error notice--block" role="alert" data-testid="rate-limited">
          <p>
            <strong>Too many sign-in attempts from this address.</strong> Try again in {waitText(wait)}.
          </p>
        </div>
      ) : null}
      <form className="card auth-form" onSubmit={submit} noValidate aria-label="Sign in">
        <TextField
          id="signin-email"
          label="Email"
          type="email"
          autoComplete="username"
          inputMode="email"
          value={email}
          onValue={setEmail}
          error={errors.email}
          inputRef={refs.email}
          required
        />
        <TextField
          id="signin-password"
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={errors.password}
          inputRef={refs.password}
          required
        />
        <button type="submit" className="button button--primary button--block" disabled={busy || wait > 0}>
          {busy ? "Signing in…" : wait > 0 ? `Try again in ${waitText(wait)}` : "Sign in"}
        </button>
        <FieldError id="signin-error" message={errors.general ?? null} />
      </form>
      <p className="auth-switch">
        New here? <Link to={withNext(ROUTES.signUp, location.searchParams.get("next") ?? "")}>Create an account</Link>
      </p>
    </div>
  );
}

import type { ReactNode } from "react";
import { Link, ROUTES, withNext } from "../router";
import { loadSession, useSession } from "../state/session";

/** Asks a signed-out visitor to sign in (coming back here afterwards) instead of showing an API error. */
export function SignInPrompt({ what }: { what: string }) {
  const session = useSession();
  return (
    <section className="card sign-in-prompt" aria-labelledby="sign-in-prompt-title" data-testid="sign-in-prompt">
      <h2 id="sign-in-prompt-title" className="card__title">
        {session.reason === "expired" ? "Your session has ended" : `Sign in to ${what}`}
      </h2>
      <p>
        {session.reason === "expired"
          ? `Sign in again to ${what}; you will come back to this page.`
          : `This Vocalis server has accounts: sign in, or create one in a few seconds, to ${what}.`}
      </p>
      <p className="button-row">
        <Link to={withNext(ROUTES.signIn)} className="button button--primary">
          Sign in
        </Link>
        <Link to={withNext(ROUTES.signUp)} className="button button--secondary">
          Create an account
        </Link>
      </p>
    </section>
  );
}

/** Shows `children` to a signed-in (or local) user; otherwise a sign-in prompt, a wait or a retry. */
export function RequireSession({ what, children }: { what: string; children: ReactNode }) {
  const session = useSession();
  switch (session.status) {
    case "signed-in":
    case "local":
      return <>{children}</>;
    case "signed-out":
      return <SignInPrompt what={what} />;
    case "error":
      return (
        <div className="notice notice--error" role="alert">
          <p>{session.error}</p>
          <button type="button" className="button button--small button--secondary" onClick={() => void loadSession()}>
            Try again
          </button>
        </div>
      );
    default:
      return (
        <p className="notice" role="status">
          <span className="spinner" aria-hidden="true" /> Checking your session…
        </p>
      );
  }
}

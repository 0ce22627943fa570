import { useEffect, useState, type ReactNode } from "react";
import { ApiError, isAbort, plainMessage } from "../../api/client";
import { recruiter } from "../../api/recruiter";
import { Link, ROUTES } from "../../router";
import { useSession } from "../../state/session";

type Access = { state: "checking" } | { state: "allowed" } | { state: "forbidden" } | { state: "error"; message: string };

/**
 * Shows `children` to recruiters and trainers; anyone else is told what the area is and how to get the
 * role. The server decides (a plain user gets 403), so a role given a moment ago counts at once.
 */
export function RecruiterAccess({ children }: { children: ReactNode }) {
  const session = useSession();
  const [access, setAccess] = useState<Access>({ state: "checking" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setAccess({ state: "checking" });
    recruiter
      .scenarios(controller.signal)
      .then(() => setAccess({ state: "allowed" }))
      .catch((e: unknown) => {
        if (isAbort(e)) return;
        if (e instanceof ApiError && e.status === 403) setAccess({ state: "forbidden" });
        else setAccess({ state: "error", message: e instanceof ApiError ? plainMessage(e) : "Could not reach the server. Try again." });
      });
    return () => controller.abort();
  }, [attempt, session.user?.id]);

  switch (access.state) {
    case "allowed":
      return <>{children}</>;
    case "forbidden":
      return (
        <section className="card" aria-labelledby="recruiter-forbidden-title" data-testid="recruiter-forbidden">
          <h2 id="recruiter-forbidden-title" className="card__title">
            This area is for recruiters and trainers
          </h2>
          <p>
            Here recruiters and trainers write interview scenarios, assign them to candidates and follow their results. Your account
            {session.user ? ` (${session.user.email})` : ""} does not have the recruiter role.
          </p>
          <p>
            An administrator of this Vocalis server can give it to you. Until then you can practise interviews yourself.
          </p>
          <p className="button-row">
            <Link to={ROUTES.interviews} className="button button--primary">
              Practise an interview
            </Link>
          </p>
        </section>
      );
    case "error":
      return (
        <div className="notice notice--error" role="alert">
          <p>{access.message}</p>
          <button type="button" className="button button--small button--secondary" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      );
    default:
      return (
        <p className="notice" role="status">
          <span className="spinner" aria-hidden="true" /> Opening the recruiter area…
        </p>
      );
  }
}

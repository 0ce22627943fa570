import { useEffect, type ReactNode } from "react";
import { Link, ROUTES, useLocation } from "../router";
import { useHealth } from "../state/health";
import { AccountArea } from "./UserMenu";

const NAV = [
  { to: ROUTES.home, label: "Home" },
  { to: ROUTES.studio, label: "Studio" },
  { to: ROUTES.library, label: "Voices" },
  { to: ROUTES.clone, label: "Clone" },
  { to: ROUTES.coach, label: "Coach" },
  { to: ROUTES.interviews, label: "Interviews" },
  { to: ROUTES.history, label: "History" },
];

/** The nav item of a page: the Coach's and the Interviews' sub-pages are part of their area. */
function current(item: string, path: string): boolean {
  const areas: string[] = [ROUTES.coach, ROUTES.interviews, ROUTES.recruiter];
  return item === path || (areas.includes(item) && path.startsWith(`${item}/`));
}

function HealthBanner() {
  const { status, retryIn, checkNow } = useHealth();
  if (status === "ok" || status === "unknown") return null;
  const message =
    status === "offline"
      ? "Lost the connection to the Vocalis server."
      : "The server answers, but its database does not: speech still works, saving history may not.";
  return (
    <div className="banner" role="status" data-testid="health-banner">
      <span>
        {message} {retryIn !== null && status === "offline" ? `Checking again in ${retryIn} s.` : null}
      </span>
      <button type="button" className="button button--small button--ghost-on-dark" onClick={checkNow}>
        Retry now
      </button>
    </div>
  );
}

export function Layout({ title, children }: { title: string; children: ReactNode }) {
  const location = useLocation();

  useEffect(() => {
    document.title = title === "Vocalis" ? "Vocalis: self-hosted text to speech" : `${title} · Vocalis`;
  }, [title]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <HealthBanner />
      <header className="site-header">
        <div className="site-header__inner">
          <Link to={ROUTES.home} className="brand" aria-label="Vocalis home">
            <svg aria-hidden="true" viewBox="0 0 32 32" width="28" height="28">
              <rect width="32" height="32" rx="8" fill="currentColor" />
              <g fill="#fff">
                <rect x="7" y="13" width="3" height="6" rx="1.5" />
                <rect x="12" y="9" width="3" height="14" rx="1.5" />
                <rect x="17" y="6" width="3" height="20" rx="1.5" />
                <rect x="22" y="11" width="3" height="10" rx="1.5" />
              </g>
            </svg>
            <span>Vocalis</span>
          </Link>
          <nav aria-label="Main">
            <ul className="nav">
              {NAV.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={current(item.to, location.pathname.replace(/\/+$/, "")) ? "page" : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
              <li>
                <a href="/docs">API docs</a>
              </li>
            </ul>
          </nav>
          <AccountArea />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          Vocalis · Apache-2.0 · runs on your machine, offline. <a href="/docs">API reference</a> ·{" "}
          <a href="/openapi.json">OpenAPI schema</a>
        </p>
      </footer>
    </>
  );
}

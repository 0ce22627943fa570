import { Link, ROUTES, useLocation } from "../../router";

const LINKS = [
  { to: ROUTES.coach, label: "New session" },
  { to: ROUTES.coachSessions, label: "Sessions" },
  { to: ROUTES.coachProgress, label: "Progress" },
];

/** The coach's own pages: a new session, the list of sessions (and their reports), progress. */
export function CoachNav() {
  const path = useLocation().pathname.replace(/\/+$/, "");
  return (
    <nav className="coach-nav" aria-label="Coach">
      <ul>
        {LINKS.map((link) => (
          <li key={link.to}>
            <Link to={link.to} aria-current={path === link.to ? "page" : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

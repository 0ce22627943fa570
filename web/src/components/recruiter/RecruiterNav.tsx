import { recruiterPaths } from "../../lib/recruiterRoutes";
import { Link, useLocation } from "../../router";

const LINKS = [
  { to: recruiterPaths.dashboard, label: "Dashboard" },
  { to: recruiterPaths.newScenario, label: "New scenario" },
];

/** The recruiter area's own pages. */
export function RecruiterNav() {
  const path = useLocation().pathname.replace(/\/+$/, "");
  return (
    <nav className="recruiter-nav" aria-label="Recruiter">
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

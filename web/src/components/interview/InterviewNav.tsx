import { LIBRARY_PATH, PROGRESS_PATH } from "../../lib/interviewLibrary";
import { Link, useLocation } from "../../router";

const LINKS = [
  { to: LIBRARY_PATH, label: "Scenarios" },
  { to: PROGRESS_PATH, label: "Your interviews" },
];

/** The interview area's own pages: the scenario library and the candidate's dashboard. */
export function InterviewNav() {
  const path = useLocation().pathname.replace(/\/+$/, "");
  return (
    <nav className="coach-nav" aria-label="Interview practice">
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

import { ROUTES } from "../../router";
import { AreaNav } from "../AreaNav";

const LINKS = [
  { to: ROUTES.coach, label: "New session" },
  { to: ROUTES.coachSessions, label: "Sessions" },
  { to: ROUTES.coachProgress, label: "Progress" },
];

/** The coach's own pages: a new session, the list of sessions (and their reports), progress. */
export function CoachNav() {
  return <AreaNav className="coach-nav" label="Coach" links={LINKS} />;
}

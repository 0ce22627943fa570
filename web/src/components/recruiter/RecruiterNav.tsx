import { recruiterPaths } from "../../lib/recruiterRoutes";
import { AreaNav } from "../AreaNav";

const LINKS = [
  { to: recruiterPaths.dashboard, label: "Dashboard" },
  { to: recruiterPaths.newScenario, label: "New scenario" },
];

/** The recruiter area's own pages. */
export function RecruiterNav() {
  return <AreaNav className="recruiter-nav" label="Recruiter" links={LINKS} />;
}

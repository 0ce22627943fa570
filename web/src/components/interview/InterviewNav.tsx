import { LIBRARY_PATH, PROGRESS_PATH } from "../../lib/interviewLibrary";
import { AreaNav } from "../AreaNav";

const LINKS = [
  { to: LIBRARY_PATH, label: "Scenarios" },
  { to: PROGRESS_PATH, label: "Your interviews" },
];

/** The interview area's own pages: the scenario library and the candidate's dashboard. */
export function InterviewNav() {
  return <AreaNav className="coach-nav" label="Interview practice" links={LINKS} />;
}

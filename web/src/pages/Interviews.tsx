// Interview practice: the scenario library, the interview room, reports and the candidate's dashboard.
import { InterviewNav } from "../components/interview/InterviewNav";
import { ScenarioLibrary } from "../components/interview/ScenarioLibrary";
import "../components/coach/coach.css";
import "../components/interview/interview.css";
import { RequireSession } from "../components/RequireSession";
import { interviewsRoute, LIBRARY_PATH } from "../lib/interviewLibrary";
import { useDocumentTitle } from "../lib/interviewTitle";
import { Link } from "../router";
import { InterviewProgress } from "./InterviewProgress";
import { InterviewSession } from "./InterviewSession";

export function Interviews({ path }: { path: string }) {
  const route = interviewsRoute(path);
  return (
    <div className="page page--wide">
      <header className="page-header">
        <h1>{route.page === "progress" ? "Your interviews" : "Interview practice"}</h1>
        {route.page === "library" ? (
          <p className="lede">Practise a job interview, a sales call or a pitch out loud: the interviewer asks, listens, follows up, and you get scores, concrete advice and a replay.</p>
        ) : null}
      </header>
      <InterviewNav />
      <RequireSession what="practise interviews">
        <Area route={route} />
      </RequireSession>
    </div>
  );
}

function Area({ route }: { route: ReturnType<typeof interviewsRoute> }) {
  switch (route.page) {
    case "library":
      return <Titled title="Interview practice" element={<ScenarioLibrary />} />;
    case "progress":
      return <Titled title="Your interviews" element={<InterviewProgress />} />;
    case "interview":
      return <InterviewSession key={route.id} id={route.id} />;
    case "missing":
      return (
        <Titled
          title="Page not found"
          element={
            <p className="notice">
              No such page. <Link to={LIBRARY_PATH}>See the scenarios</Link>.
            </p>
          }
        />
      );
  }
}

function Titled({ title, element }: { title: string; element: React.JSX.Element }) {
  useDocumentTitle(title);
  return element;
}

// The recruiter's area: their scenarios (editor, rubric, publishing), assignments and candidates' results.
import { useEffect } from "react";
import "../components/recruiter/recruiter.css";
import { Dashboard } from "../components/recruiter/Dashboard";
import { InterviewView } from "../components/recruiter/InterviewView";
import { RecruiterAccess } from "../components/recruiter/RecruiterAccess";
import { RecruiterNav } from "../components/recruiter/RecruiterNav";
import { ScenarioEditor } from "../components/recruiter/ScenarioEditor";
import { RequireSession } from "../components/RequireSession";
import { recruiterPage, recruiterPaths, type RecruiterPage } from "../lib/recruiterRoutes";
import { Link } from "../router";

const TITLES: Record<RecruiterPage["page"], { title: string; lede: string }> = {
  dashboard: { title: "Recruiter dashboard", lede: "Your scenarios, your candidates and how they did." },
  "new-scenario": { title: "New scenario", lede: "Write the interview: who asks, the questions, and how answers are judged." },
  scenario: { title: "Edit scenario", lede: "Change the questions and rubric, publish it, and choose who may practise it." },
  interview: { title: "Candidate interview", lede: "What was said, turn by turn, and how each answer scored." },
  unknown: { title: "Page not found", lede: "There is no such page in the recruiter area." },
};

export function Recruiter({ path }: { path: string }) {
  const route = recruiterPage(path);
  const { title, lede } = TITLES[route.page];

  // After the layout's effect, which names the whole area "Recruiter" (parents' effects run after children's).
  useEffect(() => {
    queueMicrotask(() => {
      document.title = `${title} · Vocalis`;
    });
  }, [title]);

  return (
    <div className="page page--wide">
      <header className="page-header">
        <h1>{title}</h1>
        <p className="lede">{lede}</p>
      </header>
      <RecruiterNav />
      <RequireSession what="use the recruiter area">
        <RecruiterAccess>
          {route.page === "dashboard" ? <Dashboard /> : null}
          {route.page === "new-scenario" ? <ScenarioEditor scenarioId={null} /> : null}
          {route.page === "scenario" ? <ScenarioEditor key={route.id} scenarioId={route.id} /> : null}
          {route.page === "interview" ? <InterviewView interviewId={route.id} /> : null}
          {route.page === "unknown" ? (
            <p className="card">
              <Link to={recruiterPaths.dashboard}>Back to the recruiter dashboard</Link>
            </p>
          ) : null}
        </RecruiterAccess>
      </RequireSession>
    </div>
  );
}

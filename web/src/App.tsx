import { useEffect, useRef, type JSX } from "react";
import { Layout } from "./components/Layout";
import { Account } from "./pages/Account";
import { Clone } from "./pages/Clone";
import { Coach } from "./pages/Coach";
import { CoachProgress } from "./pages/CoachProgress";
import { CoachReport } from "./pages/CoachReport";
import { CoachSessions } from "./pages/CoachSessions";
import { History } from "./pages/History";
import { Interviews } from "./pages/Interviews";
import { Landing } from "./pages/Landing";
import { Library } from "./pages/Library";
import { NotFound } from "./pages/NotFound";
import { Recruiter } from "./pages/Recruiter";
import { SignIn } from "./pages/SignIn";
import { SignUp } from "./pages/SignUp";
import { Studio } from "./pages/Studio";
import { isUnder, reportIdOf, ROUTES, useLocation } from "./router";

function page(path: string): { title: string; element: JSX.Element } {
  switch (path) {
    case ROUTES.home:
      return { title: "Vocalis", element: <Landing /> };
    case ROUTES.studio:
      return { title: "Studio", element: <Studio /> };
    case ROUTES.library:
      return { title: "Voices", element: <Library /> };
    case ROUTES.signIn:
      return { title: "Sign in", element: <SignIn /> };
    case ROUTES.signUp:
      return { title: "Create an account", element: <SignUp /> };
    case ROUTES.history:
      return { title: "History", element: <History /> };
    case ROUTES.clone:
      return { title: "Clone a voice", element: <Clone /> };
    case ROUTES.account:
      return { title: "Account", element: <Account /> };
    case ROUTES.coach:
      return { title: "Coach", element: <Coach /> };
    case ROUTES.coachSessions:
      return { title: "Coaching sessions", element: <CoachSessions /> };
    case ROUTES.coachProgress:
      return { title: "Progress", element: <CoachProgress /> };
  }
  // The interview and recruiter areas route their own sub-pages (each page sets its title).
  if (isUnder(path, ROUTES.interviews)) return { title: "Interview practice", element: <Interviews path={path} /> };
  if (isUnder(path, ROUTES.recruiter)) return { title: "Recruiter", element: <Recruiter path={path} /> };
  const report = reportIdOf(path);
  if (report !== null) return { title: "Coaching report", element: <CoachReport sessionId={report} /> };
  return { title: "Page not found", element: <NotFound /> };
}

export function App() {
  const path = useLocation().pathname.replace(/\/+$/, "") || "/";
  const { title, element } = page(path);
  const first = useRef(true);

  // After a client-side navigation, start at the top and move focus to the new page (screen readers).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [path]);

  return (
    <Layout title={title}>
      {element}
    </Layout>
  );
}

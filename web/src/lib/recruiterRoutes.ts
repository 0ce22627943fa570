// The recruiter area's own pages, under /app/recruiter (App.tsx hands every path there to pages/Recruiter).
export const RECRUITER_ROOT = "/app/recruiter";

export type RecruiterPage =
  | { page: "dashboard" }
  | { page: "new-scenario" }
  | { page: "scenario"; id: string }
  | { page: "interview"; id: string }
  | { page: "unknown" };

export const recruiterPaths = {
  dashboard: RECRUITER_ROOT,
  newScenario: `${RECRUITER_ROOT}/scenarios/new`,
  scenario: (id: string) => `${RECRUITER_ROOT}/scenarios/${encodeURIComponent(id)}`,
  interview: (id: string) => `${RECRUITER_ROOT}/interviews/${encodeURIComponent(id)}`,
};

function decoded(part: string): string | null {
  try {
    const value = decodeURIComponent(part);
    return value && !value.includes("/") ? value : null;
  } catch {
    return null;
  }
}

/** Which page a path under /app/recruiter is (trailing slashes already removed by the app). */
export function recruiterPage(path: string): RecruiterPage {
  if (path === RECRUITER_ROOT) return { page: "dashboard" };
  if (path === recruiterPaths.newScenario) return { page: "new-scenario" };
  const match = /^\/app\/recruiter\/(scenarios|interviews)\/([^/]+)$/.exec(path);
  const id = match ? decoded(match[2]!) : null;
  if (!match || id === null) return { page: "unknown" };
  return match[1] === "scenarios" ? { page: "scenario", id } : { page: "interview", id };
}

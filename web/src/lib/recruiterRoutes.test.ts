import { describe, expect, it } from "vitest";
import { recruiterPage, recruiterPaths } from "./recruiterRoutes";

describe("recruiterPage", () => {
  it("routes the recruiter's pages", () => {
    expect(recruiterPage("/app/recruiter")).toEqual({ page: "dashboard" });
    expect(recruiterPage("/app/recruiter/scenarios/new")).toEqual({ page: "new-scenario" });
    expect(recruiterPage(recruiterPaths.scenario("support-lead"))).toEqual({ page: "scenario", id: "support-lead" });
    expect(recruiterPage(recruiterPaths.interview("ab12"))).toEqual({ page: "interview", id: "ab12" });
  });

  it("knows nothing else", () => {
    expect(recruiterPage("/app/recruiter/scenarios")).toEqual({ page: "unknown" });
    expect(recruiterPage("/app/recruiter/scenarios/a/b")).toEqual({ page: "unknown" });
    expect(recruiterPage("/app/recruiter/interviews/%E0%A4%A")).toEqual({ page: "unknown" });
    expect(recruiterPage("/app/recruiter/scenarios/a%2Fb")).toEqual({ page: "unknown" });
  });
});

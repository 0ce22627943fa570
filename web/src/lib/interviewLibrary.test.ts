import { describe, expect, it } from "vitest";
import type { Assignment, Scenario } from "../api/interviews";
import { categoriesOf, categoryName, draftFor, durationText, interviewBody, interviewPath, interviewsRoute, questionsText } from "./interviewLibrary";

const scenario = (id: string, category: string, language = "en"): Scenario => ({ id, language, title: id, description: "", role: "", category, difficulty: "easy", target_minutes: 4, questions: 2 });

describe("interviewsRoute", () => {
  it("routes the library, the dashboard and one interview, and nothing deeper", () => {
    expect(interviewsRoute("/app/interviews")).toEqual({ page: "library" });
    expect(interviewsRoute("/app/interviews/")).toEqual({ page: "library" });
    expect(interviewsRoute("/app/interviews/progress")).toEqual({ page: "progress" });
    expect(interviewsRoute("/app/interviews/abc123")).toEqual({ page: "interview", id: "abc123" });
    expect(interviewsRoute(interviewPath("a b"))).toEqual({ page: "interview", id: "a b" });
    expect(interviewsRoute("/app/interviews/abc/report")).toEqual({ page: "missing" });
    expect(interviewsRoute("/app/interviews/%E0%A4%A")).toEqual({ page: "missing" });
  });
});

describe("the start form", () => {
  it("starts in the scenario's language with that language's voice, by voice", () => {
    expect(draftFor("fr")).toEqual({ language: "fr", voice: "ff_siwis", mode: "voice" });
    expect(draftFor("en").voice).toBe("af_heart");
  });

  it("asks for a scenario or an assignment, and sends no voice in text mode", () => {
    expect(interviewBody({ scenario: scenario("quick-check", "behavioural") }, { language: "en", voice: "am_michael", mode: "voice" })).toEqual({ scenario_id: "quick-check", language: "en", voice: "am_michael", mode: "voice" });
    expect(interviewBody({ scenario: scenario("quick-check", "behavioural") }, { language: "fr", voice: "ff_siwis", mode: "text" }).voice).toBeNull();
    const assignment: Assignment = { id: "as1", candidate_email: "a@b.c", scenario_id: "s", language: "fr", title: "T", note: null, created_at: "2026-01-01T00:00:00Z" };
    expect(interviewBody({ assignment }, { language: "en", voice: "", mode: "voice" })).toEqual({ assignment_id: "as1", language: "fr", voice: null, mode: "voice" });
  });
});

describe("library words", () => {
  it("names categories, lengths and counts", () => {
    expect(categoryName("problem_solving")).toBe("Problem solving");
    expect(categoryName("brand_new")).toBe("Brand new");
    expect(durationText(4)).toBe("About 4 min");
    expect(questionsText(1)).toBe("1 question");
    expect(questionsText(3)).toBe("3 questions");
    expect(categoriesOf([scenario("a", "sales"), scenario("b", "technical"), scenario("c", "zzz"), scenario("d", "sales", "fr")])).toEqual(["technical", "sales", "zzz"]);
  });
});

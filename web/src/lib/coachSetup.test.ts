import { describe, expect, it } from "vitest";
import { draftProblems, EMPTY_DRAFT, sessionBody } from "./coachSetup";

describe("draftProblems", () => {
  it("accepts the default draft", () => {
    expect(draftProblems(EMPTY_DRAFT)).toEqual({});
  });

  it("asks for a focus area and a sensible pace range", () => {
    expect(draftProblems({ ...EMPTY_DRAFT, focus: [] }).focus).toMatch(/at least one/);
    expect(draftProblems({ ...EMPTY_DRAFT, wpmLow: "130" }).wpm).toMatch(/both ends/);
    expect(draftProblems({ ...EMPTY_DRAFT, wpmLow: "160", wpmHigh: "130" }).wpm).toMatch(/below/);
    expect(draftProblems({ ...EMPTY_DRAFT, wpmLow: "20", wpmHigh: "130" }).wpm).toMatch(/between 40 and 300/);
    expect(draftProblems({ ...EMPTY_DRAFT, wpmLow: "12.5", wpmHigh: "130" }).wpm).toMatch(/whole numbers/);
    expect(draftProblems({ ...EMPTY_DRAFT, title: "x".repeat(201) }).title).toBeDefined();
  });
});

describe("sessionBody", () => {
  it("names an untitled session and sends the chosen settings", () => {
    const body = sessionBody(
      { ...EMPTY_DRAFT, sessionType: "practice", language: "fr", focus: ["fillers", "pace"], cueEvery: 5, wpmLow: "120", wpmHigh: " 150 ", maxMinutes: 10 },
      new Date(2026, 0, 2, 9, 30),
    );
    expect(body.title).toMatch(/^Practice, /);
    expect(body).toMatchObject({ session_type: "practice", language: "fr" });
    expect(body.config).toEqual({
      focus: ["pace", "fillers"], // in the server's order
      feedback_frequency: 5,
      real_time_feedback: true,
      ai_coaching: false,
      max_duration: 600,
      target_wpm: [120, 150],
    });
  });

  it("leaves the pace band to the server when none is given", () => {
    const body = sessionBody({ ...EMPTY_DRAFT, title: "  Board meeting " });
    expect(body.title).toBe("Board meeting");
    expect(body.config).not.toHaveProperty("target_wpm");
  });
});

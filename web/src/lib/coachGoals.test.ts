import { describe, expect, it } from "vitest";
import { goalField, goalMessage, goalsBody, goalsDraft } from "./coachGoals";

describe("goals", () => {
  it("turns the stored goals into the form and back, empty boxes meaning no goal", () => {
    const draft = goalsDraft({ wpm_low: 130, wpm_high: 160, max_fillers_per_minute: null });
    expect(draft).toEqual({ wpm_low: "130", wpm_high: "160", max_fillers_per_minute: "", min_pitch_variation_semitones: "", max_long_pauses_per_minute: "" });
    expect(goalsBody({ ...draft, max_fillers_per_minute: " 2,5 " })).toEqual({
      wpm_low: 130,
      wpm_high: 160,
      max_fillers_per_minute: 2.5,
      min_pitch_variation_semitones: null,
      max_long_pauses_per_minute: null,
    });
    expect(goalsDraft(null).wpm_low).toBe("");
  });

  it("finds the field a server error is about", () => {
    expect(goalField({ field: "wpm_low", value: 170 })).toBe("wpm_low");
    expect(goalField({ errors: [{ field: "max_fillers_per_minute", message: "Input should be a valid number" }] })).toBe("max_fillers_per_minute");
    expect(goalField({ field: "something_else" })).toBeNull();
    expect(goalField({})).toBeNull();
  });

  it("puts the server's message in words", () => {
    expect(goalMessage("wpm_low must be below wpm_high")).toBe("The slowest pace must be below the fastest pace.");
    expect(goalMessage("max_fillers_per_minute must be between 0 and 30")).toBe("Fillers a minute must be between 0 and 30.");
    expect(goalMessage("invalid request: wpm_low: Input should be a valid number.")).toBe("Invalid request: the slowest pace: Input should be a valid number.");
  });
});

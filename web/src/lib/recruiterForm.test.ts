import { describe, expect, it } from "vitest";
import builtIn from "../../../src/vocalis/interview/data/scenarios/en/leading-a-team.json?raw";
import {
  emptyForm,
  emptyQuestion,
  fieldId,
  fieldPaths,
  fromScenario,
  importScenario,
  moved,
  parseEmails,
  problemsByField,
  problemsOf,
  problemText,
  slugify,
  stalePaths,
  toScenario,
} from "./recruiterForm";

describe("form and document", () => {
  it("gives back a built-in scenario file exactly", () => {
    const doc: unknown = JSON.parse(builtIn);
    expect(toScenario(fromScenario(doc))).toEqual(doc);
  });

  it("sends numbers as numbers and leaves wrong values for the server to name", () => {
    const form = emptyForm();
    form.targetMinutes = " 12.5 ";
    form.questions[0]!.minSeconds = "abc";
    form.questions[0]!.maxSeconds = "";
    const doc = toScenario(form) as unknown as Record<string, unknown>;
    expect(doc.target_minutes).toBe(12.5);
    const question = (doc.questions as Record<string, unknown>[])[0]!;
    expect(question.target_seconds).toEqual({ min: "abc", max: null });
    expect(question.key_points).toEqual(["", ""]); // blank key points are the server's to refuse, by index
  });

  it("starts a new question with a free id and a STAR result follow-up", () => {
    const form = emptyForm();
    form.questions[0]!.id = "q2";
    const next = emptyQuestion(form.questions);
    expect(next.id).toBe("q3");
    expect(next.followUps.map((f) => f.when)).toEqual(["no_result"]);
    expect(next.key).not.toBe(form.questions[0]!.key);
  });

  it("makes ids from titles", () => {
    expect(slugify("Leading our support team")).toBe("leading-our-support-team");
    expect(slugify("  Entretien : équipe d'été!  ")).toBe("entretien-equipe-d-ete");
    expect(slugify("x".repeat(70))).toHaveLength(60);
  });

  it("moves items up and down, and not past the ends", () => {
    expect(moved(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moved(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b"], 0, -1)).toEqual(["a", "b"]);
  });
});

describe("importScenario", () => {
  it("reads a scenario file into the form", () => {
    const result = importScenario(builtIn);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.form.id).toBe("leading-a-team");
    expect(result.form.questions[0]!.keyPoints).toHaveLength(5);
    expect(result.form.questions[0]!.minSeconds).toBe("90");
    expect(result.notes).toEqual([]);
  });

  it("keeps the id of the scenario being edited and says so", () => {
    const result = importScenario(builtIn, "our-own");
    expect(result.ok && result.form.id).toBe("our-own");
    expect(result.ok && result.notes[0]).toContain("still “our-own”");
  });

  it("names what it left out or replaced", () => {
    const result = importScenario(JSON.stringify({ title: "T", category: "chess", extra: 1, questions: [{ structure: "haiku" }] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.notes).toEqual(["Left out what a scenario does not have: extra.", "Not a known value, replaced: category “chess”."]);
    expect(result.form.questions[0]!.id).toBe("q1");
  });

  it("refuses what is not a scenario", () => {
    expect(importScenario("{nope")).toMatchObject({ ok: false, error: expect.stringContaining("not JSON") });
    expect(importScenario("[1, 2]")).toMatchObject({ ok: false, error: expect.stringContaining("not a scenario") });
    expect(importScenario('{"voice": "af_heart"}')).toMatchObject({ ok: false });
  });
});

describe("server problems on fields", () => {
  const form = fromScenario(JSON.parse(builtIn));
  const shown = fieldPaths(form);

  it("puts each problem on the field the API names, without the scenario. prefix", () => {
    const placed = problemsByField(
      [
        { field: "scenario.questions.1.target_seconds.min", message: "Input should be greater than or equal to 15" },
        { field: "scenario.title", message: "String should have at least 1 character" },
        { field: "scenario.questions.0.key_points.2", message: "String should have at least 1 character" },
      ],
      shown,
    );
    expect(placed.get("questions.1.target_seconds.min")).toBe("Input should be greater than or equal to 15.");
    expect(placed.get("title")).toBe("String should have at least 1 character.");
    expect(placed.get("questions.0.key_points.2")).toBeDefined();
  });

  it("puts a rule across fields on their group, and an unknown path on the closest shown one", () => {
    const placed = problemsByField(
      [
        { field: "scenario.questions.1.target_seconds", message: "Value error, min (200) must be below max (180)" },
        { field: "scenario.questions.0", message: "Value error, a STAR question needs a 'no_result' follow-up" },
        { field: "scenario.questions.9.text", message: "Field required" },
        { field: "visibility", message: "Input should be 'private', 'shared' or 'public'" },
      ],
      shown,
    );
    expect(placed.get("questions.1.target_seconds")).toBe("Min (200) must be below max (180).");
    expect(placed.get("questions.0")).toBe("A STAR question needs a 'no_result' follow-up.");
    expect(placed.get("questions")).toBe("Field required.");
    expect(placed.get("")).toContain("Input should be");
  });

  it("keeps the first problem of a field", () => {
    const placed = problemsByField(
      [
        { field: "scenario.id", message: "first" },
        { field: "scenario.id", message: "second" },
      ],
      shown,
    );
    expect(placed.get("id")).toBe("First.");
  });

  it("reads the problems of a 422", () => {
    expect(problemsOf({ errors: [{ field: "scenario.id", message: "bad" }, { nope: 1 }] })).toEqual([{ field: "scenario.id", message: "bad" }]);
    expect(problemsOf({})).toEqual([]);
    expect(problemText("Value error, x")).toBe("X.");
  });

  it("gives each field a DOM id", () => {
    expect(fieldId("questions.0.key_points.1")).toBe("sc-questions-0-key_points-1");
    expect(fieldId("")).toBe("sc-form");
  });
});

describe("parseEmails", () => {
  it("reads e-mails once each, whatever separates them, and names the bad ones", () => {
    expect(parseEmails("a@x.org, b@y.org\nA@x.org;  nope  c@z.io")).toEqual({ emails: ["a@x.org", "b@y.org", "c@z.io"], invalid: ["nope"] });
    expect(parseEmails("  ")).toEqual({ emails: [], invalid: [] });
  });
});

describe("stalePaths", () => {
  it("names the changed field and the groups around it", () => {
    const before = emptyQuestion();
    expect(stalePaths(before, { ...before, minSeconds: "30" }, 1)).toEqual(["questions.1.target_seconds.min", "questions.1.target_seconds", "questions.1"]);
    expect(stalePaths(before, { ...before, keyPoints: ["a", ""] }, 0)).toEqual(["questions.0.key_points.0", "questions.0.key_points", "questions.0"]);
    const when = { ...before, followUps: [{ ...before.followUps[0]!, when: "vague" as const }] };
    expect(stalePaths(before, when, 0)).toEqual(["questions.0.follow_ups.0.when", "questions.0.follow_ups.0", "questions.0.follow_ups", "questions.0"]);
    expect(stalePaths(before, { ...before }, 0)).toEqual([]);
  });
});

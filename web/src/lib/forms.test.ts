import { describe, expect, it } from "vitest";
import { filenameOf } from "../api/accounts";
import { ApiError } from "../api/client";
import { fieldFor, fieldMessage, retryAfterSeconds, safeNext, waitText } from "./forms";

const fields = ["display_name", "email", "password"] as const;

describe("fieldFor", () => {
  it("uses the field the API names", () => {
    expect(fieldFor(new ApiError(409, "conflict", "an account for a@b.c already exists", { field: "email" }), fields)).toBe("email");
    expect(fieldFor(new ApiError(400, "invalid_input", "'x' is not an email address", { field: "email" }), fields, "password")).toBe("email");
  });

  it("reads the field of a 422 without its body. prefix", () => {
    const error = new ApiError(422, "validation_error", "invalid request: display_name: too long", {
      errors: [{ field: "display_name", message: "String should have at most 100 characters" }],
    });
    expect(fieldFor(error, fields)).toBe("display_name");
    expect(fieldMessage(error)).toBe("String should have at most 100 characters.");
  });

  it("sends an unnamed input error to the fallback field, and nothing else", () => {
    const weak = new ApiError(400, "invalid_input", "password must be at least 10 characters", { minimum: 10 });
    expect(fieldFor(weak, fields, "password")).toBe("password");
    expect(fieldMessage(weak)).toBe("Password must be at least 10 characters.");
    expect(fieldFor(new ApiError(500, "internal_error", "boom"), fields, "password")).toBeNull();
    expect(fieldFor(new ApiError(400, "invalid_input", "x", { field: "colour" }), fields, "password")).toBeNull();
  });
});

describe("safeNext", () => {
  it("goes back to a page on this site only", () => {
    expect(safeNext("/studio?voice=af_bella", "/")).toBe("/studio?voice=af_bella");
    expect(safeNext(null, "/studio")).toBe("/studio");
    expect(safeNext("https://evil.example/", "/studio")).toBe("/studio");
    expect(safeNext("//evil.example/", "/studio")).toBe("/studio");
    expect(safeNext("/\\evil.example", "/studio")).toBe("/studio");
    expect(safeNext("/app/signin?next=/x", "/studio")).toBe("/studio");
  });
});

describe("waiting", () => {
  it("takes Retry-After, else the error's details", () => {
    expect(retryAfterSeconds(new ApiError(429, "rate_limited", "slow", {}, 42))).toBe(42);
    expect(retryAfterSeconds(new ApiError(429, "rate_limited", "slow", { retry_after: 7 }))).toBe(7);
    expect(retryAfterSeconds(new ApiError(429, "rate_limited", "slow"))).toBeNull();
    expect(waitText(42)).toBe("42 s");
    expect(waitText(120)).toBe("2 min");
    expect(waitText(125)).toBe("2 min 5 s");
  });
});

describe("filenameOf", () => {
  it("reads Content-Disposition", () => {
    expect(filenameOf('attachment; filename="vocalis-export-20260101.zip"')).toBe("vocalis-export-20260101.zip");
    expect(filenameOf("attachment; filename*=utf-8''voc%C3%A1lis.zip")).toBe("vocális.zip");
    expect(filenameOf(null)).toBeNull();
  });
});

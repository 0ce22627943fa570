import { describe, expect, it, vi } from "vitest";
import { ApiError, errorField, getJson, plainMessage, readError, request, retrying } from "./client";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

describe("readError", () => {
  it("reads the API's error shape", async () => {
    const error = await readError(
      json(404, { error: { code: "unknown_voice", message: "unknown voice 'zz'; did you mean af_nicole?", details: { voice: "zz" } } }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
    expect(error.code).toBe("unknown_voice");
    expect(error.details).toEqual({ voice: "zz" });
    expect(error.retryable).toBe(false);
  });

  it("survives a body that is not JSON, such as a proxy's HTML page", async () => {
    const error = await readError(new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    expect(error.code).toBe("http_error");
    expect(error.message).toBe("The server answered with status 502 Bad Gateway.");
    expect(error.retryable).toBe(true);
  });

  it("keeps Retry-After", async () => {
    const error = await readError(
      json(503, { error: { code: "overloaded", message: "busy", details: { retry_after: 3 } } }, { "Retry-After": "3" }),
    );
    expect(error.retryAfter).toBe(3);
    expect(plainMessage(error)).toBe("Busy. Try again in 3 s.");
  });
});

describe("request", () => {
  it("turns a network failure into a plain, retryable error", async () => {
    const failing = vi.fn().mockRejectedValue(new TypeError("Failed to fetch"));
    const error = await request("/health", {}, failing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("network_error");
    expect((error as ApiError).retryable).toBe(true);
    expect((error as ApiError).message).toMatch(/Could not reach the Vocalis server/);
  });

  it("reports a cancelled request as aborted, not as a network failure", async () => {
    const controller = new AbortController();
    controller.abort();
    const aborting = vi.fn().mockRejectedValue(new DOMException("The operation was aborted.", "AbortError"));
    const error = await request("/x", { signal: controller.signal }, aborting).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe("aborted");
  });

  it("returns parsed JSON on success", async () => {
    const ok = vi.fn().mockResolvedValue(json(200, { status: "ok" }));
    await expect(getJson("/health", undefined, ok)).resolves.toEqual({ status: "ok" });
  });
});

describe("errorField", () => {
  const error = (code: string, details: Record<string, unknown> = {}, message = "m") => new ApiError(400, code, message, details);
  it("puts each error next to the input it is about", () => {
    expect(errorField(error("empty_text"))).toBe("text");
    expect(errorField(error("too_large"))).toBe("text");
    expect(errorField(error("unknown_voice", { voice: "zz" }))).toBe("voice");
    expect(errorField(error("invalid_blend"))).toBe("voice");
    expect(errorField(error("out_of_range", { field: "speed" }))).toBe("speed");
    expect(errorField(error("validation_error", { errors: [{ field: "input", message: "Field required" }] }))).toBe("text");
    expect(errorField(error("validation_error", { errors: [{ field: "voice_settings.speed", message: "x" }] }))).toBe("speed");
    expect(errorField(error("out_of_range", {}, "sample rate 5000 Hz is outside 8000-48000"))).toBe("sample_rate");
    expect(errorField(error("internal_error"))).toBeNull();
  });
});

describe("retrying", () => {
  it("backs off exponentially on retryable errors, then succeeds", async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retrying(
      async () => {
        calls += 1;
        if (calls < 3) throw new ApiError(0, "network_error", "down");
        return "voices";
      },
      { attempts: 5, baseDelayMs: 500, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe("voices");
    expect(waits).toEqual([500, 1000]);
  });

  it("does not retry an error that retrying cannot fix", async () => {
    const run = vi.fn().mockRejectedValue(new ApiError(404, "unknown_voice", "no"));
    await expect(retrying(run, { attempts: 5, baseDelayMs: 1, sleep: async () => {} })).rejects.toMatchObject({ code: "unknown_voice" });
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("waits as long as Retry-After says and gives up after the last attempt", async () => {
    const waits: number[] = [];
    const run = vi.fn().mockRejectedValue(new ApiError(503, "overloaded", "busy", {}, 2));
    await expect(retrying(run, { attempts: 3, baseDelayMs: 100, sleep: async (ms) => void waits.push(ms) })).rejects.toMatchObject({
      code: "overloaded",
    });
    expect(waits).toEqual([2000, 2000]);
    expect(run).toHaveBeenCalledTimes(3);
  });
});

import { describe, expect, it, vi } from "vitest";
import { ApiError, request } from "./client";
import { REFRESH_PATH, withSessionRefresh, type Fetcher } from "./session";

const json = (status: number, body: unknown = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const unauthorized = (message = "the access token expired: use the refresh token") =>
  json(401, { error: { code: "unauthorized", message, details: {} } });

/** A fake server: answers by path, and records every call in order. */
function server(routes: Record<string, (init?: RequestInit) => Response | Promise<Response>>) {
  const calls: string[] = [];
  const base: Fetcher = vi.fn(async (input: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? "GET"} ${input}`);
    const route = routes[input];
    if (!route) throw new Error(`unexpected call ${input}`);
    return route(init);
  });
  return { base, calls };
}

describe("withSessionRefresh", () => {
  it("passes answers other than 401 through without refreshing", async () => {
    const { base, calls } = server({ "/v1/voices": () => json(200, { voices: [] }), "/v1/x": () => json(404) });
    const fetcher = withSessionRefresh(base);
    expect((await fetcher("/v1/voices")).status).toBe(200);
    expect((await fetcher("/v1/x")).status).toBe(404);
    expect(calls).toEqual(["GET /v1/voices", "GET /v1/x"]);
  });

  it("on a 401 refreshes once with the cookie and retries the call", async () => {
    let signedIn = false;
    const { base, calls } = server({
      "/api/v1/user/profile": () => (signedIn ? json(200, { email: "ana@example.org" }) : unauthorized()),
      [REFRESH_PATH]: () => {
        signedIn = true;
        return json(200, {});
      },
    });
    const onSignedOut = vi.fn();
    const fetcher = withSessionRefresh(base, { onSignedOut });
    const response = await fetcher("/api/v1/user/profile");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ email: "ana@example.org" });
    expect(calls).toEqual(["GET /api/v1/user/profile", `POST ${REFRESH_PATH}`, "GET /api/v1/user/profile"]);
    const refreshInit = vi.mocked(base).mock.calls[1]![1]!;
    expect(refreshInit.body).toBe("{}"); // the refresh cookie carries the token
    expect(refreshInit.credentials).toBe("same-origin");
    expect(onSignedOut).not.toHaveBeenCalled();
  });

  it("retries a POST with the same method and body", async () => {
    const bodies: unknown[] = [];
    let fresh = false;
    const { base } = server({
      "/v1/audio/speech": (init) => {
        bodies.push(init?.body);
        return fresh ? json(200) : unauthorized();
      },
      [REFRESH_PATH]: () => {
        fresh = true;
        return json(200);
      },
    });
    const fetcher = withSessionRefresh(base);
    const response = await fetcher("/v1/audio/speech", { method: "POST", body: '{"input":"hi"}' });
    expect(response.status).toBe(200);
    expect(bodies).toEqual(['{"input":"hi"}', '{"input":"hi"}']);
  });

  it("reports the sign-out when the refresh is refused, and returns the original 401", async () => {
    const { base, calls } = server({
      "/v1/voices": () => unauthorized(),
      [REFRESH_PATH]: () => unauthorized("the refresh token is invalid or expired: sign in again"),
    });
    const onSignedOut = vi.fn();
    const fetcher = withSessionRefresh(base, { onSignedOut });
    const response = await fetcher("/v1/voices");
    expect(response.status).toBe(401);
    expect(onSignedOut).toHaveBeenCalledTimes(1);
    expect(calls).toEqual(["GET /v1/voices", `POST ${REFRESH_PATH}`]); // no second try
  });

  it("does not sign out when the retry is refused again after a good refresh (a wrong password)", async () => {
    const { base, calls } = server({
      "/api/v1/user/password": () => unauthorized("the current password is wrong"),
      [REFRESH_PATH]: () => json(200),
    });
    const onSignedOut = vi.fn();
    const fetcher = withSessionRefresh(base, { onSignedOut });
    const error = await request("/api/v1/user/password", { method: "POST", body: "{}" }, fetcher).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe("the current password is wrong");
    expect(onSignedOut).not.toHaveBeenCalled();
    expect(calls).toHaveLength(3); // call, refresh, retry: never a loop
  });

  it("shares one refresh between calls that fail together (refresh tokens rotate)", async () => {
    let fresh = false;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { base, calls } = server({
      "/v1/voices": () => (fresh ? json(200) : unauthorized()),
      "/api/v1/user/profile": () => (fresh ? json(200) : unauthorized()),
      [REFRESH_PATH]: async () => {
        await gate;
        fresh = true;
        return json(200);
      },
    });
    const fetcher = withSessionRefresh(base);
    const both = Promise.all([fetcher("/v1/voices"), fetcher("/api/v1/user/profile")]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    const [a, b] = await both;
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(calls.filter((c) => c.endsWith(REFRESH_PATH))).toHaveLength(1);
  });

  it("refreshes again for a later 401 (the session expired once more)", async () => {
    let valid = 0;
    const { base, calls } = server({
      "/v1/voices": () => (valid-- > 0 ? json(200) : unauthorized()),
      [REFRESH_PATH]: () => {
        valid = 1;
        return json(200);
      },
    });
    const fetcher = withSessionRefresh(base);
    expect((await fetcher("/v1/voices")).status).toBe(200);
    expect((await fetcher("/v1/voices")).status).toBe(200);
    expect(calls.filter((c) => c.endsWith(REFRESH_PATH))).toHaveLength(2);
  });

  it("never refreshes for the sign-in, sign-up, refresh and sign-out calls", async () => {
    const { base, calls } = server({
      "/api/v1/auth/login": () => unauthorized("wrong email or password"),
      "/api/v1/auth/register": () => unauthorized(),
      "/api/v1/auth/logout": () => unauthorized(),
      [REFRESH_PATH]: () => unauthorized(),
    });
    const onSignedOut = vi.fn();
    const fetcher = withSessionRefresh(base, { onSignedOut });
    for (const path of ["/api/v1/auth/login", "/api/v1/auth/register", "/api/v1/auth/logout", REFRESH_PATH]) {
      expect((await fetcher(path, { method: "POST" })).status).toBe(401);
    }
    expect(calls).toHaveLength(4);
    expect(onSignedOut).not.toHaveBeenCalled();
  });

  it("keeps the session when the refresh cannot reach the server", async () => {
    const { base } = server({
      "/v1/voices": () => unauthorized(),
      [REFRESH_PATH]: () => {
        throw new TypeError("Failed to fetch");
      },
    });
    const onSignedOut = vi.fn();
    const response = await withSessionRefresh(base, { onSignedOut })("/v1/voices");
    expect(response.status).toBe(401);
    expect(onSignedOut).not.toHaveBeenCalled();
  });

  it("does not refresh for a call that was cancelled", async () => {
    const controller = new AbortController();
    const { base, calls } = server({
      "/v1/voices": () => {
        controller.abort();
        return unauthorized();
      },
    });
    await withSessionRefresh(base)("/v1/voices", { signal: controller.signal });
    expect(calls).toEqual(["GET /v1/voices"]);
  });
});

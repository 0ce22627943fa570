// Sessions live in HttpOnly cookies the page cannot read: a short-lived access cookie and a refresh
// cookie scoped to /api/v1/auth. When any call answers 401, the access token has probably expired:
// exchange the refresh cookie for a new pair once, then send the call again. When the refresh is
// refused too, the session is over and the app shows its signed-out state.

export type Fetcher = (input: string, init?: RequestInit) => Promise<Response>;

export const REFRESH_PATH = "/api/v1/auth/refresh";

/** Calls whose 401 means "wrong password", "already signed out" or "refresh refused", never "expired". */
const NO_REFRESH = /^\/api\/v1\/auth\/(login|register|refresh|logout)(\?|$)/;

export type RefreshOutcome = "refreshed" | "refused" | "unreachable";

export interface SessionFetchOptions {
  /** The session is over: the refresh token was refused. */
  onSignedOut?: () => void;
  refreshPath?: string;
}

function pathOf(input: string): string {
  try {
    return new URL(input, "http://x").pathname;
  } catch {
    return input;
  }
}

/**
 * Wrap `base` so a 401 triggers one refresh and one retry. Concurrent 401s share one refresh: the
 * server rotates refresh tokens, so a second refresh with the old cookie would be refused.
 */
export function withSessionRefresh(base: Fetcher, options: SessionFetchOptions = {}): Fetcher & { refresh: () => Promise<RefreshOutcome> } {
  const refreshPath = options.refreshPath ?? REFRESH_PATH;
  let pending: Promise<RefreshOutcome> | null = null;

  const refresh = (): Promise<RefreshOutcome> => {
    pending ??= base(refreshPath, {
      method: "POST",
      body: "{}",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
    })
      .then((response): RefreshOutcome => (response.ok ? "refreshed" : response.status === 401 || response.status === 403 ? "refused" : "unreachable"))
      .catch((): RefreshOutcome => "unreachable")
      .finally(() => {
        pending = null;
      });
    return pending;
  };

  const sessionFetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const response = await base(input, init);
    if (response.status !== 401 || NO_REFRESH.test(pathOf(input)) || init?.signal?.aborted) return response;
    const outcome = await refresh();
    if (outcome === "refused") {
      options.onSignedOut?.();
      return response;
    }
    // Unreachable: a network hiccup is not a sign-out; report the original 401 and keep the state.
    if (outcome === "unreachable") return response;
    return base(input, init);
  };
  return Object.assign(sessionFetch, { refresh });
}

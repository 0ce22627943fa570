// A small History-API router: the pages are few, and deep links are served by the Python app.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

/** Web pages never use the API's top-level names (/voices, /history, /jobs, ...; see vocalis.api.web). */
export const ROUTES = {
  home: "/",
  studio: "/studio",
  library: "/library",
  signIn: "/app/signin",
  signUp: "/app/signup",
  account: "/app/account",
  history: "/app/history",
  clone: "/app/clone",
  coach: "/app/coach",
  coachSessions: "/app/coach/sessions",
  coachProgress: "/app/coach/progress",
  interviews: "/app/interviews",
  recruiter: "/app/recruiter",
} as const;

/** Whether `path` is `root` or one of its sub-pages (`root/...`). */
export function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}

/** The report of coaching session `id`. */
export function reportPath(id: string): string {
  return `${ROUTES.coachSessions}/${encodeURIComponent(id)}`;
}

/** The session id of a report path, or null for any other path. */
export function reportIdOf(path: string): string | null {
  const match = /^\/app\/coach\/sessions\/([^/]+)$/.exec(path);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

/** The sign-in (or sign-up) page, coming back to `next` (default: the page we are on) afterwards. */
export function withNext(page: string, next: string = window.location.pathname + window.location.search): string {
  return next && next !== "/" && !next.startsWith("/app/sign") ? `${page}?next=${encodeURIComponent(next)}` : page;
}

const NAVIGATE = "vocalis:navigate";

function subscribe(callback: () => void): () => void {
  window.addEventListener("popstate", callback);
  window.addEventListener(NAVIGATE, callback);
  return () => {
    window.removeEventListener("popstate", callback);
    window.removeEventListener(NAVIGATE, callback);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export function useLocation(): URL {
  const current = useSyncExternalStore(subscribe, snapshot);
  return new URL(current, window.location.origin);
}

export function navigate(to: string, { replace = false } = {}): void {
  if (replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(NAVIGATE));
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

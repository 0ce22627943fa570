// Who is using the app: a signed-in user, the local user (local mode: no sign-in needed), or nobody.
// The cookies are HttpOnly, so the app learns who it is from GET /api/v1/user/profile.
import { useSyncExternalStore } from "react";
import { accounts, LOCAL_USER_EMAIL, type LoginBody, type RegisterBody, type User } from "../api/accounts";
import { ApiError, onSessionLost, plainMessage } from "../api/client";
import { resetPreviews } from "./previews";
import { resetVoices } from "./voices";

export type SessionStatus = "loading" | "signed-in" | "local" | "signed-out" | "error";
/** Why nobody is signed in, to say so on the sign-in page. */
export type SignedOutReason = "expired" | "signed-out" | "deleted" | null;

export interface SessionState {
  status: SessionStatus;
  user: User | null;
  reason: SignedOutReason;
  /** What went wrong while asking who we are (server away), in plain words. */
  error: string | null;
}

let state: SessionState = { status: "loading", user: null, reason: null, error: null };
const listeners = new Set<() => void>();

function set(next: Partial<SessionState>): void {
  state = { ...state, ...next };
  listeners.forEach((listener) => listener());
}

export function getSession(): SessionState {
  return state;
}

function signedInAs(user: User): void {
  set({ status: user.email === LOCAL_USER_EMAIL ? "local" : "signed-in", user, reason: null, error: null });
}

/** Data loaded for the previous user must not show for the next one. */
function forgetUserData(): void {
  resetVoices();
  resetPreviews();
}

function signedOut(reason: SignedOutReason): void {
  const was = state.status;
  set({ status: "signed-out", user: null, reason, error: null });
  if (was === "signed-in" || was === "local") forgetUserData();
}

let loading: Promise<void> | null = null;

/** Ask the server who we are (once at start; again after a failure). */
export function loadSession(): Promise<void> {
  loading ??= accounts
    .profile()
    .then(signedInAs)
    .catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 401) signedOut(state.reason);
      else
        set({
          status: "error",
          error: error instanceof ApiError ? plainMessage(error) : "Could not tell whether you are signed in.",
        });
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}

export async function signIn(body: LoginBody): Promise<User> {
  const tokens = await accounts.login(body);
  forgetUserData();
  signedInAs(tokens.user);
  return tokens.user;
}

export async function signUp(body: RegisterBody): Promise<User> {
  const tokens = await accounts.register(body);
  forgetUserData();
  signedInAs(tokens.user);
  return tokens.user;
}

export async function signOut(): Promise<void> {
  try {
    await accounts.logout();
  } catch {
    // Already signed out on the server (or it is away): the cookies are the server's to clear,
    // and a session it has lost is over anyway.
  }
  signedOut("signed-out");
  // In local mode nobody signed in is still the local user.
  await loadSession();
}

/** The profile changed (display name): show the new one. */
export function updateUser(user: User): void {
  if (state.user?.id === user.id) set({ user });
}

/** The account is gone: the server cleared the cookies. */
export function accountDeleted(): void {
  signedOut("deleted");
}

onSessionLost(() => {
  if (state.status !== "signed-out") signedOut(state.status === "loading" ? null : "expired");
});

export function useSession(): SessionState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

// Accounts: sign in and out, the profile, password, API keys, data export and account deletion.
import { getJson, request, sendJson } from "./client";
import type { components } from "./schema";

type Schemas = components["schemas"];
export type User = Schemas["UserOut"];
export type Tokens = Schemas["Tokens"];
export type ApiKey = Schemas["KeyOut"];
export type NewApiKey = Schemas["NewKey"];
export type RegisterBody = Schemas["RegisterBody"];
export type LoginBody = Schemas["LoginBody"];
export type KeyBody = Schemas["KeyBody"];

/** The scopes a user may give a key (admin keys are made on the command line). */
export const KEY_SCOPES = [
  { value: "speech", label: "Speech", help: "generate audio" },
  { value: "voices", label: "Voices", help: "list, add and clone voices" },
  { value: "jobs", label: "Jobs", help: "long texts, history" },
  { value: "analysis", label: "Analysis", help: "transcription and speech analysis" },
] as const;

/** In local mode the server answers as this user when nobody has signed in. */
export const LOCAL_USER_EMAIL = "local@localhost";

export const accounts = {
  profile: (signal?: AbortSignal) => getJson<User>("/api/v1/user/profile", signal),
  login: async (body: LoginBody): Promise<Tokens> => (await sendJson("POST", "/api/v1/auth/login", body)).json() as Promise<Tokens>,
  register: async (body: RegisterBody): Promise<Tokens> =>
    (await sendJson("POST", "/api/v1/auth/register", body)).json() as Promise<Tokens>,
  logout: async (): Promise<void> => void (await sendJson("POST", "/api/v1/auth/logout", {})),
  updateProfile: async (displayName: string): Promise<User> =>
    (await sendJson("PATCH", "/api/v1/user/profile", { display_name: displayName })).json() as Promise<User>,
  changePassword: async (current: string, next: string): Promise<void> =>
    void (await sendJson("POST", "/api/v1/user/password", { current_password: current, new_password: next })),
  deleteAccount: async (password: string): Promise<void> => void (await sendJson("DELETE", "/api/v1/user", { password, confirm: true })),
  keys: (signal?: AbortSignal) => getJson<ApiKey[]>("/api/v1/keys", signal),
  createKey: async (body: KeyBody): Promise<NewApiKey> => (await sendJson("POST", "/api/v1/keys", body)).json() as Promise<NewApiKey>,
  revokeKey: async (id: string): Promise<void> => void (await request(`/api/v1/keys/${encodeURIComponent(id)}`, { method: "DELETE" })),
  /** The export archive and the file name the server suggests. */
  exportData: async (): Promise<{ blob: Blob; filename: string }> => {
    const response = await request("/api/v1/user/export", { headers: { Accept: "application/zip" } });
    return { blob: await response.blob(), filename: filenameOf(response.headers.get("Content-Disposition")) ?? "vocalis-export.zip" };
  },
};

/** The file name in a Content-Disposition header (RFC 6266: filename* wins over filename). */
export function filenameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() ?? null;
}

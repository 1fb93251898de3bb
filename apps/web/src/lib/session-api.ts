import { RestError } from "./app-error.ts";

async function postJson(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(path, {
    method: "POST",
    credentials: "include",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (json as { error?: ConstructorParameters<typeof RestError>[1] } | null)?.error;
    throw new RestError(response.status, error ?? {});
  }
  return json;
}

/** Sets the HttpOnly session cookie; the page never sees the token. */
export async function login(username: string, password: string): Promise<void> {
  await postJson("/auth/login", { username, password });
}

export async function logout(): Promise<void> {
  await postJson("/auth/logout", {});
}

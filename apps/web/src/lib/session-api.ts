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

/**
 * Sets the HttpOnly session cookie; the page never sees the token. `mfa` says what the session
 * still owes: a code from the authenticator app ('required') or setting one up ('enrol').
 */
export async function login(username: string, password: string): Promise<{ mfa?: "required" | "enrol" }> {
  return (await postJson("/auth/login", { username, password })) as { mfa?: "required" | "enrol" };
}

/** The second step of a sign-in: a 6-digit code, or one recovery code. Replaces the session cookie. */
export async function verifySecondFactor(proof: { code: string } | { recoveryCode: string }): Promise<{ recoveryCodesLeft: number | null }> {
  return (await postJson("/auth/mfa/verify", proof)) as { recoveryCodesLeft: number | null };
}

export async function logout(): Promise<void> {
  await postJson("/auth/logout", {});
}

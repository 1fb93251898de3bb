/**
 * A client-made key so that a retried create does its work once (the API accepts 8–100 of
 * [A-Za-z0-9_-]). getRandomValues, unlike randomUUID, also works on a plain-http LAN address.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function findPgBouncer(): string | null;
export function startPgBouncer(
  targetUrl: string,
  options?: { poolSize?: number; users?: string[]; maxClients?: number },
): Promise<{ url(user?: string, database?: string): string; log(): string; stop(): Promise<void> } | null>;

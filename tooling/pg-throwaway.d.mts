export function freePort(): Promise<number>;
export function findPostgresBin(): string | null;
export function startThrowawayCluster(): Promise<{ url: string; stop(): void } | null>;

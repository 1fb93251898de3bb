/**
 * The rendered public pages (issue 5 item 9: p99 under 20 ms at 100 concurrent requests), kept a
 * few seconds per station slug. An edit through the app drops the station's page at once, so
 * staff see their change on the next load; anything else the page shows (rollups, agreement
 * filing, branding from the CLI) is at most `ttlMs` old, or `ttlMs + staleMs` while a re-render
 * is still running. One process's memory: behind several server processes each keeps its own,
 * which only widens "a few seconds" to each of them.
 */
export interface CachedPage {
  stationId: string;
  /** UTF-8 bytes, encoded once: encoding ~60 KB of Chinese text per request cost more than the rest of the request. */
  body: Uint8Array<ArrayBuffer>;
  /** The same bytes gzipped, for the clients that accept it (every browser). */
  gzip: Uint8Array<ArrayBuffer>;
  etag: string;
  /** The page's Content-Security-Policy, which names the hash of its one style block. */
  csp: string;
}

interface Entry {
  page: CachedPage | null;
  expiresAt: number;
}

export class PublicPageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<CachedPage | null>>();
  /** Bumped on every invalidation, so a render started before it is not stored after it. */
  private generation = 0;

  constructor(
    private readonly ttlMs = 5_000,
    private readonly staleMs = 30_000,
    private readonly maxEntries = 5_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * The page for `slug`, rendering it at most once at a time however many ask together. Past its
   * life, a page is still served while one request renders the next in the background (for up to
   * `staleMs` more): a crowd never waits on a render, only the first reader after an edit does.
   */
  async get(slug: string, render: () => Promise<CachedPage | null>): Promise<CachedPage | null> {
    const hit = this.entries.get(slug);
    const now = this.now();
    if (hit && hit.expiresAt > now) return hit.page;
    const pending = this.inflight.get(slug) ?? this.renderInto(slug, render);
    if (hit && hit.expiresAt + this.staleMs > now) {
      pending.catch(() => undefined);
      return hit.page;
    }
    return pending;
  }

  private renderInto(slug: string, render: () => Promise<CachedPage | null>): Promise<CachedPage | null> {
    const generation = this.generation;
    const promise = render()
      .then((page) => {
        if (generation === this.generation) this.store(slug, page);
        return page;
      })
      .finally(() => {
        if (this.inflight.get(slug) === promise) this.inflight.delete(slug);
      });
    this.inflight.set(slug, promise);
    return promise;
  }

  private store(slug: string, page: CachedPage | null) {
    if (this.entries.size >= this.maxEntries) {
      // Oldest first (Map keeps insertion order): a crawler walking every slug cannot grow it without bound.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.delete(slug);
    this.entries.set(slug, { page, expiresAt: this.now() + this.ttlMs });
  }

  /** Drops the station's page (and any slug not found, in case the station was just renamed); renders under way are not waited on. */
  invalidateStation(stationId: string) {
    this.generation += 1;
    this.inflight.clear();
    for (const [slug, entry] of this.entries) {
      if (entry.page === null || entry.page.stationId === stationId) this.entries.delete(slug);
    }
  }

  clear() {
    this.generation += 1;
    this.inflight.clear();
    this.entries.clear();
  }
}

/** The server's one cache; the procedures that edit what a page shows invalidate it after commit. */
export const publicPageCache = new PublicPageCache();

export function invalidatePublicPage(stationId: string) {
  publicPageCache.invalidateStation(stationId);
}

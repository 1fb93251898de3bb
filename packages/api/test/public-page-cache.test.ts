import { describe, expect, it } from "vitest";
import { PublicPageCache, type CachedPage } from "../src/disclosure/public-page-cache.ts";

const page = (stationId: string, text: string): CachedPage => ({ stationId, body: new TextEncoder().encode(text), gzip: new Uint8Array(), etag: `"${text}"`, csp: "" });
const textOf = (p: CachedPage | null) => (p ? new TextDecoder().decode(p.body) : null);

describe("the public page cache (issue 5 item 9)", () => {
  function setup() {
    let now = 0;
    const cache = new PublicPageCache(5_000, 30_000, 100, () => now);
    let renders = 0;
    let release: (() => void) | null = null;
    const render = (text: string, wait = false) => () => {
      renders += 1;
      return wait ? new Promise<CachedPage>((resolve) => (release = () => resolve(page("s1", text)))) : Promise.resolve(page("s1", text));
    };
    return { cache, render, renders: () => renders, tick: (ms: number) => (now += ms), release: () => release?.() };
  }

  it("renders once for a crowd and serves the page for its life", async () => {
    const t = setup();
    const crowd = await Promise.all(Array.from({ length: 50 }, () => t.cache.get("liugong", t.render("v1"))));
    expect(new Set(crowd.map(textOf))).toEqual(new Set(["v1"]));
    expect(t.renders()).toBe(1);
    t.tick(4_000);
    expect(textOf(await t.cache.get("liugong", t.render("v2")))).toBe("v1");
    expect(t.renders()).toBe(1);
  });

  it("past its life, serves the old page while one request renders the next", async () => {
    const t = setup();
    await t.cache.get("liugong", t.render("v1"));
    t.tick(6_000);
    expect(textOf(await t.cache.get("liugong", t.render("v2", true)))).toBe("v1");
    expect(textOf(await t.cache.get("liugong", t.render("v3")))).toBe("v1");
    expect(t.renders()).toBe(2);
    t.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(textOf(await t.cache.get("liugong", t.render("v4")))).toBe("v2");
    // Long past its life, a reader waits for a fresh page rather than get a very old one.
    t.tick(60_000);
    expect(textOf(await t.cache.get("liugong", t.render("v5")))).toBe("v5");
  });

  it("an edit drops the page at once, and a render begun before the edit is not kept", async () => {
    const t = setup();
    await t.cache.get("liugong", t.render("v1"));
    t.tick(6_000);
    await t.cache.get("liugong", t.render("before edit", true));
    t.cache.invalidateStation("s1");
    expect(textOf(await t.cache.get("liugong", t.render("after edit")))).toBe("after edit");
    t.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(textOf(await t.cache.get("liugong", t.render("v9")))).toBe("after edit");
  });

  it("remembers an unknown slug briefly too, and forgets it on any station's edit", async () => {
    const t = setup();
    expect(await t.cache.get("nowhere", () => Promise.resolve(null))).toBeNull();
    expect(await t.cache.get("nowhere", t.render("x"))).toBeNull();
    t.cache.invalidateStation("other");
    expect(textOf(await t.cache.get("nowhere", t.render("now here")))).toBe("now here");
  });
});

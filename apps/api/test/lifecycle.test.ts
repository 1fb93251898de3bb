import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { Hono } from "hono";
import { listen } from "../src/listen.ts";
import { handlerTimeout } from "../src/security.ts";

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("server lifecycle (issue 8 item 7)", () => {
  it("a graceful stop lets a request in flight finish and refuses new connections", async () => {
    const app = new Hono();
    app.get("/slow", async (c) => {
      await new Promise((r) => setTimeout(r, 400));
      return c.text("finished");
    });
    const running = listen(app.fetch, { port: 0, hostname: "127.0.0.1" });
    const { port } = await running.ready;
    const inFlight = get(port, "/slow");
    await new Promise((r) => setTimeout(r, 100));
    const stopped = running.stop(5_000);
    expect(await inFlight).toEqual({ status: 200, body: "finished" });
    await stopped;
    await expect(get(port, "/slow")).rejects.toThrow();
  });

  it("a stop waits for a handler whose client has already hung up", async () => {
    let finished = false;
    const app = new Hono();
    app.get("/slow", async (c) => {
      await new Promise((r) => setTimeout(r, 400));
      finished = true;
      return c.text("finished");
    });
    const running = listen(app.fetch, { port: 0, hostname: "127.0.0.1" });
    const { port } = await running.ready;
    await new Promise<void>((resolve) => {
      const req = request({ host: "127.0.0.1", port, path: "/slow", agent: false });
      req.on("error", () => undefined);
      req.end();
      // The phone loses its signal: the connection is gone, the handler is not.
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    await running.stop(5_000);
    expect(finished).toBe(true);
  });

  it("a stop cuts what is still running after the grace period", async () => {
    const app = new Hono();
    app.get("/stuck", () => new Promise<Response>(() => {}));
    const running = listen(app.fetch, { port: 0, hostname: "127.0.0.1" });
    const { port } = await running.ready;
    const stuck = get(port, "/stuck").catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await running.stop(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await stuck).toBeInstanceOf(Error);
  });

  it("sets Node's own timeouts against slow clients", () => {
    const running = listen(new Hono().fetch, { port: 0, hostname: "127.0.0.1", requestTimeoutMs: 60_000 });
    expect(running.server.requestTimeout).toBe(60_000);
    expect(running.server.headersTimeout).toBe(20_000);
    return running.stop(0);
  });

  it("a handler slower than its limit is answered 503 with a stable code", async () => {
    const app = new Hono();
    app.use("*", handlerTimeout(() => 100, (c) => c.json({ error: { code: "REQUEST_TIMEOUT" } }, 503)));
    app.get("/slow", async (c) => {
      await new Promise((r) => setTimeout(r, 400));
      return c.text("late");
    });
    app.get("/quick", (c) => c.text("ok"));
    const slow = await app.request("/slow");
    expect(slow.status).toBe(503);
    expect(await slow.json()).toEqual({ error: { code: "REQUEST_TIMEOUT" } });
    expect(await (await app.request("/quick")).text()).toBe("ok");
  });
});

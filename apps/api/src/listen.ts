import type { Server } from "node:http";
import { serve } from "@hono/node-server";

export interface ListenOptions {
  port: number;
  hostname: string;
  /** Whole request (headers and body) must arrive within this; the largest upload is a 28 MB ledger. */
  requestTimeoutMs?: number;
  /** Headers must arrive within this (slow-loris). */
  headersTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs?: number;
}

export interface RunningServer {
  server: Server;
  /** Resolves once the server listens. */
  ready: Promise<{ address: string; port: number }>;
  /**
   * Graceful stop: no new connections, idle ones closed, requests in flight allowed to finish
   * (their connections closed after the answer), and whatever is still open after `graceMs` cut.
   */
  stop(graceMs?: number): Promise<void>;
}

export function listen(fetch: (request: Request) => Response | Promise<Response>, options: ListenOptions): RunningServer {
  let stopping = false;
  // Handlers still running, even for a client that has gone: the database must outlive them.
  const inFlight = new Set<Promise<Response>>();
  let onReady!: (info: { address: string; port: number }) => void;
  const ready = new Promise<{ address: string; port: number }>((resolve) => (onReady = resolve));
  const server = serve(
    {
      // While stopping, every answer asks the client to close, so keep-alive connections drain.
      fetch: async (request: Request) => {
        const handling = Promise.resolve(fetch(request));
        inFlight.add(handling);
        const settled = () => inFlight.delete(handling);
        handling.then(settled, settled);
        const response = await handling;
        if (!stopping) return response;
        const closing = new Response(response.body, response);
        closing.headers.set("Connection", "close");
        return closing;
      },
      port: options.port,
      hostname: options.hostname,
    },
    (info) => onReady({ address: info.address, port: info.port }),
  ) as Server;
  server.requestTimeout = options.requestTimeoutMs ?? 300_000;
  server.headersTimeout = options.headersTimeoutMs ?? 20_000;
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5_000;

  return {
    server,
    ready,
    stop(graceMs = 25_000) {
      stopping = true;
      return new Promise<void>((resolve) => {
        let cut!: () => void;
        const graceOver = new Promise<void>((r) => (cut = r));
        const deadline = setTimeout(() => {
          server.closeAllConnections();
          cut();
        }, graceMs);
        deadline.unref();
        server.close(async () => {
          // A client that hung up closed its connection, but its handler may still be writing.
          await Promise.race([Promise.allSettled([...inFlight]), graceOver]);
          clearTimeout(deadline);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}

import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { appErrorCodeOf } from "./lib/app-error.ts";
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
// Type-only: the browser bundle must never contain server code.
import type { AppRouter } from "@shegong/api";

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

/**
 * A session that ended while the page was open (timeout, logout elsewhere) sends the person back
 * to the login form: forgetting `me` shows it. Only while signed in, so it cannot loop.
 */
function onSessionLost(error: unknown) {
  const code = appErrorCodeOf(error);
  if (code !== "AUTH_REQUIRED" && code !== "AUTH_SESSION_EXPIRED") return;
  const meKey = trpc.me.get.queryKey();
  if (queryClient.getQueryData(meKey) !== undefined) void queryClient.resetQueries({ queryKey: meKey });
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onSessionLost }),
  mutationCache: new MutationCache({ onError: onSessionLost }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Permission and not-found answers do not change on retry.
      retry: (failureCount, error) => failureCount < 2 && !isClientError(error),
    },
  },
});

function isClientError(error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
  return typeof status === "number" && status >= 400 && status < 500;
}

const withCookies: typeof fetch = (url, options) => fetch(url, { ...options, credentials: "include" });

/** Ledger files are the one large upload, and the server allows the size on those two paths only, so they go unbatched. */
const LEDGER_UPLOADS = new Set(["ledgers.preview", "ledgers.commit", "payouts.verify"]);

export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => LEDGER_UPLOADS.has(op.path),
      true: httpLink({ url: "/trpc", fetch: withCookies }),
      false: httpBatchLink({ url: "/trpc", fetch: withCookies }),
    }),
  ],
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

import { trpcClient, type RouterInputs, type RouterOutputs } from "../../trpc.ts";

/** Account administration exists for a station and for a division with the same shapes; this picks the one. */
export type UserScope = { stationId: string } | { divisionCode: string };
export type UserRow = RouterOutputs["users"]["station"]["list"][number];
export type SessionRow = RouterOutputs["users"]["station"]["sessions"][number];
type CreateFields = Omit<RouterInputs["users"]["division"]["create"], "divisionCode">;

export const userAdminApi = {
  list: (scope: UserScope) =>
    "stationId" in scope ? trpcClient.users.station.list.query(scope) : trpcClient.users.division.list.query(scope),
  create: (scope: UserScope, fields: CreateFields) =>
    "stationId" in scope
      ? trpcClient.users.station.create.mutate({ ...fields, ...scope })
      : trpcClient.users.division.create.mutate({ ...fields, ...scope }),
  setDisabled: (scope: UserScope, userId: string, disabled: boolean) =>
    "stationId" in scope
      ? trpcClient.users.station.setDisabled.mutate({ ...scope, userId, disabled })
      : trpcClient.users.division.setDisabled.mutate({ ...scope, userId, disabled }),
  sessions: (scope: UserScope, userId: string) =>
    "stationId" in scope
      ? trpcClient.users.station.sessions.query({ ...scope, userId })
      : trpcClient.users.division.sessions.query({ ...scope, userId }),
  endSessions: (scope: UserScope, userId: string, sessionId?: string) =>
    "stationId" in scope
      ? trpcClient.users.station.endSessions.mutate({ ...scope, userId, sessionId })
      : trpcClient.users.division.endSessions.mutate({ ...scope, userId, sessionId }),
  resetSecondFactor: (scope: UserScope, userId: string) =>
    "stationId" in scope
      ? trpcClient.users.station.resetSecondFactor.mutate({ ...scope, userId })
      : trpcClient.users.division.resetSecondFactor.mutate({ ...scope, userId }),
};

export const userQueryKey = (scope: UserScope) => ["userAdmin", scope] as const;

import { useMutation, useQuery } from "@tanstack/react-query";
import { App, Button, Drawer, Table } from "antd";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { queryClient } from "../../trpc.ts";
import { userAdminApi, userQueryKey, type SessionRow, type UserRow, type UserScope } from "./user-admin-api.ts";

/** An administrator can see where a person is signed in and end those sessions. */
export function SessionsDrawer({ scope, user, onClose }: { scope: UserScope; user: UserRow; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const key = [...userQueryKey(scope), "sessions", user.id] as const;
  const sessions = useQuery({ queryKey: key, queryFn: () => userAdminApi.sessions(scope, user.id) });
  const end = useMutation({
    mutationFn: (sessionId?: string) => userAdminApi.endSessions(scope, user.id, sessionId),
    onSuccess: async (result) => {
      void message.success(t("sessions.ended", { n: result.ended }));
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  return (
    <Drawer
      open
      size={720}
      title={t("sessions.title", { name: user.displayName })}
      onClose={onClose}
      extra={
        <Button danger onClick={() => end.mutate(undefined)} loading={end.isPending}>
          {t("sessions.endAll")}
        </Button>
      }
    >
      <ErrorAlert error={sessions.error ?? end.error} />
      <Table<SessionRow>
        rowKey="id"
        size="small"
        loading={sessions.isLoading}
        dataSource={sessions.data ?? []}
        pagination={false}
        columns={[
          { key: "created", title: t("sessions.createdAt"), render: (_, s) => formatDateTime(s.createdAt, locale) },
          { key: "seen", title: t("sessions.lastSeenAt"), render: (_, s) => formatDateTime(s.lastSeenAt, locale) },
          { key: "expires", title: t("sessions.expiresAt"), render: (_, s) => formatDateTime(s.expiresAt, locale) },
          { key: "ip", title: t("sessions.ip"), render: (_, s) => s.ip ?? "—" },
          { key: "ua", title: t("sessions.userAgent"), render: (_, s) => <span title={s.userAgent ?? ""}>{(s.userAgent ?? "—").slice(0, 40)}</span> },
          {
            key: "end",
            title: t("common.actions"),
            render: (_, s) => (
              <Button type="link" size="small" danger onClick={() => end.mutate(s.id)}>
                {t("sessions.end")}
              </Button>
            ),
          },
        ]}
      />
    </Drawer>
  );
}

import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ROLE_LABELS } from "@shegong/domain";
import { Button, Card, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { CreateUserDialog } from "../features/users/CreateUserDialog.tsx";
import { SessionsDrawer } from "../features/users/SessionsDrawer.tsx";
import { userAdminApi, userQueryKey, type UserRow, type UserScope } from "../features/users/user-admin-api.ts";
import { useI18n } from "../i18n/locale.tsx";
import { formatDateTime } from "../lib/dates.ts";
import { queryClient, trpc } from "../trpc.ts";

function useScopeName(scope: UserScope): string {
  const isStation = "stationId" in scope;
  const me = useQuery({ ...trpc.me.get.queryOptions(), enabled: isStation });
  const path = useQuery({ ...trpc.divisions.path.queryOptions({ code: isStation ? "65" : scope.divisionCode }), enabled: !isStation });
  if (isStation) return me.data?.stations.find((s) => s.id === scope.stationId)?.plaqueName ?? "";
  return path.data?.at(-1)?.name ?? scope.divisionCode;
}

/** Accounts in a station or a division: list, create, disable, and their sessions. */
export function UsersPage({ scope }: { scope: UserScope }) {
  const { t, pick, locale } = useI18n();
  const [creating, setCreating] = useState(false);
  const [sessionsOf, setSessionsOf] = useState<UserRow | null>(null);
  const users = useQuery({ queryKey: userQueryKey(scope), queryFn: () => userAdminApi.list(scope) });
  const toggle = useMutation({
    mutationFn: (user: UserRow) => userAdminApi.setDisabled(scope, user.id, !user.disabled),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userQueryKey(scope) }),
  });
  const resetMfa = useMutation({ mutationFn: (user: UserRow) => userAdminApi.resetSecondFactor(scope, user.id) });
  const scopeName = useScopeName(scope);
  return (
    <Card>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("users.title", { name: scopeName })}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t("users.create")}
        </Button>
      </div>
      <ErrorAlert error={users.error ?? toggle.error ?? resetMfa.error} />
      <Table<UserRow>
        rowKey={(u) => `${u.id}:${u.role}:${u.scopeName ?? ""}`}
        size="small"
        loading={users.isLoading}
        dataSource={users.data ?? []}
        columns={[
          { key: "username", title: t("users.username"), dataIndex: "username" },
          { key: "name", title: t("users.displayName"), dataIndex: "displayName" },
          { key: "role", title: t("users.role"), render: (_, u) => pick(ROLE_LABELS[u.role]) },
          { key: "scope", title: t("users.scope"), render: (_, u) => u.scopeName ?? "—" },
          { key: "expires", title: t("users.expiresAt"), render: (_, u) => (u.expiresAt ? formatDateTime(u.expiresAt, locale) : "—") },
          {
            key: "state",
            title: t("users.state"),
            render: (_, u) => (u.disabled ? <Tag color="error">{t("users.disabled")}</Tag> : <Tag color="success">{t("users.enabled")}</Tag>),
          },
          {
            key: "actions",
            title: t("common.actions"),
            render: (_, u) => (
              <Space size={0}>
                <Button type="link" size="small" danger={!u.disabled} onClick={() => toggle.mutate(u)}>
                  {u.disabled ? t("users.enable") : t("users.disable")}
                </Button>
                <Button type="link" size="small" onClick={() => setSessionsOf(u)}>
                  {t("users.sessions")}
                </Button>
                <Popconfirm title={t("mfa.resetConfirm")} onConfirm={() => resetMfa.mutate(u)}>
                  <Button type="link" size="small" loading={resetMfa.isPending && resetMfa.variables?.id === u.id}>
                    {resetMfa.isSuccess && resetMfa.variables?.id === u.id ? t("mfa.resetDone") : t("mfa.reset")}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {creating && <CreateUserDialog scope={scope} onClose={() => setCreating(false)} />}
      {sessionsOf && <SessionsDrawer scope={scope} user={sessionsOf} onClose={() => setSessionsOf(null)} />}
    </Card>
  );
}

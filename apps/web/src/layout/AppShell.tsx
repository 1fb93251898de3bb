import { LogoutOutlined, SafetyOutlined, UserOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { roleHasPermission } from "@shegong/domain";
import { Alert, Button, Grid, Layout, Menu, Space, Tooltip, Typography } from "antd";
import type { ReactNode } from "react";
import { useI18n, type Translate } from "../i18n/locale.tsx";
import type { Me } from "../lib/access.ts";
import { logout } from "../lib/session-api.ts";
import { Link, navigate } from "../router.tsx";
import { queryClient } from "../trpc.ts";
import { LocaleSwitch } from "./LocaleSwitch.tsx";
import { StationSwitcher } from "./StationSwitcher.tsx";

interface NavItem {
  path: string;
  label: string;
}

/** The places a person's grants open, in the order of the tiers (R1): region, prefecture, county, station. */
function navItemsOf(me: Me, t: Translate): NavItem[] {
  const items: NavItem[] = [];
  const seen = new Set<string>();
  const add = (path: string, label: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    items.push({ path, label });
  };
  for (const g of me.grants) {
    const code = g.divisionCode;
    if (!code) continue;
    const name = g.scopeName ?? code;
    if (roleHasPermission(g.role, "coverage.read") && code.length <= 4) add(`/region/${code}`, `${t("shell.region")} · ${name}`);
    if (roleHasPermission(g.role, "station.read") && code.length <= 6) add(`/console/${code}`, `${t("shell.console")} · ${name}`);
    if (roleHasPermission(g.role, "users.read")) add(`/console/${code}/users`, `${t("shell.users")} · ${name}`);
    // Governance (issue 5): the registry for the bureaus, the filing desk for the prefecture, fund supervision.
    if (roleHasPermission(g.role, "contractor.manage")) add(`/console/${code}/contractors`, t("shell.contractors"));
    if (roleHasPermission(g.role, "agreement.file")) add(`/console/${code}/filings`, t("shell.filings"));
    if (roleHasPermission(g.role, "funds.supervise")) add(`/console/${code}/funds`, t("shell.funds"));
    if (roleHasPermission(g.role, "staff.compliance")) add(`/console/${code}/compliance`, t("shell.compliance"));
    if (roleHasPermission(g.role, "facilities.supervise")) add(`/console/${code}/facilities`, t("shell.facilities"));
    if (roleHasPermission(g.role, "payouts.supervise")) add(`/console/${code}/payouts`, t("shell.payouts"));
    // Evaluation and rectification (issue 5 item 8): the bureaus above the township follow them.
    if (roleHasPermission(g.role, "evaluation.read") && code.length <= 6) {
      add(`/console/${code}/evaluations`, t("shell.evaluations"));
      add(`/console/${code}/rectification`, t("shell.rectification"));
    }
    if (roleHasPermission(g.role, "inspector.grant")) add(`/console/${code}/inspectors`, t("shell.inspectors"));
    if (roleHasPermission(g.role, "submission.review")) add(`/console/${code}/submissions`, t("shell.submissions"));
  }
  if (me.grants.some((g) => g.contractorId)) add("/contractor", t("shell.myContractor"));
  const station = me.stations.length === 1 ? me.stations[0] : undefined;
  if (station) add(`/station/${station.id}`, t("shell.myStation"));
  for (const g of me.grants) {
    if (g.stationId && roleHasPermission(g.role, "users.read")) add(`/station/${g.stationId}/users`, t("shell.users"));
  }
  return items;
}

export function AppShell({ me, path, currentStationId, children }: { me: Me; path: string; currentStationId: string | null; children: ReactNode }) {
  const { t, pick } = useI18n();
  const signOut = useMutation({
    mutationFn: logout,
    onSettled: async () => {
      queryClient.clear();
      navigate("/login", { replace: true });
      await queryClient.resetQueries();
    },
  });
  const items = navItemsOf(me, t);
  // On a phone (workers record visits in the field) the header keeps only icons beside the name, so nothing overflows.
  const narrow = !Grid.useBreakpoint().md;
  // The deepest menu entry containing the page: a person's page lights up "My station".
  const selected = items
    .map((item) => item.path)
    .filter((p) => path === p || path.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header style={{ display: "flex", alignItems: "center", gap: narrow ? 8 : 16, paddingInline: narrow ? 12 : 24 }}>
        <Link to="/" style={{ color: "#fff", fontWeight: 600, fontSize: 16, whiteSpace: "nowrap" }}>
          {t("app.name")}
        </Link>
        <Menu
          theme="dark"
          mode="horizontal"
          style={{ flex: 1, minWidth: 0 }}
          selectedKeys={selected ? [selected] : []}
          items={items.map((item) => ({ key: item.path, label: <Link to={item.path}>{item.label}</Link> }))}
        />
        <StationSwitcher stations={me.stations} currentId={currentStationId} />
        <Space style={{ color: "#fff" }} size={narrow ? 4 : 8}>
          <Tooltip title={me.grants.map((g) => pick(g.roleLabel)).join("、")}>
            <Typography.Text style={{ color: "#fff", whiteSpace: "nowrap" }} data-testid="user-name">
              <UserOutlined /> {narrow ? null : me.user.displayName}
            </Typography.Text>
          </Tooltip>
          <LocaleSwitch light />
          <Tooltip title={t("mfa.settings.title")}>
            <Button type="text" style={{ color: "#fff" }} icon={<SafetyOutlined />} onClick={() => navigate("/account/security")} aria-label={t("mfa.settings.title")} data-testid="security-settings" />
          </Tooltip>
          <Button type="text" style={{ color: "#fff" }} icon={<LogoutOutlined />} loading={signOut.isPending} onClick={() => signOut.mutate()} aria-label={t("shell.logout")} data-testid="logout">
            {narrow ? null : t("shell.logout")}
          </Button>
        </Space>
      </Layout.Header>
      {me.mfa.demoExempt && !me.mfa.enrolled && <Alert banner type="warning" title={t("mfa.demoBanner")} data-testid="demo-mfa-banner" />}
      <Layout.Content style={{ padding: narrow ? 12 : 24 }}>{children}</Layout.Content>
    </Layout>
  );
}

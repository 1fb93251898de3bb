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

interface Nav {
  /** Where a person works: the region, the console, users, their contractor, their station. */
  places: NavItem[];
  /** The bureaus' supervision desks (issue 5): a bar of their own under the header, so none folds away. */
  desks: NavItem[];
}

/** The places a person's grants open, in the order of the tiers (R1): region, prefecture, county, station. */
function navOf(me: Me, t: Translate): Nav {
  const seen = new Set<string>();
  const places: NavItem[] = [];
  const desks: NavItem[] = [];
  const add = (list: NavItem[]) => (path: string, label: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    list.push({ path, label });
  };
  const place = add(places);
  const desk = add(desks);
  for (const g of me.grants) {
    const code = g.divisionCode;
    if (!code) continue;
    const name = g.scopeName ?? code;
    if (roleHasPermission(g.role, "coverage.read") && code.length <= 4) place(`/region/${code}`, `${t("shell.region")} · ${name}`);
    if (roleHasPermission(g.role, "station.read") && code.length <= 6) place(`/console/${code}`, `${t("shell.console")} · ${name}`);
    if (roleHasPermission(g.role, "users.read")) place(`/console/${code}/users`, `${t("shell.users")} · ${name}`);
    // Governance (issue 5): the registry for the bureaus, the filing desk for the prefecture, fund supervision.
    if (roleHasPermission(g.role, "contractor.manage")) desk(`/console/${code}/contractors`, t("shell.contractors"));
    if (roleHasPermission(g.role, "agreement.file")) desk(`/console/${code}/filings`, t("shell.filings"));
    if (roleHasPermission(g.role, "funds.supervise")) desk(`/console/${code}/funds`, t("shell.funds"));
    if (roleHasPermission(g.role, "staff.compliance")) desk(`/console/${code}/compliance`, t("shell.compliance"));
    if (roleHasPermission(g.role, "facilities.supervise")) desk(`/console/${code}/facilities`, t("shell.facilities"));
    if (roleHasPermission(g.role, "payouts.supervise")) desk(`/console/${code}/payouts`, t("shell.payouts"));
    if (roleHasPermission(g.role, "submission.review")) desk(`/console/${code}/submissions`, t("shell.submissions"));
    // Evaluation and rectification (issue 5 item 8): the bureaus above the township follow them.
    if (roleHasPermission(g.role, "evaluation.read") && code.length <= 6) {
      desk(`/console/${code}/evaluations`, t("shell.evaluations"));
      desk(`/console/${code}/rectification`, t("shell.rectification"));
    }
    if (roleHasPermission(g.role, "inspector.grant")) desk(`/console/${code}/inspectors`, t("shell.inspectors"));
  }
  if (me.grants.some((g) => g.contractorId)) place("/contractor", t("shell.myContractor"));
  const station = me.stations.length === 1 ? me.stations[0] : undefined;
  if (station) place(`/station/${station.id}`, t("shell.myStation"));
  for (const g of me.grants) {
    if (g.stationId && roleHasPermission(g.role, "users.read")) place(`/station/${g.stationId}/users`, t("shell.users"));
  }
  return { places, desks };
}

/** The deepest entry containing the page: a person's page lights up "My station". */
function selectedOf(items: NavItem[], path: string): string[] {
  const best = items
    .map((item) => item.path)
    .filter((p) => path === p || path.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];
  return best ? [best] : [];
}

const menuItems = (items: NavItem[]) => items.map((item) => ({ key: item.path, label: <Link to={item.path}>{item.label}</Link> }));

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
  const { places, desks } = navOf(me, t);
  // On a phone (workers record visits in the field) the header keeps only icons beside the name, so nothing overflows.
  const narrow = !Grid.useBreakpoint().md;
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
          selectedKeys={selectedOf(places, path)}
          items={menuItems(places)}
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
      <Layout.Content style={{ padding: narrow ? 12 : 24 }}>
        {desks.length > 0 && !path.startsWith("/station/") && (
          <Menu mode="horizontal" disabledOverflow className="wrapping-nav" data-testid="desk-nav" style={{ marginBottom: 16, borderRadius: 8 }} selectedKeys={selectedOf(desks, path)} items={menuItems(desks)} />
        )}
        {children}
      </Layout.Content>
    </Layout>
  );
}

import { Grid, Space, Tag, Typography } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import type { RouterOutputs } from "../../trpc.ts";
import { StationStatusTag } from "../stations/StationStatusTag.tsx";

export type Workspace = RouterOutputs["workspace"]["enter"];

/** Dark text on a light station colour, white on a dark one, so the plaque stays readable whatever is chosen. */
function textColorOn(hex: string): string {
  const value = /^#([0-9a-f]{6})$/i.exec(hex)?.[1];
  if (!value) return "#fff";
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(value.slice(i, i + 2), 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.6 ? "rgba(0,0,0,0.88)" : "#fff";
}

// The national marks keep their own red on white, whatever the station's colour.
const MARK_STYLE = { background: "#fff", color: "#b7282e", borderColor: "#b7282e", fontWeight: 600 } as const;

/** The station's plaque (R8): its name in its own colour, its logo, and the national marks it displays. */
export function StationBand({ workspace }: { workspace: Workspace }) {
  const { t } = useI18n();
  const { branding } = workspace;
  const color = textColorOn(branding.primaryColor);
  // On a phone the plaque stays one band above the work, not a screenful: smaller title, marks below it.
  const narrow = !Grid.useBreakpoint().md;
  return (
    <div
      data-testid="station-band"
      style={{
        background: branding.primaryColor,
        color,
        borderRadius: 8,
        padding: narrow ? "12px 16px" : "20px 24px",
        marginBottom: narrow ? 12 : 16,
        display: "flex",
        flexWrap: narrow ? "wrap" : "nowrap",
        alignItems: "center",
        gap: narrow ? 8 : 20,
      }}
    >
      {branding.logoUrl && (
        <img
          src={branding.logoUrl}
          alt=""
          data-testid="station-logo"
          style={{ height: narrow ? 40 : 64, width: narrow ? 40 : 64, objectFit: "contain", background: "#fff", borderRadius: 8, padding: 4 }}
        />
      )}
      <div style={{ flex: narrow ? "1 1 0" : 1, minWidth: narrow ? "60%" : 0 }}>
        <Typography.Title level={narrow ? 4 : 2} style={{ color, margin: 0 }} data-testid="plaque-name">
          {workspace.plaqueName}
        </Typography.Title>
        <div style={{ opacity: 0.85, marginTop: 4 }}>
          {[workspace.prefectureName, workspace.countyName, workspace.townshipName].filter(Boolean).join(" · ")}
        </div>
      </div>
      <Space orientation={narrow ? "horizontal" : "vertical"} align={narrow ? "center" : "end"} wrap>
        <StationStatusTag status={workspace.status} />
        <Space size={4}>
          {branding.showSocialWorkMark && (
            <Tag title={t("workspace.mark.socialWork")} data-testid="mark-social-work" style={MARK_STYLE}>
              中国社会工作
            </Tag>
          )}
          {branding.showVolunteerMark && (
            <Tag title={t("workspace.mark.volunteer")} data-testid="mark-volunteer" style={MARK_STYLE}>
              中国志愿服务
            </Tag>
          )}
        </Space>
      </Space>
    </div>
  );
}

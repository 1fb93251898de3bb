import { PaperClipOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { RISK_LEVEL_LABELS, VISIT_KIND_LABELS, VISIT_MODE_LABELS, type RiskLevel } from "@shegong/domain";
import { Button, Card, Empty, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { AttachmentList } from "../attachments/AttachmentList.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { labelOrDash } from "../people/vocab-options.ts";
import { useStation } from "../workspace/station-context.tsx";
import { trpc } from "../../trpc.ts";
import { RISK_COLORS } from "./OpenRisksCard.tsx";
import { VisitDrawer, type VisitSubject } from "./VisitDrawer.tsx";

/** A person's visits, their own and their household's, newest first, with a way to record the next. */
export function PersonVisitsCard({ subject }: { subject: VisitSubject }) {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const visits = useQuery(trpc.visits.forPerson.queryOptions({ stationId, personId: subject.personId }));
  const [recording, setRecording] = useState(false);
  const [openFiles, setOpenFiles] = useState<string | null>(null);
  return (
    <Card
      title={t("visit.history")}
      data-testid="person-visits"
      extra={
        can("workspace.write") && (
          <Button type="primary" onClick={() => setRecording(true)} data-testid="record-visit">
            {t("visit.record")}
          </Button>
        )
      }
    >
      <ErrorAlert error={visits.error} />
      {visits.data?.length === 0 && <Empty description={t("visit.history.empty")} />}
      {(visits.data ?? []).map((v) => (
        <div key={v.id} data-testid="person-visit" style={{ padding: "8px 0", borderBottom: "1px solid rgba(5,5,5,0.06)" }}>
          <Space wrap size={[8, 4]}>
            <Typography.Text strong>{v.visitedOn}</Typography.Text>
            <Tag>{labelOrDash(VISIT_KIND_LABELS, v.kind, locale)}</Tag>
            <Typography.Text>{labelOrDash(VISIT_MODE_LABELS, v.mode, locale)}</Typography.Text>
            <Typography.Text type="secondary">{t("visit.minutes", { n: v.durationMinutes })}</Typography.Text>
            {v.risk !== "none" && <Tag color={RISK_COLORS[v.risk as RiskLevel] ?? "default"}>{t("risk.level", { level: labelOrDash(RISK_LEVEL_LABELS, v.risk, locale) })}</Tag>}
          </Space>
          <div>
            <Typography.Text type="secondary">{v.workers ?? "—"}</Typography.Text>
          </div>
          {v.summary && <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-line" }}>{v.summary}</Typography.Paragraph>}
          {v.attachmentCount > 0 && (
            <Button type="link" size="small" icon={<PaperClipOutlined />} style={{ padding: 0 }} onClick={() => setOpenFiles(openFiles === v.id ? null : v.id)} data-testid="visit-attachments">
              {t("attachment.count", { n: v.attachmentCount })}
            </Button>
          )}
          {openFiles === v.id && <AttachmentList ownerKind="visit" ownerId={v.id} />}
        </div>
      ))}
      {recording && <VisitDrawer subject={subject} onClose={() => setRecording(false)} />}
    </Card>
  );
}

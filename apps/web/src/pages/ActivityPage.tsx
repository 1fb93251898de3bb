import { useQuery } from "@tanstack/react-query";
import { ACTIVITY_KIND_LABELS, formatFen, hoursOf, PUBLICITY_TOPIC_LABELS, RESOURCE_KIND_LABELS, SERVICE_AREA_LABELS } from "@shegong/domain";
import { Button, Card, Descriptions, List, Space, Spin, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { AttachmentsCard } from "../features/attachments/AttachmentsCard.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { ActivityDrawer } from "../features/activities/ActivityDrawer.tsx";
import { FollowupModal } from "../features/activities/FollowupModal.tsx";
import { ResourceModal } from "../features/activities/ResourceModal.tsx";
import { SatisfactionLine } from "../features/activities/SatisfactionLine.tsx";
import { labelOrDash } from "../features/people/vocab-options.ts";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { formatDateTime } from "../lib/dates.ts";
import { Link } from "../router.tsx";
import { trpc } from "../trpc.ts";

type Dialog = "edit" | "resource" | "followup" | null;

/** One activity with who came, the volunteers' time, resources brought in, follow-ups and earlier versions. */
export function ActivityPage({ activityId }: { activityId: string }) {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const activity = useQuery(trpc.activities.get.queryOptions({ stationId, activityId }));
  if (activity.error) return <ErrorAlert error={activity.error} />;
  const a = activity.data;
  if (!a) return <Spin />;
  const writable = can("workspace.write");
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="middle" data-testid="activity-page">
      <Link to={`/station/${stationId}/activities`}>{t("activity.back")}</Link>
      <Card
        title={a.topic}
        extra={
          writable && (
            <Space wrap>
              <Button onClick={() => setDialog("edit")} data-testid="edit-activity">
                {t("common.edit")}
              </Button>
              <Button onClick={() => setDialog("resource")} data-testid="add-resource">
                {t("resource.record")}
              </Button>
              <Button onClick={() => setDialog("followup")} data-testid="add-followup">
                {t("satisfaction.record")}
              </Button>
            </Space>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("activity.kind")}>
            {labelOrDash(ACTIVITY_KIND_LABELS, a.kind, locale)}
            {a.publicityTopic ? ` · ${labelOrDash(PUBLICITY_TOPIC_LABELS, a.publicityTopic, locale)}` : ""}
          </Descriptions.Item>
          <Descriptions.Item label={t("activity.area")}>{labelOrDash(SERVICE_AREA_LABELS, a.area, locale)}</Descriptions.Item>
          <Descriptions.Item label={t("activity.heldOn")}>
            {a.heldOn}
            {a.startTime ? ` ${a.startTime}` : ""}
          </Descriptions.Item>
          <Descriptions.Item label={t("activity.duration")}>{t("common.hours", { n: hoursOf(a.durationMinutes) })}</Descriptions.Item>
          <Descriptions.Item label={t("activity.place")}>{a.place}</Descriptions.Item>
          <Descriptions.Item label={t("activity.workers")}>{a.workers.map((w) => w.displayName).join("、")}</Descriptions.Item>
          <Descriptions.Item label={t("activity.attendance")}>
            <span data-testid="activity-attendance">{t("activity.attendance.detail", a.attendance)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("activity.volunteerMinutes")}>{t("common.hours", { n: hoursOf(a.volunteerMinutes) })}</Descriptions.Item>
        </Descriptions>
        {a.summary && <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginTop: 12 }}>{a.summary}</Typography.Paragraph>}
      </Card>
      <AttachmentsCard ownerKind="activity" ownerId={a.id} title={t("activity.photos")} />
      <Card size="small" title={t("activity.attendees")}>
        {a.attendees.length === 0 ? (
          <Typography.Text type="secondary">{t("common.none")}</Typography.Text>
        ) : (
          a.attendees.map((p) => (
            <Tag key={p.personId} style={{ marginBottom: 4 }}>
              <Link to={`/station/${stationId}/people/${p.personId}`}>{p.name}</Link>
            </Tag>
          ))
        )}
      </Card>
      <Card size="small" title={t("activity.volunteers")}>
        <Table
          size="small"
          rowKey="volunteerId"
          pagination={false}
          dataSource={a.volunteers}
          locale={{ emptyText: t("common.none") }}
          columns={[
            { title: t("volunteer.name"), dataIndex: "name" },
            { title: t("activity.duration"), key: "m", align: "right", render: (_, v) => t("common.hours", { n: hoursOf(v.minutes) }) },
          ]}
        />
      </Card>
      <Card size="small" title={t("resource.title")}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={a.resources}
          locale={{ emptyText: t("common.none") }}
          columns={[
            { title: t("resource.receivedOn"), dataIndex: "receivedOn" },
            { title: t("resource.kind"), key: "k", render: (_, r) => labelOrDash(RESOURCE_KIND_LABELS, r.kind, locale) },
            { title: t("resource.source"), dataIndex: "source" },
            { title: t("resource.description"), dataIndex: "description" },
            { title: t("resource.amount"), key: "v", align: "right", render: (_, r) => formatFen(r.valueFen) },
          ]}
        />
      </Card>
      <Card size="small" title={t("satisfaction.title")} extra={<SatisfactionLine summary={a.satisfaction} />}>
        <List
          size="small"
          dataSource={a.followups}
          locale={{ emptyText: t("satisfaction.none") }}
          renderItem={(f) => (
            <List.Item>
              <Space wrap>
                <Tag color={f.score >= 4 ? "green" : f.score === 3 ? "default" : "red"}>{f.score}</Tag>
                <span>{f.followedUpOn}</span>
                {f.respondentName && <span>{f.respondentName}</span>}
                {f.comment && <Typography.Text type="secondary">{f.comment}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={t("activity.revisions")}>
        {a.revisions.length === 0 ? (
          <Typography.Text type="secondary">{t("activity.revisions.empty")}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={a.revisions}
            data-testid="activity-revisions"
            renderItem={(r) => {
              const s = r.snapshot as { topic?: string; heldOn?: string; othersCount?: number; attendeePersonIds?: string[] };
              return (
                <List.Item>
                  {t("activity.revision.line", {
                    version: r.version,
                    who: r.replacedBy ?? "—",
                    when: formatDateTime(r.replacedAt, locale),
                    topic: s.topic ?? "—",
                    date: s.heldOn ?? "—",
                    attendance: (s.attendeePersonIds?.length ?? 0) + (s.othersCount ?? 0),
                  })}
                </List.Item>
              );
            }}
          />
        )}
      </Card>
      {dialog === "edit" && <ActivityDrawer activity={a} onClose={() => setDialog(null)} />}
      {dialog === "resource" && <ResourceModal activityId={a.id} onClose={() => setDialog(null)} />}
      {dialog === "followup" && <FollowupModal activityId={a.id} heldOn={a.heldOn} onClose={() => setDialog(null)} />}
    </Space>
  );
}

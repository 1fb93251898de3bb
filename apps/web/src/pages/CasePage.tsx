import { useMutation, useQuery } from "@tanstack/react-query";
import {
  actionAllowed,
  CASE_CLOSURE_OUTCOME_LABELS,
  CASE_RISK_LABELS,
  CASE_SERVICE_AREA_LABELS,
  CASE_SOURCE_LABELS,
  CASE_STATUS_LABELS,
  REFERRAL_TARGET_LABELS,
  SIGNOFF_KIND_LABELS,
  type CaseStatus,
} from "@shegong/domain";
import { Alert, App, Button, Card, Col, Descriptions, List, Modal, Row, Space, Spin, Tag, Timeline, Typography } from "antd";
import { useRef, useState } from "react";
import { AttachmentsCard } from "../features/attachments/AttachmentsCard.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { AssignCaseDialog, CaseActionDialog, FollowUpDialog, type CaseDialog } from "../features/cases/CaseActionDialog.tsx";
import { CaseRiskTag, CaseStatusTag, formatMinutes } from "../features/cases/case-display.tsx";
import { labelOrDash } from "../features/people/vocab-options.ts";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n, type MessageKey } from "../i18n/locale.tsx";
import { formatDateTime } from "../lib/dates.ts";
import { newIdempotencyKey } from "../lib/idempotency-key.ts";
import { Link } from "../router.tsx";
import { queryClient, trpc, type RouterOutputs } from "../trpc.ts";

type CaseView = RouterOutputs["cases"]["get"];
type TimelineEntry = CaseView["timeline"][number];

const EVENT_LABELS: Record<string, MessageKey> = {
  opened: "case.event.opened",
  assessed: "case.event.assessed",
  plan_proposed: "case.event.plan_proposed",
  plan_approved: "case.event.plan_approved",
  signoff_requested: "case.event.signoff_requested",
  signoff_approved: "case.event.signoff_approved",
  signoff_returned: "case.event.signoff_returned",
  service: "case.event.service",
  review: "case.event.review",
  referral: "case.event.referral",
  referral_followed_up: "case.event.referral_followed_up",
  closed: "case.event.closed",
  assigned: "case.event.assigned",
};

function TimelineText({ entry }: { entry: TimelineEntry }) {
  const { t, locale } = useI18n();
  const d = entry.detail;
  const parts: string[] = [EVENT_LABELS[entry.kind] ? t(EVENT_LABELS[entry.kind]!) : entry.kind];
  if (typeof d.what === "string") parts.push(labelOrDash(SIGNOFF_KIND_LABELS, d.what, locale));
  if (typeof d.area === "string") parts.push(labelOrDash(CASE_SERVICE_AREA_LABELS, d.area, locale));
  if (typeof d.durationMinutes === "number") parts.push(formatMinutes(d.durationMinutes, locale));
  if (typeof d.toName === "string") parts.push(`→ ${d.toName}`);
  if (typeof d.riskTo === "string") parts.push(t("case.event.risk", { from: labelOrDash(CASE_RISK_LABELS, String(d.riskFrom), locale), to: labelOrDash(CASE_RISK_LABELS, d.riskTo, locale) }));
  if (entry.toStatus) parts.push(`${labelOrDash(CASE_STATUS_LABELS, entry.fromStatus, locale)} → ${labelOrDash(CASE_STATUS_LABELS, entry.toStatus, locale)}`);
  return (
    <div data-testid="case-event" data-kind={entry.kind}>
      <Typography.Text>{parts.join(" · ")}</Typography.Text>
      {typeof d.comment === "string" && <div style={{ color: entry.kind === "signoff_returned" ? "#cf1322" : undefined }}>“{d.comment}”</div>}
      <div>
        <Typography.Text type="secondary">
          {entry.actorName ?? "—"} · {formatDateTime(entry.occurredAt, locale)}
        </Typography.Text>
      </div>
    </div>
  );
}

/** Returns stand out in red and approvals in green; routine steps stay grey (the brand colour may itself be red). */
function timelineColor(kind: string): string {
  if (kind === "signoff_returned") return "red";
  if (kind === "closed" || kind === "signoff_approved" || kind === "plan_approved") return "green";
  if (kind === "signoff_requested") return "orange";
  return "gray";
}

/** One case (个案档案): what was found, planned, done and reviewed, its referrals, sign-offs and timeline. */
export function CasePage({ caseId }: { caseId: string }) {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const kase = useQuery(trpc.cases.get.queryOptions({ stationId, caseId }));
  const [dialog, setDialog] = useState<CaseDialog | "approvePlan" | "assign" | null>(null);
  const [followUp, setFollowUp] = useState<string | null>(null);
  if (kase.error) return <ErrorAlert error={kase.error} />;
  if (!kase.data) return <Spin />;
  const c = kase.data;
  const status = c.status as CaseStatus;
  const writable = can("workspace.write");
  const approveLabel = c.viewerNeedsSignOff ? t("case.action.requestPlanSignOff") : t("case.action.approvePlan");
  const closeLabel = c.viewerNeedsSignOff ? t("case.action.requestClosure") : t("case.action.close");
  const actions: { key: CaseDialog | "approvePlan"; label: string; show: boolean }[] = [
    { key: "assess", label: t("case.action.assess"), show: actionAllowed("assess", status) },
    { key: "plan", label: t("case.action.plan"), show: actionAllowed("proposePlan", status) && !c.pendingSignoff },
    { key: "approvePlan", label: approveLabel, show: actionAllowed("approvePlan", status) && !c.pendingSignoff && c.plans.some((p) => p.status === "proposed") },
    { key: "service", label: t("case.action.service"), show: actionAllowed("addService", status) },
    { key: "review", label: t("case.action.review"), show: actionAllowed("addReview", status) },
    { key: "referral", label: t("case.action.referral"), show: actionAllowed("addReferral", status) },
    { key: "close", label: closeLabel, show: actionAllowed("close", status) && !c.pendingSignoff },
  ];
  const latestReturn = [...c.signoffs].reverse().find((s) => s.decision !== null);
  return (
    <div data-testid="case-page" data-status={c.status}>
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        title={
          <Space wrap>
            <span data-testid="case-no">{t("case.title", { no: c.caseNo })}</span>
            <Link to={`/station/${stationId}/people/${c.personId}`}>{c.personName}</Link>
            <CaseStatusTag status={c.status} />
            <CaseRiskTag level={c.riskLevel} />
          </Space>
        }
        extra={<Link to={`/station/${stationId}/cases`}>{t("common.back")}</Link>}
      >
        {c.pendingSignoff && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="case-pending-signoff" title={t("case.signoff.waiting", { what: labelOrDash(SIGNOFF_KIND_LABELS, c.pendingSignoff.what, locale), name: c.pendingSignoff.supervisorName ?? "—" })} />
        )}
        {!c.pendingSignoff && latestReturn?.decision === "returned" && c.status !== "closed" && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="case-returned-alert" title={t("case.signoff.returnedBy", { name: latestReturn.supervisorName ?? "—" })} description={latestReturn.comment} />
        )}
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} styles={{ label: { whiteSpace: "nowrap" } }}>
          <Descriptions.Item label={t("case.source")}>
            {labelOrDash(CASE_SOURCE_LABELS, c.source, locale)}
            {c.referredBy ? ` · ${c.referredBy}` : ""}
          </Descriptions.Item>
          <Descriptions.Item label={t("case.intakeOn")}>{c.intakeOn}</Descriptions.Item>
          <Descriptions.Item label={t("case.worker")}>
            <Space size={8}>
              <span data-testid="case-worker">{c.workerName ?? "—"}</span>
              {can("case.assign") && c.status !== "closed" && (
                <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setDialog("assign")} data-testid="case-action-assign">
                  {t("case.assign")}
                </Button>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t("case.serviceHours")}>{formatMinutes(c.serviceMinutes, locale)}</Descriptions.Item>
          {c.closedOn && (
            <Descriptions.Item label={t("case.outcome")}>
              {labelOrDash(CASE_CLOSURE_OUTCOME_LABELS, c.closureOutcome, locale)} · {c.closedOn}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t("case.presentingProblem")} span={3}>
            <span style={{ whiteSpace: "pre-wrap" }}>{c.presentingProblem}</span>
          </Descriptions.Item>
          {c.closureSummary && (
            <Descriptions.Item label={t("case.closureSummary")} span={3}>
              {c.closureSummary}
            </Descriptions.Item>
          )}
        </Descriptions>
        {writable && (
          <Space wrap style={{ marginTop: 8 }} data-testid="case-actions">
            {actions
              .filter((a) => a.show)
              .map((a) => (
                <Button key={a.key} onClick={() => setDialog(a.key)} data-testid={`case-action-${a.key}`} type={a.key === "approvePlan" || a.key === "close" ? "primary" : "default"}>
                  {a.label}
                </Button>
              ))}
          </Space>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          {c.assessments.length > 0 && (
            <Card size="small" title={t("case.section.assessments")} style={{ marginBottom: 16 }}>
              <List
                dataSource={c.assessments}
                renderItem={(a) => (
                  <List.Item>
                    <div>
                      <Space wrap>
                        <Typography.Text strong>{a.assessedOn}</Typography.Text>
                        <CaseRiskTag level={a.riskLevel} />
                        <Typography.Text type="secondary">{a.recordedBy}</Typography.Text>
                      </Space>
                      <div style={{ whiteSpace: "pre-wrap" }}>{a.needs}</div>
                      {a.strengths && <Typography.Text type="secondary">{a.strengths}</Typography.Text>}
                    </div>
                  </List.Item>
                )}
              />
            </Card>
          )}
          {c.plans.length > 0 && (
            <Card size="small" title={t("case.section.plans")} style={{ marginBottom: 16 }}>
              {[...c.plans].reverse().map((p) => (
                <div key={p.id} data-testid="case-plan" style={{ marginBottom: 8, opacity: p.status === "superseded" || p.status === "returned" ? 0.6 : 1 }}>
                  <Space>
                    <Typography.Text strong>{t("case.plan.version", { n: p.version })}</Typography.Text>
                    <Tag color={p.status === "approved" ? "green" : p.status === "proposed" ? "gold" : "default"}>{t(`case.plan.status.${p.status}` as MessageKey)}</Tag>
                  </Space>
                  <ol style={{ margin: "4px 0" }}>
                    {p.goals.map((g, i) => (
                      <li key={i}>
                        {g.goal} — {g.measure}（{g.due}）
                      </li>
                    ))}
                  </ol>
                  {p.approach && <Typography.Text type="secondary">{p.approach}</Typography.Text>}
                </div>
              ))}
            </Card>
          )}
          {c.services.length > 0 && (
            <Card size="small" title={t("case.section.services", { total: formatMinutes(c.serviceMinutes, locale) })} style={{ marginBottom: 16 }}>
              <List
                dataSource={c.services}
                renderItem={(s) => (
                  <List.Item data-testid="case-service">
                    <div>
                      <Space wrap>
                        <Typography.Text strong>{s.servedOn}</Typography.Text>
                        <Tag>{labelOrDash(CASE_SERVICE_AREA_LABELS, s.area, locale)}</Tag>
                        <Typography.Text>{formatMinutes(s.durationMinutes, locale)}</Typography.Text>
                        <Typography.Text type="secondary">{s.workers.join("、")}</Typography.Text>
                      </Space>
                      <div style={{ whiteSpace: "pre-wrap" }}>{s.note}</div>
                    </div>
                  </List.Item>
                )}
              />
            </Card>
          )}
          {c.reviews.length > 0 && (
            <Card size="small" title={t("case.section.reviews")} style={{ marginBottom: 16 }}>
              <List
                dataSource={c.reviews}
                renderItem={(r) => (
                  <List.Item>
                    <div>
                      <Space wrap>
                        <Typography.Text strong>{r.reviewedOn}</Typography.Text>
                        <CaseRiskTag level={r.riskLevel} />
                      </Space>
                      <div style={{ whiteSpace: "pre-wrap" }}>{r.progress}</div>
                      {r.nextSteps && <Typography.Text type="secondary">{r.nextSteps}</Typography.Text>}
                    </div>
                  </List.Item>
                )}
              />
            </Card>
          )}
          {c.referrals.length > 0 && (
            <Card size="small" title={t("case.section.referrals")} style={{ marginBottom: 16 }}>
              <List
                dataSource={c.referrals}
                renderItem={(r) => (
                  <List.Item
                    data-testid="case-referral"
                    actions={r.status === "open" && writable ? [<Button key="f" size="small" onClick={() => setFollowUp(r.id)}>{t("case.referral.followUp")}</Button>] : []}
                  >
                    <div>
                      <Space wrap>
                        <Tag>{labelOrDash(REFERRAL_TARGET_LABELS, r.toKind, locale)}</Tag>
                        <Typography.Text strong>{r.toName}</Typography.Text>
                        {r.status === "open" ? <Tag color={r.overdue ? "red" : "gold"}>{r.overdue ? t("case.referral.overdue") : t("case.referral.open")}</Tag> : <Tag color="green">{t("case.referral.done")}</Tag>}
                        <Typography.Text type="secondary">
                          {r.referredOn} → {t("case.referral.dueBy", { date: r.dueOn })}
                        </Typography.Text>
                      </Space>
                      <div>{r.reason}</div>
                      {r.followUpNote && (
                        <Typography.Text type="secondary">
                          {r.followedUpOn} · {r.followUpNote}
                        </Typography.Text>
                      )}
                    </div>
                  </List.Item>
                )}
              />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t("case.section.timeline")} data-testid="case-timeline">
            <Timeline items={[...c.timeline].reverse().map((e) => ({ key: e.id, color: timelineColor(e.kind), content: <TimelineText entry={e} /> }))} />
          </Card>
          <div style={{ marginTop: 16 }}>
            <AttachmentsCard ownerKind="case" ownerId={caseId} title={t("case.documents")} />
          </div>
        </Col>
      </Row>
      {dialog === "approvePlan" && <ApprovePlan caseId={caseId} onClose={() => setDialog(null)} />}
      {dialog === "assign" && <AssignCaseDialog caseId={caseId} currentWorkerId={c.assignedWorkerId} onClose={() => setDialog(null)} />}
      {dialog && dialog !== "approvePlan" && dialog !== "assign" && <CaseActionDialog caseId={caseId} dialog={dialog} currentRisk={c.riskLevel} onClose={() => setDialog(null)} />}
      {followUp && <FollowUpDialog referralId={followUp} onClose={() => setFollowUp(null)} />}
    </div>
  );
}

/** Approve the proposed plan; for a worker under supervision this sends it to the review queue (R7). */
function ApprovePlan({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const key = useRef(newIdempotencyKey()).current;
  const approve = useMutation(
    trpc.cases.approvePlan.mutationOptions({
      onSuccess: async (r) => {
        void message.success(r.outcome === "signoff_requested" ? t("case.signoff.requested") : t("case.saved"));
        await queryClient.invalidateQueries({ queryKey: trpc.cases.pathKey() });
        onClose();
      },
    }),
  );
  return (
    <Modal open title={t("case.action.approvePlan")} okButtonProps={{ loading: approve.isPending, "data-testid": "approve-plan-ok" } as never} okText={t("common.submit")} cancelText={t("common.cancel")} onOk={() => approve.mutate({ stationId, caseId, idempotencyKey: key })} onCancel={onClose}>
      <ErrorAlert error={approve.error} />
      {t("case.approvePlan.confirm")}
    </Modal>
  );
}

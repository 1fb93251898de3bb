import { useMutation, useQuery } from "@tanstack/react-query";
import {
  CASE_CLOSURE_OUTCOME_LABELS,
  CASE_CLOSURE_OUTCOMES,
  CASE_RISK_LABELS,
  CASE_RISK_LEVELS,
  CASE_SERVICE_AREA_LABELS,
  CASE_SERVICE_AREAS,
  REFERRAL_TARGET_LABELS,
  REFERRAL_TARGETS,
  todayInShanghai,
} from "@shegong/domain";
import { App, Button, Form, Input, InputNumber, Radio, Select, Space } from "antd";
import { useRef, type ReactNode } from "react";
import { FormModal } from "../../components/FormModal.tsx";
import { useI18n, type MessageKey } from "../../i18n/locale.tsx";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { queryClient, trpc } from "../../trpc.ts";
import { vocabOptions } from "../people/vocab-options.ts";
import { useStation } from "../workspace/station-context.tsx";

export type CaseDialog = "assess" | "plan" | "service" | "review" | "referral" | "close";

const TITLES: Record<CaseDialog, MessageKey> = {
  assess: "case.action.assess",
  plan: "case.action.plan",
  service: "case.action.service",
  review: "case.action.review",
  referral: "case.action.referral",
  close: "case.action.close",
};

async function refreshCases() {
  await queryClient.invalidateQueries({ queryKey: trpc.cases.pathKey() });
}

/** Whether the server approved/closed or sent the request to the supervisor (R7), said to the worker. */
function useOutcomeMessage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (result: unknown) => {
    const asked = (result as { outcome?: string } | undefined)?.outcome === "signoff_requested";
    void message.success(asked ? t("case.signoff.requested") : t("case.saved"));
  };
}

/**
 * The forms of a case's steps. One idempotency key per opening, so a retried save stores the
 * record once (issue 4: retries are safe).
 */
export function CaseActionDialog({ caseId, dialog, currentRisk, onClose }: { caseId: string; dialog: CaseDialog; currentRisk: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { stationId } = useStation();
  const [form] = Form.useForm();
  const idempotencyKey = useRef(newIdempotencyKey()).current;
  const done = useOutcomeMessage();
  const onSuccess = async (result: unknown) => {
    done(result);
    await refreshCases();
    onClose();
  };
  const base = { stationId, caseId, idempotencyKey };
  const assess = useMutation(trpc.cases.assess.mutationOptions({ onSuccess }));
  const plan = useMutation(trpc.cases.proposePlan.mutationOptions({ onSuccess }));
  const service = useMutation(trpc.cases.addService.mutationOptions({ onSuccess }));
  const review = useMutation(trpc.cases.addReview.mutationOptions({ onSuccess }));
  const referral = useMutation(trpc.cases.createReferral.mutationOptions({ onSuccess }));
  const close = useMutation(trpc.cases.close.mutationOptions({ onSuccess }));
  const members = useQuery(trpc.visits.members.queryOptions({ stationId }));
  const me = useQuery(trpc.me.get.queryOptions());
  const mutation = { assess, plan, service, review, referral, close }[dialog];
  const today = todayInShanghai();
  const riskField = (
    <Form.Item name="riskLevel" label={t("case.riskLevel")} initialValue={currentRisk}>
      <Select options={vocabOptions(CASE_RISK_LABELS, CASE_RISK_LEVELS, locale)} />
    </Form.Item>
  );
  const date = (name: string, label: MessageKey) => (
    <Form.Item name={name} label={t(label)} initialValue={today} rules={[{ required: true }]}>
      <Input type="date" max={today} />
    </Form.Item>
  );
  const text = (name: string, label: MessageKey, required = true, rows = 3): ReactNode => (
    <Form.Item name={name} label={t(label)} rules={required ? [{ required: true, message: t("case.required") }] : []}>
      <Input.TextArea rows={rows} maxLength={4000} data-testid={`case-field-${name}`} />
    </Form.Item>
  );

  let fields: ReactNode;
  // antd hands back the fields as typed; the schemas on the server check them.
  let submit: (values: never) => void;
  switch (dialog) {
    case "assess":
      fields = [date("assessedOn", "case.assessedOn"), text("needs", "case.needs"), text("strengths", "case.strengths", false, 2), riskField];
      submit = (v) => assess.mutate({ ...base, assessment: v });
      break;
    case "plan":
      fields = (
        <>
          <Form.List name="goals" initialValue={[{ due: "" }]}>
            {(items, { add, remove }) => (
              <>
                {items.map((item, index) => (
                  <Space key={item.key} align="start" wrap style={{ display: "flex", marginBottom: 8 }}>
                    <Form.Item name={[item.name, "goal"]} label={index === 0 ? t("case.goal") : undefined} rules={[{ required: true, message: t("case.required") }]}>
                      <Input maxLength={500} style={{ width: 200 }} data-testid="case-goal" />
                    </Form.Item>
                    <Form.Item name={[item.name, "measure"]} label={index === 0 ? t("case.measure") : undefined} rules={[{ required: true, message: t("case.required") }]}>
                      <Input maxLength={500} style={{ width: 160 }} data-testid="case-measure" />
                    </Form.Item>
                    <Form.Item name={[item.name, "due"]} label={index === 0 ? t("case.goalDue") : undefined} rules={[{ required: true, message: t("case.required") }]}>
                      <Input type="date" min={today} data-testid="case-goal-due" />
                    </Form.Item>
                    {items.length > 1 && <Button onClick={() => remove(item.name)}>{t("case.goal.remove")}</Button>}
                  </Space>
                ))}
                <Button onClick={() => add({})}>{t("case.goal.add")}</Button>
              </>
            )}
          </Form.List>
          {text("approach", "case.approach", false, 2)}
        </>
      );
      submit = (v) => plan.mutate({ ...base, plan: v });
      break;
    case "service":
      fields = [
        <Form.Item key="area" name="area" label={t("case.serviceArea")} rules={[{ required: true, message: t("case.required") }]}>
          <Select options={vocabOptions(CASE_SERVICE_AREA_LABELS, CASE_SERVICE_AREAS, locale)} data-testid="case-service-area" />
        </Form.Item>,
        <span key="d">{date("servedOn", "case.servedOn")}</span>,
        <Form.Item key="m" name="durationMinutes" label={t("case.durationMinutes")} rules={[{ required: true, message: t("case.required") }]}>
          <InputNumber min={1} max={1440} addonAfter={t("case.minutes")} data-testid="case-duration" />
        </Form.Item>,
        <Form.Item key="w" name="workerUserIds" label={t("case.workers")} initialValue={me.data ? [me.data.user.id] : []} rules={[{ required: true, message: t("case.required") }]}>
          <Select mode="multiple" options={(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))} />
        </Form.Item>,
        <span key="n">{text("note", "case.serviceNote")}</span>,
      ];
      submit = (v) => service.mutate({ ...base, service: v });
      break;
    case "review":
      fields = [date("reviewedOn", "case.reviewedOn"), text("progress", "case.progress"), text("nextSteps", "case.nextSteps", false, 2), riskField];
      submit = (v) => review.mutate({ ...base, review: v });
      break;
    case "referral":
      fields = [
        <Form.Item key="k" name="toKind" label={t("case.referral.toKind")} initialValue="township">
          <Radio.Group options={vocabOptions(REFERRAL_TARGET_LABELS, REFERRAL_TARGETS, locale)} />
        </Form.Item>,
        <Form.Item key="n" name="toName" label={t("case.referral.toName")} rules={[{ required: true, message: t("case.required") }]}>
          <Input maxLength={100} />
        </Form.Item>,
        <span key="r">{text("reason", "case.referral.reason")}</span>,
        <span key="o">{date("referredOn", "case.referral.referredOn")}</span>,
        <Form.Item key="due" name="dueOn" label={t("case.referral.dueOn")} rules={[{ required: true, message: t("case.required") }]}>
          <Input type="date" min={today} />
        </Form.Item>,
      ];
      submit = (v) => referral.mutate({ ...base, referral: v });
      break;
    case "close":
      fields = [
        <span key="d">{date("closedOn", "case.closedOn")}</span>,
        <Form.Item key="o" name="outcome" label={t("case.outcome")} rules={[{ required: true, message: t("case.required") }]}>
          <Select options={vocabOptions(CASE_CLOSURE_OUTCOME_LABELS, CASE_CLOSURE_OUTCOMES, locale)} data-testid="case-outcome" />
        </Form.Item>,
        <span key="s">{text("summary", "case.closureSummary")}</span>,
      ];
      submit = (v) => close.mutate({ ...base, closure: v });
      break;
  }
  return (
    <FormModal title={t(TITLES[dialog])} pending={mutation.isPending} error={mutation.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" onFinish={(values) => submit(values as never)} data-testid={`case-dialog-${dialog}`}>
        {fields}
      </Form>
    </FormModal>
  );
}

/** Records the follow-up that closes a referral. */
export function FollowUpDialog({ referralId, onClose }: { referralId: string; onClose: () => void }) {
  const { t } = useI18n();
  const { stationId } = useStation();
  const [form] = Form.useForm();
  const done = useOutcomeMessage();
  const followUp = useMutation(
    trpc.cases.followUpReferral.mutationOptions({
      onSuccess: async (r) => {
        done(r);
        await refreshCases();
        onClose();
      },
    }),
  );
  const today = todayInShanghai();
  return (
    <FormModal title={t("case.referral.followUp")} pending={followUp.isPending} error={followUp.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" onFinish={(v: { followedUpOn: string; note: string }) => followUp.mutate({ stationId, referralId, followUp: v })}>
        <Form.Item name="followedUpOn" label={t("case.referral.followedUpOn")} initialValue={today} rules={[{ required: true }]}>
          <Input type="date" max={today} />
        </Form.Item>
        <Form.Item name="note" label={t("case.referral.followUpNote")} rules={[{ required: true, message: t("case.required") }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** The supervisor's decision on a sign-off; a return must say why (the worker reads it). */
export function DecideSignOffDialog({ signoffId, decision, onClose }: { signoffId: string; decision: "approved" | "returned"; onClose: () => void }) {
  const { t } = useI18n();
  const { stationId } = useStation();
  const [form] = Form.useForm();
  const done = useOutcomeMessage();
  const decide = useMutation(
    trpc.cases.decideSignOff.mutationOptions({
      onSuccess: async (r) => {
        done(r);
        await refreshCases();
        onClose();
      },
    }),
  );
  return (
    <FormModal
      title={t(decision === "approved" ? "case.signoff.approve" : "case.signoff.return")}
      pending={decide.isPending}
      error={decide.error}
      onSubmit={() => form.submit()}
      onClose={onClose}
    >
      <Form form={form} layout="vertical" onFinish={(v: { comment?: string }) => decide.mutate({ stationId, signoffId, decision: { decision, comment: v.comment } })}>
        <Form.Item name="comment" label={t("case.signoff.comment")} rules={decision === "returned" ? [{ required: true, message: t("case.signoff.comment.required") }] : []}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="signoff-comment" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** Hands the case to another member (station admins and supervisors): any of the station's staff, or nobody for now. */
export function AssignCaseDialog({ caseId, currentWorkerId, onClose }: { caseId: string; currentWorkerId: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm<{ workerUserId: string }>();
  const staff = useQuery(trpc.cases.staff.queryOptions({ stationId }));
  const assign = useMutation(
    trpc.cases.assign.mutationOptions({
      onSuccess: async () => {
        void message.success(t("case.saved"));
        await refreshCases();
        onClose();
      },
    }),
  );
  // antd's Select has no null value: "" stands for nobody.
  const NOBODY = "";
  return (
    <FormModal title={t("case.assign")} pending={assign.isPending} error={assign.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        data-testid="case-dialog-assign"
        initialValues={{ workerUserId: currentWorkerId ?? NOBODY }}
        onFinish={(v) => assign.mutate({ stationId, caseId, workerUserId: v.workerUserId === NOBODY ? null : v.workerUserId })}
      >
        <Form.Item
          name="workerUserId"
          label={t("case.worker")}
          rules={[{ validator: async (_, value: string) => (value === (currentWorkerId ?? NOBODY) ? Promise.reject(new Error(t("case.assign.same"))) : undefined) }]}
        >
          <Select
            loading={staff.isLoading}
            data-testid="case-assign-worker"
            options={[{ value: NOBODY, label: t("case.assign.unassigned") }, ...(staff.data ?? []).map((s) => ({ value: s.userId, label: s.displayName }))]}
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

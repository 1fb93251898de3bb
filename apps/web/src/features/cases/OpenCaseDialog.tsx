import { useMutation } from "@tanstack/react-query";
import { CASE_RISK_LABELS, CASE_RISK_LEVELS, CASE_SOURCE_LABELS, CASE_SOURCES, todayInShanghai, type CaseRiskLevel, type CaseSource } from "@shegong/domain";
import { App, Form, Input, Radio, Select } from "antd";
import { useRef } from "react";
import { FormModal } from "../../components/FormModal.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { navigate } from "../../router.tsx";
import { queryClient, trpc } from "../../trpc.ts";
import { PersonPicker } from "../people/PersonPicker.tsx";
import { vocabOptions } from "../people/vocab-options.ts";
import { useStation } from "../workspace/station-context.tsx";

interface IntakeValues {
  personId: string;
  source: CaseSource;
  referredBy?: string;
  intakeOn: string;
  presentingProblem: string;
  riskLevel: CaseRiskLevel;
}

/** Intake (接案): for someone on the register, or from a visit's risk flag (the visit and person fixed). */
export function OpenCaseDialog({ from, onClose }: { from?: { personId: string; personName: string; visitId?: string; riskLevel?: CaseRiskLevel; note?: string | null }; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm<IntakeValues>();
  const source = Form.useWatch("source", form);
  const idempotencyKey = useRef(newIdempotencyKey());
  const create = useMutation(
    trpc.cases.create.mutationOptions({
      onSuccess: async (created) => {
        void message.success(t("case.opened", { no: created.caseNo }));
        await queryClient.invalidateQueries({ queryKey: trpc.cases.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.visits.openRisks.queryKey({ stationId }) });
        onClose();
        navigate(`/station/${stationId}/cases/${created.caseId}`);
      },
    }),
  );
  const fromVisit = Boolean(from?.visitId);
  return (
    <FormModal title={from ? t("case.openFor", { name: from.personName }) : t("case.open")} pending={create.isPending} error={create.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        data-testid="open-case-form"
        initialValues={{
          personId: from?.personId,
          source: fromVisit ? "visit" : "walk_in",
          intakeOn: todayInShanghai(),
          riskLevel: from?.riskLevel ?? "medium",
          presentingProblem: from?.note ?? undefined,
        }}
        onFinish={(values) =>
          create.mutate({
            stationId,
            idempotencyKey: idempotencyKey.current,
            // The person is fixed (no picker rendered) when opened from a visit or a person's page.
            intake: { ...values, personId: from?.personId ?? values.personId, sourceVisitId: fromVisit ? from?.visitId : undefined, referredBy: values.source === "referral" ? values.referredBy : undefined },
          })
        }
      >
        {!from && (
          <Form.Item name="personId" label={t("case.person")} rules={[{ required: true, message: t("case.person.required") }]}>
            <PersonPicker testId="case-person" />
          </Form.Item>
        )}
        <Form.Item name="source" label={t("case.source")}>
          <Radio.Group disabled={fromVisit} options={vocabOptions(CASE_SOURCE_LABELS, fromVisit ? CASE_SOURCES : CASE_SOURCES.filter((s) => s !== "visit"), locale)} />
        </Form.Item>
        {source === "referral" && (
          <Form.Item name="referredBy" label={t("case.referredBy")} rules={[{ required: true, message: t("case.referredBy.required") }]}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        <Form.Item name="intakeOn" label={t("case.intakeOn")} rules={[{ required: true }]}>
          <Input type="date" max={todayInShanghai()} />
        </Form.Item>
        <Form.Item name="presentingProblem" label={t("case.presentingProblem")} rules={[{ required: true, message: t("case.presentingProblem.required") }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="case-problem" />
        </Form.Item>
        <Form.Item name="riskLevel" label={t("case.riskLevel")}>
          <Select options={vocabOptions(CASE_RISK_LABELS, CASE_RISK_LEVELS, locale)} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

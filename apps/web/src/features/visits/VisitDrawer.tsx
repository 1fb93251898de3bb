import { useMutation, useQuery } from "@tanstack/react-query";
import {
  RISK_LEVEL_LABELS,
  RISK_LEVELS,
  riskNeedsFollowUp,
  SERVICE_AREA_LABELS,
  SERVICE_AREAS,
  todayInShanghai,
  VISIT_KIND_LABELS,
  VISIT_KINDS,
  VISIT_MODE_LABELS,
  VISIT_MODES,
  type ServiceArea,
} from "@shegong/domain";
import { Alert, App, Button, Drawer, Form, Grid, Input, InputNumber, Radio, Select, Space } from "antd";
import { useRef, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { AttachmentPicker } from "../attachments/AttachmentPicker.tsx";
import type { PendingFile } from "../attachments/pending-files.ts";
import { uploadPending } from "../attachments/upload-pending.ts";
import { queryClient, trpc } from "../../trpc.ts";
import { vocabOptions } from "../people/vocab-options.ts";
import { useStation } from "../workspace/station-context.tsx";
import { BarthelFields } from "./BarthelFields.tsx";
import { ChildFindingsFields } from "./ChildFindingsFields.tsx";
import { EconomicSurveyFields } from "./EconomicSurveyFields.tsx";
import { checkVisitDraft, serverVisitFieldErrors, toVisitDraft, type VisitFieldErrors, type VisitFormValues } from "./visit-form.ts";
import { GrowingTextArea } from "../../components/GrowingTextArea.tsx";

const DURATION_PRESETS = [15, 30, 60];
const FINDINGS = ["livingConditions", "health", "mentalState", "safetyRisks", "needs"] as const;

export interface VisitSubject {
  personId: string;
  name: string;
  area: ServiceArea;
}

/** Who may be named on a visit: the station's members when the user may list them, else the user alone. */
export function useWorkerOptions() {
  const { stationId } = useStation();
  const me = useQuery(trpc.me.get.queryOptions());
  const members = useQuery(trpc.visits.members.queryOptions({ stationId }));
  const self = me.data ? [{ value: me.data.user.id, label: me.data.user.displayName }] : [];
  const others = (members.data ?? []).filter((u) => u.userId !== me.data?.user.id).map((u) => ({ value: u.userId, label: u.displayName }));
  const seen = new Set<string>();
  const options = [...self, ...others].filter((o) => !seen.has(o.value) && seen.add(o.value));
  return { options, selfId: me.data?.user.id };
}

/**
 * Records a visit (issue 4 item 2), made for a phone in a village: one column, large targets, the
 * area's own part of the form (Barthel, a child's guardianship and schooling, a household's income).
 * Checked with the domain's schema before sending; one idempotency key per opening, so a retry on a
 * flaky connection stores the visit once.
 */
export function VisitDrawer({ subject, onClose, onSaved }: { subject: VisitSubject; onClose: () => void; onSaved?: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [form] = Form.useForm<VisitFormValues>();
  const workers = useWorkerOptions();
  const idempotencyKey = useRef(newIdempotencyKey());
  // Paths come from the schema's issues at run time, so they are not the form's static name tuples.
  const showErrors = (errors: VisitFieldErrors) => form.setFields(errors as Parameters<typeof form.setFields>[0]);
  const area = Form.useWatch("area", form) ?? subject.area;
  const risk = Form.useWatch("risk", form) ?? "none";
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>(null);

  // The visit first, then its photos. If a photo fails the visit is already safe; sending again
  // repeats both steps under the same keys, so nothing is stored twice.
  const create = useMutation(
    trpc.visits.create.mutationOptions({
      onSuccess: async ({ visitId }) => {
        setUploadError(null);
        if (files.some((f) => !f.uploadedId)) {
          setUploading(true);
          try {
            setFiles(await uploadPending(stationId, { kind: "visit", id: visitId }, files, setFiles));
          } catch (error) {
            setUploadError(error);
            await queryClient.invalidateQueries({ queryKey: trpc.visits.pathKey() });
            return;
          } finally {
            setUploading(false);
          }
        }
        void message.success(t("visit.saved", { name: subject.name }));
        await queryClient.invalidateQueries({ queryKey: trpc.visits.pathKey() });
        onClose();
        onSaved?.();
      },
      onError: (error) => showErrors(serverVisitFieldErrors(error, locale)),
    }),
  );

  const submit = (values: VisitFormValues) => {
    const { draft, errors } = toVisitDraft(values, subject.personId, { barthelIncomplete: t("visit.barthel.incomplete"), notAmount: t("visit.survey.notAmount") });
    const checked = checkVisitDraft(draft, locale);
    const problems = [...errors, ...checked.errors];
    if (problems.length > 0 || !checked.input) {
      showErrors(problems);
      const first = problems[0];
      if (first) form.scrollToField(first.name, { behavior: "smooth", block: "center" });
      return;
    }
    create.mutate({ stationId, visit: draft, idempotencyKey: idempotencyKey.current });
  };

  const initialValues: Partial<VisitFormValues> = {
    visitedOn: todayInShanghai(),
    kind: "patrol",
    area: subject.area,
    risk: "none",
    workerUserIds: workers.selfId ? [workers.selfId] : [],
  };

  return (
    <Drawer
      open
      placement={narrow ? "bottom" : "right"}
      size={narrow ? "100%" : 640}
      title={t("visit.form.title", { name: subject.name })}
      onClose={onClose}
      destroyOnHidden
      data-testid="visit-drawer"
      footer={
        <Space style={{ justifyContent: "flex-end", width: "100%" }}>
          <Button size="large" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button size="large" type="primary" loading={create.isPending || uploading} onClick={() => form.submit()} data-testid="visit-submit">
            {t("visit.submit")}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={create.error} />
      {uploadError !== null && (
        <>
          <Alert type="warning" showIcon title={t("attachment.failed")} style={{ marginBottom: 8 }} data-testid="attachment-failed" />
          <ErrorAlert error={uploadError} />
        </>
      )}
      <Form<VisitFormValues> form={form} name="visit" layout="vertical" size="large" onFinish={submit} initialValues={initialValues} scrollToFirstError>
        <Form.Item name="visitedOn" label={t("visit.date")} required>
          <Input type="date" max={todayInShanghai()} data-testid="visit-date" />
        </Form.Item>
        <Form.Item name="kind" label={t("visit.kind")} required>
          <Radio.Group optionType="button" buttonStyle="solid" options={vocabOptions(VISIT_KIND_LABELS, VISIT_KINDS, locale)} data-testid="visit-kind" />
        </Form.Item>
        <Form.Item name="mode" label={t("visit.mode")} required>
          <Radio.Group optionType="button" buttonStyle="solid" options={vocabOptions(VISIT_MODE_LABELS, VISIT_MODES, locale)} data-testid="visit-mode" />
        </Form.Item>
        <Form.Item label={t("visit.duration")} required>
          <Space wrap>
            {DURATION_PRESETS.map((minutes) => (
              <Button key={minutes} onClick={() => form.setFieldValue("durationMinutes", minutes)} data-testid={`duration-${minutes}`}>
                {t("visit.minutes", { n: minutes })}
              </Button>
            ))}
            <Form.Item name="durationMinutes" noStyle>
              <InputNumber min={1} max={600} precision={0} inputMode="numeric" suffix={t("visit.minutesUnit")} style={{ width: 130 }} data-testid="visit-duration" />
            </Form.Item>
          </Space>
        </Form.Item>
        <Form.Item name="workerUserIds" label={t("visit.workers")} required>
          <Select mode="multiple" options={workers.options} data-testid="visit-workers" />
        </Form.Item>
        <Form.Item name="area" label={t("visit.area")} required>
          <Radio.Group optionType="button" options={vocabOptions(SERVICE_AREA_LABELS, SERVICE_AREAS, locale)} />
        </Form.Item>
        {FINDINGS.map((key) => (
          <Form.Item key={key} name={["findings", key]} label={t(`visit.findings.${key}`)}>
            <GrowingTextArea minRows={2} data-testid={`finding-${key}`} />
          </Form.Item>
        ))}
        {area === "elderly" && <BarthelFields />}
        {area === "children" && <ChildFindingsFields />}
        {area === "assistance" && <EconomicSurveyFields />}
        <Form.Item name="risk" label={t("visit.risk")} required>
          <Radio.Group optionType="button" buttonStyle="solid" options={vocabOptions(RISK_LEVEL_LABELS, RISK_LEVELS, locale)} data-testid="visit-risk" />
        </Form.Item>
        <Form.Item name="riskNote" label={t("visit.riskNote")} required={riskNeedsFollowUp(risk)} extra={riskNeedsFollowUp(risk) ? t("visit.riskNote.hint") : undefined}>
          <GrowingTextArea minRows={2} data-testid="visit-risk-note" />
        </Form.Item>
        <Form.Item name="summary" label={t("visit.summary")}>
          <GrowingTextArea minRows={3} data-testid="visit-summary" />
        </Form.Item>
        <Form.Item label={t("attachment.title")}>
          <AttachmentPicker files={files} onChange={setFiles} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

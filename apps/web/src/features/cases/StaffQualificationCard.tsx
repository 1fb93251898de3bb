import { useMutation, useQuery } from "@tanstack/react-query";
import { EDUCATION_LEVEL_LABELS, EDUCATION_LEVELS, QUALIFICATION_LEVEL_LABELS, QUALIFICATION_LEVELS } from "@shegong/domain";
import { App, Button, Card, Form, Input, Select, Table, Tag } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { queryClient, trpc, type RouterOutputs } from "../../trpc.ts";
import { labelOrDash, vocabOptions } from "../people/vocab-options.ts";
import { useStation } from "../workspace/station-context.tsx";
import { noWrap } from "./case-display.tsx";

type StaffRow = RouterOutputs["cases"]["staff"][number];

/** Staff qualifications and assigned supervisors (R7), editable by whoever may change station settings. */
export function StaffQualificationCard() {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const staff = useQuery(trpc.cases.staff.queryOptions({ stationId }));
  const [editing, setEditing] = useState<StaffRow | null>(null);
  return (
    <Card title={t("staff.title")} size="small" style={{ marginBottom: 16 }} data-testid="staff-qualifications">
      <ErrorAlert error={staff.error} />
      <Table
        size="small"
        rowKey="userId"
        pagination={false}
        scroll={{ x: "max-content" }}
        dataSource={staff.data ?? []}
        columns={noWrap([
          { title: t("staff.name"), dataIndex: "displayName" },
          { title: t("staff.major"), dataIndex: "major", render: (m: string | null) => m ?? "—" },
          { title: t("staff.qualification"), dataIndex: "qualificationLevel", render: (q: string | null) => labelOrDash(QUALIFICATION_LEVEL_LABELS, q, locale) },
          { title: t("staff.supervisor"), dataIndex: "supervisorName", render: (n: string | null) => n ?? "—" },
          {
            title: t("staff.signOff"),
            dataIndex: "needsSignOff",
            render: (needs: boolean) => (needs ? <Tag color="gold">{t("staff.needsSignOff")}</Tag> : <Tag color="green">{t("staff.actsAlone")}</Tag>),
          },
          ...(can("station.settings.edit")
            ? [{ title: t("common.actions"), key: "edit", render: (_: unknown, row: StaffRow) => <Button size="small" onClick={() => setEditing(row)}>{t("staff.edit")}</Button> }]
            : []),
        ])}
      />
      {editing && <StaffDialog row={editing} others={(staff.data ?? []).filter((s) => s.userId !== editing.userId)} onClose={() => setEditing(null)} />}
    </Card>
  );
}

/** The member's education, major, qualification and supervisor; also opened from the staff-compliance page. */
export function StaffDialog({ row, others, onClose }: { row: StaffRow; others: StaffRow[]; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm();
  const save = useMutation(
    trpc.cases.setStaffQualification.mutationOptions({
      onSuccess: async () => {
        void message.success(t("case.saved"));
        await queryClient.invalidateQueries({ queryKey: trpc.cases.staff.queryKey({ stationId }) });
        await queryClient.invalidateQueries({ queryKey: trpc.staff.pathKey() });
        onClose();
      },
    }),
  );
  const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : (v ?? undefined));
  return (
    <FormModal title={`${t("staff.edit")} · ${row.displayName}`} pending={save.isPending} error={save.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ ...row, qualificationLevel: row.qualificationLevel ?? "none", supervisorUserId: row.supervisorUserId ?? null }}
        onFinish={(v: Record<string, unknown>) =>
          save.mutate({
            stationId,
            userId: row.userId,
            qualification: {
              education: blank(v.education) as string | undefined,
              major: blank(v.major) as string | undefined,
              qualificationLevel: v.qualificationLevel as "none",
              certificateNo: blank(v.certificateNo) as string | undefined,
              certificateExpiresOn: blank(v.certificateExpiresOn) as string | undefined,
              supervisorUserId: (v.supervisorUserId as string | null) ?? null,
            },
          })
        }
      >
        {/* Stored as the Chinese wording a diploma uses, which the R7 stationing rule reads. */}
        <Form.Item name="education" label={t("staff.education")}>
          <Select allowClear options={EDUCATION_LEVELS.map((k) => ({ value: EDUCATION_LEVEL_LABELS[k].zh, label: locale === "en" ? EDUCATION_LEVEL_LABELS[k].en : EDUCATION_LEVEL_LABELS[k].zh }))} />
        </Form.Item>
        <Form.Item name="major" label={t("staff.major")} extra={t("staff.major.hint")}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="qualificationLevel" label={t("staff.qualification")}>
          <Select options={vocabOptions(QUALIFICATION_LEVEL_LABELS, QUALIFICATION_LEVELS, locale)} />
        </Form.Item>
        <Form.Item name="certificateNo" label={t("staff.certificateNo")}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="certificateExpiresOn" label={t("staff.certificateExpiresOn")}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="supervisorUserId" label={t("staff.supervisor")}>
          <Select allowClear options={[{ value: null as unknown as string, label: t("common.none") }, ...others.map((o) => ({ value: o.userId, label: o.displayName }))]} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

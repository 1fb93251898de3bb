import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import {
  ATTENDANCE_KIND_LABELS,
  ATTENDANCE_KINDS,
  BLOCKING_STAFF_FLAGS,
  EDUCATION_LEVEL_LABELS,
  labelOf,
  QUALIFICATION_LEVEL_LABELS,
  STAFF_FLAG_LABELS,
  TRAINEE_KIND_LABELS,
  TRAINEE_KINDS,
  TRAINING_KIND_LABELS,
  TRAINING_KINDS,
  todayInShanghai,
  type AttendanceKind,
  type StaffFlag,
  type TTrainingInput,
} from "@shegong/domain";
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { FormModal } from "../components/FormModal.tsx";
import { StaffDialog } from "../features/cases/StaffQualificationCard.tsx";
import { currentYear, YearSelect } from "../features/activities/YearSelect.tsx";
import { labelOrDash, vocabOptions } from "../features/people/vocab-options.ts";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { newIdempotencyKey } from "../lib/idempotency-key.ts";
import { queryClient, trpc, type RouterOutputs } from "../trpc.ts";

type Overview = RouterOutputs["staff"]["overview"];
type StaffRow = Overview["staff"][number];

const refreshStaff = () => queryClient.invalidateQueries({ queryKey: trpc.staff.pathKey() });

export function FlagTags({ flags }: { flags: StaffFlag[] }) {
  const { t, locale } = useI18n();
  if (flags.length === 0) return <Tag color="green">{t("comp.ok")}</Tag>;
  return (
    <Space size={[0, 4]} wrap>
      {flags.map((f) => (
        <Tag key={f} color={BLOCKING_STAFF_FLAGS.has(f) ? "red" : "gold"} data-testid={`flag-${f}`}>
          {labelOf(STAFF_FLAG_LABELS, f, locale)}
        </Tag>
      ))}
    </Space>
  );
}

/** Staff compliance in a station's workspace (issue 5 item 4, R7, R16, R18): staff, attendance, training. */
export function StaffCompliancePage() {
  const { t } = useI18n();
  return (
    <Card data-testid="staff-compliance-page">
      <Tabs
        items={[
          { key: "staff", label: t("comp.tab.staff"), children: <StaffTab /> },
          { key: "attendance", label: t("comp.tab.attendance"), children: <AttendanceTab /> },
          { key: "training", label: t("comp.tab.training"), children: <TrainingTab /> },
        ]}
      />
    </Card>
  );
}

function StaffTab() {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const [warningDays, setWarningDays] = useState(60);
  const overview = useQuery(trpc.staff.overview.queryOptions({ stationId, warningDays }));
  const qualifications = useQuery(trpc.cases.staff.queryOptions({ stationId }));
  const [stationing, setStationing] = useState<StaffRow | null>(null);
  const [editing, setEditing] = useState<StaffRow | null>(null);
  const data = overview.data;
  const editable = qualifications.data?.find((q) => q.userId === editing?.userId);
  return (
    <>
      <Typography.Paragraph type="secondary">{t("comp.rule")}</Typography.Paragraph>
      <ErrorAlert error={overview.error} />
      {data && (
        <>
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col xs={8}>
              <Statistic title={t("comp.required")} value={data.staffing.required ?? "—"} />
            </Col>
            <Col xs={8}>
              <Statistic title={t("comp.stationed")} value={data.staffing.stationed} />
            </Col>
            <Col xs={8}>
              <Statistic title={t("comp.shortfall")} value={data.staffing.shortfall ?? "—"} valueStyle={data.staffing.shortfall ? { color: "#cf1322" } : undefined} />
            </Col>
          </Row>
          {data.staffing.required === null && <Alert type="warning" showIcon title={t("comp.noAgreement")} style={{ marginBottom: 12 }} />}
          {!!data.staffing.shortfall && <Alert type="error" showIcon title={t("comp.shortfallAlert", { n: data.staffing.shortfall })} style={{ marginBottom: 12 }} data-testid="staffing-shortfall" />}
        </>
      )}
      <Space style={{ marginBottom: 12 }}>
        <span>{t("comp.warningDays")}</span>
        <InputNumber min={1} max={365} value={warningDays} onChange={(v) => v && setWarningDays(v)} />
      </Space>
      <Table<StaffRow>
        size="small"
        rowKey={(r) => r.staffId ?? r.userId ?? r.displayName}
        loading={overview.isPending}
        pagination={false}
        scroll={{ x: "max-content" }}
        dataSource={data?.staff ?? []}
        data-testid="staff-compliance-table"
        columns={[
          { title: t("staff.name"), dataIndex: "displayName" },
          { title: t("staff.education"), key: "edu", render: (_, r) => (r.educationLevel ? labelOf(EDUCATION_LEVEL_LABELS, r.educationLevel, locale) : (r.education ?? "—")) },
          { title: t("staff.major"), dataIndex: "major", render: (m: string | null) => m ?? "—" },
          { title: t("staff.qualification"), dataIndex: "qualificationLevel", render: (q: string | null) => labelOrDash(QUALIFICATION_LEVEL_LABELS, q, locale) },
          {
            title: t("comp.certificate"),
            key: "cert",
            render: (_, r) =>
              r.certificateNo || r.certificateExpiresOn ? (
                <span>
                  {r.certificateNo ?? "—"}
                  {r.certificateExpiresOn && (
                    <Typography.Text type={r.certificateDaysLeft !== null && r.certificateDaysLeft < 0 ? "danger" : "secondary"}>
                      {" "}
                      ({r.certificateExpiresOn}
                      {r.certificateDaysLeft !== null && (r.certificateDaysLeft < 0 ? ` ${t("comp.expired")}` : ` ${t("comp.daysLeft", { n: r.certificateDaysLeft })}`)})
                    </Typography.Text>
                  )}
                </span>
              ) : (
                "—"
              ),
          },
          { title: t("staff.supervisor"), dataIndex: "supervisorName", render: (n: string | null) => n ?? "—" },
          { title: t("comp.stationedOn"), key: "st", render: (_, r) => (r.stationed ? r.stationedOn : r.leftOn ? `${r.stationedOn} — ${r.leftOn}` : <Tag>{t("comp.notStationed")}</Tag>) },
          { title: t("comp.flags"), key: "flags", render: (_, r) => (r.stationed ? <FlagTags flags={r.flags} /> : "—") },
          ...(can("staff.manage")
            ? [
                {
                  title: t("common.actions"),
                  key: "actions",
                  render: (_: unknown, r: StaffRow) => (
                    <Space>
                      {/* Qualifications are kept per login (sign-off reads them); stationing per staff record. */}
                      {r.userId && (
                        <Button size="small" onClick={() => setEditing(r)}>
                          {t("comp.editQualification")}
                        </Button>
                      )}
                      {r.staffId && (
                        <Button size="small" onClick={() => setStationing(r)} data-testid="set-stationing">
                          {t("comp.setStationing")}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {stationing && <StationingDialog row={stationing} onClose={() => setStationing(null)} />}
      {editing && editable && <StaffDialog row={editable} others={(qualifications.data ?? []).filter((q) => q.userId !== editing.userId)} onClose={() => setEditing(null)} />}
    </>
  );
}

function StationingDialog({ row, onClose }: { row: StaffRow; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm();
  const save = useMutation(
    trpc.staff.setStationing.mutationOptions({
      onSuccess: async () => {
        void message.success(t("gov.saved"));
        await refreshStaff();
        onClose();
      },
    }),
  );
  return (
    <FormModal title={`${t("comp.setStationing")} · ${row.displayName}`} pending={save.isPending} error={save.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ stationedOn: row.stationedOn ?? "", leftOn: row.leftOn ?? "" }}
        onFinish={(v: { stationedOn: string; leftOn: string }) => save.mutate({ stationId, staffId: row.staffId!, stationing: { stationedOn: v.stationedOn || null, leftOn: v.leftOn || null } })}
      >
        <Form.Item name="stationedOn" label={t("comp.stationedOn")} extra={t("comp.rule")}>
          <Input type="date" data-testid="stationed-on" />
        </Form.Item>
        <Form.Item name="leftOn" label={t("comp.leftOn")}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function AttendanceTab() {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const [month, setMonth] = useState(todayInShanghai().slice(0, 7));
  const [recording, setRecording] = useState(false);
  const view = useQuery(trpc.staff.attendanceMonth.queryOptions({ stationId, month }));
  type Worker = RouterOutputs["staff"]["attendanceMonth"]["workers"][number];
  return (
    <>
      <Typography.Paragraph type="secondary">{t("comp.attendance.hint")}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <span>{t("comp.attendance.month")}</span>
        <Input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} style={{ width: 160 }} />
        {can("workspace.write") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="record-attendance">
            {t("comp.attendance.record")}
          </Button>
        )}
      </Space>
      <ErrorAlert error={view.error} />
      <Table<Worker>
        size="small"
        rowKey="userId"
        loading={view.isPending}
        pagination={false}
        scroll={{ x: "max-content" }}
        dataSource={view.data?.workers ?? []}
        data-testid="attendance-table"
        expandable={{
          expandedRowRender: (w) => (
            <Table
              size="small"
              rowKey="date"
              pagination={false}
              dataSource={(view.data?.records ?? []).filter((r) => r.userId === w.userId)}
              columns={[
                { title: t("comp.attendance.date"), dataIndex: "date" },
                { title: t("comp.attendance.kind"), dataIndex: "kind", render: (k: AttendanceKind) => labelOf(ATTENDANCE_KIND_LABELS, k, locale) },
                { title: t("comp.attendance.checkIn"), dataIndex: "checkIn", render: (v: string | null) => v ?? "—" },
                { title: t("comp.attendance.checkOut"), dataIndex: "checkOut", render: (v: string | null) => v ?? "—" },
                { title: t("comp.attendance.note"), dataIndex: "note" },
              ]}
            />
          ),
        }}
        columns={[
          { title: t("comp.attendance.worker"), dataIndex: "displayName" },
          { title: t("comp.attendance.workingDays"), dataIndex: "workingDays", align: "right" },
          ...ATTENDANCE_KINDS.map((k) => ({ title: labelOf(ATTENDANCE_KIND_LABELS, k, locale), key: k, align: "right" as const, render: (_: unknown, w: Worker) => w.counts[k] })),
          { title: t("comp.attendance.hours"), key: "h", align: "right", render: (_, w) => (w.minutesOnDuty / 60).toFixed(1) },
          { title: t("comp.attendance.missingCheckOut"), dataIndex: "missingCheckOut", align: "right" },
          { title: t("comp.attendance.unrecorded"), dataIndex: "unrecordedWeekdays", align: "right", render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : "0") },
        ]}
      />
      {recording && <AttendanceDialog workers={view.data?.workers ?? []} onClose={() => setRecording(false)} />}
    </>
  );
}

function AttendanceDialog({ workers, onClose }: { workers: { userId: string; displayName: string }[]; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId, can } = useStation();
  const me = useQuery(trpc.me.get.queryOptions());
  const [form] = Form.useForm();
  const kind = Form.useWatch("kind", form) as AttendanceKind | undefined;
  const working = kind === "present" || kind === "field" || kind === "training";
  const save = useMutation(
    trpc.staff.recordAttendance.mutationOptions({
      onSuccess: async () => {
        void message.success(t("gov.saved"));
        await refreshStaff();
        onClose();
      },
    }),
  );
  const selfId = me.data?.user.id;
  const choices = can("staff.manage") ? workers : workers.filter((w) => w.userId === selfId);
  return (
    <FormModal title={t("comp.attendance.record")} pending={save.isPending} error={save.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ userId: choices.find((w) => w.userId === selfId)?.userId ?? choices[0]?.userId, date: todayInShanghai(), kind: "present", checkIn: "", checkOut: "" }}
        onFinish={(v: { userId: string; date: string; kind: AttendanceKind; checkIn: string; checkOut: string; note?: string }) =>
          save.mutate({
            stationId,
            attendance: { userId: v.userId, date: v.date, kind: v.kind, checkIn: working ? v.checkIn || null : null, checkOut: working ? v.checkOut || null : null, note: v.note || undefined },
          })
        }
      >
        <Form.Item name="userId" label={t("comp.attendance.worker")} rules={[{ required: true }]}>
          <Select options={choices.map((w) => ({ value: w.userId, label: w.displayName }))} data-testid="attendance-worker" />
        </Form.Item>
        <Form.Item name="date" label={t("comp.attendance.date")} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="kind" label={t("comp.attendance.kind")}>
          <Select options={vocabOptions(ATTENDANCE_KIND_LABELS, ATTENDANCE_KINDS, locale)} />
        </Form.Item>
        {working && (
          <Space>
            <Form.Item name="checkIn" label={t("comp.attendance.checkIn")}>
              <Input type="time" data-testid="check-in" />
            </Form.Item>
            <Form.Item name="checkOut" label={t("comp.attendance.checkOut")}>
              <Input type="time" data-testid="check-out" />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="note" label={t("comp.attendance.note")}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function TrainingTab() {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const [year, setYear] = useState(currentYear());
  const [adding, setAdding] = useState(false);
  const list = useQuery(trpc.staff.trainings.queryOptions({ stationId, year }));
  type Training = RouterOutputs["staff"]["trainings"]["trainings"][number];
  return (
    <>
      <Typography.Paragraph type="secondary">{t("comp.training.hint")}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <YearSelect value={year} onChange={setYear} />
        {can("staff.manage") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-training">
            {t("comp.training.new")}
          </Button>
        )}
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Training>
        size="small"
        rowKey="id"
        loading={list.isPending}
        pagination={false}
        scroll={{ x: "max-content" }}
        dataSource={list.data?.trainings ?? []}
        data-testid="training-table"
        columns={[
          { title: t("comp.training.startedOn"), key: "d", render: (_, r) => (r.endedOn && r.endedOn !== r.startedOn ? `${r.startedOn} — ${r.endedOn}` : r.startedOn) },
          { title: t("comp.training.kind"), dataIndex: "kind", render: (k: Training["kind"]) => labelOf(TRAINING_KIND_LABELS, k, locale) },
          { title: t("comp.training.title"), dataIndex: "title" },
          { title: t("comp.training.provider"), dataIndex: "provider" },
          { title: t("comp.training.hours"), dataIndex: "hours", align: "right" },
          {
            title: t("comp.training.trainees"),
            key: "trainees",
            render: (_, r) => r.trainees.map((p) => `${p.name ?? "—"}（${labelOf(TRAINEE_KIND_LABELS, p.kind, locale)}${p.organization ? `，${p.organization}` : ""}）`).join("、"),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("comp.training.memberHours")}
      </Typography.Title>
      <Table
        size="small"
        rowKey="userId"
        pagination={false}
        dataSource={list.data?.memberHours ?? []}
        columns={[
          { title: t("staff.name"), dataIndex: "displayName" },
          { title: t("comp.panel.trainings"), dataIndex: "trainings", align: "right" },
          { title: t("comp.training.hours"), dataIndex: "hours", align: "right" },
        ]}
      />
      {adding && <TrainingDialog onClose={() => setAdding(false)} />}
    </>
  );
}

function TrainingDialog({ onClose }: { onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const members = useQuery(trpc.cases.staff.queryOptions({ stationId }));
  const [form] = Form.useForm();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const save = useMutation(
    trpc.staff.createTraining.mutationOptions({
      onSuccess: async () => {
        void message.success(t("gov.saved"));
        await refreshStaff();
        onClose();
      },
    }),
  );
  const trainees = (Form.useWatch("trainees", form) ?? []) as { kind?: string }[];
  return (
    <FormModal title={t("comp.training.new")} pending={save.isPending} error={save.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: "in_service", startedOn: todayInShanghai(), hours: 4, trainees: [{ kind: "station_staff" }] }}
        onFinish={(v: TTrainingInput & { endedOn?: string }) =>
          save.mutate({
            stationId,
            idempotencyKey,
            training: {
              ...v,
              endedOn: v.endedOn || undefined,
              note: v.note || undefined,
              trainees: v.trainees.map((p) => ({ ...p, userId: p.kind === "station_staff" ? p.userId : null, name: p.name || undefined, organization: p.organization || undefined })),
            },
          })
        }
      >
        <Form.Item name="kind" label={t("comp.training.kind")}>
          <Select options={vocabOptions(TRAINING_KIND_LABELS, TRAINING_KINDS, locale)} data-testid="training-kind" />
        </Form.Item>
        <Form.Item name="title" label={t("comp.training.title")} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="training-title" />
        </Form.Item>
        <Form.Item name="provider" label={t("comp.training.provider")} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="training-provider" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startedOn" label={t("comp.training.startedOn")} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="endedOn" label={t("comp.training.endedOn")}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="hours" label={t("comp.training.hours")} rules={[{ required: true }]}>
            <InputNumber min={1} max={500} />
          </Form.Item>
        </Space>
        <Typography.Text strong>{t("comp.training.trainees")}</Typography.Text>
        <Form.List name="trainees">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => {
                const isStaff = (trainees[field.name]?.kind ?? "station_staff") === "station_staff";
                return (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, "kind"]} label={t("comp.training.traineeKind")}>
                      <Select style={{ width: 170 }} options={vocabOptions(TRAINEE_KIND_LABELS, TRAINEE_KINDS, locale)} />
                    </Form.Item>
                    {isStaff ? (
                      <Form.Item name={[field.name, "userId"]} label={t("comp.training.member")} rules={[{ required: true }]}>
                        <Select style={{ width: 160 }} options={(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))} />
                      </Form.Item>
                    ) : (
                      <>
                        <Form.Item name={[field.name, "name"]} label={t("comp.training.name")} rules={[{ required: true }]}>
                          <Input maxLength={50} style={{ width: 120 }} />
                        </Form.Item>
                        <Form.Item name={[field.name, "organization"]} label={t("comp.training.organization")}>
                          <Input maxLength={100} style={{ width: 160 }} />
                        </Form.Item>
                      </>
                    )}
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label="remove" />}
                  </Space>
                );
              })}
              <Button type="dashed" onClick={() => add({ kind: "township_officer" })} icon={<PlusOutlined />} block>
                {t("comp.training.addTrainee")}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t("gov.note")} style={{ marginTop: 12 }}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

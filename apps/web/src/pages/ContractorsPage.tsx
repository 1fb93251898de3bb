import { useMutation, useQuery } from "@tanstack/react-query";
import { checkBusinessScope, INCUBATION_STATUS_LABELS, INCUBATION_STATUSES, parseCreditCode } from "@shegong/domain";
import { App, Button, Card, Form, Input, Select, Table, Tag } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { FormModal } from "../components/FormModal.tsx";
import { labelOrDash, vocabOptions } from "../features/people/vocab-options.ts";
import { useI18n } from "../i18n/locale.tsx";
import { canAtDivision, type Me } from "../lib/access.ts";
import { newIdempotencyKey } from "../lib/idempotency-key.ts";
import { Link } from "../router.tsx";
import { queryClient, trpc, type RouterOutputs } from "../trpc.ts";

type ContractorRow = RouterOutputs["contractors"]["list"][number];

/** The contractor registry (issue 5 item 1, R3, R6) kept by the prefecture and city/county bureaus. */
export function ContractorsPage({ me, divisionCode }: { me: Me; divisionCode: string }) {
  const { t, locale } = useI18n();
  const list = useQuery(trpc.contractors.list.queryOptions({ divisionCode }));
  const [editing, setEditing] = useState<ContractorRow | "new" | null>(null);
  const canManage = canAtDivision(me, "contractor.manage", divisionCode);
  return (
    <Card
      title={t("gov.contractors.title")}
      data-testid="contractors-page"
      extra={
        canManage && (
          <Button type="primary" onClick={() => setEditing("new")} data-testid="contractor-new">
            {t("gov.contractors.new")}
          </Button>
        )
      }
    >
      <ErrorAlert error={list.error} />
      <Table
        size="small"
        rowKey="id"
        loading={list.isPending}
        pagination={false}
        scroll={{ x: true }}
        dataSource={list.data ?? []}
        columns={[
          { title: t("gov.contractor.name"), dataIndex: "name" },
          { title: t("gov.contractor.creditCode"), dataIndex: "creditCode", render: (c: string | null) => c ?? "—" },
          { title: t("gov.contractor.legalRepresentative"), dataIndex: "legalRepresentative", render: (c: string | null) => c ?? "—" },
          { title: t("gov.contractor.contact"), key: "contact", render: (_: unknown, r: ContractorRow) => (r.contactName ? `${r.contactName} ${r.contactPhone ?? ""}` : "—") },
          {
            title: t("gov.contractor.scope"),
            dataIndex: "scopeIncludesSocialWork",
            render: (ok: boolean) => (ok ? <Tag color="green">{t("gov.contractor.scopeOk")}</Tag> : <Tag color="red">{t("gov.contractor.scopeMissing")}</Tag>),
          },
          { title: t("gov.contractor.incubation"), dataIndex: "incubationStatus", render: (s: string) => labelOrDash(INCUBATION_STATUS_LABELS, s, locale) },
          { title: t("gov.contractor.stations"), dataIndex: "stations", render: (s: ContractorRow["stations"]) => (s.length === 0 ? "—" : s.map((x) => x.plaqueName).join("、")) },
          ...(canManage
            ? [
                {
                  title: t("common.actions"),
                  key: "edit",
                  render: (_: unknown, r: ContractorRow) =>
                    r.editable && (
                      <Button size="small" onClick={() => setEditing(r)}>
                        {t("gov.edit")}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      {editing && <ContractorDialog divisionCode={divisionCode} row={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
      <p style={{ marginTop: 12, color: "#888" }}>{t("gov.contractors.hint")}</p>
    </Card>
  );
}

function ContractorDialog({ divisionCode, row, onClose }: { divisionCode: string; row: ContractorRow | null; onClose: () => void }) {
  const { t, locale, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const done = async () => {
    void message.success(t("gov.saved"));
    await queryClient.invalidateQueries({ queryKey: trpc.contractors.list.queryKey({ divisionCode }) });
    onClose();
  };
  const create = useMutation(trpc.contractors.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.contractors.update.mutationOptions({ onSuccess: done }));
  const pending = create.isPending || update.isPending;
  return (
    <FormModal title={row ? `${t("gov.edit")} · ${row.name}` : t("gov.contractors.new")} pending={pending} error={create.error ?? update.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={row ? { ...row, divisionCode: row.divisionCode ?? divisionCode } : { divisionCode: divisionCode.length === 6 ? divisionCode : "", incubationStatus: "none" }}
        onFinish={(v) => {
          const contractor = v as never;
          if (row) update.mutate({ divisionCode, contractorId: row.id, contractor });
          else create.mutate({ divisionCode, contractor, idempotencyKey });
        }}
      >
        <Form.Item name="name" label={t("gov.contractor.name")} rules={[{ required: true }]}>
          <Input data-testid="contractor-name" />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t("gov.contractor.creditCode")}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const result = parseCreditCode(value ?? "");
                return result.ok ? Promise.resolve() : Promise.reject(new Error(pick(result.error)));
              },
            },
          ]}
        >
          <Input maxLength={20} data-testid="contractor-credit-code" />
        </Form.Item>
        <Form.Item name="divisionCode" label={t("gov.contractor.divisionCode")} rules={[{ required: true, pattern: /^\d{4}(\d{2})?$/ }]}>
          <Input maxLength={6} />
        </Form.Item>
        <Form.Item name="registeringAuthority" label={t("gov.contractor.registeringAuthority")} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="legalRepresentative" label={t("gov.contractor.legalRepresentative")} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="contactName" label={t("gov.contractor.contactName")} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label={t("gov.contractor.contactPhone")} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="businessScope"
          label={t("gov.contractor.businessScope")}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const check = checkBusinessScope(value ?? "");
                return check.ok ? Promise.resolve() : Promise.reject(new Error(pick(check.error)));
              },
            },
          ]}
        >
          <Input.TextArea rows={3} data-testid="contractor-scope" />
        </Form.Item>
        <Form.Item name="incubationStatus" label={t("gov.contractor.incubation")}>
          <Select options={vocabOptions(INCUBATION_STATUS_LABELS, INCUBATION_STATUSES, locale)} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** The contractor admin's own organization and every station it runs. */
export function MyContractorPage() {
  const { t, locale } = useI18n();
  const mine = useQuery(trpc.contractors.mine.queryOptions());
  return (
    <div data-testid="my-contractor-page">
      <ErrorAlert error={mine.error} />
      {(mine.data ?? []).map((c) => (
        <Card key={c.id} title={c.name} style={{ marginBottom: 16 }} extra={<Tag>{labelOrDash(INCUBATION_STATUS_LABELS, c.incubationStatus, locale)}</Tag>}>
          <p>
            {t("gov.contractor.creditCode")}：{c.creditCode ?? "—"} · {t("gov.contractor.legalRepresentative")}：{c.legalRepresentative ?? "—"} ·{" "}
            {t("gov.contractor.contact")}：{c.contactName ?? "—"} {c.contactPhone ?? ""}
          </p>
          <p>
            {t("gov.contractor.businessScope")}：{c.businessScope ?? "—"}
          </p>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={c.stations}
            columns={[
              { title: t("gov.contractor.stations"), dataIndex: "plaqueName", render: (name: string, s: { id: string }) => <Link to={`/station/${s.id}/agreements`}>{name}</Link> },
              { title: t("gov.divisionCode"), dataIndex: "divisionCode" },
            ]}
          />
        </Card>
      ))}
    </div>
  );
}

import { useMutation, useQuery } from "@tanstack/react-query";
import { App, Button, Card, Drawer, Form, Input, Space, Spin, Table } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { FormModal } from "../components/FormModal.tsx";
import { AgreementStatusTag, AgreementView } from "../features/governance/AgreementView.tsx";
import { Money } from "../features/governance/money.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { queryClient, trpc, type RouterOutputs } from "../trpc.ts";

type Filing = RouterOutputs["agreements"]["filings"][number];

/** The prefecture bureau's filing desk (备案, R15): acknowledge an agreement, or return it with comments. */
export function FilingsPage({ divisionCode }: { divisionCode: string }) {
  const { t } = useI18n();
  const filings = useQuery(trpc.agreements.filings.queryOptions({ divisionCode }));
  const [open, setOpen] = useState<Filing | null>(null);
  return (
    <Card title={t("gov.filings.title")} data-testid="filings-page">
      <ErrorAlert error={filings.error} />
      <Table
        size="small"
        rowKey="agreementId"
        loading={filings.isPending}
        scroll={{ x: true }}
        dataSource={filings.data ?? []}
        columns={[
          { title: t("gov.station"), dataIndex: "plaqueName" },
          { title: t("gov.agreement.provider"), dataIndex: "contractorName" },
          { title: t("gov.agreement.amount"), dataIndex: "amountFen", render: (f: number) => <Money fen={f} /> },
          { title: t("gov.agreement.period"), key: "period", render: (_: unknown, r: Filing) => `${r.serviceStart} — ${r.serviceEnd}` },
          { title: t("gov.agreement.status"), dataIndex: "status", render: (s: Filing["status"]) => <AgreementStatusTag status={s} /> },
          {
            title: t("common.actions"),
            key: "open",
            render: (_: unknown, r: Filing) => (
              <Button size="small" onClick={() => setOpen(r)} data-testid="filing-open">
                {t("common.open")}
              </Button>
            ),
          },
        ]}
      />
      {open && <FilingDrawer divisionCode={divisionCode} filing={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}

function FilingDrawer({ divisionCode, filing, onClose }: { divisionCode: string; filing: Filing; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const ids = { stationId: filing.stationId, agreementId: filing.agreementId };
  const agreement = useQuery(trpc.agreements.get.queryOptions(ids));
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm();
  const refresh = async () => {
    void message.success(t("gov.saved"));
    await queryClient.invalidateQueries({ queryKey: trpc.agreements.filings.queryKey({ divisionCode }) });
    await queryClient.invalidateQueries({ queryKey: trpc.agreements.get.queryKey(ids) });
  };
  const acknowledge = useMutation(trpc.agreements.acknowledge.mutationOptions({ onSuccess: refresh }));
  const sendBack = useMutation(
    trpc.agreements.returnWithComments.mutationOptions({
      onSuccess: async () => {
        setReturning(false);
        await refresh();
      },
    }),
  );
  const waiting = agreement.data?.status === "submitted";
  return (
    <Drawer
      open
      width={760}
      title={filing.plaqueName}
      onClose={onClose}
      extra={
        waiting && (
          <Space>
            <Button onClick={() => setReturning(true)} data-testid="filing-return">
              {t("gov.filings.return")}
            </Button>
            <Button type="primary" loading={acknowledge.isPending} onClick={() => acknowledge.mutate(ids)} data-testid="filing-acknowledge">
              {t("gov.filings.acknowledge")}
            </Button>
          </Space>
        )
      }
    >
      <ErrorAlert error={agreement.error ?? acknowledge.error} />
      {agreement.data ? <AgreementView agreement={agreement.data} /> : <Spin />}
      {returning && (
        <FormModal title={t("gov.filings.return")} pending={sendBack.isPending} error={sendBack.error} onSubmit={() => form.submit()} onClose={() => setReturning(false)}>
          <Form form={form} layout="vertical" onFinish={(v: { comment: string }) => sendBack.mutate({ ...ids, filing: { comment: v.comment } })}>
            <Form.Item name="comment" label={t("gov.agreement.filingComment")} rules={[{ required: true }]}>
              <Input.TextArea rows={4} data-testid="filing-comment" />
            </Form.Item>
          </Form>
        </FormModal>
      )}
    </Drawer>
  );
}

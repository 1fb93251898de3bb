import { useMutation } from "@tanstack/react-query";
import { STATION_TRANSITIONS, todayInShanghai, type StationStatus } from "@shegong/domain";
import { App, Form, Input, Modal, Select, Typography } from "antd";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { queryClient, trpc } from "../../trpc.ts";
import { StationStatusTag, useStatusLabel } from "./StationStatusTag.tsx";

export interface StatusTarget {
  id: string;
  plaqueName: string;
  status: StationStatus;
  statusSince: string;
}

interface StatusForm {
  status: StationStatus;
  effectiveDate: string;
  note: string;
}

/** Moves a station along its lifecycle; the next steps offered are the domain's own transitions. */
export function StatusChangeDialog({ station, onClose }: { station: StatusTarget; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const statusLabel = useStatusLabel();
  const [form] = Form.useForm<StatusForm>();
  const next = STATION_TRANSITIONS[station.status];
  const today = todayInShanghai();
  const change = useMutation(
    trpc.stations.setStatus.mutationOptions({
      onSuccess: async () => {
        void message.success(t("status.saved"));
        await queryClient.invalidateQueries();
        onClose();
      },
    }),
  );
  return (
    <Modal
      open
      title={t("status.title", { name: station.plaqueName })}
      okText={t("common.submit")}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: next.length === 0, loading: change.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={change.error} />
      <Form<StatusForm>
        form={form}
        layout="vertical"
        initialValues={{ status: next[0], effectiveDate: today, note: "" }}
        onFinish={(values) => change.mutate({ stationId: station.id, ...values })}
      >
        <Form.Item label={t("status.current")}>
          <StationStatusTag status={station.status} />
        </Form.Item>
        {next.length === 0 ? (
          <Typography.Text type="secondary">{t("status.none")}</Typography.Text>
        ) : (
          <>
            <Form.Item name="status" label={t("status.next")} rules={[{ required: true }]}>
              <Select options={next.map((s) => ({ value: s, label: statusLabel(s) }))} data-testid="status-next" />
            </Form.Item>
            <Form.Item name="effectiveDate" label={t("status.effectiveDate")} rules={[{ required: true }]}>
              <Input type="date" min={station.statusSince} max={today} />
            </Form.Item>
            <Form.Item name="note" label={t("status.note")}>
              <Input.TextArea maxLength={500} rows={2} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

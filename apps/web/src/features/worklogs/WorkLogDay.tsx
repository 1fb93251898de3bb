import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { hoursOf, todayInShanghai, workRecordLabel } from "@shegong/domain";
import { App, Button, Card, Empty, Input, InputNumber, List, Space, Tag, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { queryClient, trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";
import { GrowingTextArea } from "../../components/GrowingTextArea.tsx";

interface Entry {
  what: string;
  minutes: number | null;
}

/** One day of the worker's own log: what the records say, what they add by hand, then submit. */
export function WorkLogDay({ date, onDateChange }: { date: string; onDateChange: (date: string) => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId, can } = useStation();
  const day = useQuery(trpc.worklogs.day.queryOptions({ stationId, date }));
  const [entries, setEntries] = useState<Entry[]>([]);
  const [summary, setSummary] = useState("");
  // The form takes the server's copy when a new day or a new saved version arrives, never on a mere
  // refetch of the same version: that would wipe what is being typed.
  const loaded = useRef("");
  useEffect(() => {
    if (!day.data) return;
    const key = `${day.data.date}:${day.data.version}:${day.data.status}`;
    if (key === loaded.current) return;
    loaded.current = key;
    setEntries(day.data.entries);
    setSummary(day.data.summary);
  }, [day.data]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.worklogs.pathKey() });
  const save = useMutation(trpc.worklogs.save.mutationOptions({ onSuccess: () => (void message.success(t("worklog.saved")), refresh()) }));
  const submit = useMutation(trpc.worklogs.submit.mutationOptions({ onSuccess: () => (void message.success(t("worklog.submitted")), refresh()) }));
  const submitted = day.data?.status === "submitted";
  const editable = can("workspace.write") && !submitted;
  const log = { entries: entries.filter((e) => e.what.trim() && e.minutes).map((e) => ({ what: e.what.trim(), minutes: e.minutes as number })), summary };

  return (
    <Card
      title={
        <Space wrap>
          <Input type="date" value={date} max={todayInShanghai()} onChange={(e) => e.target.value && onDateChange(e.target.value)} style={{ width: 160 }} data-testid="worklog-date" />
          {submitted ? <Tag color="green">{t("worklog.status.submitted")}</Tag> : <Tag>{t("worklog.status.draft")}</Tag>}
        </Space>
      }
      extra={day.data && <Typography.Text data-testid="worklog-total">{t("worklog.total", { hours: hoursOf(day.data.totals.recordedMinutes + log.entries.reduce((a, e) => a + e.minutes, 0)) })}</Typography.Text>}
      data-testid="worklog-day"
    >
      <ErrorAlert error={day.error ?? save.error ?? submit.error} />
      <Typography.Title level={5}>{t("worklog.fromRecords")}</Typography.Title>
      <List
        size="small"
        loading={day.isLoading}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("worklog.noRecords")} /> }}
        dataSource={day.data?.drafted ?? []}
        renderItem={(r) => (
          <List.Item data-testid="worklog-record">
            <Space wrap>
              <Tag>{workRecordLabel(r.kind, r.type, locale)}</Tag>
              <Typography.Text>{r.title}</Typography.Text>
              <Typography.Text type="secondary">{t("visit.minutes", { n: r.minutes })}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("worklog.added")}
      </Typography.Title>
      {entries.map((e, i) => (
        <Space key={i} wrap style={{ marginBottom: 8 }} data-testid="worklog-entry">
          <Input
            value={e.what}
            disabled={!editable}
            maxLength={200}
            placeholder={t("worklog.what")}
            style={{ width: 280 }}
            onChange={(ev) => setEntries(entries.map((x, j) => (j === i ? { ...x, what: ev.target.value } : x)))}
            data-testid="worklog-what"
          />
          <InputNumber
            value={e.minutes}
            disabled={!editable}
            min={1}
            max={720}
            precision={0}
            suffix={t("visit.minutesUnit")}
            onChange={(v) => setEntries(entries.map((x, j) => (j === i ? { ...x, minutes: v } : x)))}
            data-testid="worklog-minutes"
          />
          {editable && <Button type="text" icon={<DeleteOutlined />} aria-label={t("attachment.remove")} onClick={() => setEntries(entries.filter((_, j) => j !== i))} />}
        </Space>
      ))}
      {editable && day.data && (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => setEntries([...entries, { what: "", minutes: 30 }])} data-testid="worklog-add">
            {t("worklog.addEntry")}
          </Button>
        </div>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("worklog.summary")}
      </Typography.Title>
      <GrowingTextArea value={summary} disabled={!editable} maxLength={2000} minRows={3} onChange={(e) => setSummary(e.target.value)} data-testid="worklog-summary" />
      {editable && day.data && (
        <Space style={{ marginTop: 16 }}>
          <Button loading={save.isPending} onClick={() => save.mutate({ stationId, date, version: day.data.version, log })} data-testid="worklog-save">
            {t("common.save")}
          </Button>
          <Button
            type="primary"
            loading={submit.isPending}
            onClick={async () => {
              // What is on screen is saved first, so the submitted log is what the worker sees.
              const saved = await save.mutateAsync({ stationId, date, version: day.data.version, log });
              submit.mutate({ stationId, date, version: saved.version });
            }}
            data-testid="worklog-submit"
          >
            {t("worklog.submit")}
          </Button>
        </Space>
      )}
    </Card>
  );
}

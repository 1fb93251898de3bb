import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  PUBLICITY_TOPIC_LABELS,
  PUBLICITY_TOPICS,
  SERVICE_AREA_LABELS,
  SERVICE_AREAS,
  todayInShanghai,
  type ActivityKind,
  type PublicityTopic,
  type ServiceArea,
} from "@shegong/domain";
import { App, Button, Drawer, Form, Grid, Input, InputNumber, Radio, Select, Space } from "antd";
import { useRef } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n, type MessageKey } from "../../i18n/locale.tsx";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { navigate } from "../../router.tsx";
import { queryClient, trpc, type RouterOutputs } from "../../trpc.ts";
import { vocabOptions } from "../people/vocab-options.ts";
import { useWorkerOptions } from "../visits/VisitDrawer.tsx";
import { useStation } from "../workspace/station-context.tsx";
import { AttendeesField } from "./AttendeesField.tsx";
import { currentYear } from "./YearSelect.tsx";
import { GrowingTextArea } from "../../components/GrowingTextArea.tsx";

export interface ActivityFormValues {
  kind: ActivityKind;
  publicityTopic?: PublicityTopic;
  area: ServiceArea;
  topic: string;
  heldOn: string;
  startTime?: string;
  durationMinutes: number;
  place: string;
  othersCount?: number;
  attendeePersonIds: string[];
  workerUserIds: string[];
  volunteers: { volunteerId: string; minutes: number }[];
  summary?: string;
}

type Activity = RouterOutputs["activities"]["get"];

const FIELD_LABELS: Record<string, MessageKey> = {
  "activity.topic": "activity.topic",
  "activity.place": "activity.place",
  "activity.heldOn": "activity.heldOn",
  "activity.publicityTopic": "activity.publicityTopic",
  "activity.durationMinutes": "activity.duration",
  "activity.workerUserIds": "activity.workers",
  "activity.attendeePersonIds": "activity.attendees",
  "activity.volunteers": "activity.volunteers",
  "activity.othersCount": "activity.othersCount",
  heldOn: "activity.heldOn",
  workerUserIds: "activity.workers",
};

function valuesOf(activity: Activity): ActivityFormValues {
  return {
    kind: activity.kind,
    publicityTopic: (activity.publicityTopic ?? undefined) as PublicityTopic | undefined,
    area: activity.area as ServiceArea,
    topic: activity.topic,
    heldOn: activity.heldOn,
    startTime: activity.startTime ?? undefined,
    durationMinutes: activity.durationMinutes,
    place: activity.place,
    othersCount: activity.othersCount,
    attendeePersonIds: activity.attendees.map((a) => a.personId),
    workerUserIds: activity.workers.map((w) => w.userId),
    volunteers: activity.volunteers.map((v) => ({ volunteerId: v.volunteerId, minutes: v.minutes })),
    summary: activity.summary ?? undefined,
  };
}

/**
 * Records an activity (issue 4 item 5), or corrects one: a correction sends the whole activity
 * with the version it was read at, and the server keeps the version it replaces.
 */
export function ActivityDrawer({ activity, onClose }: { activity?: Activity; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const narrow = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<ActivityFormValues>();
  const workers = useWorkerOptions();
  const volunteers = useQuery(trpc.volunteers.list.queryOptions({ stationId, year: currentYear() }));
  const idempotencyKey = useRef(newIdempotencyKey());
  const kind = Form.useWatch("kind", form) ?? activity?.kind ?? "group";
  const fieldLabels = Object.fromEntries(Object.entries(FIELD_LABELS).map(([k, v]) => [k, t(v)]));

  const saved = async () => {
    void message.success(t("activity.saved"));
    await queryClient.invalidateQueries({ queryKey: trpc.activities.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.volunteers.pathKey() });
    onClose();
  };
  const create = useMutation(
    trpc.activities.create.mutationOptions({
      onSuccess: async (result) => {
        await saved();
        navigate(`/station/${stationId}/activities/${result.activityId}`);
      },
    }),
  );
  const update = useMutation(trpc.activities.update.mutationOptions({ onSuccess: saved }));

  const submit = (values: ActivityFormValues) => {
    const payload = {
      ...values,
      publicityTopic: values.kind === "publicity" ? values.publicityTopic : undefined,
      startTime: values.startTime || undefined,
      othersCount: values.othersCount ?? 0,
      volunteers: (values.volunteers ?? []).filter((v) => v?.volunteerId),
      attendeePersonIds: values.attendeePersonIds ?? [],
    };
    if (activity) update.mutate({ stationId, activityId: activity.id, version: activity.version, activity: payload });
    else create.mutate({ stationId, activity: payload, idempotencyKey: idempotencyKey.current });
  };

  const initialValues: Partial<ActivityFormValues> = activity
    ? valuesOf(activity)
    : { kind: "group", area: "elderly", heldOn: todayInShanghai(), durationMinutes: 90, othersCount: 0, attendeePersonIds: [], volunteers: [], workerUserIds: workers.selfId ? [workers.selfId] : [] };
  const pending = create.isPending || update.isPending;

  return (
    <Drawer
      open
      placement={narrow ? "bottom" : "right"}
      size={narrow ? "100%" : 640}
      title={activity ? t("activity.edit") : t("activity.record")}
      onClose={onClose}
      destroyOnHidden
      data-testid="activity-drawer"
      footer={
        <Space style={{ justifyContent: "flex-end", width: "100%" }}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={pending} onClick={() => form.submit()} data-testid="activity-submit">
            {t("common.save")}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={create.error ?? update.error} fieldLabels={fieldLabels} />
      <Form<ActivityFormValues> form={form} layout="vertical" onFinish={submit} initialValues={initialValues}>
        <Form.Item name="kind" label={t("activity.kind")} required>
          <Radio.Group optionType="button" buttonStyle="solid" options={vocabOptions(ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, locale)} data-testid="activity-kind" />
        </Form.Item>
        {kind === "publicity" && (
          <Form.Item name="publicityTopic" label={t("activity.publicityTopic")} rules={[{ required: true, message: t("activity.publicityTopic") }]}>
            <Select options={vocabOptions(PUBLICITY_TOPIC_LABELS, PUBLICITY_TOPICS, locale)} data-testid="activity-publicity-topic" />
          </Form.Item>
        )}
        <Form.Item name="area" label={t("activity.area")} required>
          <Radio.Group optionType="button" options={vocabOptions(SERVICE_AREA_LABELS, SERVICE_AREAS, locale)} />
        </Form.Item>
        <Form.Item name="topic" label={t("activity.topic")} rules={[{ required: true, whitespace: true, message: t("activity.topic") }]}>
          <Input maxLength={100} data-testid="activity-topic" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="heldOn" label={t("activity.heldOn")} required>
            <Input type="date" max={todayInShanghai()} data-testid="activity-date" />
          </Form.Item>
          <Form.Item name="startTime" label={t("activity.startTime")}>
            <Input type="time" style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="durationMinutes" label={t("activity.duration")} required>
            <InputNumber min={1} max={720} precision={0} suffix={t("common.minutesUnit")} style={{ width: 140 }} data-testid="activity-duration" />
          </Form.Item>
        </Space>
        <Form.Item name="place" label={t("activity.place")} extra={t("activity.place.hint")} rules={[{ required: true, whitespace: true, message: t("activity.place") }]}>
          <Input maxLength={100} data-testid="activity-place" />
        </Form.Item>
        <Form.Item name="workerUserIds" label={t("activity.workers")} required>
          <Select mode="multiple" options={workers.options} data-testid="activity-workers" />
        </Form.Item>
        <Form.Item name="attendeePersonIds" label={t("activity.attendees")}>
          <AttendeesField initialNames={Object.fromEntries((activity?.attendees ?? []).map((a) => [a.personId, a.name]))} />
        </Form.Item>
        <Form.Item name="othersCount" label={t("activity.othersCount")}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 140 }} data-testid="activity-others" />
        </Form.Item>
        <Form.Item label={t("activity.volunteers")}>
          <Form.List name="volunteers">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap style={{ display: "flex" }}>
                    <Form.Item name={[field.name, "volunteerId"]} rules={[{ required: true, message: t("volunteer.name") }]}>
                      <Select style={{ width: 200 }} data-testid="activity-volunteer-select" showSearch={{ optionFilterProp: "label" }} options={(volunteers.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, "minutes"]} rules={[{ required: true, message: t("activity.duration") }]}>
                      <InputNumber min={1} max={1440} precision={0} suffix={t("common.minutesUnit")} style={{ width: 140 }} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ minutes: form.getFieldValue("durationMinutes") })} data-testid="activity-add-volunteer">
                  {t("activity.volunteers.add")}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="summary" label={t("activity.summary")}>
          <GrowingTextArea minRows={3} maxLength={4000} data-testid="activity-summary" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

import { CheckCircleTwoTone, CloseCircleTwoTone, ExclamationCircleTwoTone, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import {
  EQUIPMENT_PROVIDER_LABELS,
  EQUIPMENT_PROVIDERS,
  HOUSE_RULE_LABELS,
  labelOf,
  MIN_OFFICE_AREA_M2,
  ROOM_KIND_LABELS,
  ROOM_KINDS,
  SIGN_KIND_LABELS,
  SIGN_KINDS,
  todayInShanghai,
  type EquipmentProvider,
  type HouseRule,
  type RoomKind,
  type SignKind,
} from "@shegong/domain";
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, List, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from "antd";
import { useRef, useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { FormModal } from "../components/FormModal.tsx";
import { AttachmentsCard } from "../features/attachments/AttachmentsCard.tsx";
import { vocabOptions } from "../features/people/vocab-options.ts";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { formatDateTime } from "../lib/dates.ts";
import { newIdempotencyKey } from "../lib/idempotency-key.ts";
import { queryClient, trpc, type RouterOutputs } from "../trpc.ts";

type Overview = RouterOutputs["facilities"]["overview"];
type Room = Overview["rooms"][number];
type Equipment = Overview["equipment"][number];
type Sign = Overview["signs"][number];
type RuleRow = Overview["houseRules"][number];

const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.facilities.pathKey() });

/** Facilities, signage and house rules in a station's workspace (issue 5 item 5, R4, R5, R8). */
export function FacilitiesPage() {
  const { t } = useI18n();
  const { stationId } = useStation();
  const overview = useQuery(trpc.facilities.overview.queryOptions({ stationId }));
  const data = overview.data;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size={16}>
      <ErrorAlert error={overview.error} />
      {data && <ReadinessCard readiness={data.readiness} />}
      <Card data-testid="facilities-page" loading={overview.isPending}>
        {data && (
          <Tabs
            items={[
              { key: "space", label: t("fac.tab.space"), children: <SpaceTab data={data} /> },
              { key: "equipment", label: t("fac.tab.equipment"), children: <EquipmentTab rows={data.equipment} /> },
              { key: "signs", label: t("fac.tab.signs"), children: <SignsTab rows={data.signs} /> },
              { key: "rules", label: <span data-testid="tab-house-rules">{t("fac.tab.rules")}</span>, children: <RulesTab rows={data.houseRules} /> },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}

function ReadinessCard({ readiness }: { readiness: Overview["readiness"] }) {
  const { t, pick } = useI18n();
  return (
    <Card
      size="small"
      title={t("fac.readiness.title")}
      data-testid="facility-readiness"
      extra={
        readiness.ready ? (
          <Tag color="green" data-testid="readiness-ready">
            {t("fac.readiness.ready")}
          </Tag>
        ) : (
          <Tag color="red" data-testid="readiness-not-ready">
            {t("fac.readiness.notReady", { n: readiness.missing })}
          </Tag>
        )
      }
    >
      <List
        size="small"
        grid={{ gutter: 8, xs: 1, md: 2, xl: 3 }}
        dataSource={readiness.items}
        renderItem={(item) => (
          <List.Item data-testid={`readiness-${item.rule ?? item.kind}`} data-ok={String(item.ok)}>
            <Space align="start">
              {item.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : item.flagged ? <ExclamationCircleTwoTone twoToneColor="#faad14" /> : <CloseCircleTwoTone twoToneColor="#cf1322" />}
              <span>{pick(item.message)}</span>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function SpaceTab({ data }: { data: Overview }) {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const manage = can("facilities.manage");
  const [editingArea, setEditingArea] = useState(false);
  const [room, setRoom] = useState<Room | "new" | null>(null);
  const remove = useMutation(trpc.facilities.removeRoom.mutationOptions({ onSuccess: refresh }));
  const area = data.officeArea;
  return (
    <>
      <Typography.Paragraph type="secondary">{t("fac.space.rule", { n: MIN_OFFICE_AREA_M2 })}</Typography.Paragraph>
      <Descriptions size="small" bordered column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t("fac.area")}>
          <Space>
            <span data-testid="office-area">{area ? `${area.officeAreaM2} m²` : "—"}</span>
            {area?.exceptionReason && <Tag color="gold">{t("fac.area.exception")}</Tag>}
            {manage && (
              <Button size="small" onClick={() => setEditingArea(true)} data-testid="edit-office-area">
                {t("common.edit")}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
        {area?.exceptionReason && <Descriptions.Item label={t("fac.area.exceptionReason")}>{area.exceptionReason}</Descriptions.Item>}
        {area?.note && <Descriptions.Item label={t("fac.note")}>{area.note}</Descriptions.Item>}
        {area && (
          <Descriptions.Item label={t("fac.updated")}>
            {area.updatedByName ?? "—"} · {formatDateTime(area.updatedAt, locale)}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t("fac.rooms")}</Typography.Text>
        {manage && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setRoom("new")} data-testid="add-room">
            {t("fac.room.add")}
          </Button>
        )}
      </Space>
      <ErrorAlert error={remove.error} />
      <Table<Room>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={data.rooms}
        data-testid="rooms-table"
        columns={[
          { title: t("fac.room.kind"), dataIndex: "kind", render: (k: RoomKind) => labelOf(ROOM_KIND_LABELS, k, locale) },
          { title: t("fac.room.name"), dataIndex: "name" },
          { title: t("fac.room.area"), dataIndex: "areaM2", align: "right", render: (n: number | null) => (n === null ? "—" : `${n} m²`) },
          { title: t("fac.room.uses"), dataIndex: "uses", render: (u: string) => u || "—" },
          ...(manage
            ? [
                {
                  title: t("common.actions"),
                  key: "a",
                  render: (_: unknown, r: Room) => (
                    <Space>
                      <Button size="small" onClick={() => setRoom(r)}>
                        {t("common.edit")}
                      </Button>
                      <Popconfirm title={t("fac.removeConfirm")} onConfirm={() => remove.mutate({ stationId, roomId: r.id })} okButtonProps={{ "data-testid": "confirm-remove" } as never}>
                        <Button size="small" danger data-testid={`remove-room-${r.kind}`}>
                          {t("common.remove")}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editingArea && <OfficeAreaDialog current={area} onClose={() => setEditingArea(false)} />}
      {room && <RoomDialog room={room === "new" ? null : room} onClose={() => setRoom(null)} />}
    </>
  );
}

/** Saves and closes; a create keeps one idempotency key per dialog, so a retried save adds one row. */
function useSaved(onClose: () => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return async () => {
    void message.success(t("gov.saved"));
    await refresh();
    onClose();
  };
}

function OfficeAreaDialog({ current, onClose }: { current: Overview["officeArea"]; onClose: () => void }) {
  const { t } = useI18n();
  const { stationId } = useStation();
  const [form] = Form.useForm();
  const saved = useSaved(onClose);
  const save = useMutation(trpc.facilities.setOfficeArea.mutationOptions({ onSuccess: saved }));
  const area = Form.useWatch<number | null>("officeAreaM2", form);
  return (
    <FormModal title={t("fac.area")} pending={save.isPending} error={save.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ officeAreaM2: current?.officeAreaM2 ?? null, exceptionReason: current?.exceptionReason ?? "", note: current?.note ?? "" }}
        onFinish={(v: { officeAreaM2: number; exceptionReason: string; note: string }) =>
          save.mutate({ stationId, area: { officeAreaM2: v.officeAreaM2, exceptionReason: v.exceptionReason || undefined, note: v.note } })
        }
      >
        <Form.Item name="officeAreaM2" label={t("fac.area")} rules={[{ required: true }]} extra={t("fac.space.rule", { n: MIN_OFFICE_AREA_M2 })}>
          <InputNumber min={0.1} max={10000} step={0.5} addonAfter="m²" style={{ width: 200 }} data-testid="office-area-input" />
        </Form.Item>
        {area !== null && area !== undefined && area < MIN_OFFICE_AREA_M2 && (
          <>
            <Alert type="warning" showIcon title={t("fac.area.below")} style={{ marginBottom: 12 }} />
            <Form.Item name="exceptionReason" label={t("fac.area.exceptionReason")}>
              <Input.TextArea rows={2} maxLength={300} data-testid="area-exception-reason" />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t("fac.note")}>
          <Input maxLength={300} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function RoomDialog({ room, onClose }: { room: Room | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { stationId } = useStation();
  const [form] = Form.useForm();
  const key = useRef(newIdempotencyKey());
  const saved = useSaved(onClose);
  const add = useMutation(trpc.facilities.addRoom.mutationOptions({ onSuccess: saved }));
  const update = useMutation(trpc.facilities.updateRoom.mutationOptions({ onSuccess: saved }));
  type Values = { kind: RoomKind; name: string; areaM2: number | null; uses: string };
  const submit = (v: Values) => {
    const value = { kind: v.kind, name: v.name, areaM2: v.areaM2 ?? null, uses: v.uses ?? "" };
    if (room) update.mutate({ stationId, roomId: room.id, room: value });
    else add.mutate({ stationId, room: value, idempotencyKey: key.current });
  };
  return (
    <FormModal title={room ? t("common.edit") : t("fac.room.add")} pending={add.isPending || update.isPending} error={add.error ?? update.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" initialValues={room ?? { kind: "multi_use", name: "", areaM2: null, uses: "" }} onFinish={submit}>
        <Form.Item name="kind" label={t("fac.room.kind")} rules={[{ required: true }]} extra={t("fac.room.multiUseHint")}>
          <Select options={vocabOptions(ROOM_KIND_LABELS, ROOM_KINDS, locale)} data-testid="room-kind" />
        </Form.Item>
        <Form.Item name="name" label={t("fac.room.name")} rules={[{ required: true }]}>
          <Input maxLength={50} data-testid="room-name" />
        </Form.Item>
        <Form.Item name="areaM2" label={t("fac.room.area")}>
          <InputNumber min={0.1} max={10000} step={0.5} addonAfter="m²" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="uses" label={t("fac.room.uses")}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function EquipmentTab({ rows }: { rows: Equipment[] }) {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const manage = can("facilities.manage");
  const [editing, setEditing] = useState<Equipment | "new" | null>(null);
  const remove = useMutation(trpc.facilities.removeEquipment.mutationOptions({ onSuccess: refresh }));
  return (
    <>
      {manage && (
        <Button icon={<PlusOutlined />} onClick={() => setEditing("new")} style={{ marginBottom: 8 }} data-testid="add-equipment">
          {t("fac.equipment.add")}
        </Button>
      )}
      <ErrorAlert error={remove.error} />
      <Table<Equipment>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t("fac.equipment.name"), dataIndex: "name" },
          { title: t("fac.equipment.quantity"), dataIndex: "quantity", align: "right" },
          { title: t("fac.equipment.providedBy"), dataIndex: "providedBy", render: (p: EquipmentProvider) => labelOf(EQUIPMENT_PROVIDER_LABELS, p, locale) },
          { title: t("fac.note"), dataIndex: "note", render: (n: string) => n || "—" },
          ...(manage
            ? [
                {
                  title: t("common.actions"),
                  key: "a",
                  render: (_: unknown, r: Equipment) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(r)}>
                        {t("common.edit")}
                      </Button>
                      <Popconfirm title={t("fac.removeConfirm")} onConfirm={() => remove.mutate({ stationId, equipmentId: r.id })}>
                        <Button size="small" danger>
                          {t("common.remove")}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <EquipmentDialog row={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function EquipmentDialog({ row, onClose }: { row: Equipment | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { stationId } = useStation();
  const [form] = Form.useForm();
  const key = useRef(newIdempotencyKey());
  const saved = useSaved(onClose);
  const add = useMutation(trpc.facilities.addEquipment.mutationOptions({ onSuccess: saved }));
  const update = useMutation(trpc.facilities.updateEquipment.mutationOptions({ onSuccess: saved }));
  type Values = { name: string; quantity: number; providedBy: EquipmentProvider; note: string };
  const submit = (v: Values) => {
    const value = { ...v, note: v.note ?? "" };
    if (row) update.mutate({ stationId, equipmentId: row.id, equipment: value });
    else add.mutate({ stationId, equipment: value, idempotencyKey: key.current });
  };
  return (
    <FormModal title={row ? t("common.edit") : t("fac.equipment.add")} pending={add.isPending || update.isPending} error={add.error ?? update.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" initialValues={row ?? { name: "", quantity: 1, providedBy: "township", note: "" }} onFinish={submit}>
        <Form.Item name="name" label={t("fac.equipment.name")} rules={[{ required: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="quantity" label={t("fac.equipment.quantity")} rules={[{ required: true }]}>
          <InputNumber min={1} max={9999} precision={0} />
        </Form.Item>
        <Form.Item name="providedBy" label={t("fac.equipment.providedBy")} rules={[{ required: true }]}>
          <Select options={vocabOptions(EQUIPMENT_PROVIDER_LABELS, EQUIPMENT_PROVIDERS, locale)} />
        </Form.Item>
        <Form.Item name="note" label={t("fac.note")}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function SignsTab({ rows }: { rows: Sign[] }) {
  const { t, locale } = useI18n();
  const { stationId, can } = useStation();
  const manage = can("facilities.manage");
  const [adding, setAdding] = useState(false);
  const remove = useMutation(trpc.facilities.removeSign.mutationOptions({ onSuccess: refresh }));
  return (
    <>
      <Typography.Paragraph type="secondary">{t("fac.signs.hint")}</Typography.Paragraph>
      {manage && (
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ marginBottom: 8 }} data-testid="add-sign">
          {t("fac.sign.add")}
        </Button>
      )}
      <ErrorAlert error={remove.error} />
      <Table<Sign>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        expandable={{ expandedRowRender: (r) => <AttachmentsCard ownerKind="station_sign" ownerId={r.id} title={t("fac.sign.photos")} onChanged={refresh} /> }}
        columns={[
          { title: t("fac.sign.kind"), dataIndex: "kind", render: (k: SignKind) => labelOf(SIGN_KIND_LABELS, k, locale) },
          { title: t("fac.sign.wording"), dataIndex: "wording" },
          { title: t("fac.sign.location"), dataIndex: "location", render: (l: string) => l || "—" },
          { title: t("fac.sign.installedOn"), dataIndex: "installedOn", render: (d: string | null) => d ?? "—" },
          { title: t("fac.sign.photos"), dataIndex: "photos", align: "right", render: (n: number) => (n > 0 ? n : <Tag color="red">0</Tag>) },
          ...(manage
            ? [
                {
                  title: t("common.actions"),
                  key: "a",
                  render: (_: unknown, r: Sign) => (
                    <Popconfirm title={t("fac.removeConfirm")} onConfirm={() => remove.mutate({ stationId, signId: r.id })}>
                      <Button size="small" danger>
                        {t("common.remove")}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {adding && <SignDialog onClose={() => setAdding(false)} />}
    </>
  );
}

function SignDialog({ onClose }: { onClose: () => void }) {
  const { t, locale } = useI18n();
  const { stationId } = useStation();
  const [form] = Form.useForm();
  const key = useRef(newIdempotencyKey());
  const saved = useSaved(onClose);
  const add = useMutation(trpc.facilities.addSign.mutationOptions({ onSuccess: saved }));
  type Values = { kind: SignKind; wording: string; location: string; installedOn: string };
  return (
    <FormModal title={t("fac.sign.add")} pending={add.isPending} error={add.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: "plaque", wording: "", location: "", installedOn: "" }}
        onFinish={(v: Values) => add.mutate({ stationId, sign: { kind: v.kind, wording: v.wording, location: v.location ?? "", installedOn: v.installedOn || null }, idempotencyKey: key.current })}
      >
        <Form.Item name="kind" label={t("fac.sign.kind")} rules={[{ required: true }]}>
          <Select options={vocabOptions(SIGN_KIND_LABELS, SIGN_KINDS, locale)} />
        </Form.Item>
        <Form.Item name="wording" label={t("fac.sign.wording")} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="location" label={t("fac.sign.location")}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="installedOn" label={t("fac.sign.installedOn")}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function RulesTab({ rows }: { rows: RuleRow[] }) {
  const { t, locale } = useI18n();
  const { can } = useStation();
  const [revising, setRevising] = useState<RuleRow | null>(null);
  const [history, setHistory] = useState<HouseRule | null>(null);
  return (
    <>
      <Typography.Paragraph type="secondary">{t("fac.rules.hint")}</Typography.Paragraph>
      <Table<RuleRow>
        size="small"
        rowKey="rule"
        pagination={false}
        dataSource={rows}
        data-testid="house-rules-table"
        columns={[
          { title: t("fac.rule"), dataIndex: "rule", render: (r: HouseRule) => labelOf(HOUSE_RULE_LABELS, r, locale) },
          {
            title: t("fac.rule.current"),
            key: "c",
            render: (_, r) =>
              r.current ? (
                <span data-testid={`rule-current-${r.rule}`}>
                  {t("fac.rule.revision", { n: r.current.revision })} · {r.current.title}
                </span>
              ) : (
                <Tag color="red">{t("fac.rule.missing")}</Tag>
              ),
          },
          { title: t("fac.rule.effectiveOn"), key: "e", render: (_, r) => r.current?.effectiveOn ?? "—" },
          { title: t("fac.rule.by"), key: "b", render: (_, r) => (r.current ? `${r.current.createdByName ?? "—"} · ${formatDateTime(r.current.createdAt, locale)}` : "—") },
          {
            title: t("common.actions"),
            key: "a",
            render: (_, r) => (
              <Space>
                {can("facilities.manage") && (
                  <Button size="small" type={r.current ? "default" : "primary"} onClick={() => setRevising(r)} data-testid={`revise-${r.rule}`}>
                    {r.current ? t("fac.rule.revise") : t("fac.rule.first")}
                  </Button>
                )}
                {r.current && (
                  <Button size="small" type="link" onClick={() => setHistory(r.rule)} data-testid={`history-${r.rule}`}>
                    {t("fac.rule.history")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {revising && <ReviseDialog row={revising} onClose={() => setRevising(null)} />}
      {history && <HistoryDrawer rule={history} onClose={() => setHistory(null)} />}
    </>
  );
}

function ReviseDialog({ row, onClose }: { row: RuleRow; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { stationId } = useStation();
  const [form] = Form.useForm();
  const key = useRef(newIdempotencyKey());
  const saved = useSaved(onClose);
  const revise = useMutation(trpc.facilities.reviseHouseRule.mutationOptions({ onSuccess: saved }));
  type Values = { title: string; body: string; effectiveOn: string };
  return (
    <FormModal
      title={`${labelOf(HOUSE_RULE_LABELS, row.rule, locale)} · ${t("fac.rule.revision", { n: (row.current?.revision ?? 0) + 1 })}`}
      pending={revise.isPending}
      error={revise.error}
      onSubmit={() => form.submit()}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: row.current?.title ?? HOUSE_RULE_LABELS[row.rule].zh, body: row.current?.body ?? "", effectiveOn: todayInShanghai() }}
        onFinish={(v: Values) => revise.mutate({ stationId, revision: { rule: row.rule, ...v, basedOnRevision: row.current?.revision ?? null }, idempotencyKey: key.current })}
      >
        <Form.Item name="title" label={t("fac.rule.title")} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="body" label={t("fac.rule.body")} rules={[{ required: true }]}>
          <Input.TextArea rows={8} maxLength={20000} data-testid="rule-body" />
        </Form.Item>
        <Form.Item name="effectiveOn" label={t("fac.rule.effectiveOn")} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function HistoryDrawer({ rule, onClose }: { rule: HouseRule; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { stationId } = useStation();
  const history = useQuery(trpc.facilities.houseRuleHistory.queryOptions({ stationId, rule }));
  return (
    <Drawer open size={720} title={`${labelOf(HOUSE_RULE_LABELS, rule, locale)} · ${t("fac.rule.history")}`} onClose={onClose}>
      <ErrorAlert error={history.error} />
      <List
        itemLayout="vertical"
        loading={history.isPending}
        dataSource={history.data ?? []}
        data-testid="rule-history"
        renderItem={(r, i) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space>
                  {t("fac.rule.revision", { n: r.revision })}
                  {i === 0 && <Tag color="green">{t("fac.rule.inForce")}</Tag>}
                  <span>{r.title}</span>
                </Space>
              }
              description={`${t("fac.rule.effectiveOn")} ${r.effectiveOn} · ${r.createdByName ?? "—"} · ${formatDateTime(r.createdAt, locale)}`}
            />
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{r.body}</Typography.Paragraph>
          </List.Item>
        )}
      />
    </Drawer>
  );
}

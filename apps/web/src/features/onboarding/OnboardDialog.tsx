import { useMutation, useQuery } from "@tanstack/react-query";
import { divisionLevelOf } from "@shegong/domain";
import { Alert, Button, Checkbox, Empty, Form, Modal, Radio, Select, Space, Spin, Typography } from "antd";
import { useRef, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { queryClient, trpc, type RouterOutputs } from "../../trpc.ts";
import { useStatusLabel } from "../stations/StationStatusTag.tsx";

type OnboardResult = RouterOutputs["stations"]["onboard"];
type Mode = "pick" | "all";

/**
 * Onboarding (R2, R8): tick townships of one county, or take every township still without a station
 * under a county or the whole scope, in one action.
 */
export function OnboardDialog({ divisionCode, divisionName, onClose }: { divisionCode: string; divisionName: string; onClose: () => void }) {
  const { t } = useI18n();
  const statusLabel = useStatusLabel();
  const isCounty = divisionLevelOf(divisionCode) === "county";
  const [scope, setScope] = useState<string | undefined>(isCounty ? divisionCode : undefined);
  const [mode, setMode] = useState<Mode>("pick");
  const [picked, setPicked] = useState<string[]>([]);
  const [initialStatus, setInitialStatus] = useState<"planned" | "onboarding">("onboarding");
  const [result, setResult] = useState<OnboardResult | null>(null);
  // One key per distinct request: a retry of the same selection is done once by the server.
  const idempotencyKey = useRef(newIdempotencyKey());
  const changed = () => {
    idempotencyKey.current = newIdempotencyKey();
    setResult(null);
  };

  const counties = useQuery({ ...trpc.divisions.children.queryOptions({ parentCode: divisionCode }), enabled: !isCounty });
  const scopeIsCounty = scope !== undefined && divisionLevelOf(scope) === "county";
  const townships = useQuery({ ...trpc.divisions.children.queryOptions({ parentCode: scope ?? divisionCode }), enabled: scopeIsCounty });
  const effectiveMode: Mode = scopeIsCounty ? mode : "all";

  const onboard = useMutation(
    trpc.stations.onboard.mutationOptions({
      onSuccess: async (data) => {
        setResult(data);
        setPicked([]);
        idempotencyKey.current = newIdempotencyKey();
        await queryClient.invalidateQueries();
      },
    }),
  );

  const submit = () => {
    if (!scope) return;
    onboard.mutate({
      divisionCode,
      ...(effectiveMode === "pick" ? { townshipCodes: picked } : { allUnder: scope }),
      initialStatus,
      idempotencyKey: idempotencyKey.current,
    });
  };

  const scopeOptions = [
    { value: divisionCode, label: t("onboard.wholeScope", { name: divisionName }) },
    ...(isCounty ? [] : (counties.data ?? []).map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))),
  ];
  const canSubmit = scope !== undefined && (effectiveMode === "all" || picked.length > 0);

  return (
    <Modal
      open
      width={720}
      title={t("onboard.title")}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose} data-testid="onboard-close">
            {t("common.close")}
          </Button>
          <Button type="primary" disabled={!canSubmit} loading={onboard.isPending} onClick={submit} data-testid="onboard-submit">
            {t("onboard.title")}
          </Button>
        </Space>
      }
    >
      <div data-testid="onboard-dialog">
        <ErrorAlert error={onboard.error} />
        {result && <OnboardResultAlert result={result} />}
        <Form layout="vertical">
          <Form.Item label={t("onboard.scope")}>
            <Select
              data-testid="onboard-scope"
              value={scope}
              loading={counties.isLoading}
              options={scopeOptions}
              onChange={(value: string) => {
                setScope(value);
                setPicked([]);
                changed();
              }}
              showSearch={{ optionFilterProp: "label" }}
            />
          </Form.Item>
          {scopeIsCounty && (
            <Form.Item label={t("onboard.mode")}>
              <Radio.Group
                value={mode}
                onChange={(e) => {
                  setMode(e.target.value as Mode);
                  changed();
                }}
                options={[
                  { value: "pick", label: t("onboard.mode.pick") },
                  { value: "all", label: t("onboard.mode.all") },
                ]}
              />
            </Form.Item>
          )}
          {scopeIsCounty && effectiveMode === "pick" && (
            <Form.Item label={t("onboard.townships")} help={picked.length === 0 ? t("onboard.pickSome") : undefined}>
              {townships.isLoading ? (
                <Spin />
              ) : (townships.data ?? []).length === 0 ? (
                <Empty />
              ) : (
                <Checkbox.Group
                  data-testid="onboard-townships"
                  style={{ display: "grid", gridTemplateColumns: "repeat(2, minmax(0, 1fr))", gap: 8, width: "100%", maxHeight: 320, overflowY: "auto" }}
                  value={picked}
                  onChange={(values) => {
                    setPicked(values as string[]);
                    changed();
                  }}
                  options={(townships.data ?? []).map((d) => ({
                    value: d.code,
                    disabled: d.stationId !== null,
                    label: (
                      <span data-code={d.code}>
                        {d.name}{" "}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {d.stationId !== null ? t("onboard.hasStation", { status: statusLabel(d.stationStatus) }) : d.code}
                        </Typography.Text>
                      </span>
                    ),
                  }))}
                />
              )}
            </Form.Item>
          )}
          <Form.Item label={t("onboard.initialStatus")}>
            <Radio.Group
              value={initialStatus}
              onChange={(e) => {
                setInitialStatus(e.target.value as "planned" | "onboarding");
                changed();
              }}
              options={(["onboarding", "planned"] as const).map((s) => ({ value: s, label: statusLabel(s) }))}
            />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

function OnboardResultAlert({ result }: { result: OnboardResult }) {
  const { t } = useI18n();
  const names = result.created.map((s) => s.plaqueName);
  return (
    <Alert
      type="success"
      showIcon
      data-testid="onboard-result"
      style={{ marginBottom: 16 }}
      title={t("onboard.result", { created: result.created.length, already: result.alreadyOnboarded.length })}
      description={names.length > 0 && names.length <= 20 ? t("onboard.created", { names: names.join("、") }) : undefined}
    />
  );
}

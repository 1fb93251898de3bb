import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { divisionLevelOf, STATION_STATUSES, type StationStatus } from "@shegong/domain";
import { Button, Input, Select, Space, Table } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { Link } from "../../router.tsx";
import { trpc, type RouterOutputs } from "../../trpc.ts";
import { StationStatusTag, useStatusLabel } from "./StationStatusTag.tsx";
import { StatusChangeDialog, type StatusTarget } from "./StatusChangeDialog.tsx";

type StationRow = RouterOutputs["stations"]["list"]["items"][number];

export interface StationListAbilities {
  changeStatus: boolean;
  openWorkspace: boolean;
}

/** Stations under a division, filtered by a sub-division (county) and status, searched and paged on the server. */
export function StationList({ divisionCode, can }: { divisionCode: string; can: StationListAbilities }) {
  const { t } = useI18n();
  const statusLabel = useStatusLabel();
  const [child, setChild] = useState<string | undefined>();
  const [status, setStatus] = useState<StationStatus | undefined>();
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [changing, setChanging] = useState<StatusTarget | null>(null);

  const level = divisionLevelOf(divisionCode);
  const hasChildFilter = level === "province" || level === "prefecture";
  const children = useQuery({ ...trpc.divisions.children.queryOptions({ parentCode: divisionCode }), enabled: hasChildFilter });
  const stations = useQuery({
    ...trpc.stations.list.queryOptions({ divisionCode: child ?? divisionCode, status, query: query || undefined, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        {hasChildFilter && (
          <Select
            data-testid="filter-child"
            allowClear
            style={{ width: 220 }}
            placeholder={t("console.filter.child")}
            value={child}
            loading={children.isLoading}
            options={(children.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
            onChange={(value?: string) => {
              setChild(value);
              setPage(1);
            }}
          />
        )}
        <Select
          data-testid="filter-status"
          allowClear
          style={{ width: 160 }}
          placeholder={t("console.filter.status")}
          value={status}
          options={STATION_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
          onChange={(value?: StationStatus) => {
            setStatus(value);
            setPage(1);
          }}
        />
        <Input.Search
          data-testid="filter-search"
          allowClear
          style={{ width: 280 }}
          placeholder={t("console.filter.search")}
          onSearch={(value) => {
            setQuery(value.trim());
            setPage(1);
          }}
        />
      </Space>
      <ErrorAlert error={stations.error} />
      <Table<StationRow>
        data-testid="station-table"
        rowKey="id"
        size="small"
        loading={stations.isFetching}
        dataSource={stations.data?.items ?? []}
        pagination={{
          current: page,
          pageSize,
          total: stations.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t("stations.count", { n }),
          onChange: (nextPage, nextSize) => {
            setPage(nextSize === pageSize ? nextPage : 1);
            setPageSize(nextSize);
          },
        }}
        columns={[
          {
            key: "plaque",
            title: t("stations.plaqueName"),
            render: (_, s) => (can.openWorkspace ? <Link to={`/station/${s.id}`}>{s.plaqueName}</Link> : s.plaqueName),
          },
          { key: "code", title: t("workspace.divisionCode"), dataIndex: "divisionCode", width: 120 },
          { key: "county", title: t("stations.county"), render: (_, s) => s.countyName ?? "—" },
          { key: "status", title: t("stations.status"), render: (_, s) => <StationStatusTag status={s.status} /> },
          { key: "since", title: t("stations.since"), dataIndex: "statusSince", width: 120 },
          {
            key: "actions",
            title: t("common.actions"),
            render: (_, s) => (
              <Space size={0}>
                {can.openWorkspace && (
                  <Link to={`/station/${s.id}`} style={{ padding: "0 8px" }}>
                    {t("console.openWorkspace")}
                  </Link>
                )}
                {can.changeStatus && (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setChanging({ id: s.id, plaqueName: s.plaqueName, status: s.status, statusSince: s.statusSince })}
                  >
                    {t("console.changeStatus")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {changing && <StatusChangeDialog station={changing} onClose={() => setChanging(null)} />}
    </>
  );
}

import { PlusOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { todayInShanghai, type CategoryKey } from "@shegong/domain";
import { Button, Card, Input, Select, Space, Switch, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { PeopleTable } from "../features/people/PeopleTable.tsx";
import { RegisterPersonDrawer } from "../features/people/RegisterPersonDrawer.tsx";
import { RegisterPicker } from "../features/people/RegisterPicker.tsx";
import { useStationVillages } from "../features/people/use-villages.ts";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { trpc } from "../trpc.ts";

/** The station's registers (issue 3 item 5): one per category or everyone, as of a date, searched and paged. */
export function PeopleRegisterPage() {
  const { t } = useI18n();
  const { stationId, can } = useStation();
  const today = todayInShanghai();
  const villages = useStationVillages();
  const [register, setRegister] = useState<CategoryKey | null>(null);
  const [asOf, setAsOf] = useState(today);
  const [query, setQuery] = useState("");
  const [villageCode, setVillageCode] = useState<string | undefined>();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [registering, setRegistering] = useState(false);

  // Any change of filter starts again at the first page.
  const refilter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPage(1);
  };

  const people = useQuery({
    ...trpc.people.list.queryOptions({
      stationId,
      category: register ?? undefined,
      asOf,
      query: query || undefined,
      villageCode,
      includeInactive: register === null && includeInactive,
      page,
      pageSize,
    }),
    placeholderData: keepPreviousData,
  });

  return (
    <Card>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("people.title")}
        </Typography.Title>
        {can("workspace.write") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="register-person">
            {t("people.register")}
          </Button>
        )}
      </div>
      <RegisterPicker value={register} asOf={asOf} onChange={refilter(setRegister)} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Space size={4}>
          <Typography.Text type="secondary">{t("people.asOf")}</Typography.Text>
          <Input
            type="date"
            value={asOf}
            max={today}
            style={{ width: 160 }}
            data-testid="filter-as-of"
            onChange={(e) => refilter(setAsOf)(e.target.value || today)}
          />
        </Space>
        <Input.Search
          data-testid="people-search"
          allowClear
          style={{ width: 340 }}
          placeholder={t("people.search.placeholder")}
          onSearch={(value) => refilter(setQuery)(value.trim())}
        />
        <Select
          data-testid="filter-village"
          allowClear
          style={{ width: 200 }}
          placeholder={t("person.village")}
          loading={villages.loading}
          value={villageCode}
          options={villages.options}
          showSearch={{ optionFilterProp: "label" }}
          onChange={refilter(setVillageCode)}
        />
        {register === null && (
          <Space size={4}>
            <Switch checked={includeInactive} onChange={refilter(setIncludeInactive)} data-testid="filter-inactive" />
            <Typography.Text>{t("people.includeInactive")}</Typography.Text>
          </Space>
        )}
      </Space>
      <ErrorAlert error={people.error} />
      <PeopleTable
        rows={people.data?.items ?? []}
        loading={people.isFetching}
        asOf={asOf}
        paging={{
          page,
          pageSize,
          total: people.data?.total ?? 0,
          onChange: (nextPage, nextSize) => {
            setPage(nextSize === pageSize ? nextPage : 1);
            setPageSize(nextSize);
          },
        }}
      />
      {registering && <RegisterPersonDrawer onClose={() => setRegistering(false)} />}
    </Card>
  );
}

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/locale.tsx";
import { trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";

export interface PickedPerson {
  id: string;
  name: string;
}

/** Finds someone on the station's register by name, pinyin initials or ID digits. */
export function PersonPicker({ value, onChange, excludeIds = [], testId }: { value?: string; onChange?: (id: string | undefined, person: PickedPerson | null) => void; excludeIds?: string[]; testId?: string }) {
  const { t } = useI18n();
  const { stationId } = useStation();
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    // Ask once typing pauses, not on every keystroke.
    const timer = setTimeout(() => setQuery(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useQuery({
    ...trpc.people.list.queryOptions({ stationId, query: query || undefined, page: 1, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const people = (found.data?.items ?? []).filter((p) => !excludeIds.includes(p.id));
  return (
    <Select
      data-testid={testId}
      value={value}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear
      loading={found.isFetching}
      placeholder={t("people.search.placeholder")}
      notFoundContent={t("people.none")}
      options={people.map((p) => ({ value: p.id, label: `${p.name} · ${p.citizenIdMasked}${p.villageName ? ` · ${p.villageName}` : ""}` }))}
      onChange={(id: string | undefined) => {
        const person = people.find((p) => p.id === id);
        onChange?.(id, person ? { id: person.id, name: person.name } : null);
      }}
    />
  );
}

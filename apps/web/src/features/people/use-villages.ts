import { useQuery } from "@tanstack/react-query";
import { trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";

/** The villages and communities of the station's township (R1): the only ones its people may live in. */
export function useStationVillages() {
  const { workspace } = useStation();
  const villages = useQuery({ ...trpc.divisions.children.queryOptions({ parentCode: workspace.divisionCode }), staleTime: 10 * 60_000 });
  const options = (villages.data ?? []).map((v) => ({ value: v.code, label: v.name }));
  return { options, loading: villages.isLoading };
}

import type { Permission } from "@shegong/domain";
import { createContext, useContext } from "react";
import type { Workspace } from "./StationBand.tsx";

export interface StationContextValue {
  workspace: Workspace;
  stationId: string;
  /**
   * Whether to offer an action: the permissions `workspace.enter` reported for this station. Only
   * what to show; the server decides every call.
   */
  can: (permission: Permission) => boolean;
}

export const StationContext = createContext<StationContextValue | null>(null);

export function stationContextOf(workspace: Workspace): StationContextValue {
  return { workspace, stationId: workspace.id, can: (permission) => workspace.permissions.includes(permission) };
}

export function useStation(): StationContextValue {
  const value = useContext(StationContext);
  if (!value) throw new Error("useStation outside a station workspace");
  return value;
}

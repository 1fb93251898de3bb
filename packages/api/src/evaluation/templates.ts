import type { Tx } from "@shegong/db";
import { DEFAULT_EVALUATION_TEMPLATE, type TEvaluationIndicator, type TEvaluationTemplate } from "@shegong/domain";
import { sql } from "kysely";
import { appError } from "../errors.ts";

/**
 * Rubrics are shared reference data owned by a division (see migration 2026-11-28-32): a county
 * bureau's rubrics apply to every station under it. The region-wide default is the domain's
 * rubric, written under one fixed id the first time an evaluation uses it.
 */
export const DEFAULT_TEMPLATE_ID = "00000000-0000-4000-8000-0000000e0a10";

export interface EvaluationTemplateView {
  id: string;
  divisionCode: string | null;
  name: string;
  indicators: TEvaluationIndicator[];
  isDefault: boolean;
}

const defaultView = (): EvaluationTemplateView => ({ id: DEFAULT_TEMPLATE_ID, divisionCode: null, ...DEFAULT_EVALUATION_TEMPLATE, isDefault: true });

/** The rubrics a station under `divisionCode` may be evaluated with: the default, and those of the divisions above or below it. */
export async function listTemplates(tx: Tx, divisionCode: string): Promise<EvaluationTemplateView[]> {
  const rows = await tx
    .selectFrom("evaluation_template")
    .select(["id", "division_code", "name", "indicators"])
    .where("division_code", "is not", null)
    .where((eb) => eb.or([eb("division_code", "like", `${divisionCode}%`), eb(eb.val(divisionCode), "like", sql<string>`division_code || '%'`)]))
    .orderBy("created_at", "desc")
    .execute();
  return [defaultView(), ...rows.map((r) => ({ id: r.id, divisionCode: r.division_code, name: r.name, indicators: r.indicators as TEvaluationIndicator[], isDefault: false }))];
}

export async function createTemplate(tx: Tx, userId: string, divisionCode: string, template: TEvaluationTemplate) {
  const row = await tx
    .insertInto("evaluation_template")
    .values({ division_code: divisionCode, name: template.name, indicators: JSON.stringify(template.indicators), created_by: userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { templateId: row.id };
}

/** The rubric an evaluation of a station in `stationDivision` is started with; the default is written on first use. */
export async function templateForStation(tx: Tx, templateId: string, stationDivision: string): Promise<EvaluationTemplateView> {
  if (templateId === DEFAULT_TEMPLATE_ID) {
    const view = defaultView();
    await tx
      .insertInto("evaluation_template")
      .values({ id: DEFAULT_TEMPLATE_ID, division_code: null, name: view.name, indicators: JSON.stringify(view.indicators), created_by: null })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
    return view;
  }
  const row = await tx.selectFrom("evaluation_template").select(["id", "division_code", "name", "indicators"]).where("id", "=", templateId).executeTakeFirst();
  // A bureau's rubric reaches only the stations under that bureau.
  if (!row || !row.division_code || !stationDivision.startsWith(row.division_code)) throw appError("NOT_FOUND");
  return { id: row.id, divisionCode: row.division_code, name: row.name, indicators: row.indicators as TEvaluationIndicator[], isDefault: false };
}

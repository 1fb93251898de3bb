import {
  BARTHEL_ITEM_KEYS,
  CATEGORIES,
  INCOME_SOURCES,
  perCapitaMonthlyIncomeFen,
  yuanToFen,
  ZVisitInputSchema,
  type BarthelItemKey,
  type CategoryKey,
  type GuardianshipState,
  type IncomeSource,
  type Locale,
  type RiskLevel,
  type SchoolingState,
  type ServiceArea,
  type TBarthel,
  type TVisitInput,
  type TVisitInputDraft,
  type VisitKind,
  type VisitMode,
} from "@shegong/domain";
import { fieldErrorsOf, pickBilingual } from "../../lib/app-error.ts";

/**
 * The visit form's values. Names mirror ZVisitInputSchema's paths, so the schema's own issues land
 * beside their fields; the one difference is incomes, typed in 元 (`monthlyIncomeYuan`) and sent in fen.
 */
export interface VisitFormValues {
  visitedOn: string;
  kind: VisitKind;
  mode?: VisitMode;
  durationMinutes?: number;
  workerUserIds: string[];
  area: ServiceArea;
  findings?: {
    livingConditions?: string;
    health?: string;
    mentalState?: string;
    safetyRisks?: string;
    needs?: string;
    elderly?: { barthel?: Partial<Record<BarthelItemKey, number>> };
    children?: { guardianship?: GuardianshipState; schooling?: SchoolingState; safety?: string };
    assistance?: { economicSurvey?: { members?: number; monthlyIncomeYuan?: Partial<Record<IncomeSource, string>>; assetsNote?: string } };
  };
  risk: RiskLevel;
  riskNote?: string;
  summary?: string;
}

export type FieldPath = (string | number)[];
export type VisitFieldErrors = { name: FieldPath; errors: string[] }[];

/** The service area a person's visit is about: the group of the category that makes the visit due. */
export function areaOfCategory(category: CategoryKey | undefined): ServiceArea {
  return category ? CATEGORIES[category].group : "elderly";
}

/** Barthel items answered so far, and the full set once all ten are (a partial score would understate need). */
export function barthelOf(values: Partial<Record<BarthelItemKey, number>> | undefined): { answered: number; complete: TBarthel | null } {
  const answered = BARTHEL_ITEM_KEYS.filter((key) => typeof values?.[key] === "number").length;
  return { answered, complete: answered === BARTHEL_ITEM_KEYS.length ? (values as TBarthel) : null };
}

type Survey = NonNullable<NonNullable<NonNullable<VisitFormValues["findings"]>["assistance"]>["economicSurvey"]>;

/** Incomes typed in 元 as fen; the sources that are not amounts, to report beside their fields. */
export function monthlyIncomesFen(survey: Survey | undefined): { fen: Record<IncomeSource, number>; bad: IncomeSource[] } {
  const fen = { wages: 0, pensions: 0, farming: 0, transfers: 0, other: 0 } as Record<IncomeSource, number>;
  const bad: IncomeSource[] = [];
  for (const source of INCOME_SOURCES) {
    const text = survey?.monthlyIncomeYuan?.[source]?.trim();
    if (!text) continue;
    const value = yuanToFen(text);
    if (value === null) bad.push(source);
    else fen[source] = value;
  }
  return { fen, bad };
}

/** Per-capita monthly income in fen while the survey is typed, or null until members and amounts are readable. */
export function livePerCapitaFen(survey: Survey | undefined): number | null {
  const members = survey?.members;
  if (typeof members !== "number" || members < 1) return null;
  const { fen, bad } = monthlyIncomesFen(survey);
  if (bad.length > 0) return null;
  return perCapitaMonthlyIncomeFen({ members, monthlyIncomeFen: fen, yearlyIncomeFen: { wages: 0, pensions: 0, farming: 0, transfers: 0, other: 0 } });
}

function hasText(value: string | undefined): boolean {
  return typeof value === "string" && value.trim() !== "";
}

function surveyStarted(survey: Survey | undefined): boolean {
  return typeof survey?.members === "number" || INCOME_SOURCES.some((s) => hasText(survey?.monthlyIncomeYuan?.[s])) || hasText(survey?.assetsNote);
}

/** The form's values as the API's input (findings parts only for the chosen area, and only when begun). */
export function toVisitDraft(values: VisitFormValues, personId: string, messages: { barthelIncomplete: string; notAmount: string }) {
  const errors: VisitFieldErrors = [];
  const f = values.findings ?? {};
  const findings: NonNullable<TVisitInputDraft["findings"]> = {
    livingConditions: f.livingConditions,
    health: f.health,
    mentalState: f.mentalState,
    safetyRisks: f.safetyRisks,
    needs: f.needs,
  };
  if (values.area === "elderly") {
    const barthel = barthelOf(f.elderly?.barthel);
    if (barthel.complete) findings.elderly = { barthel: barthel.complete };
    else if (barthel.answered > 0) {
      const missing = BARTHEL_ITEM_KEYS.filter((key) => typeof f.elderly?.barthel?.[key] !== "number");
      for (const key of missing) errors.push({ name: ["findings", "elderly", "barthel", key], errors: [messages.barthelIncomplete] });
    }
  }
  if (values.area === "children" && (f.children?.guardianship || f.children?.schooling || hasText(f.children?.safety))) {
    findings.children = { guardianship: f.children?.guardianship, schooling: f.children?.schooling, safety: f.children?.safety };
  }
  const survey = f.assistance?.economicSurvey;
  if (values.area === "assistance" && surveyStarted(survey)) {
    const incomes = monthlyIncomesFen(survey);
    for (const source of incomes.bad) errors.push({ name: ["findings", "assistance", "economicSurvey", "monthlyIncomeYuan", source], errors: [messages.notAmount] });
    findings.assistance = { economicSurvey: { members: survey?.members as number, monthlyIncomeFen: incomes.fen, assetsNote: survey?.assetsNote } };
  }
  const draft: TVisitInputDraft = {
    visitedOn: values.visitedOn,
    kind: values.kind,
    mode: values.mode as VisitMode,
    durationMinutes: values.durationMinutes as number,
    subject: { personId },
    workerUserIds: values.workerUserIds ?? [],
    area: values.area,
    findings,
    risk: values.risk,
    riskNote: values.riskNote,
    summary: values.summary,
  };
  return { draft, errors };
}

/** A schema path as the form's field name (incomes are typed in 元 under their own name). */
function formPathOf(path: readonly PropertyKey[]): FieldPath {
  return path.map((part) => (part === "monthlyIncomeFen" ? "monthlyIncomeYuan" : typeof part === "number" ? part : String(part)));
}

function grouped(entries: [FieldPath, string][]): VisitFieldErrors {
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  for (const [name, message] of entries) {
    const key = name.join(".");
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(message);
    byField.set(key, entry);
  }
  return [...byField.values()];
}

/** The domain's visit schema, run in the browser before sending: its messages beside the fields they concern. */
export function checkVisitDraft(draft: TVisitInputDraft, locale: Locale): { input: TVisitInput | null; errors: VisitFieldErrors } {
  const result = ZVisitInputSchema.safeParse(draft);
  if (result.success) return { input: result.data, errors: [] };
  return { input: null, errors: grouped(result.error.issues.map((issue) => [formPathOf(issue.path), pickBilingual(issue.message, locale)])) };
}

/** The server's field messages (`visit.findings.health`, or a domain check's `visitedOn`) beside their fields. */
export function serverVisitFieldErrors(error: unknown, locale: Locale): VisitFieldErrors {
  return grouped(
    Object.entries(fieldErrorsOf(error, locale)).flatMap(([field, messages]) =>
      messages.map((m) => [formPathOf(field.replace(/^visit\./, "").split(".")), m] as [FieldPath, string]),
    ),
  );
}

import type { BilingualMessage } from "../errors.ts";
import { ageOn } from "../registry/age-rules.ts";
import { CATEGORIES, type CategoryKey } from "../registry/categories.ts";
import { foldText } from "../registry/text.ts";
import { formatFen } from "../visits/economic-survey.ts";
import {
  monthFirstDay,
  monthLastDay,
  monthsBefore,
  PAYOUT_KINDS,
  payoutBandFor,
  payoutStandardFor,
  type PayoutKindKey,
  type TPayoutStandard,
} from "./kinds.ts";

/**
 * The rules a payout row is checked by (issue 6 item 2), each with its explanation, and the one
 * reverse rule (a person who holds the category but is not on the roster).
 */
export const PAYOUT_RULE_KEYS = [
  "not_in_registry",
  "died_before_month",
  "moved_out",
  "age",
  "category_missing",
  "amount",
  "paid_twice",
  "paid_elsewhere",
  "name_mismatch",
  "no_recent_visit",
  "missing_from_roster",
] as const;
export type PayoutRuleKey = (typeof PAYOUT_RULE_KEYS)[number];

export const PAYOUT_RULES: Readonly<Record<PayoutRuleKey, BilingualMessage>> = {
  not_in_registry: { zh: "不在本站服务对象名册中", en: "Not in the station's registry" },
  died_before_month: { zh: "发放月份前已死亡", en: "Died before the month paid" },
  moved_out: { zh: "已迁出本站", en: "Moved out of the station" },
  age: { zh: "年龄不符合补贴条件", en: "Age outside the subsidy's bounds" },
  category_missing: { zh: "未纳入对应类别", en: "Does not hold the category paid for" },
  amount: { zh: "金额与标准不符", en: "Amount differs from the standard" },
  paid_twice: { zh: "同月重复发放", en: "Paid twice in the month" },
  paid_elsewhere: { zh: "同月在其他站点也有发放", en: "Also paid through another station this month" },
  name_mismatch: { zh: "姓名与名册不符", en: "Name differs from the registry" },
  no_recent_visit: { zh: "近期无走访记录", en: "No recent visit" },
  missing_from_roster: { zh: "符合条件但未在发放名单中", en: "Eligible but missing from the roster" },
};

export interface PayoutRowInput {
  rowNumber: number;
  name: string;
  /** The ID's blind index (the engine never sees the ID itself). */
  idIndex: string;
  amountFen: number;
}

export interface RegistryFacts {
  personId: string;
  idIndex: string;
  name: string;
  birthDate: string;
  deathDate: string | null;
  movedOutDate: string | null;
  /** Category entries as recorded (start inclusive, end exclusive, null = open). */
  categories: { category: CategoryKey; startedOn: string; endedOn: string | null }[];
  /** Most recent visit date, or null when never visited. */
  lastVisitOn: string | null;
}

export interface VerifyOptions {
  kind: PayoutKindKey;
  month: string;
  /** The station's county (six-digit code), for county standards. */
  countyCode: string | null;
  /** A visit within this many months before the month's end counts as seen alive and resident. */
  visitWithinMonths: number;
  /** Row numbers whose ID is also on a roster of another station for this kind and month. */
  paidElsewhere?: ReadonlySet<number>;
  /** ID blind indexes on the station's other rosters for this kind and month (paid twice; not missing). */
  onOtherRosters?: ReadonlySet<string>;
}

export interface PayoutDiscrepancy extends BilingualMessage {
  rule: PayoutRuleKey;
  /** The roster row, or null for the reverse check. */
  rowNumber: number | null;
  personId: string | null;
  expectedFen?: number;
  paidFen?: number;
}

export interface VerifyResult {
  discrepancies: PayoutDiscrepancy[];
  counts: Record<PayoutRuleKey, number>;
}

function heldDuringMonth(facts: RegistryFacts, categories: readonly CategoryKey[], month: string): CategoryKey[] {
  const first = monthFirstDay(month);
  const last = monthLastDay(month);
  return facts.categories
    .filter((c) => categories.includes(c.category) && c.startedOn <= last && (c.endedOn === null || c.endedOn > first))
    .map((c) => c.category);
}

export function verifyRoster(
  rows: readonly PayoutRowInput[],
  registry: readonly RegistryFacts[],
  standards: readonly TPayoutStandard[],
  options: VerifyOptions,
): VerifyResult {
  const kind = PAYOUT_KINDS[options.kind];
  const { month } = options;
  const first = monthFirstDay(month);
  const byIndex = new Map(registry.map((f) => [f.idIndex, f]));
  const seen = new Map<string, number>();
  const out: PayoutDiscrepancy[] = [];
  const add = (rule: PayoutRuleKey, rowNumber: number | null, personId: string | null, message: BilingualMessage, extra: Partial<PayoutDiscrepancy> = {}) =>
    out.push({ rule, rowNumber, personId, ...message, ...extra });

  for (const row of rows) {
    const r = row.rowNumber;
    const earlier = seen.get(row.idIndex);
    if (earlier !== undefined)
      add("paid_twice", r, byIndex.get(row.idIndex)?.personId ?? null, {
        zh: `同一身份证号在第${earlier}行已发放${month}的${kind.zh}`,
        en: `The same ID was already paid the ${kind.en} for ${month} on row ${earlier}`,
      });
    else {
      seen.set(row.idIndex, r);
      if (options.onOtherRosters?.has(row.idIndex))
        add("paid_twice", r, byIndex.get(row.idIndex)?.personId ?? null, {
          zh: `此人${month}的${kind.zh}已在本站另一份发放名单中`,
          en: `This person is already on another of the station's ${kind.en} rosters for ${month}`,
        });
    }
    if (options.paidElsewhere?.has(r))
      add("paid_elsewhere", r, byIndex.get(row.idIndex)?.personId ?? null, {
        zh: `此人${month}的${kind.zh}也在其他站点的发放名单中`,
        en: `This person is also on another station's ${kind.en} roster for ${month}`,
      });

    const facts = byIndex.get(row.idIndex);
    if (!facts) {
      add("not_in_registry", r, null, {
        zh: `${row.name}（第${r}行）不在本站服务对象名册中`,
        en: `${row.name} (row ${r}) is not in the station's registry`,
      });
      continue;
    }
    const pid = facts.personId;
    if (facts.deathDate && facts.deathDate < first)
      add("died_before_month", r, pid, {
        zh: `${facts.name}已于${facts.deathDate}死亡，早于发放月份${month}`,
        en: `${facts.name} died on ${facts.deathDate}, before ${month}`,
      });
    if (facts.movedOutDate && facts.movedOutDate < first)
      add("moved_out", r, pid, {
        zh: `${facts.name}已于${facts.movedOutDate}迁出本站`,
        en: `${facts.name} moved out of the station on ${facts.movedOutDate}`,
      });
    const age = first >= facts.birthDate ? ageOn(facts.birthDate, first) : -1;
    let ageOk = true;
    if (kind.minAge !== null && age < kind.minAge) {
      ageOk = false;
      add("age", r, pid, {
        zh: `${kind.zh}须年满${kind.minAge}周岁，${facts.name}在${first}为${age}周岁`,
        en: `The ${kind.en} starts at ${kind.minAge}; ${facts.name} was ${age} on ${first}`,
      });
    }
    if (kind.adultAt !== null && age >= kind.adultAt) {
      ageOk = false;
      add("age", r, pid, {
        zh: `${kind.zh}发放至未满${kind.adultAt}周岁，${facts.name}在${first}已满${age}周岁`,
        en: `The ${kind.en} is paid under ${kind.adultAt}; ${facts.name} was ${age} on ${first}`,
      });
    }
    const held = heldDuringMonth(facts, kind.categories, month);
    if (held.length === 0)
      add("category_missing", r, pid, {
        zh: `${facts.name}在${month}未纳入${kind.categories.map((c) => CATEGORIES[c].zh).join("或")}类别`,
        en: `${facts.name} held no ${kind.categories.map((c) => CATEGORIES[c].en).join(" / ")} category in ${month}`,
      });
    if (ageOk) {
      const band = payoutBandFor(kind, { birthDate: facts.birthDate, categoriesHeld: held }, month);
      const standard = band ? payoutStandardFor(standards, kind.key, band.key, options.countyCode, month) : null;
      if (band && standard && standard.amountFen !== row.amountFen)
        add(
          "amount",
          r,
          pid,
          {
            zh: `${kind.zh}（${band.zh}）${month}标准为${formatFen(standard.amountFen)}，实发${formatFen(row.amountFen)}`,
            en: `The ${kind.en} (${band.en}) for ${month} is ${formatFen(standard.amountFen)}; paid ${formatFen(row.amountFen)}`,
          },
          { expectedFen: standard.amountFen, paidFen: row.amountFen },
        );
    }
    if (foldText(row.name) !== foldText(facts.name))
      add("name_mismatch", r, pid, {
        zh: `发放名单姓名“${row.name}”与名册姓名“${facts.name}”不符`,
        en: `Roster name '${row.name}' differs from the registry's '${facts.name}'`,
      });
    const since = monthFirstDay(monthsBefore(month, options.visitWithinMonths));
    if (facts.lastVisitOn === null || facts.lastVisitOn < since)
      add("no_recent_visit", r, pid, {
        zh: `${facts.name}自${since}以来无走访记录${facts.lastVisitOn ? `（最近一次${facts.lastVisitOn}）` : "（从未走访）"}，无人核实其健在及居住`,
        en: `${facts.name} has not been visited since ${since}${facts.lastVisitOn ? ` (last ${facts.lastVisitOn})` : " (never visited)"}; nobody has seen them alive and resident`,
      });
  }

  // Reverse: people holding the category through the month, alive, resident and of age, not paid.
  const paid = new Set([...rows.map((r) => r.idIndex), ...(options.onOtherRosters ?? [])]);
  for (const facts of registry) {
    if (paid.has(facts.idIndex)) continue;
    if (facts.deathDate && facts.deathDate < first) continue;
    if (facts.movedOutDate && facts.movedOutDate < first) continue;
    if (heldDuringMonth(facts, kind.categories, month).length === 0) continue;
    if (first < facts.birthDate) continue;
    const age = ageOn(facts.birthDate, first);
    if (kind.minAge !== null && age < kind.minAge) continue;
    if (kind.adultAt !== null && age >= kind.adultAt) continue;
    add("missing_from_roster", null, facts.personId, {
      zh: `${facts.name}符合${kind.zh}条件，但不在${month}的发放名单中（可能少发）`,
      en: `${facts.name} qualifies for the ${kind.en} but is not on the ${month} roster (perhaps owed money)`,
    });
  }

  const counts = Object.fromEntries(PAYOUT_RULE_KEYS.map((k) => [k, 0])) as Record<PayoutRuleKey, number>;
  for (const d of out) counts[d.rule]++;
  return { discrepancies: out, counts };
}

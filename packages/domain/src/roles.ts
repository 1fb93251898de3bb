import { divisionLevelOf, type DivisionLevel } from "./division-code.ts";
import type { BilingualMessage } from "./errors.ts";

/** Every role is granted over one scope: a division, a station or a contractor. */
export const ROLES = [
  "region_admin",
  "region_viewer",
  "prefecture_admin",
  "county_supervisor",
  "township_officer",
  "contractor_admin",
  "station_admin",
  "social_worker",
  "supervisor",
  "inspector",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, BilingualMessage> = {
  region_admin: { zh: "自治区民政厅管理员", en: "Region department administrator" },
  region_viewer: { zh: "自治区民政厅查看人员", en: "Region department viewer" },
  prefecture_admin: { zh: "州民政局管理员", en: "Prefecture bureau administrator" },
  county_supervisor: { zh: "市（县）民政局督导", en: "City/county bureau supervisor" },
  township_officer: { zh: "乡镇民政干事", en: "Township civil-affairs officer" },
  contractor_admin: { zh: "承接机构管理员", en: "Contractor administrator" },
  station_admin: { zh: "社工站站长/管理员", en: "Station head / administrator" },
  social_worker: { zh: "驻站社工", en: "Resident social worker" },
  supervisor: { zh: "督导", en: "Supervisor" },
  inspector: { zh: "检查人员（限时）", en: "Inspector (time-limited)" },
};

export type RoleScope = "division" | "station" | "contractor";

export const ROLE_SCOPE: Record<Role, RoleScope> = {
  region_admin: "division",
  region_viewer: "division",
  prefecture_admin: "division",
  county_supervisor: "division",
  township_officer: "division",
  contractor_admin: "contractor",
  station_admin: "station",
  social_worker: "station",
  supervisor: "station",
  inspector: "station",
};

export const DIVISION_ROLES = [
  "region_admin",
  "region_viewer",
  "prefecture_admin",
  "county_supervisor",
  "township_officer",
] as const satisfies readonly Role[];
export type DivisionRole = (typeof DIVISION_ROLES)[number];

/** Each body in the plan sits at one level; a grant at another level would widen or narrow its reach. */
export const DIVISION_ROLE_LEVEL: Record<DivisionRole, DivisionLevel> = {
  region_admin: "province",
  region_viewer: "province",
  prefecture_admin: "prefecture",
  county_supervisor: "county",
  township_officer: "township",
};

export function isDivisionRole(role: Role): role is DivisionRole {
  return (DIVISION_ROLES as readonly Role[]).includes(role);
}

export interface GrantScope {
  divisionCode?: string | null;
  stationId?: string | null;
  contractorId?: string | null;
}

/**
 * Null when the grant names exactly the scope its role needs, else a message saying what is wrong.
 * Exactly one scope, so no grant is ever read two ways.
 */
export function checkGrantScope(role: Role, scope: GrantScope): BilingualMessage | null {
  const scopeKind = ROLE_SCOPE[role];
  const given = {
    division: Boolean(scope.divisionCode),
    station: Boolean(scope.stationId),
    contractor: Boolean(scope.contractorId),
  } satisfies Record<RoleScope, boolean>;
  const label = ROLE_LABELS[role];

  if (!given[scopeKind]) {
    const needs: Record<RoleScope, BilingualMessage> = {
      division: { zh: "区划", en: "division" },
      station: { zh: "社工站", en: "station" },
      contractor: { zh: "承接机构", en: "contractor" },
    };
    return {
      zh: `${label.zh}须指定${needs[scopeKind].zh}`,
      en: `${label.en} must be granted over a ${needs[scopeKind].en}`,
    };
  }
  const extra = (Object.keys(given) as RoleScope[]).filter((kind) => kind !== scopeKind && given[kind]);
  if (extra.length > 0) {
    return { zh: `${label.zh}只能指定一个授权范围`, en: `${label.en} must be granted over exactly one scope` };
  }
  if (isDivisionRole(role)) {
    const expected = DIVISION_ROLE_LEVEL[role];
    const actual = divisionLevelOf(scope.divisionCode ?? "");
    if (actual === null) return { zh: "区划代码格式不正确", en: "The division code is malformed" };
    if (actual !== expected) {
      return {
        zh: `${label.zh}须在${LEVEL_LABELS[expected]}一级授权`,
        en: `${label.en} must be granted at ${expected} level, not ${actual}`,
      };
    }
  }
  return null;
}

const LEVEL_LABELS: Record<DivisionLevel, string> = {
  province: "自治区（省）",
  prefecture: "州（地、市）",
  county: "市（县、区）",
  township: "乡镇（街道）",
  village: "村（社区）",
};

/** R18/inspector row: inspections by finance, audit and evaluators are time-limited, so grants must expire. */
export function roleRequiresExpiry(role: Role): boolean {
  return role === "inspector";
}

export const PERMISSIONS = [
  "station.read",
  "station.onboard",
  "station.status.change",
  "station.branding.edit",
  "workspace.read",
  "workspace.write",
  "coverage.read",
  "users.read",
  "users.manage",
  "sessions.manage",
  "audit.read",
  // Registry (issue 3): full ID numbers are shown only on purpose, with a reason, and audited.
  "person.id.reveal",
  "ledger.import",
  "ledger.export.full_ids",
  // Field work (issue 4): the station's own visit cadence overrides.
  "station.settings.edit",
  // Governance (issue 5): contractors, purchase-of-service agreements and their filing, funds.
  "contractor.read",
  "contractor.manage",
  "agreement.read",
  "agreement.manage",
  "agreement.file",
  "funds.read",
  "funds.manage",
  "funds.spend",
  "funds.override",
  "funds.supervise",
  // Cases: who answers for a case is the station lead's or the supervisor's call, not the worker's own.
  "case.assign",
  // Staff compliance (issue 5 item 4): stationing workers and recording training is the station
  // lead's; the bureaus and the township read every station's compliance panel.
  "staff.manage",
  "staff.compliance",
  // Public disclosure (issue 5 item 9): what the page says, and the inbox behind its form.
  "disclosure.manage",
  "inbox.read",
  "inbox.handle",
  // Facilities, signage and house rules (issue 5 item 5): the station keeps them; the bureaus and
  // the township read every station's readiness.
  "facilities.manage",
  "facilities.supervise",
  // Payouts (issue 6): the station head signs the verification report; bureaus read the monthly counts.
  "payouts.sign",
  "payouts.supervise",
  // Evaluation and rectification (issue 5 item 8, R15, R18): the station reads its evaluations and
  // answers rectification items; the county bureau keeps rubrics, grants inspectors and closes items;
  // the bureau and third-party evaluators score.
  "evaluation.read",
  "evaluation.score",
  "evaluation.rubric",
  "inspector.grant",
  "rectification.close",
  // Quarterly ledger packages and the year-end report (issue 5 items 6–7, R13, R18): the contractor
  // side builds and submits them; the city/county bureau accepts or returns them.
  "submission.prepare",
  "submission.review",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Least privilege: each role gets what its row in the plan's table needs, nothing more. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // The region department funds and watches rollout but never sees personal data, so no workspace.read.
  region_admin: ["station.read", "coverage.read", "users.read", "users.manage", "sessions.manage", "audit.read", "contractor.read"],
  region_viewer: ["station.read", "coverage.read", "contractor.read"],
  // R15/prefecture row: the prefecture bureau onboards stations and receives filings.
  prefecture_admin: [
    "station.read",
    "station.onboard",
    "station.status.change",
    "coverage.read",
    "users.read",
    "users.manage",
    "sessions.manage",
    "audit.read",
    // R15: agreements are filed with the prefecture bureau, which acknowledges or returns them.
    "contractor.read",
    "contractor.manage",
    "agreement.read",
    "agreement.file",
    "funds.read",
    "funds.supervise",
    // R15: staffing plans are filed with the prefecture bureau.
    "staff.compliance",
    "payouts.supervise",
    "facilities.supervise",
    "evaluation.read",
  ],
  // R15: the city/county bureau supervises and evaluates, reading but not writing station work;
  // it keeps the contractor registry, supervises funds, and alone may authorise paying beyond an allocation.
  county_supervisor: [
    "station.read",
    "coverage.read",
    "workspace.read",
    "audit.read",
    "contractor.read",
    "contractor.manage",
    "agreement.read",
    "funds.read",
    "funds.manage",
    "funds.override",
    "funds.supervise",
    // R15: checks staffing; complaints about a station reach the bureau that supervises it.
    "staff.compliance",
    "inbox.read",
    "payouts.supervise",
    "facilities.supervise",
    "evaluation.read",
    "evaluation.score",
    "evaluation.rubric",
    "inspector.grant",
    "rectification.close",
    "submission.review",
  ],
  // R16: the township supervises its own station as purchaser: it signs the agreement and pays.
  township_officer: ["station.read", "workspace.read", "coverage.read", "contractor.read", "agreement.read", "agreement.manage", "funds.read", "funds.manage", "staff.compliance", "inbox.read", "payouts.supervise", "facilities.supervise", "evaluation.read"],
  // R18: the contractor runs the station and its public disclosure, drafts and files its agreements, records spending.
  contractor_admin: [
    "station.read",
    "workspace.read",
    "workspace.write",
    "station.branding.edit",
    "station.settings.edit",
    "users.read",
    "agreement.read",
    "agreement.manage",
    "funds.read",
    "funds.spend",
    "staff.manage",
    "disclosure.manage",
    "inbox.read",
    "inbox.handle",
    "facilities.manage",
    "evaluation.read",
    "submission.prepare",
  ],
  station_admin: [
    "station.read",
    "workspace.read",
    "workspace.write",
    "station.branding.edit",
    "users.read",
    "users.manage",
    "sessions.manage",
    "audit.read",
    "person.id.reveal",
    "ledger.import",
    "ledger.export.full_ids",
    "station.settings.edit",
    "agreement.read",
    "agreement.manage",
    "funds.read",
    "funds.spend",
    "case.assign",
    "staff.manage",
    "disclosure.manage",
    "inbox.read",
    "inbox.handle",
    "payouts.sign",
    "facilities.manage",
    "evaluation.read",
    "submission.prepare",
  ],
  // Workers keep the registry (R9–R12) and bring in the ledgers they kept by hand.
  social_worker: ["station.read", "workspace.read", "workspace.write", "ledger.import", "evaluation.read"],
  // R7: the supervisor oversees and corrects unqualified workers' work.
  supervisor: ["station.read", "workspace.read", "workspace.write", "person.id.reveal", "case.assign", "evaluation.read"],
  // R18: inspections by civil affairs, finance and audit see the agreement and its funds.
  inspector: ["station.read", "workspace.read", "agreement.read", "funds.read", "evaluation.read", "evaluation.score"],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

const SUPERVISORY_ROLES: ReadonlySet<Role> = new Set([
  "region_admin",
  "region_viewer",
  "prefecture_admin",
  "county_supervisor",
  "township_officer",
  "inspector",
]);

/** People who supervise from outside the station: their every entry into a workspace is audited (R18). */
export function isSupervisoryRole(role: Role): boolean {
  return SUPERVISORY_ROLES.has(role);
}

/** Roles whose reports span many stations, where small counts must be suppressed (see formatSmallCount). */
export const ROLE_ABOVE_STATION: ReadonlySet<Role> = new Set([
  "region_admin",
  "region_viewer",
  "prefecture_admin",
  "county_supervisor",
]);

/**
 * Issue 8 item 4 (GB/T 22239 level 3 asks for two factors): bodies above the station and anyone
 * who may reveal full ID numbers must sign in with a second factor.
 */
export function roleRequiresSecondFactor(role: Role): boolean {
  return ROLE_ABOVE_STATION.has(role) || roleHasPermission(role, "person.id.reveal");
}

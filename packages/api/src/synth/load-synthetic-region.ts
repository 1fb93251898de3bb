import { hashPassword, type PersonalDataCipher } from "@shegong/auth";
import { openBulkLoader, withOwnerScope, withStation, type BulkLoader, type LoadValue, type ShegongDb } from "@shegong/db";
import {
  ACTIVITY_KINDS,
  adulthoodDate,
  CASE_CLOSURE_OUTCOMES,
  CASE_RISK_LEVELS,
  CASE_SERVICE_AREAS,
  CATEGORIES,
  monthsEndingWith,
  monthStart,
  nameSearchKeys,
  PUBLICITY_TOPICS,
  todayInShanghai,
  type CategoryKey,
} from "@shegong/domain";
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { refreshStation } from "../reporting/refresh-rollups.ts";
import { sealCitizenId } from "../registry/sealed-id.ts";
import { onboardStations } from "../stations/onboard-stations.ts";
import {
  addDays,
  dayNumber,
  dayString,
  ADULT_CATEGORIES,
  birthDateFor,
  CHILD_CATEGORIES,
  citizenIdFor,
  COHORT_AGES,
  ELDERLY_CATEGORIES,
  ethnicityFor,
  nameFor,
  seededRandom,
  uuidSequence,
  type Cohort,
  type Random,
} from "./synthetic-people.ts";

/**
 * The synthetic region (issue 7 item 5): real township units of Xinjiang onboarded as stations,
 * each with its registry, a year of visits, cases and activities, at the ratios a region report
 * must carry (~1,000 people and ~7,000 visits a station).
 */
export const SYNTH_SCALES = {
  /** One county: Changji City's townships. */
  small: { under: "652301", peoplePerStation: 300 },
  /** One prefecture: Changji (6523). */
  prefecture: { under: "6523", peoplePerStation: 1000 },
  /** All of Xinjiang's ~1,405 township units. */
  region: { under: "65", peoplePerStation: 1000 },
} as const;
export type SynthScale = keyof typeof SYNTH_SCALES;

export interface SynthOptions {
  scale: SynthScale;
  seed?: number;
  /** Overrides the scale's people per station (tests use a handful). */
  peoplePerStation?: number;
  /** Visits per person over the year; 7 gives the region's ~10,000,000. */
  visitsPerPerson?: number;
  /** The day the data is "as of" (default: today in Beijing); the year loaded ends with its month. */
  today?: string;
  /**
   * PostgreSQL only: skip per-row foreign-key checks and triggers while loading
   * (session_replication_role = replica, superuser only). The rows are consistent by construction
   * and the rollups are computed at the end, so nothing the triggers would do is lost.
   */
  trusted?: boolean;
  log?: (line: string) => void;
}

export interface SynthReport {
  stations: number;
  people: number;
  households: number;
  visits: number;
  cases: number;
  activities: number;
  rollupStationMonths: number;
  phases: { phase: string; seconds: number }[];
}

interface StationPlace {
  id: string;
  divisionCode: string;
  villages: { code: string; name: string }[];
  townshipName: string;
}

interface GeneratedPerson {
  id: string;
  householdId: string;
  cohort: Cohort;
  categories: CategoryKey[];
  registeredOn: string;
  workerId: string;
}

const OPERATOR = { userId: "00000000-0000-0000-0000-000000000000", username: "synth", ip: "127.0.0.1" };
const STATIONS_PER_BATCH = 40;

/** Column lists per table, in the order each generated row carries its values. */
const COLUMNS = {
  app_user: { id: "uuid", username: "text", display_name: "text", password_hash: "text", must_change_password: "boolean" },
  role_grant: { user_id: "uuid", role: "text", station_id: "uuid" },
  staff_member: { station_id: "uuid", id: "uuid", display_name: "text", position: "text", qualification_level: "text", major: "text", user_id: "uuid", created_at: "timestamptz" },
  household: { station_id: "uuid", id: "uuid", village_code: "text", address: "text", head_person_id: "uuid" },
  person: {
    station_id: "uuid", id: "uuid", name: "text", name_pinyin: "text", name_initials: "text", id_cipher: "bytea", id_blind: "bytea", id_masked: "text",
    sex: "text", birth_date: "date", adult_on: "date", ethnicity_code: "text", phone: "text", village_code: "text", address: "text",
    living_arrangement: "text", economic_source: "text", household_id: "uuid", relation_to_head: "text", assigned_worker_id: "uuid", registered_on: "date",
  },
  person_category: { station_id: "uuid", person_id: "uuid", category: "text", start_date: "date", source: "text" },
  person_event: { station_id: "uuid", person_id: "uuid", kind: "text", effective_date: "date" },
  visit: {
    station_id: "uuid", id: "uuid", visited_on: "date", kind: "text", mode: "text", duration_minutes: "smallint", person_id: "uuid", household_id: "uuid",
    area: "text", risk: "text", risk_note: "text", summary: "text", recorded_by: "uuid",
  },
  visit_worker: { station_id: "uuid", visit_id: "uuid", user_id: "uuid" },
  social_case: {
    station_id: "uuid", id: "uuid", case_no: "text", person_id: "uuid", household_id: "uuid", source: "text", referred_by: "text", intake_on: "date",
    presenting_problem: "text", risk_level: "text", assigned_worker_id: "uuid", status: "text", closure_outcome: "text", closure_summary: "text", closed_on: "date",
  },
  case_number_counter: { station_id: "uuid", year: "integer", last_no: "integer" },
  case_service: { station_id: "uuid", id: "uuid", case_id: "uuid", area: "text", served_on: "date", duration_minutes: "smallint", worker_user_ids: "uuid[]", note: "text" },
  activity: { station_id: "uuid", id: "uuid", kind: "text", publicity_topic: "text", area: "text", topic: "text", held_on: "date", duration_minutes: "smallint", place: "text", others_count: "integer", recorded_by: "uuid" },
  activity_attendee: { station_id: "uuid", activity_id: "uuid", person_id: "uuid" },
  activity_worker: { station_id: "uuid", activity_id: "uuid", user_id: "uuid" },
} as const;
type TableName = keyof typeof COLUMNS;
type Batch = Record<TableName, LoadValue[][]>;

const emptyBatch = (): Batch => Object.fromEntries(Object.keys(COLUMNS).map((t) => [t, []])) as unknown as Batch;

const GROUP_AREA: Record<string, string> = { elderly: "elderly", children: "children", assistance: "assistance", social_affairs: "social_affairs" };
const ACTIVITY_TOPICS = ["重阳节敬老活动", "留守儿童暑期课堂", "防诈骗宣传", "政策宣讲进村", "邻里互助小组", "健康义诊", "安全教育讲座", "法律援助咨询"];

/** Randomly-chosen, unused password hash: the synthetic workers exist for the data, not to sign in. */
async function unusablePasswordHash(): Promise<string> {
  return hashPassword(randomBytes(24).toString("base64"));
}

/** Months of the synthetic year: the 12 ending with today's. */
function yearOf(today: string) {
  const months = monthsEndingWith(today.slice(0, 7), 12);
  return { months, first: monthStart(months[0]!) };
}

function dateBetween(random: Random, from: string, to: string): string {
  const start = dayNumber(from);
  const span = dayNumber(to) - start;
  return span <= 0 ? from : dayString(start + random.int(0, span));
}

/**
 * One station's rows. Everything is dated inside the synthetic year: people are registered in it
 * (most in its first month), hold categories from then, and are visited after it.
 */
function generateStation(random: Random, place: StationPlace, batch: Batch, ctx: { today: string; first: string; people: number; visitsPerPerson: number; pii: PersonalDataCipher; passwordHash: string; takenIds: Set<string>; nameKeys: Map<string, { pinyin: string; initials: string }>; uuid: () => string }) {
  const s = place.id;
  const county = place.divisionCode.slice(0, 6);
  const prefecture = place.divisionCode.slice(0, 4);
  const createdAt = `${ctx.first}T09:00:00+08:00`;

  const workers = [0, 1].map((n) => {
    const id = ctx.uuid();
    const sex = random.chance(0.6) ? "female" : "male";
    const name = nameFor(random, ethnicityFor(random, prefecture), sex);
    batch.app_user.push([id, `synth.${place.divisionCode}.w${n + 1}`, name, ctx.passwordHash, true]);
    batch.role_grant.push([id, "social_worker", s]);
    batch.staff_member.push([s, ctx.uuid(), name, "驻站社工", n === 0 ? "assistant" : "none", n === 0 ? "社会工作" : "汉语言文学", id, createdAt]);
    return id;
  });

  const people: GeneratedPerson[] = [];
  const households: { id: string; members: GeneratedPerson[] }[] = [];
  let household: { id: string; villageCode: string | null; address: string; size: number; members: GeneratedPerson[] } | null = null;
  for (let i = 0; i < ctx.people; i++) {
    if (!household || household.members.length >= household.size) {
      const village = place.villages.length ? random.pick(place.villages) : null;
      household = {
        id: ctx.uuid(),
        villageCode: village?.code ?? null,
        address: `${village?.name ?? place.townshipName}${random.int(1, 12)}组${random.int(1, 160)}号`,
        size: random.int(1, 5),
        members: [],
      };
      households.push(household);
      batch.household.push([s, household.id, household.villageCode, household.address, null]);
    }
    const roll = random.next();
    const cohort: Cohort = roll < 0.3 ? "elderly" : roll < 0.35 ? "advanced_age" : roll < 0.55 ? "child" : "adult";
    const sex = random.chance(cohort === "elderly" || cohort === "advanced_age" ? 0.55 : 0.5) ? "female" : "male";
    const ethnicity = ethnicityFor(random, prefecture);
    const name = nameFor(random, ethnicity, sex);
    let keys = ctx.nameKeys.get(name);
    if (!keys) {
      const k = nameSearchKeys(name);
      keys = { pinyin: k.pinyin, initials: k.initials };
      ctx.nameKeys.set(name, keys);
    }
    // Most people are on the register from the year's first month; a trickle joins later.
    const registeredOn = random.chance(0.85) ? addDays(ctx.first, random.int(0, 20)) : dateBetween(random, ctx.first, ctx.today);
    const [minAge, maxAge] = COHORT_AGES[cohort];
    const citizenId = citizenIdFor(random, county, birthDateFor(random, ctx.first, minAge, maxAge), sex, ctx.takenIds);
    const birthDate = `${citizenId.slice(6, 10)}-${citizenId.slice(10, 12)}-${citizenId.slice(12, 14)}`;
    const categories: CategoryKey[] = [];
    if (cohort === "advanced_age") categories.push("elderly_advanced_age", ...(random.chance(0.4) ? [random.pick(ELDERLY_CATEGORIES)] : []));
    else if (cohort === "elderly" && random.chance(0.7)) categories.push(random.pick(ELDERLY_CATEGORIES));
    else if (cohort === "child" && random.chance(0.6)) categories.push(random.pick(CHILD_CATEGORIES));
    else if (cohort === "adult" && random.chance(0.25)) categories.push(random.pick(ADULT_CATEGORIES));
    const person: GeneratedPerson = { id: ctx.uuid(), householdId: household.id, cohort, categories, registeredOn, workerId: random.pick(workers) };
    const isHead = household.members.length === 0;
    household.members.push(person);
    people.push(person);
    const relation = isHead ? "head" : cohort === "child" ? random.pick(["son", "daughter", "grandchild"]) : cohort === "adult" ? random.pick(["spouse", "son", "daughter"]) : random.pick(["parent", "spouse"]);
    const elderly = cohort === "elderly" || cohort === "advanced_age";
    batch.person.push([
      s, person.id, name, keys.pinyin, keys.initials, ...Object.values(sealCitizenId(ctx.pii, citizenId)),
      sex, birthDate, adulthoodDate(birthDate), ethnicity, random.chance(0.7) ? `1${random.pick(["3", "5", "8", "9"])}${String(random.int(0, 999_999_999)).padStart(9, "0")}` : null,
      household.villageCode, household.address,
      elderly ? random.pick(["alone", "with_spouse", "with_children", "with_children"]) : null,
      categories.some((c) => c.includes("dibao")) ? "dibao" : categories.some((c) => c.includes("tekun")) ? "tekun" : elderly ? "pension" : null,
      household.id, relation, person.workerId, registeredOn,
    ]);
    batch.person_event.push([s, person.id, "registered", registeredOn]);
    for (const category of categories) batch.person_category.push([s, person.id, category, registeredOn, "合成数据"]);
  }
  // The head is the household's first member (the deferrable foreign key lets it be set on insert).
  const householdRows = batch.household.slice(batch.household.length - households.length);
  households.forEach((h, i) => (householdRows[i]![4] = h.members[0]!.id));

  // Visits go to people who hold a category (the due list's people), one in ten to their household.
  const served = people.filter((p) => p.categories.length > 0);
  const visits = served.length ? Math.round(ctx.people * ctx.visitsPerPerson) : 0;
  for (let i = 0; i < visits; i++) {
    const person = random.pick(served);
    const id = ctx.uuid();
    const toHousehold = random.chance(0.1);
    const area = GROUP_AREA[CATEGORIES[person.categories[0]!].group]!;
    const riskRoll = random.next();
    const risk = riskRoll < 0.9 ? "none" : riskRoll < 0.96 ? "low" : riskRoll < 0.99 ? "medium" : "high";
    const kind = toHousehold ? random.pick(["patrol", "household_investigation"]) : random.chance(0.75) ? "patrol" : "follow_up";
    const second = random.chance(0.15) ? workers.find((w) => w !== person.workerId)! : null;
    batch.visit.push([
      s, id, dateBetween(random, person.registeredOn, ctx.today), kind, random.chance(0.85) ? "home" : random.chance(0.8) ? "phone" : "video",
      random.int(10, 90), toHousehold ? null : person.id, toHousehold ? person.householdId : null, area, risk,
      risk === "medium" || risk === "high" ? "独居，近期身体状况下降" : null, random.chance(0.3) ? "情况稳定" : null, person.workerId,
    ]);
    batch.visit_worker.push([s, id, person.workerId]);
    if (second) batch.visit_worker.push([s, id, second]);
  }

  // About one person in a hundred has a case; numbered per station and year of intake.
  const caseCount = Math.max(1, Math.round(ctx.people / 100));
  const counters = new Map<number, number>();
  for (let i = 0; i < caseCount && people.length > 0; i++) {
    const person = random.pick(served.length ? served : people);
    const id = ctx.uuid();
    const intake = dateBetween(random, person.registeredOn, ctx.today);
    const year = Number(intake.slice(0, 4));
    const no = (counters.get(year) ?? 0) + 1;
    counters.set(year, no);
    const roll = random.next();
    const closedOn = roll < 0.3 && intake < ctx.today ? dateBetween(random, addDays(intake, 1), ctx.today) : null;
    const status = closedOn ? "closed" : roll < 0.7 ? "in_service" : roll < 0.85 ? "assessed" : "intake";
    const referral = random.chance(0.4);
    batch.social_case.push([
      s, id, `${year}-${String(no).padStart(4, "0")}`, person.id, null, referral ? "referral" : "walk_in", referral ? `${place.townshipName}民政办` : null, intake,
      "生活困难，需要帮扶", random.pick(CASE_RISK_LEVELS), person.workerId, status,
      closedOn ? random.pick(CASE_CLOSURE_OUTCOMES) : null, closedOn ? "目标基本达成" : null, closedOn,
    ]);
    if (status === "in_service" || status === "closed") {
      for (let k = random.int(1, 4); k > 0; k--) {
        batch.case_service.push([s, ctx.uuid(), id, random.pick(CASE_SERVICE_AREAS), dateBetween(random, intake, closedOn ?? ctx.today), random.int(30, 120), [person.workerId], "入户走访，开展服务"]);
      }
    }
  }
  for (const [year, last] of counters) batch.case_number_counter.push([s, year, last]);

  // Four activities a month, each with a few registered attendees.
  const activities = 48;
  for (let i = 0; i < activities; i++) {
    const id = ctx.uuid();
    const kind = random.pick(ACTIVITY_KINDS);
    batch.activity.push([
      s, id, kind, kind === "publicity" ? random.pick(PUBLICITY_TOPICS) : null, random.pick(["elderly", "children", "assistance", "social_affairs"]), random.pick(ACTIVITY_TOPICS),
      dateBetween(random, ctx.first, ctx.today), random.int(30, 180), `${place.townshipName}综合文化站`, random.int(0, 40), workers[0]!,
    ]);
    const attendees = new Set<string>();
    for (let k = random.int(3, 12); k > 0 && people.length > 0; k--) attendees.add(random.pick(people).id);
    for (const personId of attendees) batch.activity_attendee.push([s, id, personId]);
    batch.activity_worker.push([s, id, random.pick(workers)]);
  }
  return { people: people.length, households: households.length, visits, cases: caseCount, activities };
}

const LOAD_ORDER: TableName[] = [
  "app_user", "role_grant", "staff_member", "household", "person", "person_category", "person_event", "visit", "visit_worker",
  "social_case", "case_number_counter", "case_service", "activity", "activity_attendee", "activity_worker",
];

/**
 * Builds the synthetic region into a migrated database with divisions: onboards the townships under
 * the scale's division (the same onboarding the bureaus use), generates each station's rows
 * (ID numbers sealed as the registry seals them), bulk-loads them (COPY on PostgreSQL), then
 * computes the rollups of the year once for every new station.
 */
export async function loadSyntheticRegion(handle: ShegongDb, pii: PersonalDataCipher, options: SynthOptions): Promise<SynthReport> {
  const log = options.log ?? (() => undefined);
  const scale = SYNTH_SCALES[options.scale];
  const random = seededRandom(options.seed ?? 1);
  const today = options.today ?? todayInShanghai();
  const { months, first } = yearOf(today);
  const phases: SynthReport["phases"] = [];
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await fn();
    const seconds = (performance.now() - start) / 1000;
    phases.push({ phase: name, seconds });
    log(`${name}: ${seconds.toFixed(1)} s`);
    return result;
  };

  const places = await phase("onboard stations", async () => {
    const onboarded = await withOwnerScope(handle.db, "65", (tx) =>
      onboardStations(tx, { scopeCode: "65", allUnder: scale.under, initialStatus: "onboarding" }, OPERATOR),
    );
    if (onboarded.created.length === 0) throw new Error(`every township under ${scale.under} already has a station: synth loads into a database without them`);
    const villages = await handle.db.selectFrom("division").select(["code", "name", "parent_code"]).where("level", "=", 5).where("code", "like", `${scale.under}%`).execute();
    const townships = await handle.db.selectFrom("division").select(["code", "name"]).where("level", "=", 4).where("code", "like", `${scale.under}%`).execute();
    const byTownship = new Map<string, { code: string; name: string }[]>();
    for (const v of villages) byTownship.set(v.parent_code!, [...(byTownship.get(v.parent_code!) ?? []), { code: v.code, name: v.name }]);
    const names = new Map(townships.map((t) => [t.code, t.name]));
    return onboarded.created.map((s): StationPlace => ({ id: s.id, divisionCode: s.divisionCode, villages: byTownship.get(s.divisionCode) ?? [], townshipName: names.get(s.divisionCode) ?? "" }));
  });

  const totals = { people: 0, households: 0, visits: 0, cases: 0, activities: 0 };
  const ctx = {
    today,
    first,
    people: options.peoplePerStation ?? scale.peoplePerStation,
    visitsPerPerson: options.visitsPerPerson ?? 7,
    pii,
    passwordHash: await unusablePasswordHash(),
    takenIds: new Set<string>(),
    nameKeys: new Map<string, { pinyin: string; initials: string }>(),
    uuid: uuidSequence(random),
  };
  const trusted = Boolean(options.trusted) && handle.kind === "postgres";
  const loader: BulkLoader = await openBulkLoader(handle, "65", { trusted });
  let generateSeconds = 0;
  let loadSeconds = 0;
  // Generating (this process) and loading (the database) overlap: the next batch is generated while
  // the previous one is still being copied in, the event loop given back between stations.
  const loadBatch = async (batch: Batch, ids: string[]) => {
    const start = performance.now();
    for (const table of LOAD_ORDER) await loader.load(table, COLUMNS[table], batch[table]);
    if (!loader.deferredConstraints) {
      // PGlite loads each table in its own transaction, so the household heads follow the people.
      await withOwnerScope(handle.db, "65", (tx) => sql`
        update household h set head_person_id = p.id from person p
        where h.station_id = any(${ids}::uuid[]) and p.station_id = h.station_id and p.household_id = h.id and p.relation_to_head = 'head'`.execute(tx));
    }
    loadSeconds += (performance.now() - start) / 1000;
  };
  try {
    await phase(`generate and load ${places.length} stations`, async () => {
      let loading: Promise<void> = Promise.resolve();
      for (let b = 0; b < places.length; b += STATIONS_PER_BATCH) {
        const batch = emptyBatch();
        const group = places.slice(b, b + STATIONS_PER_BATCH);
        for (const place of group) {
          const start = performance.now();
          const made = generateStation(random, place, batch, ctx);
          generateSeconds += (performance.now() - start) / 1000;
          for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += made[k];
          await new Promise((resolve) => setImmediate(resolve));
        }
        if (!loader.deferredConstraints) for (const row of batch.household) row[4] = null;
        await loading;
        loading = loadBatch(batch, group.map((p) => p.id));
        // Awaited at the next batch; until then a failure must not count as unhandled.
        loading.catch(() => undefined);
        if ((b / STATIONS_PER_BATCH) % 5 === 0) log(`  ${Math.min(places.length, b + STATIONS_PER_BATCH)}/${places.length} stations, ${totals.people} people, ${totals.visits} visits`);
      }
      await loading;
      await loader.close();
    });
  } catch (error) {
    await loader.abort();
    throw error;
  }
  phases.push({ phase: "  generating rows (ID sealing, names; overlaps loading)", seconds: generateSeconds }, { phase: "  loading (COPY or bulk insert)", seconds: loadSeconds });
  log(`  generating ${generateSeconds.toFixed(1)} s, loading ${loadSeconds.toFixed(1)} s`);

  await phase("analyze", () => sql`analyze`.execute(handle.db));

  // The rollups of the year, once per station: the marks the triggers set while loading (or, when
  // trusted, did not) are replaced by exactly the synthetic months.
  const stationMonths = await phase("rollups", async () => {
    const ids = places.map((p) => p.id);
    await withOwnerScope(handle.db, "65", async (tx) => {
      await sql`delete from rollup_dirty where station_id = any(${ids}::uuid[])`.execute(tx);
      await sql`insert into rollup_dirty (station_id, month) select s, m from unnest(${ids}::uuid[]) s cross join unnest(${months.map(monthStart)}::date[]) m`.execute(tx);
    });
    let done = 0;
    let next = 0;
    // Two at a time: the database does the work, and this machine has two cores.
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        const refreshed = await withStation(handle.db, id, (tx) => refreshStation(tx, id, today));
        done += refreshed.length;
        if (next % 200 === 0) log(`  rollups: ${next}/${ids.length} stations`);
      }
    };
    await Promise.all(handle.kind === "postgres" ? [worker(), worker()] : [worker()]);
    return done;
  });

  return { stations: places.length, ...totals, rollupStationMonths: stationMonths, phases };
}

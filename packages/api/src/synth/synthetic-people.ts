import { citizenIdCheckChar, type CategoryKey } from "@shegong/domain";

/**
 * The pieces of a synthetic region that need no database: a seeded random source, names of the
 * region's peoples, and citizen ID numbers that are valid (GB 11643) and fit their holder's county
 * and age. Deterministic for a seed, so two runs build the same region.
 */
export interface Random {
  /** [0, 1) */
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: small, fast and good enough to spread synthetic data; not for anything secret. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    chance: (p) => next() < p,
  };
}

/**
 * v4-shaped UUIDs for one run: a prefix drawn from the seed and a counter, so rows can reference
 * each other before they are loaded, ids are unique within the run, and consecutive rows land next
 * to each other in the primary-key indexes (which makes the bulk load faster).
 */
export function uuidSequence(random: Random): () => string {
  const word = () => ((random.next() * 4294967296) >>> 0).toString(16).padStart(8, "0");
  const a = word();
  const b = word();
  const prefix = `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${"89ab"[random.int(0, 3)]}${word().slice(0, 3)}-`;
  let counter = 0;
  return () => prefix + (counter++).toString(16).padStart(12, "0");
}

export type Ethnicity = "01" | "03" | "05" | "17";

/**
 * Shares of Han (01), Hui (03), Uyghur (05) and Kazakh (17) by prefecture, roughly as the census
 * has them: the south Uyghur, the north and the Corps cities mostly Han, Ili, Tacheng and Altay
 * with many Kazakh, Changji with many Hui.
 */
const ETHNIC_MIX: Record<string, [number, number, number, number]> = {
  "6501": [0.72, 0.1, 0.13, 0.05],
  "6502": [0.76, 0.04, 0.14, 0.06],
  "6504": [0.23, 0.06, 0.7, 0.01],
  "6505": [0.68, 0.03, 0.19, 0.1],
  "6523": [0.74, 0.11, 0.04, 0.11],
  "6527": [0.66, 0.06, 0.14, 0.14],
  "6528": [0.57, 0.05, 0.35, 0.03],
  "6529": [0.26, 0.01, 0.73, 0],
  "6530": [0.07, 0, 0.66, 0.27],
  "6531": [0.07, 0, 0.93, 0],
  "6532": [0.03, 0, 0.97, 0],
  "6540": [0.42, 0.09, 0.17, 0.32],
  "6542": [0.57, 0.04, 0.04, 0.35],
  "6543": [0.4, 0.02, 0.01, 0.57],
};
const CORPS_MIX: [number, number, number, number] = [0.86, 0.04, 0.08, 0.02];

export function ethnicityFor(random: Random, prefectureCode: string): Ethnicity {
  const mix = ETHNIC_MIX[prefectureCode] ?? CORPS_MIX;
  let roll = random.next();
  const codes: Ethnicity[] = ["01", "03", "05", "17"];
  for (let i = 0; i < codes.length; i++) {
    roll -= mix[i] as number;
    if (roll < 0) return codes[i] as Ethnicity;
  }
  return "01";
}

const HAN_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛";
const HAN_GIVEN_MALE = "伟强磊军洋勇杰涛明超刚平辉建国志鹏飞斌宇浩凯俊峰亮成林海波文华新春";
const HAN_GIVEN_FEMALE = "芳娜敏静丽艳娟秀霞桂英玉兰红梅琴燕萍雪婷慧颖莉晶倩洁凤珍";
const HUI_SURNAMES = "马马马丁白杨韩穆冶海拜哈沙纳者";
const UYGHUR_MALE = ["买买提", "阿不都", "艾力", "吐尔逊", "阿布拉", "努尔麦麦提", "依明", "卡德尔", "肉孜", "艾合买提", "热合曼", "亚森", "吾斯曼", "塔依尔", "阿迪力"];
const UYGHUR_FEMALE = ["古丽", "阿依古丽", "帕提古丽", "热依拉", "阿米娜", "祖丽胡玛尔", "努尔古丽", "米娜瓦尔", "布海力切姆", "热比亚", "再努尔", "迪丽努尔"];
const KAZAKH_MALE = ["努尔兰", "叶尔兰", "哈力别克", "别克", "吐尔逊别克", "阿斯哈尔", "马合沙提", "叶尔肯", "加那尔别克", "巴合提"];
const KAZAKH_FEMALE = ["古丽娜尔", "阿依努尔", "加娜尔", "巴合古丽", "哈丽玛", "阿依达娜", "沙吾列", "玛依拉"];

/**
 * A name as a station's ledger writes it: Han and Hui names surname first; Uyghur and Kazakh names
 * in Chinese transliteration as given name · father's name, the way ID cards print them.
 */
export function nameFor(random: Random, ethnicity: Ethnicity, sex: "male" | "female"): string {
  if (ethnicity === "05" || ethnicity === "17") {
    const given = ethnicity === "05" ? (sex === "male" ? UYGHUR_MALE : UYGHUR_FEMALE) : sex === "male" ? KAZAKH_MALE : KAZAKH_FEMALE;
    const fathers = ethnicity === "05" ? UYGHUR_MALE : KAZAKH_MALE;
    return `${random.pick(given)}·${random.pick(fathers)}`;
  }
  const surnames = ethnicity === "03" ? HUI_SURNAMES : HAN_SURNAMES;
  const pool = sex === "male" ? HAN_GIVEN_MALE : HAN_GIVEN_FEMALE;
  const surname = surnames[random.int(0, surnames.length - 1)] as string;
  const first = pool[random.int(0, pool.length - 1)] as string;
  return random.chance(0.3) ? surname + first : surname + first + (pool[random.int(0, pool.length - 1)] as string);
}

const DAY_MS = 86_400_000;
const dayCache = new Map<number, string>();

/** Days since 1970-01-01 of an ISO date, and back: dates carry no time zone. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}
export function dayString(day: number): string {
  let text = dayCache.get(day);
  if (!text) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayCache.set(day, text);
  }
  return text;
}

/** Adds days to an ISO date. */
export function addDays(date: string, days: number): string {
  return dayString(dayNumber(date) + days);
}

/** A birth date that makes the holder between minAge and maxAge years old on `onDate`. */
export function birthDateFor(random: Random, onDate: string, minAge: number, maxAge: number): string {
  const years = random.int(minAge, maxAge);
  const back = addDays(`${Number(onDate.slice(0, 4)) - years}${onDate.slice(4)}`, -random.int(1, 364));
  // 29 February plus or minus years lands on real dates only through Date: normalise once more.
  return addDays(back, 0);
}

/**
 * A valid 18-character ID: the county's address code, the birth date, a sequence whose parity is
 * the sex (odd male), and the check character. `taken` keeps numbers unique within the run.
 */
export function citizenIdFor(random: Random, countyCode: string, birthDate: string, sex: "male" | "female", taken: Set<string>): string {
  const born = birthDate.replaceAll("-", "");
  for (let attempt = 0; ; attempt++) {
    // Five hundred numbers per county, birth date and sex: a crowded day moves to the day before
    // (the caller reads the birth date back from the number).
    if (attempt > 50) return citizenIdFor(random, countyCode, addDays(birthDate, -1), sex, taken);
    let sequence = random.int(0, 998);
    if ((sequence % 2 === 1) !== (sex === "male")) sequence += 1;
    const first17 = `${countyCode}${born}${String(sequence).padStart(3, "0")}`;
    const id = first17 + citizenIdCheckChar(first17);
    if (taken.has(id)) continue;
    taken.add(id);
    return id;
  }
}

/** What kind of person a row is: it fixes the age range and the categories they may hold. */
export type Cohort = "elderly" | "advanced_age" | "child" | "adult";

export const ELDERLY_CATEGORIES: readonly CategoryKey[] = ["elderly_left_behind", "elderly_tekun", "elderly_disabled_poor", "elderly_disabled_dibao"];
export const CHILD_CATEGORIES: readonly CategoryKey[] = ["child_left_behind", "child_in_difficulty", "child_orphan", "child_unsupported"];
export const ADULT_CATEGORIES: readonly CategoryKey[] = ["assist_dibao", "assist_tekun", "assist_temporary", "affairs_vagrant"];

/** Ages by cohort, on the day the registry starts: children stay under 18 through the year loaded. */
export const COHORT_AGES: Record<Cohort, [number, number]> = {
  elderly: [60, 79],
  advanced_age: [81, 98],
  child: [1, 15],
  adult: [19, 58],
};

import { z } from "zod";
import type { BilingualMessage, Locale } from "../errors.ts";
import { foldText } from "./text.ts";

/**
 * Vocabularies of the service-recipient registry (R9–R12, issue 3 item 1). Keys are stable English
 * identifiers stored in the database; Chinese labels are what stations see, print and type into
 * their ledgers. `variants` are further spellings found in existing ledgers, accepted on import only.
 */
export interface VocabLabel extends BilingualMessage {
  variants?: readonly string[];
}
export type VocabLabels<K extends string> = Readonly<Record<K, VocabLabel>>;

/** The one label helper for every vocabulary (and for CATEGORIES, whose entries are labels too). */
export function labelOf<K extends string>(labels: VocabLabels<K>, key: K, locale: Locale): string {
  const label = labels[key];
  return locale === "en" ? label.en : label.zh;
}

const INDEXES = new WeakMap<object, ReadonlyMap<string, string>>();

function indexOf<K extends string>(labels: VocabLabels<K>): ReadonlyMap<string, K> {
  const cached = INDEXES.get(labels);
  if (cached) return cached as ReadonlyMap<string, K>;
  const index = new Map<string, K>();
  for (const key of Object.keys(labels) as K[]) {
    const label = labels[key];
    for (const alias of [key, label.zh, label.en, ...(label.variants ?? [])]) {
      const folded = foldText(alias);
      // First key wins; vocab.test.ts asserts no alias is shared, so this never hides a mapping.
      if (folded !== "" && !index.has(folded)) index.set(folded, key);
    }
  }
  INDEXES.set(labels, index);
  return index;
}

/**
 * The key a cell or form value names: by key, Chinese or English label or a known variant, after
 * folding full-width characters, spaces and case. Null when nothing matches: the importer reports
 * it rather than guessing (issue 3 "Ledgers in").
 */
export function vocabKeyOf<K extends string>(labels: VocabLabels<K>, text: string | null | undefined): K | null {
  if (text === null || text === undefined) return null;
  return indexOf(labels).get(foldText(text)) ?? null;
}

/**
 * Spellings (key, labels, variants) that name two keys once folded, as "alias → a and b": the
 * vocabulary tests expect none, because vocabKeyOf would otherwise guess between the keys.
 */
export function spellingClashes<K extends string>(labels: VocabLabels<K>): string[] {
  const owner = new Map<string, string>();
  const clashes: string[] = [];
  for (const key of Object.keys(labels) as K[]) {
    const label = labels[key];
    for (const alias of [key, label.zh, label.en, ...(label.variants ?? [])]) {
      const folded = foldText(alias);
      const previous = owner.get(folded);
      if (previous !== undefined && previous !== key) clashes.push(`${alias} → ${previous} and ${key}`);
      owner.set(folded, key);
    }
  }
  return clashes;
}

/** Every alias a vocabulary accepts, for error messages that list what may be typed. */
export function vocabChoicesZh<K extends string>(labels: VocabLabels<K>): string[] {
  return (Object.keys(labels) as K[]).map((key) => labels[key].zh);
}

export const SEXES = ["male", "female"] as const;
export type Sex = (typeof SEXES)[number];
export const ZSexSchema = z.enum(SEXES);
export const SEX_LABELS: VocabLabels<Sex> = {
  // GB/T 2261.1 codes sex as 1 (male) and 2 (female); some exported ledgers keep the code.
  male: { zh: "男", en: "Male", variants: ["男性", "m", "1"] },
  female: { zh: "女", en: "Female", variants: ["女性", "f", "2"] },
};

/**
 * GB 3304-1991 nationality codes in the standard order, plus 97 and 98. Ledgers sent to bureaus
 * carry the Chinese name; statistics use the two-digit code, so the code is what we store.
 */
export const ETHNICITIES = [
  { code: "01", zh: "汉族", en: "Han" },
  { code: "02", zh: "蒙古族", en: "Mongol" },
  { code: "03", zh: "回族", en: "Hui" },
  { code: "04", zh: "藏族", en: "Tibetan" },
  { code: "05", zh: "维吾尔族", en: "Uyghur" },
  { code: "06", zh: "苗族", en: "Miao" },
  { code: "07", zh: "彝族", en: "Yi" },
  { code: "08", zh: "壮族", en: "Zhuang" },
  { code: "09", zh: "布依族", en: "Bouyei" },
  { code: "10", zh: "朝鲜族", en: "Korean" },
  { code: "11", zh: "满族", en: "Manchu" },
  { code: "12", zh: "侗族", en: "Dong" },
  { code: "13", zh: "瑶族", en: "Yao" },
  { code: "14", zh: "白族", en: "Bai" },
  { code: "15", zh: "土家族", en: "Tujia" },
  { code: "16", zh: "哈尼族", en: "Hani" },
  { code: "17", zh: "哈萨克族", en: "Kazakh" },
  { code: "18", zh: "傣族", en: "Dai" },
  { code: "19", zh: "黎族", en: "Li" },
  { code: "20", zh: "傈僳族", en: "Lisu" },
  { code: "21", zh: "佤族", en: "Va" },
  { code: "22", zh: "畲族", en: "She" },
  { code: "23", zh: "高山族", en: "Gaoshan" },
  { code: "24", zh: "拉祜族", en: "Lahu" },
  { code: "25", zh: "水族", en: "Shui" },
  { code: "26", zh: "东乡族", en: "Dongxiang" },
  { code: "27", zh: "纳西族", en: "Naxi" },
  { code: "28", zh: "景颇族", en: "Jingpo" },
  { code: "29", zh: "柯尔克孜族", en: "Kyrgyz" },
  { code: "30", zh: "土族", en: "Tu" },
  { code: "31", zh: "达斡尔族", en: "Daur" },
  { code: "32", zh: "仫佬族", en: "Mulao" },
  { code: "33", zh: "羌族", en: "Qiang" },
  { code: "34", zh: "布朗族", en: "Blang" },
  { code: "35", zh: "撒拉族", en: "Salar" },
  { code: "36", zh: "毛南族", en: "Maonan" },
  { code: "37", zh: "仡佬族", en: "Gelao" },
  { code: "38", zh: "锡伯族", en: "Xibe" },
  { code: "39", zh: "阿昌族", en: "Achang" },
  { code: "40", zh: "普米族", en: "Pumi" },
  { code: "41", zh: "塔吉克族", en: "Tajik" },
  { code: "42", zh: "怒族", en: "Nu" },
  { code: "43", zh: "乌孜别克族", en: "Uzbek" },
  { code: "44", zh: "俄罗斯族", en: "Russian" },
  { code: "45", zh: "鄂温克族", en: "Evenki" },
  { code: "46", zh: "德昂族", en: "De'ang" },
  { code: "47", zh: "保安族", en: "Bonan" },
  { code: "48", zh: "裕固族", en: "Yugur" },
  { code: "49", zh: "京族", en: "Gin" },
  { code: "50", zh: "塔塔尔族", en: "Tatar" },
  { code: "51", zh: "独龙族", en: "Derung" },
  { code: "52", zh: "鄂伦春族", en: "Oroqen" },
  { code: "53", zh: "赫哲族", en: "Hezhen" },
  { code: "54", zh: "门巴族", en: "Monba" },
  { code: "55", zh: "珞巴族", en: "Lhoba" },
  { code: "56", zh: "基诺族", en: "Jino" },
  { code: "97", zh: "其他未识别民族", en: "Other unrecognised ethnic group" },
  { code: "98", zh: "外国血统中国籍人士", en: "Chinese citizen of foreign origin" },
] as const;
export type EthnicityCode = (typeof ETHNICITIES)[number]["code"];
export const ETHNICITY_CODES = ETHNICITIES.map((e) => e.code) as unknown as readonly [EthnicityCode, ...EthnicityCode[]];
export const ZEthnicityCodeSchema = z.enum(ETHNICITY_CODES);

/**
 * Short forms common in Xinjiang ledgers (the pilot region, R3): "维族", "哈族" and the like, and
 * names without the trailing 族 (handled generically in ethnicityCodeOf).
 */
const ETHNICITY_VARIANTS: Partial<Record<EthnicityCode, readonly string[]>> = {
  "02": ["蒙族", "蒙"],
  "05": ["维族", "维"],
  "17": ["哈族"],
  "29": ["柯族"],
  "38": ["锡伯"],
  "43": ["乌兹别克族", "乌孜别克"],
  "97": ["其他", "其它", "未识别民族", "其他民族"],
  "98": ["外国血统", "外国血统中国籍"],
};

export const ETHNICITY_BY_CODE: VocabLabels<EthnicityCode> = Object.fromEntries(
  ETHNICITIES.map((e) => [e.code, { zh: e.zh, en: e.en, variants: ETHNICITY_VARIANTS[e.code] ?? [] }]),
) as unknown as VocabLabels<EthnicityCode>;

/**
 * Tolerant lookup for ledgers: "维吾尔族", "维吾尔", "维族", "05", "5", "Uyghur". Null when unknown;
 * the importer reports the cell rather than storing a guess.
 */
export function ethnicityCodeOf(text: string | number | null | undefined): EthnicityCode | null {
  if (text === null || text === undefined) return null;
  const folded = foldText(String(text));
  if (/^\d{1,2}$/.test(folded)) {
    const code = folded.padStart(2, "0");
    return code in ETHNICITY_BY_CODE ? (code as EthnicityCode) : null;
  }
  const direct = vocabKeyOf(ETHNICITY_BY_CODE, folded);
  if (direct) return direct;
  // "维吾尔" → "维吾尔族"; the bare name of 土族 ("土") must not reach 土家族, and it does not,
  // because only the exact name plus 族 is tried.
  if (folded !== "" && !folded.endsWith("族")) return vocabKeyOf(ETHNICITY_BY_CODE, `${folded}族`);
  return null;
}

export const LIVING_ARRANGEMENTS = ["alone", "with_spouse", "with_children", "with_relatives", "in_institution", "other"] as const;
export type LivingArrangement = (typeof LIVING_ARRANGEMENTS)[number];
export const ZLivingArrangementSchema = z.enum(LIVING_ARRANGEMENTS);
export const LIVING_ARRANGEMENT_LABELS: VocabLabels<LivingArrangement> = {
  alone: { zh: "独居", en: "Lives alone", variants: ["独自居住", "单独居住", "一人居住", "独居老人"] },
  with_spouse: { zh: "与配偶同住", en: "With spouse", variants: ["与配偶居住", "夫妻同住", "与老伴同住", "老两口同住"] },
  with_children: { zh: "与子女同住", en: "With children", variants: ["与子女居住", "和子女同住", "与儿女同住"] },
  with_relatives: { zh: "与其他亲属同住", en: "With other relatives", variants: ["与亲属同住", "与亲属居住", "亲属照料"] },
  in_institution: {
    zh: "机构养护",
    en: "In an institution",
    variants: ["机构养老", "入住养老机构", "养老机构", "敬老院", "福利院", "集中供养"],
  },
  other: { zh: "其他", en: "Other", variants: ["其它"] },
};

export const ECONOMIC_SOURCES = ["pension", "dibao", "tekun", "family", "labour", "other"] as const;
export type EconomicSource = (typeof ECONOMIC_SOURCES)[number];
export const ZEconomicSourceSchema = z.enum(ECONOMIC_SOURCES);
export const ECONOMIC_SOURCE_LABELS: VocabLabels<EconomicSource> = {
  pension: { zh: "养老金", en: "Pension", variants: ["退休金", "养老保险", "城乡居民养老保险"] },
  dibao: { zh: "低保金", en: "Minimum living allowance (dibao)", variants: ["低保"] },
  tekun: { zh: "特困供养金", en: "Extreme-poverty support (tekun)", variants: ["特困供养", "特困金", "供养金"] },
  family: { zh: "子女赡养", en: "Support from children", variants: ["赡养", "子女供养", "家庭供养", "家庭"] },
  labour: { zh: "劳动收入", en: "Earnings from work", variants: ["务农", "务工", "劳动", "务农收入", "务工收入"] },
  other: { zh: "其他", en: "Other", variants: ["其它"] },
};

export const DISABILITY_TYPES = ["visual", "hearing", "speech", "physical", "intellectual", "mental", "multiple"] as const;
export type DisabilityType = (typeof DISABILITY_TYPES)[number];
export const ZDisabilityTypeSchema = z.enum(DISABILITY_TYPES);
/** The seven categories of GB/T 26341 (残疾人残疾分类和分级), as written on disability certificates. */
export const DISABILITY_TYPE_LABELS: VocabLabels<DisabilityType> = {
  visual: { zh: "视力", en: "Visual", variants: ["视力残疾", "视残", "盲"] },
  hearing: { zh: "听力", en: "Hearing", variants: ["听力残疾", "听残", "聋"] },
  speech: { zh: "言语", en: "Speech", variants: ["言语残疾", "语言", "语言残疾"] },
  physical: { zh: "肢体", en: "Physical", variants: ["肢体残疾", "肢残"] },
  intellectual: { zh: "智力", en: "Intellectual", variants: ["智力残疾", "智残"] },
  mental: { zh: "精神", en: "Mental", variants: ["精神残疾", "精残"] },
  multiple: { zh: "多重", en: "Multiple", variants: ["多重残疾", "综合"] },
};

/** Grade 1 is the most severe (GB/T 26341). Keys are strings so every vocabulary is a zod string enum. */
export const DISABILITY_GRADES = ["1", "2", "3", "4"] as const;
export type DisabilityGrade = (typeof DISABILITY_GRADES)[number];
export const ZDisabilityGradeSchema = z.enum(DISABILITY_GRADES);
export const DISABILITY_GRADE_LABELS: VocabLabels<DisabilityGrade> = {
  "1": { zh: "一级", en: "Grade 1", variants: ["1级", "一", "壹级", "i级"] },
  "2": { zh: "二级", en: "Grade 2", variants: ["2级", "二", "贰级", "ii级"] },
  "3": { zh: "三级", en: "Grade 3", variants: ["3级", "三", "叁级", "iii级"] },
  "4": { zh: "四级", en: "Grade 4", variants: ["4级", "四", "肆级", "iv级"] },
};

export const CARE_STATUSES = ["independent", "partly_dependent", "dependent"] as const;
export type CareStatus = (typeof CARE_STATUSES)[number];
export const ZCareStatusSchema = z.enum(CARE_STATUSES);
export const CARE_STATUS_LABELS: VocabLabels<CareStatus> = {
  independent: { zh: "能自理", en: "Independent", variants: ["自理", "生活自理", "生活能自理", "可自理", "能力完好"] },
  partly_dependent: { zh: "半失能", en: "Partly dependent", variants: ["部分失能", "半自理", "部分自理", "轻度失能", "中度失能"] },
  dependent: { zh: "失能", en: "Dependent", variants: ["完全失能", "全失能", "不能自理", "生活不能自理", "重度失能"] },
};

/** Relation to the household head (R9 "family structure" is read from the household). */
export const HOUSEHOLD_RELATIONS = [
  "head",
  "spouse",
  "son",
  "daughter",
  "grandchild",
  "parent",
  "grandparent",
  "sibling",
  "other",
] as const;
export type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];
export const ZHouseholdRelationSchema = z.enum(HOUSEHOLD_RELATIONS);
export const HOUSEHOLD_RELATION_LABELS: VocabLabels<HouseholdRelation> = {
  head: { zh: "户主", en: "Household head", variants: ["本人"] },
  spouse: { zh: "配偶", en: "Spouse", variants: ["妻", "夫", "妻子", "丈夫"] },
  son: { zh: "子", en: "Son", variants: ["儿子", "长子", "次子", "独生子"] },
  daughter: { zh: "女", en: "Daughter", variants: ["女儿", "长女", "次女", "独生女"] },
  grandchild: { zh: "孙子女", en: "Grandchild", variants: ["孙子", "孙女", "外孙子", "外孙女", "外孙"] },
  parent: { zh: "父母", en: "Parent", variants: ["父亲", "母亲", "父", "母"] },
  grandparent: { zh: "祖父母", en: "Grandparent", variants: ["祖父", "祖母", "外祖父", "外祖母", "外祖父母"] },
  sibling: { zh: "兄弟姐妹", en: "Sibling", variants: ["兄", "弟", "姐", "妹", "哥哥", "弟弟", "姐姐", "妹妹"] },
  other: { zh: "其他", en: "Other", variants: ["其它"] },
};

/** A child's guardian (R10), who may live outside the station; institutions can be guardians too. */
export const GUARDIAN_RELATIONS = ["father", "mother", "grandparent", "relative", "other", "institution"] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];
export const ZGuardianRelationSchema = z.enum(GUARDIAN_RELATIONS);
export const GUARDIAN_RELATION_LABELS: VocabLabels<GuardianRelation> = {
  father: { zh: "父亲", en: "Father", variants: ["父", "爸爸", "父子", "父女"] },
  mother: { zh: "母亲", en: "Mother", variants: ["母", "妈妈", "母子", "母女"] },
  grandparent: {
    zh: "祖父母或外祖父母",
    en: "Grandparent",
    variants: ["祖父母", "外祖父母", "祖父", "祖母", "外祖父", "外祖母", "爷爷", "奶奶", "外公", "外婆", "姥爷", "姥姥", "祖孙"],
  },
  relative: {
    zh: "其他亲属",
    en: "Other relative",
    variants: ["亲属", "叔叔", "伯父", "伯伯", "姑姑", "舅舅", "姨", "姨妈", "哥哥", "姐姐", "兄", "姐", "叔侄", "姑侄"],
  },
  other: { zh: "其他", en: "Other", variants: ["其它", "邻居", "朋友"] },
  institution: {
    zh: "机构或组织",
    en: "Institution or organisation",
    variants: ["机构", "福利机构", "儿童福利院", "福利院", "民政部门", "村委会", "居委会", "村民委员会", "居民委员会"],
  },
};

/** Every change to a person is a dated event (issue 3 item 3), so registers can be rebuilt as of any date. */
export const PERSON_EVENT_KINDS = [
  "registered",
  "category_entered",
  "category_left",
  "moved_in",
  "moved_out",
  "died",
  "corrected",
  "id_revealed",
] as const;
export type PersonEventKind = (typeof PERSON_EVENT_KINDS)[number];
export const ZPersonEventKindSchema = z.enum(PERSON_EVENT_KINDS);
export const PERSON_EVENT_KIND_LABELS: VocabLabels<PersonEventKind> = {
  registered: { zh: "登记", en: "Registered" },
  category_entered: { zh: "纳入类别", en: "Entered a category" },
  category_left: { zh: "退出类别", en: "Left a category" },
  moved_in: { zh: "迁入", en: "Moved in" },
  moved_out: { zh: "迁出", en: "Moved out" },
  died: { zh: "死亡", en: "Died" },
  corrected: { zh: "信息更正", en: "Details corrected" },
  id_revealed: { zh: "查看身份证号", en: "ID number revealed" },
};

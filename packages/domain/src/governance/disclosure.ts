import { z } from "zod";
import { formatSmallCount } from "../coverage.ts";
import { bilingual } from "../errors.ts";
import { suppressedAbove, type IndicatorId } from "../reporting/indicators.ts";
import type { StationStatus } from "../station.ts";
import type { VocabLabels } from "../registry/vocab.ts";
import type { ServiceArea } from "../visits/vocab.ts";
import { ZIsoDateSchema } from "../time.ts";
import { optionalLine, requiredLine } from "./text.ts";

/**
 * Public disclosure (issue 5 item 9, R18, R19): each station's page at /p/<slug> for the public,
 * with no login and no personal data. What the station writes for it (address, hours, policy
 * explainers, news) is validated here; what the public sends (complaints, suggestions) too.
 */

/** A station the public can find: planned stations have no office yet, closed ones no longer serve. */
export function isPubliclyListed(status: StationStatus | string): boolean {
  return status === "onboarding" || status === "active" || status === "suspended";
}

/** Multi-line text (a paragraph or a list): trimmed, line ends normalised, blank runs collapsed. */
function prose(max: number, label: { zh: string; en: string }, required: boolean) {
  return z
    .string()
    .transform((v) =>
      v
        .normalize("NFC")
        .replace(/\r\n?/g, "\n")
        .replace(/[^\S\n]+/g, " ")
        .replace(/ *\n */g, "\n")
        .replace(/\n{3,}/g, "\n\n")
        .trim(),
    )
    .pipe(
      z
        .string()
        .min(required ? 1 : 0, { error: bilingual({ zh: `请填写${label.zh}`, en: `${label.en} is required` }) })
        .max(max, { error: bilingual({ zh: `${label.zh}不能超过${max}个字`, en: `${label.en} must be at most ${max} characters` }) }),
    );
}

export const ZPublicProfileSchema = z.object({
  address: requiredLine(200, { zh: "地址", en: "Address" }),
  openingHours: requiredLine(200, { zh: "开放时间", en: "Opening hours" }),
  // A service phone of the station, not of a person.
  phone: z
    .string()
    .transform((v) => v.normalize("NFKC").replace(/\s+/g, ""))
    .pipe(z.string().regex(/^$|^1\d{10}$|^0\d{2,3}-?\d{7,8}$|^\d{5}$/, { error: bilingual({ zh: "服务电话格式不正确", en: "The service phone is not a valid number" }) })),
  intro: prose(1000, { zh: "站点简介", en: "Introduction" }, false),
  serviceAreas: z.array(z.enum(["elderly", "children", "assistance", "social_affairs"])).max(4).default(["elderly", "children", "assistance", "social_affairs"]),
});
export type TPublicProfile = z.output<typeof ZPublicProfileSchema>;
export type TPublicProfileInput = z.input<typeof ZPublicProfileSchema>;

/** What a station shows before it has written its own profile. */
export function defaultPublicProfile(plaqueName: string): TPublicProfile {
  return {
    address: `${plaqueName.replace(/社会工作服务站$/, "")}人民政府便民服务中心`,
    openingHours: "周一至周五 10:00—13:30，15:30—19:30（北京时间），法定节假日除外",
    phone: "",
    intro: "",
    serviceAreas: ["elderly", "children", "assistance", "social_affairs"],
  };
}

/** R9–R12: what each service area means for the people the station serves, in plain words. */
export const PUBLIC_SERVICE_AREA_TEXT: VocabLabels<ServiceArea> = {
  elderly: {
    zh: "为特困、留守、高龄、困难残疾和失能半失能老年人提供上门巡访、生活照料与健康状况关注、精神慰藉、权益维护和临终关怀，协助核实高龄补贴发放。",
    en: "Home-visit rounds for hard-up, left-behind, very old, disabled and dependent elderly people: living and health checks, emotional care, rights protection and end-of-life care; helping verify advanced-age subsidies.",
  },
  children: {
    zh: "为留守儿童、困境儿童、孤儿和事实无人抚养儿童开展摸底排查与家庭随访，宣传监护法律和安全知识，提供心理关爱、救助保护和个案跟进。",
    en: "Screening and family follow-up for left-behind children, children in difficulty, orphans and de-facto-unsupported children; guardianship-law and safety education, emotional support, rescue and protection, casework.",
  },
  assistance: {
    zh: "协助乡镇开展低保、特困供养、临时救助的对象排查、入户调查和动态管理，宣传救助政策、申请条件、办理流程和标准。",
    en: "Helping the township find, visit and follow people for minimum living guarantee, extreme-poverty support and temporary assistance; explaining eligibility, procedure and standards.",
  },
  social_affairs: {
    zh: "开展婚姻家庭辅导、移风易俗和文明节俭办丧宣传、殡葬咨询，为流浪乞讨和易走失人员提供心理疏导与返乡帮扶。",
    en: "Marriage and family counselling, customs reform and frugal funerals, funeral consultation, and support for people who wander or are returning home.",
  },
};

/** The four policies the public asks about most (R11, R9): 低保, 特困, 临时救助, 高龄补贴. */
export const POLICY_TOPICS = ["dibao", "tekun", "temporary_assistance", "advanced_age_allowance"] as const;
export type PolicyTopic = (typeof POLICY_TOPICS)[number];
export const ZPolicyTopicSchema = z.enum(POLICY_TOPICS);

export const ZPolicyExplainerSchema = z.object({
  title: requiredLine(60, { zh: "标题", en: "Title" }),
  conditions: prose(2000, { zh: "申请条件", en: "Conditions" }, true),
  procedure: prose(2000, { zh: "办理流程", en: "Procedure" }, true),
  standards: prose(2000, { zh: "保障标准", en: "Standards" }, true),
});
export type TPolicyExplainer = z.output<typeof ZPolicyExplainerSchema>;

/**
 * General explainers every station starts from, written from the national rules (《社会救助暂行办法》,
 * 《特困人员认定办法》, 《最低生活保障审核确认办法》, the temporary-assistance notices) and the region's
 * advanced-age allowance. Amounts differ by county and year, so the defaults name no figures and
 * point to the published local standard; a station writes its own figures in when it edits them.
 */
export const DEFAULT_POLICY_EXPLAINERS: Record<PolicyTopic, TPolicyExplainer> = {
  dibao: {
    title: "最低生活保障（低保）",
    conditions: [
      "共同生活的家庭成员人均收入低于当地最低生活保障标准；",
      "家庭财产状况（存款、房产、车辆等）符合当地规定；",
      "申请人一般应在户籍所在地申请，持有居住证的可按当地规定在居住地申请。",
      "重病、重残等特殊困难人员可按规定单独申请。",
    ].join("\n"),
    procedure: [
      "1. 申请：向户籍所在地乡镇人民政府（街道办事处）提出书面申请，填写申请表并授权核对家庭经济状况；本人有困难的，可委托村（居）民委员会或社工站代为提出。",
      "2. 调查：乡镇（街道）组织入户调查、邻里访问和信息核对，了解家庭收入、财产和实际生活情况。",
      "3. 公示：调查结果在申请人所在村（社区）公示，接受群众监督。",
      "4. 审核确认：乡镇（街道）提出审核意见，由县级民政部门审批（已委托乡镇审核确认的地方由乡镇确认），不符合条件的书面告知理由。",
      "5. 发放与管理：自批准次月起按月发放；家庭人口、收入、财产发生变化的应及时告知，定期复核。",
    ].join("\n"),
    standards: [
      "低保标准由州（市）、县（市）人民政府按当地基本生活费用确定并向社会公布，城市、农村分别执行。",
      "低保金一般按家庭人均收入与当地低保标准的差额发放；对老年人、未成年人、重度残疾人、重病患者等可按规定增发。",
      "具体标准以当年公布为准，可向社工站或乡镇民政办咨询。",
    ].join("\n"),
  },
  tekun: {
    title: "特困人员救助供养",
    conditions: [
      "本地户籍的老年人（60周岁以上）、残疾人、未满18周岁的未成年人，同时具备以下条件：",
      "（一）无劳动能力；",
      "（二）无生活来源；",
      "（三）无法定赡养、抚养、扶养义务人，或者其法定义务人无履行义务能力。",
    ].join("\n"),
    procedure: [
      "1. 申请：本人向户籍所在地乡镇人民政府（街道办事处）提出书面申请；本人申请有困难的，可委托村（居）民委员会、社工站或他人代为提出。",
      "2. 调查核实：乡镇（街道）通过入户调查、邻里访问、信息核对等方式核实情况，并在村（社区）公示。",
      "3. 审核确认：县级民政部门审核确认（已委托乡镇审核确认的由乡镇确认），不予确认的书面说明理由。",
      "4. 供养：可选择在家分散供养或到供养服务机构集中供养；生活不能自理的，委托照料服务。",
    ].join("\n"),
    standards: [
      "基本生活标准不低于当地低保标准的1.3倍；",
      "照料护理标准按生活自理能力（全自理、半护理、全护理）分档确定；",
      "同时提供疾病治疗、住房救助、教育救助和丧葬事宜办理等保障，具体标准以当地公布为准。",
    ].join("\n"),
  },
  temporary_assistance: {
    title: "临时救助",
    conditions: [
      "因火灾、交通事故、溺水等意外事件，或家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难的家庭或个人；",
      "因教育、医疗等生活必需支出突然增加，超出家庭承受能力，导致基本生活暂时出现严重困难的低收入家庭；",
      "遭遇其他特殊困难、暂时无法得到家庭支持的人员。",
    ].join("\n"),
    procedure: [
      "1. 申请：向户籍所在地或经常居住地的乡镇人民政府（街道办事处）提出申请，也可由村（居）民委员会、社工站发现后代为提出。",
      "2. 审核审批：乡镇（街道）调查核实后审核，按规定报县级民政部门审批或由乡镇直接审批。",
      "3. 急难先行救助：情况紧急的，可先行救助，事后补齐手续。",
      "4. 救助方式：发放救助金或实物，也可转介医疗、教育、慈善等帮扶资源。",
    ].join("\n"),
    standards: [
      "救助金额根据困难类型、困难程度和持续时间确定，一般以当地月低保标准为基数按倍数计算；",
      "同一事由原则上不重复救助，具体标准以当地公布为准。",
    ].join("\n"),
  },
  advanced_age_allowance: {
    title: "高龄补贴（高龄津贴）",
    conditions: ["本地户籍、年满80周岁的老年人。", "按年龄段（80—89周岁、90—99周岁、100周岁及以上）分档享受。"].join("\n"),
    procedure: [
      "1. 申请：本人或家属持身份证、户口簿和本人社会保障卡（银行卡）向户籍所在村（社区）或乡镇（街道）提出申请。",
      "2. 审核：乡镇（街道）核实年龄和户籍后报县级民政部门审批，批准后次月起按月发放至本人账户。",
      "3. 资格认证：每年须进行一次生存认证（人脸识别或工作人员入户核查）；未按时认证的，从次月起暂停发放，认证后恢复。",
      "4. 变更：老人去世或户籍迁出的，家属应及时告知，停止发放。",
    ].join("\n"),
    standards: "按年龄段分档按月发放，年龄越高标准越高；具体标准以自治区和当地民政部门公布的标准为准。",
  },
};

/** The progress numbers the page shows, all read from the station × month rollups. */
export const PUBLIC_PROGRESS_INDICATORS = ["people.registered", "visits.done", "cases.opened", "activities.held", "activities.attendance", "volunteers.minutes"] as const satisfies readonly IndicatorId[];
export type PublicProgressIndicator = (typeof PUBLIC_PROGRESS_INDICATORS)[number];

/**
 * A number as the public page shows it. People counts follow the reports' small-cell rule
 * (suppressedAbove); on a page anyone can read, every other count of 1–4 is shown as "<5" too,
 * since two cases opened this year in a small township can point at a household. Minutes are
 * shown as whole hours, which name no one.
 */
export function publicProgressValue(indicator: PublicProgressIndicator, value: number): string {
  if (indicator === "volunteers.minutes") return String(Math.floor(value / 60));
  return suppressedAbove(indicator, value) ?? formatSmallCount(value);
}

// ---------------------------------------------------------------------------------------------
// News posted by the station (R18: updates and progress).
export const ZStationNewsSchema = z.object({
  title: requiredLine(80, { zh: "标题", en: "Title" }),
  body: prose(5000, { zh: "正文", en: "Body" }, true),
  publishedOn: ZIsoDateSchema,
});
export type TStationNews = z.output<typeof ZStationNewsSchema>;

// ---------------------------------------------------------------------------------------------
// Complaints and suggestions from the public.
export const PUBLIC_MESSAGE_KINDS = ["complaint", "suggestion", "inquiry"] as const;
export type PublicMessageKind = (typeof PUBLIC_MESSAGE_KINDS)[number];
export const PUBLIC_MESSAGE_KIND_LABELS: VocabLabels<PublicMessageKind> = {
  complaint: { zh: "投诉", en: "Complaint" },
  suggestion: { zh: "建议", en: "Suggestion" },
  inquiry: { zh: "咨询", en: "Inquiry" },
};
export const PUBLIC_MESSAGE_STATUSES = ["new", "in_progress", "closed"] as const;
export type PublicMessageStatus = (typeof PUBLIC_MESSAGE_STATUSES)[number];
export const PUBLIC_MESSAGE_STATUS_LABELS: VocabLabels<PublicMessageStatus> = {
  new: { zh: "待处理", en: "New" },
  in_progress: { zh: "处理中", en: "In progress" },
  closed: { zh: "已办结", en: "Closed" },
};

export const PUBLIC_MESSAGE_MAX_CHARS = 1000;

/** What a member of the public sends from the form: length-limited, the contact optional. */
export const ZPublicMessageSchema = z.object({
  kind: z.enum(PUBLIC_MESSAGE_KINDS),
  body: prose(PUBLIC_MESSAGE_MAX_CHARS, { zh: "内容", en: "Message" }, true).pipe(
    z.string().min(5, { error: bilingual({ zh: "内容至少5个字", en: "Write at least 5 characters" }) }),
  ),
  // Only for a reply; kept in the station's inbox, never on the page.
  contact: optionalLine(60).optional(),
});
export type TPublicMessage = z.output<typeof ZPublicMessageSchema>;

export const ZPublicMessageHandlingSchema = z.object({
  status: z.enum(PUBLIC_MESSAGE_STATUSES),
  reply: optionalLine(1000).optional(),
});
export type TPublicMessageHandling = z.output<typeof ZPublicMessageHandlingSchema>;

// Crockford's base32 without I, L, O, U: nothing a caller reading it out over the phone mistakes.
const REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * The reference a submitter keeps: the Beijing date and six random characters (about a billion
 * per day), so references cannot be guessed or counted from outside. `random` gives six bytes.
 */
export function formatMessageReference(today: string, random: Uint8Array): string {
  if (random.length < 6) throw new RangeError("six random bytes are needed");
  const tail = Array.from(random.slice(0, 6), (b) => REFERENCE_ALPHABET[b % 32]).join("");
  return `${today.replaceAll("-", "")}-${tail}`;
}

export const ZMessageReferenceSchema = z.string().regex(/^\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/);

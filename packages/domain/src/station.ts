import { pinyin } from "pinyin-pro";
import { z } from "zod";
import { ERROR_MESSAGES, bilingual, type AppErrorCode, type BilingualMessage } from "./errors.ts";

/** R2 tracks rollout, so a station exists from planning onwards, not only once it is open. */
export const STATION_STATUSES = ["planned", "onboarding", "active", "suspended", "closed"] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];

export const STATION_STATUS_LABELS: Record<StationStatus, BilingualMessage> = {
  planned: { zh: "计划中", en: "Planned" },
  onboarding: { zh: "开通中", en: "Onboarding" },
  active: { zh: "运营中", en: "Active" },
  suspended: { zh: "已暂停", en: "Suspended" },
  closed: { zh: "已关闭", en: "Closed" },
};

/** Closed is final: a township that reopens gets a new onboarding, keeping the old record intact. */
export const STATION_TRANSITIONS: Record<StationStatus, readonly StationStatus[]> = {
  planned: ["onboarding", "closed"],
  onboarding: ["active", "suspended", "closed"],
  active: ["suspended", "closed"],
  suspended: ["active", "closed"],
  closed: [],
};

export function canTransition(from: StationStatus, to: StationStatus): boolean {
  return STATION_TRANSITIONS[from].includes(to);
}

/**
 * Division names that stand for a grouping, not a place (municipal "市辖区", Xinjiang's
 * "自治区直辖县级行政区划"), which must not appear on a plaque.
 */
function isPlaceholderName(name: string | undefined): boolean {
  const value = name?.trim() ?? "";
  return value === "" || value === "市辖区" || value === "县" || value.endsWith("直辖县级行政区划");
}

export interface StationPlace {
  prefectureName?: string;
  countyName: string;
  townshipName: string;
}

/** The place above the township named on the plaque: the county-level name, else the prefecture's. */
function placeAbove({ prefectureName, countyName }: StationPlace): string {
  if (!isPlaceholderName(countyName)) return countyName.trim();
  if (!isPlaceholderName(prefectureName)) return prefectureName?.trim() ?? "";
  return "";
}

/** R8: the plaque reads city/county + township + 社会工作服务站, e.g. 昌吉市六工镇社会工作服务站. */
export function plaqueNameOf(place: StationPlace): string {
  return `${placeAbove(place)}${place.townshipName.trim()}社会工作服务站`;
}

function pinyinSlugPart(text: string): string {
  // `v: true` writes ü as v (nv, lv), the usual ASCII spelling, instead of dropping it.
  return pinyin(text, { toneType: "none", type: "array", v: true, nonZh: "consecutive" })
    .join("")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * A URL-safe name like "changjishi-liugongzhen". Deterministic for a given pinyin-pro version
 * (pinned), but not guaranteed unique (homophones, polyphonic characters): callers must still
 * check for collisions, e.g. by appending the code.
 */
export function stationSlugOf(place: StationPlace & { code: string }): string {
  const parts = [pinyinSlugPart(placeAbove(place)), pinyinSlugPart(place.townshipName)].filter(Boolean);
  return parts.length > 0 ? parts.join("-") : `s-${place.code}`;
}

/** The red of the national social-work mark. */
export const DEFAULT_PRIMARY_COLOR = "#b7282e";

export const ZColorSchema = z
  .string()
  .trim()
  .regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i, { error: bilingual(ERROR_MESSAGES.BRANDING_COLOR) })
  .transform((value) => {
    const hex = value.slice(1).toLowerCase();
    return hex.length === 3 ? `#${[...hex].map((c) => c + c).join("")}` : `#${hex}`;
  });

/** R8: the "中国社会工作" mark indoors; the "中国志愿服务" mark only where volunteers are hosted. */
export const ZStationBrandingSchema = z.object({
  primaryColor: ZColorSchema,
  showSocialWorkMark: z.boolean(),
  showVolunteerMark: z.boolean(),
});
export type TStationBranding = z.infer<typeof ZStationBrandingSchema>;

export const LOGO_MAX_BYTES = 256 * 1024;
export const LOGO_MIME_TYPES = ["image/png", "image/jpeg", "image/webp", "image/svg+xml"] as const;
export type LogoMimeType = (typeof LOGO_MIME_TYPES)[number];

const startsWithBytes = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * SVG is text that a browser may execute when opened directly, so beyond looking like SVG it must
 * carry no script, event handler, javascript: URL, embedded HTML or entity declarations
 * (billion-laughs). This is a refusal list, not a sanitizer: serve logos with nosniff and a
 * restrictive Content-Security-Policy as well.
 */
function isSafeSvg(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  if (/<script|\bon[a-z]+\s*=|javascript:|<!entity|<foreignobject/i.test(text)) return false;
  let rest = text.replace(/^\uFEFF/, "").trimStart();
  if (rest.startsWith("<?xml")) {
    const end = rest.indexOf("?>");
    if (end < 0) return false;
    rest = rest.slice(end + 2);
  }
  // Comments and a DOCTYPE without an internal subset may come before the root element.
  for (;;) {
    rest = rest.trimStart();
    const prolog = /^(?:<!--[\s\S]*?-->|<!DOCTYPE[^[>]*>)/.exec(rest);
    if (!prolog) break;
    rest = rest.slice(prolog[0].length);
  }
  return /^<svg[\s/>]/.test(rest);
}

/** The MIME type the bytes actually are; a declared Content-Type is never trusted. */
export function sniffImageMime(bytes: Uint8Array): LogoMimeType | null {
  if (startsWithBytes(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWithBytes(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWithBytes(bytes, ascii("RIFF")) && startsWithBytes(bytes, ascii("WEBP"), 8)) return "image/webp";
  if (isSafeSvg(bytes)) return "image/svg+xml";
  return null;
}

export type LogoCheck = { ok: true; mime: LogoMimeType } | { ok: false; code: AppErrorCode & `LOGO_${string}` };

export function checkLogo(bytes: Uint8Array): LogoCheck {
  if (bytes.length > LOGO_MAX_BYTES) return { ok: false, code: "LOGO_TOO_LARGE" };
  const mime = sniffImageMime(bytes);
  return mime ? { ok: true, mime } : { ok: false, code: "LOGO_NOT_IMAGE" };
}

import { createHash, createHmac, randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { findPublicStation, loadPublicPage, publicPageCache, submitPublicMessage, AppError, type CachedPage, type PublicPageModel } from "@shegong/api";
import type { ShegongDb } from "@shegong/db";
import {
  ERROR_MESSAGES,
  FUNDING_SOURCE_LABELS,
  formatFen,
  INDICATORS,
  PUBLIC_MESSAGE_KIND_LABELS,
  PUBLIC_MESSAGE_KINDS,
  PUBLIC_MESSAGE_MAX_CHARS,
  PUBLIC_PROGRESS_INDICATORS,
  PUBLIC_SERVICE_AREA_TEXT,
  SERVICE_AREA_LABELS,
  STATION_STATUS_LABELS,
  todayInShanghai,
  ZPublicMessageSchema,
  type PublicMessageKind,
} from "@shegong/domain";
import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { baseSecurityHeaders } from "./security.ts";

/**
 * The public disclosure page (issue 5 item 9, R18, R19): GET /p/<slug>, server-rendered, no
 * login, no script, no personal data; its complaint/suggestion form posts to /p/<slug>/messages.
 * The page is cached a few seconds (PublicPageCache) so a crowd reading it costs one render.
 */

const PUBLIC_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.7 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:#1f1f1f;background:#f5f5f5}
header.plaque{background:var(--brand,#b7282e);color:#fff;padding:24px 16px;text-align:center}
header.plaque img{height:64px;width:auto;background:#fff;border-radius:8px;padding:4px;margin-bottom:8px}
header.plaque h1{margin:0;font-size:26px;letter-spacing:2px}
header.plaque .place{opacity:.9;margin-top:4px}
.marks{margin-top:12px;display:flex;gap:8px;justify-content:center;flex-wrap:wrap}
.mark{border:1px solid #fff;border-radius:16px;padding:2px 12px;font-size:14px}
main{max-width:920px;margin:0 auto;padding:16px}
section{background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:16px}
h2{margin:0 0 12px;font-size:20px;border-left:4px solid var(--brand,#b7282e);padding-left:8px}
h3{font-size:17px;margin:12px 0 4px}
dl{display:grid;grid-template-columns:8em 1fr;gap:4px 12px;margin:0}
dt{color:#595959}
dd{margin:0}
.pre{white-space:pre-line}
.progress{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px}
.figure{border:1px solid #f0f0f0;border-radius:8px;padding:12px;text-align:center}
.figure b{display:block;font-size:26px;color:var(--brand,#b7282e)}
.note{color:#8c8c8c;font-size:14px}
details{border-top:1px solid #f0f0f0;padding:8px 0}
summary{cursor:pointer;font-weight:600}
article{border-top:1px solid #f0f0f0;padding:8px 0}
article time{color:#8c8c8c;font-size:14px}
form label{display:block;margin:8px 0 4px}
textarea,input[type=text],select{width:100%;font:inherit;padding:8px;border:1px solid #d9d9d9;border-radius:6px}
textarea{min-height:140px}
button{margin-top:12px;font:inherit;color:#fff;background:var(--brand,#b7282e);border:0;border-radius:6px;padding:8px 24px;cursor:pointer}
.error{color:#a8071a;background:#fff1f0;border:1px solid #ffccc7;border-radius:6px;padding:8px 12px}
.receipt{font-size:22px;font-weight:700;letter-spacing:1px}
footer{text-align:center;color:#8c8c8c;font-size:13px;padding:16px}
@media (max-width:600px){dl{grid-template-columns:1fr}dt{margin-top:6px}}
`.trim();
const CSS_VERSION = createHash("sha256").update(PUBLIC_CSS).digest("hex").slice(0, 12);
const CSS_PATH = `/p/assets/public-${CSS_VERSION}.css`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}
const h = escapeHtml;

/** The station's colour as one hashed <style> element: the policy then allows that block and nothing else inline. */
function brandStyle(primaryColor: string): { element: string; hash: string } {
  const color = /^#[0-9a-fA-F]{6}$/.test(primaryColor) ? primaryColor : "#b7282e";
  const css = `:root{--brand:${color}}`;
  return { element: `<style>${css}</style>`, hash: `'sha256-${createHash("sha256").update(css).digest("base64")}'` };
}

function contentSecurityPolicy(styleHash: string | null): string {
  return `default-src 'none'; style-src 'self'${styleHash ? ` ${styleHash}` : ""}; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;
}

function layout(title: string, brand: { element: string } | null, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(title)}</title><link rel="stylesheet" href="${CSS_PATH}">${brand?.element ?? ""}</head>
<body>${body}
<footer>本页由社工站依法公开，不含任何服务对象个人信息。</footer>
</body></html>`;
}

function yuan(fen: number): string {
  return formatFen(fen);
}

function messageForm(slug: string, values: { kind?: PublicMessageKind; body?: string; contact?: string } = {}, error?: string): string {
  const options = PUBLIC_MESSAGE_KINDS.map((k) => `<option value="${k}"${values.kind === k ? " selected" : ""}>${h(PUBLIC_MESSAGE_KIND_LABELS[k].zh)}</option>`).join("");
  return `<form method="post" action="/p/${h(slug)}/messages" accept-charset="utf-8">
${error ? `<p class="error" role="alert">${h(error)}</p>` : ""}
<label for="kind">类型</label><select id="kind" name="kind">${options}</select>
<label for="body">内容（${PUBLIC_MESSAGE_MAX_CHARS}字以内；请勿填写身份证号等个人敏感信息）</label>
<textarea id="body" name="body" maxlength="${PUBLIC_MESSAGE_MAX_CHARS}" required>${h(values.body ?? "")}</textarea>
<label for="contact">联系方式（选填，仅用于回复，不会公开）</label><input type="text" id="contact" name="contact" maxlength="60" value="${h(values.contact ?? "")}">
<button type="submit">提交</button>
</form>`;
}

function header(model: PublicPageModel): string {
  const marks = [model.branding.showSocialWorkMark ? "中国社会工作" : null, model.branding.showVolunteerMark ? "中国志愿服务" : null].filter(Boolean);
  return `<header class="plaque">
${model.branding.logoUrl ? `<img src="${h(model.branding.logoUrl)}" alt="站徽">` : ""}
<h1>${h(model.plaqueName)}</h1>
<div class="place">${h([model.place.county, model.place.township].filter(Boolean).join(" · "))}${model.status === "active" ? "" : ` · ${h(STATION_STATUS_LABELS[model.status].zh)}`}</div>
${marks.length ? `<div class="marks">${marks.map((m) => `<span class="mark">${h(m!)}</span>`).join("")}</div>` : ""}
</header>`;
}

export function renderPublicPage(model: PublicPageModel): { html: string; csp: string } {
  const brand = brandStyle(model.branding.primaryColor);
  const p = model.profile;
  const basics = `<section id="basics"><h2>基本信息</h2><dl>
<dt>地址</dt><dd>${h(p.address)}</dd>
<dt>开放时间</dt><dd>${h(p.openingHours)}</dd>
${p.phone ? `<dt>服务电话</dt><dd>${h(p.phone)}</dd>` : ""}
<dt>承接机构</dt><dd>${model.contractor ? `${h(model.contractor.name)}${model.contractor.creditCode ? `<br><span class="note">统一社会信用代码 ${h(model.contractor.creditCode)}</span>` : ""}` : "待定"}</dd>
</dl>${p.intro ? `<p class="pre">${h(p.intro)}</p>` : ""}</section>`;
  const a = model.agreement;
  const agreement = `<section id="agreement"><h2>政府购买服务协议</h2>${
    a
      ? `<dl><dt>购买方</dt><dd>${h(a.purchaserName)}</dd><dt>服务期限</dt><dd>${h(a.serviceStart)} 至 ${h(a.serviceEnd)}</dd><dt>协议金额</dt><dd>${h(yuan(a.amountFen))}</dd>
<dt>资金来源</dt><dd>${a.funding.map((f) => `${h(FUNDING_SOURCE_LABELS[f.source]?.zh ?? f.source)} ${h(yuan(f.amountFen))}`).join("<br>")}</dd></dl>`
      : `<p class="note">协议备案后在此公开。</p>`
  }</section>`;
  const areas = `<section id="services"><h2>服务内容</h2>${model.serviceAreas.map((k) => `<h3>${h(SERVICE_AREA_LABELS[k].zh)}</h3><p>${h(PUBLIC_SERVICE_AREA_TEXT[k].zh)}</p>`).join("")}</section>`;
  const explainers = `<section id="policies"><h2>政策解读</h2>${model.explainers
    .map(
      (e) => `<details><summary>${h(e.title)}</summary><h3>申请条件</h3><p class="pre">${h(e.conditions)}</p><h3>办理流程</h3><p class="pre">${h(e.procedure)}</p><h3>保障标准</h3><p class="pre">${h(e.standards)}</p></details>`,
    )
    .join("")}</section>`;
  const progressLabels: Record<(typeof PUBLIC_PROGRESS_INDICATORS)[number], string> = {
    "people.registered": "在册服务对象（人）",
    "visits.done": "走访（次）",
    "cases.opened": "新开个案（个）",
    "activities.held": "开展活动（场）",
    "activities.attendance": "活动参与（人次）",
    "volunteers.minutes": "志愿服务（小时）",
  };
  const progress = `<section id="progress"><h2>${h(model.progress.year)}年服务进度</h2><div class="progress">${PUBLIC_PROGRESS_INDICATORS.map(
    (id) => `<div class="figure" title="${h(INDICATORS[id].definition.zh)}"><b>${h(model.progress.values[id])}</b>${h(progressLabels[id])}</div>`,
  ).join("")}</div><p class="note">${model.progress.asOfMonth ? `统计截至${h(model.progress.asOfMonth)}。` : "本年度暂无统计。"}为保护个人信息，1至4的数字显示为“&lt;5”。</p></section>`;
  const news = `<section id="news"><h2>工作动态</h2>${
    model.news.length ? model.news.map((n) => `<article><h3>${h(n.title)}</h3><time datetime="${h(n.publishedOn)}">${h(n.publishedOn)}</time><p class="pre">${h(n.body)}</p></article>`).join("") : `<p class="note">暂无动态。</p>`
  }</section>`;
  const form = `<section id="messages"><h2>投诉与建议</h2><p>您的意见将送达本站，提交后会显示受理编号，请妥善保存。</p>${messageForm(model.slug)}</section>`;
  const html = layout(model.plaqueName, brand, `${header(model)}<main>${basics}${agreement}${areas}${explainers}${progress}${news}${form}</main>`);
  return { html, csp: contentSecurityPolicy(brand.hash) };
}

function simplePage(title: string, body: string): { html: string; csp: string } {
  return { html: layout(title, null, `<main><section>${body}</section></main>`), csp: contentSecurityPolicy(null) };
}

/**
 * Submissions per sender address in a sliding window; one process's memory, like the page cache.
 * The station's own hourly cap (submitPublicMessage) holds across processes.
 */
export class SubmissionThrottle {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly limit = 5,
    private readonly windowMs = 10 * 60_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** True when this sender may submit now (and counts the submission). */
  take(sender: string): boolean {
    const now = this.now();
    const recent = (this.hits.get(sender) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(sender, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(sender, recent);
    if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (v.every((t) => t <= now - this.windowMs)) this.hits.delete(k);
    return true;
  }
}

export interface PublicPageOptions {
  database: ShegongDb;
  clientIp: (c: Context) => string;
  throttle?: SubmissionThrottle;
}

const HTML_HEADERS = { "Content-Type": "text/html; charset=utf-8" };

function send(c: Context, status: 200 | 400 | 404 | 429, page: { html: string; csp: string }, cache = "no-store") {
  return c.body(page.html, status, { ...HTML_HEADERS, ...baseSecurityHeaders(c.req.url), "Content-Security-Policy": page.csp, "Cache-Control": cache });
}

/**
 * The page and its stylesheet. Mounted ahead of the app's middleware: a GET of a page kept in
 * memory needs no body limit, origin check or handler timer, and under a crowd those were a good
 * part of each request's cost; it sets the same security headers itself.
 */
export function mountPublicPageReads(app: Hono, options: Pick<PublicPageOptions, "database">) {
  const { database } = options;
  app.get(CSS_PATH, (c) => c.body(PUBLIC_CSS, 200, { ...baseSecurityHeaders(c.req.url), "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable" }));

  app.get("/p/:slug", async (c) => {
    const slug = c.req.param("slug");
    const page = await publicPageCache.get(slug, async (): Promise<CachedPage | null> => {
      const model = await loadPublicPage(database, slug);
      if (!model) return null;
      const { html, csp } = renderPublicPage(model);
      const body = new TextEncoder().encode(html);
      return { stationId: model.stationId, body, gzip: new Uint8Array(gzipSync(body)), csp, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
    });
    if (!page) return send(c, 404, simplePage("未找到", "<h2>未找到该社工站</h2><p>请核对网址。</p>"));
    const gzip = /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");
    // Each encoding is its own representation, so each has its own tag.
    const etag = gzip ? page.etag.replace(/"$/, '-gz"') : page.etag;
    const headers: Record<string, string> = { ...HTML_HEADERS, ...baseSecurityHeaders(c.req.url), "Content-Security-Policy": page.csp, "Cache-Control": "public, max-age=5", ETag: etag, Vary: "Accept-Encoding" };
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
    return gzip ? c.body(page.gzip, 200, { ...headers, "Content-Encoding": "gzip" }) : c.body(page.body, 200, headers);
  });
}

/** The form's POST, behind the app's middleware: its body limit, its same-origin wall (CSRF) and its timer. */
export function mountPublicPageForm(app: Hono, options: PublicPageOptions) {
  const { database } = options;
  const throttle = options.throttle ?? new SubmissionThrottle();
  // Resubmissions are recognised by a keyed hash of the address and day, never the address itself.
  const senderKey = randomBytes(32);
  const senderHash = (ip: string, day: string) => createHmac("sha256", senderKey).update(`${ip}|${day}`).digest("base64url").slice(0, 22);

  // A form post is small: this refuses anything larger before it is read.
  const smallForm = bodyLimit({ maxSize: 16 * 1024, onError: (c) => send(c, 400, simplePage("提交失败", `<p class="error">提交内容过长。</p>`)) });
  app.post("/p/:slug/messages", smallForm, async (c) => {
    const slug = c.req.param("slug");
    const station = await findPublicStation(database, slug);
    if (!station) return send(c, 404, simplePage("未找到", "<h2>未找到该社工站</h2>"));
    let form: Record<string, string | File>;
    try {
      form = await c.req.parseBody();
    } catch {
      return send(c, 400, simplePage("提交失败", `<p class="error">无法读取提交内容，请返回重试。</p>`));
    }
    const raw = { kind: String(form.kind ?? ""), body: String(form.body ?? ""), contact: String(form.contact ?? "") };
    const back = `<p><a href="/p/${h(slug)}">返回社工站主页</a></p>`;
    const parsed = ZPublicMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const reason = parsed.error.issues[0]?.message.split(" / ")[0] ?? "提交内容不完整";
      return send(c, 400, simplePage("请修改后重新提交", `<h2>请修改后重新提交</h2>${messageForm(slug, { ...raw, kind: raw.kind as PublicMessageKind }, reason)}${back}`));
    }
    const ip = options.clientIp(c);
    if (!throttle.take(ip)) {
      c.header("Retry-After", "600");
      return send(c, 429, simplePage("提交过于频繁", `<p class="error">${h(ERROR_MESSAGES.PUBLIC_MESSAGE_THROTTLED.zh)}</p>${back}`));
    }
    const today = todayInShanghai();
    try {
      const { reference } = await submitPublicMessage(database, station.id, parsed.data, senderHash(ip, today));
      return send(
        c,
        200,
        simplePage(
          "已收到",
          `<h2>已收到您的${h(PUBLIC_MESSAGE_KIND_LABELS[parsed.data.kind].zh)}</h2><p>受理编号：</p><p class="receipt">${h(reference)}</p><p>请保存此编号，咨询办理进度时请提供。</p>${back}`,
        ),
      );
    } catch (error) {
      if (error instanceof AppError && error.appCode === "PUBLIC_MESSAGE_THROTTLED") {
        c.header("Retry-After", "3600");
        return send(c, 429, simplePage("提交过于频繁", `<p class="error">${h(ERROR_MESSAGES.PUBLIC_MESSAGE_THROTTLED.zh)}</p>${back}`));
      }
      throw error;
    }
  });
}

import { describe, expect, it } from "vitest";
import {
  DEFAULT_PRIMARY_COLOR,
  LOGO_MAX_BYTES,
  STATION_STATUSES,
  STATION_TRANSITIONS,
  ZColorSchema,
  ZStationBrandingSchema,
  canTransition,
  checkLogo,
  plaqueNameOf,
  sniffImageMime,
  stationSlugOf,
} from "./station.ts";

describe("status transitions", () => {
  it("follow the lifecycle", () => {
    expect(canTransition("planned", "onboarding")).toBe(true);
    expect(canTransition("planned", "active")).toBe(false);
    expect(canTransition("onboarding", "active")).toBe(true);
    expect(canTransition("active", "suspended")).toBe(true);
    expect(canTransition("suspended", "active")).toBe(true);
    expect(canTransition("active", "onboarding")).toBe(false);
  });

  it("never leave closed and never stay in place", () => {
    for (const to of STATION_STATUSES) expect(canTransition("closed", to)).toBe(false);
    for (const s of STATION_STATUSES) expect(STATION_TRANSITIONS[s]).not.toContain(s);
  });
});

describe("plaqueNameOf", () => {
  it("follows the plan's pattern", () => {
    expect(plaqueNameOf({ countyName: "昌吉市", townshipName: "六工镇" })).toBe("昌吉市六工镇社会工作服务站");
  });

  it("uses the county, not the prefecture", () => {
    expect(plaqueNameOf({ prefectureName: "昌吉回族自治州", countyName: "昌吉市", townshipName: "六工镇" })).toBe(
      "昌吉市六工镇社会工作服务站",
    );
  });

  it("falls back to the prefecture when the county name is a placeholder", () => {
    expect(plaqueNameOf({ prefectureName: "石河子市", countyName: "自治区直辖县级行政区划", townshipName: "新城街道" })).toBe(
      "石河子市新城街道社会工作服务站",
    );
    expect(plaqueNameOf({ countyName: "市辖区", townshipName: "新城街道" })).toBe("新城街道社会工作服务站");
  });
});

describe("stationSlugOf", () => {
  it("writes toneless pinyin joined by a hyphen", () => {
    expect(stationSlugOf({ countyName: "昌吉市", townshipName: "六工镇", code: "652301105" })).toBe(
      "changjishi-liugongzhen",
    );
  });

  it("keeps ü as v and drops punctuation", () => {
    expect(stationSlugOf({ countyName: "天山区", townshipName: "女儿（街道）", code: "650102001" })).toBe(
      "tianshanqu-nverjiedao",
    );
  });

  it("falls back to the code when nothing is left", () => {
    expect(stationSlugOf({ countyName: "市辖区", townshipName: "——", code: "110101001" })).toBe("s-110101001");
  });
});

describe("ZColorSchema", () => {
  it("normalises to lowercase #rrggbb", () => {
    expect(ZColorSchema.parse("#B7282E")).toBe(DEFAULT_PRIMARY_COLOR);
    expect(ZColorSchema.parse("#AbC")).toBe("#aabbcc");
  });

  it.each(["b7282e", "#b7282", "#ggg", "red", "#b7282e00", ""])("rejects %j with a bilingual message", (value) => {
    const result = ZColorSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/主题色.*colour/);
  });

  it("is used by the branding schema", () => {
    expect(ZStationBrandingSchema.parse({ primaryColor: "#FFF", showSocialWorkMark: true, showVolunteerMark: false })).toEqual(
      { primaryColor: "#ffffff", showSocialWorkMark: true, showVolunteerMark: false },
    );
    expect(ZStationBrandingSchema.safeParse({ primaryColor: "#fff", showSocialWorkMark: "yes" }).success).toBe(false);
  });
});

describe("sniffImageMime", () => {
  const bytes = (...parts: (string | number[])[]) =>
    new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

  it("recognises raster formats by magic bytes", () => {
    expect(sniffImageMime(bytes([0x89], "PNG\r\n\x1a\n", [0, 0]))).toBe("image/png");
    expect(sniffImageMime(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffImageMime(bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "))).toBe("image/webp");
  });

  it("refuses near misses", () => {
    expect(sniffImageMime(bytes([0x89], "PNG"))).toBeNull();
    expect(sniffImageMime(bytes("RIFF", [0, 0, 0, 0], "WAVE"))).toBeNull();
    expect(sniffImageMime(bytes("GIF89a"))).toBeNull();
    expect(sniffImageMime(bytes("<html><svg></svg></html>"))).toBeNull();
    expect(sniffImageMime(new Uint8Array())).toBeNull();
  });

  it("recognises SVG after a BOM, XML declaration, comment and doctype", () => {
    expect(sniffImageMime(bytes("<svgx></svgx>"))).toBeNull();
    expect(sniffImageMime(bytes("<svg/>"))).toBe("image/svg+xml");
    expect(sniffImageMime(bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBe("image/svg+xml");
    expect(
      sniffImageMime(
        bytes(
          [0xef, 0xbb, 0xbf],
          '\n <?xml version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg viewBox="0 0 1 1"><path d="M0 0"/></svg>',
        ),
      ),
    ).toBe("image/svg+xml");
  });

  it.each([
    '<svg><script>alert(1)</script></svg>',
    '<svg><SCRIPT>alert(1)</SCRIPT></svg>',
    '<svg onload="alert(1)"></svg>',
    "<svg><rect ONCLICK = 'x()'/></svg>",
    '<svg><a href="javascript:alert(1)">x</a></svg>',
    '<svg><foreignObject><iframe/></foreignObject></svg>',
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>',
  ])("refuses active SVG %s", (svg) => {
    expect(sniffImageMime(bytes(svg))).toBeNull();
  });
});

describe("checkLogo", () => {
  it("refuses oversized and non-image uploads", () => {
    const png = new Uint8Array(LOGO_MAX_BYTES + 1);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(checkLogo(png)).toEqual({ ok: false, code: "LOGO_TOO_LARGE" });
    expect(checkLogo(png.subarray(0, LOGO_MAX_BYTES))).toEqual({ ok: true, mime: "image/png" });
    expect(checkLogo(new TextEncoder().encode("%PDF-1.7"))).toEqual({ ok: false, code: "LOGO_NOT_IMAGE" });
  });
});

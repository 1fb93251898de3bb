import { describe, expect, it } from "vitest";
import { ZCitizenIdSchema, citizenIdCheckChar, maskCitizenId, parseCitizenId } from "./citizen-id.ts";

/** Builds a well-formed ID from its parts using the real check function. */
const build = (address: string, birth: string, seq: string) => {
  const first17 = `${address}${birth}${seq}`;
  return first17 + citizenIdCheckChar(first17);
};

const TODAY = "2026-06-01";

describe("citizenIdCheckChar", () => {
  it("matches the published GB 11643 example", () => {
    expect(citizenIdCheckChar("11010519491231002")).toBe("X");
  });

  it("computes known digits", () => {
    // The Wikipedia example 440524188001010014.
    expect(citizenIdCheckChar("44052418800101001")).toBe("4");
    expect(citizenIdCheckChar("00000000000000000")).toBe("1");
  });

  it("refuses input that is not 17 digits", () => {
    expect(() => citizenIdCheckChar("1101051949123100")).toThrow(RangeError);
    expect(() => citizenIdCheckChar("1101051949123100X")).toThrow(RangeError);
  });
});

describe("parseCitizenId", () => {
  it("parses the published example, normalising lowercase x", () => {
    const result = parseCitizenId("11010519491231002x", TODAY);
    expect(result).toEqual({
      ok: true,
      value: { normalized: "11010519491231002X", addressCode: "110105", birthDate: "1949-12-31", sex: "female" },
    });
  });

  it("reads sex from the 17th digit and accepts full-width input with spaces", () => {
    const id = build("652301", "19580228", "105");
    const fullWidth = id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const result = parseCitizenId(` ${fullWidth.slice(0, 6)} ${fullWidth.slice(6)} `, TODAY);
    expect(result.ok && result.value).toMatchObject({ normalized: id, sex: "male", birthDate: "1958-02-28" });
  });

  it("accepts a leap day in a leap year", () => {
    expect(parseCitizenId(build("652301", "20000229", "024"), TODAY).ok).toBe(true);
  });

  it.each([
    ["too short", "11010519491231002", "ID_LENGTH"],
    ["too long", "11010519491231002X1", "ID_LENGTH"],
    ["a retired 15-digit number", "652301500101123", "ID_LEGACY_15"],
    ["letters", "1101051949123100AX", "ID_CHARS"],
    ["X in the middle", "110105194912X10021", "ID_CHARS"],
    ["wrong check char", "110105194912310021", "ID_CHECK"],
    ["one digit mistyped", "11010519491231003X", "ID_CHECK"],
    ["unknown province 99", build("990105", "19491231", "002"), "ID_ADDRESS"],
    ["province 00", build("000000", "19491231", "002"), "ID_ADDRESS"],
    ["Feb 29 in a common year", build("652301", "19590229", "002"), "ID_DATE"],
    ["month 13", build("652301", "19591301", "002"), "ID_DATE"],
    ["born tomorrow", build("652301", "20260602", "002"), "ID_DATE"],
    ["born in 1899", build("652301", "18991231", "002"), "ID_DATE"],
  ])("rejects %s", (_label, raw, code) => {
    const result = parseCitizenId(raw, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.zh).toBeTruthy();
      expect(result.error.en).toBeTruthy();
    }
  });

  it("accepts someone born today and Taiwan-resident permits (83)", () => {
    expect(parseCitizenId(build("652301", "20260601", "001"), TODAY).ok).toBe(true);
    expect(parseCitizenId(build("830000", "19800101", "001"), TODAY).ok).toBe(true);
  });

  it("takes today from a Date in Beijing time", () => {
    const id = build("652301", "20260602", "001");
    // 2026-06-01T17:00Z is already 2 June in Beijing.
    expect(parseCitizenId(id, new Date("2026-06-01T17:00:00Z")).ok).toBe(true);
    expect(parseCitizenId(id, new Date("2026-06-01T15:00:00Z")).ok).toBe(false);
  });
});

describe("maskCitizenId", () => {
  it("keeps the first 6 and last 4", () => {
    expect(maskCitizenId("65230119900101123x")).toBe("652301********123X");
  });

  it("masks malformed values completely", () => {
    expect(maskCitizenId("12345")).toBe("*****");
  });
});

describe("ZCitizenIdSchema", () => {
  it("transforms to the normalized number", () => {
    expect(ZCitizenIdSchema.parse("11010519491231002x")).toBe("11010519491231002X");
  });

  it("reports a bilingual message", () => {
    const result = ZCitizenIdSchema.safeParse("110105194912310021");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/校验位.*check character/);
  });
});

import { describe, expect, it } from "vitest";
import { ZRegionRulesSchema } from "../registry/age-rules.ts";
import { makeCitizenId } from "../registry/test-citizen-ids.ts";
import type { CellValue } from "./cell-values.ts";
import { LEDGER_KINDS, type LedgerColumnKey, type LedgerKind } from "./ledger-kinds.ts";
import {
  findDuplicateRowsInFile,
  isBlankRow,
  isFooterRow,
  parseDisability,
  parseLedgerRow,
  rejectDuplicateRows,
  villageCodeOf,
  type LedgerRowOptions,
} from "./row-parsing.ts";

const TODAY = "2026-06-30";
const VILLAGES = [
  { code: "652301105001", name: "六工村" },
  { code: "652301105002", name: "十三户村" },
  { code: "652301105201", name: "新庄社区" },
];
const options: LedgerRowOptions = { today: TODAY, villages: VILLAGES };

/** A row from named cells, in the kind's column order (the mapping is what detectHeader returns). */
function rowOf(kind: LedgerKind, cells: Partial<Record<LedgerColumnKey, CellValue>>) {
  const mapping = new Map(kind.columns.map((c, i) => [c.key, i] as const));
  return { cells: kind.columns.map((c) => cells[c.key]), mapping };
}

function parse(kind: LedgerKind, cells: Partial<Record<LedgerColumnKey, CellValue>>, opts: LedgerRowOptions = options) {
  const row = rowOf(kind, cells);
  return parseLedgerRow(row.cells, row.mapping, kind, opts);
}

function errorsOf(result: ReturnType<typeof parseLedgerRow>) {
  return result.ok ? [] : result.errors.map((e) => `${e.column}: ${e.reason}`);
}

const elder = makeCitizenId("1950-03-08", "female", 3);
const elderLowerX = "11010519491231002x";

describe("parseLedgerRow", () => {
  it("reads a messy but correct 特困老人 row", () => {
    const result = parse(LEDGER_KINDS.elderly_tekun, {
      seq: 1,
      name: "　王 秀英 ",
      sex: "女",
      ethnicity: "维吾尔",
      citizenId: ` ${elder.slice(0, 6)} ${elder.slice(6)}`,
      birthDate: 18330, // Excel serial of 1950-03-08
      age: 99, // stale ages are ignored: the ID decides
      village: "六工村委会",
      address: "六工镇六工村３组",
      phone: 13909940001,
      livingArrangement: "独居",
      economicSource: "特困供养",
      careStatus: "半失能",
      categoryStart: "2020.1.2",
      note: "无",
    });
    expect(result).toEqual({
      ok: true,
      value: {
        name: "王秀英",
        citizenId: elder,
        sex: "female",
        birthDate: "1950-03-08",
        ethnicityCode: "05",
        phone: "13909940001",
        villageCode: "652301105001",
        address: "六工镇六工村3组",
        livingArrangement: "alone",
        economicSource: "tekun",
        careStatus: "partly_dependent",
        categoryStart: "2020-01-02",
      },
    });
  });

  it("accepts a lower-case x and derives sex and birth date from the ID", () => {
    const result = parse(LEDGER_KINDS.elderly_left_behind, { name: "赵六", citizenId: elderLowerX });
    expect(result.ok && result.value).toMatchObject({ citizenId: "11010519491231002X", sex: "female", birthDate: "1949-12-31" });
  });

  it("reports every problem of a row against its Chinese column", () => {
    const badCheck = `${elder.slice(0, 17)}${elder.endsWith("1") ? "2" : "1"}`;
    const result = parse(LEDGER_KINDS.elderly_tekun, {
      name: "",
      citizenId: badCheck,
      ethnicity: "火星",
      village: "外镇某村",
      phone: "12345",
      livingArrangement: "住帐篷",
    });
    expect(errorsOf(result)).toEqual([
      "姓名: 姓名不能为空",
      `身份证号: 身份证号码校验位不正确，请逐位核对（${badCheck.slice(0, 6)}********${badCheck.slice(-4)}）`,
      "民族: 无法识别的民族“火星”",
      "村（社区）: “外镇某村”不是本站服务的村（社区）",
      "联系电话: 电话号码“12345”格式不正确（须为11位手机号或带区号的固定电话）",
      "居住状况: 无法识别“住帐篷”，可填：独居、与配偶同住、与子女同住、与其他亲属同住、机构养护、其他",
    ]);
  });

  it("explains an ID that Excel turned into a number", () => {
    const result = parse(LEDGER_KINDS.elderly_tekun, { name: "张三", citizenId: 652301195003080000 });
    expect(errorsOf(result)).toEqual(["身份证号: 身份证号被 Excel 存成了数字，后几位已丢失；请将该列设为“文本”格式后重新录入"]);
  });

  it("refuses sex and birth date that contradict the ID", () => {
    const result = parse(LEDGER_KINDS.elderly_tekun, { name: "张三", citizenId: elder, sex: "男", birthDate: "1950-08-03" });
    expect(errorsOf(result)).toEqual([
      "性别: 性别与身份证号不符（身份证号为女性）",
      "出生日期: 出生日期与身份证号不符（身份证号为1950-03-08）",
    ]);
  });

  it.each([["1950.03"], ["1950年3月"], ["195003"], [1950.03], ["1950-03-08"], [new Date(Date.UTC(1950, 2, 8))]])(
    "accepts the 出生年月 form %j when it agrees with the ID",
    (birthDate) => {
      expect(errorsOf(parse(LEDGER_KINDS.elderly_tekun, { name: "张三", citizenId: elder, birthDate }))).toEqual([]);
    },
  );

  it("reads 1950.1 (Excel's number for 1950.10) as October, not a 1905 serial", () => {
    const octoberId = makeCitizenId("1950-10-01");
    expect(errorsOf(parse(LEDGER_KINDS.elderly_tekun, { name: "张三", citizenId: octoberId, birthDate: 1950.1 }))).toEqual([]);
    expect(errorsOf(parse(LEDGER_KINDS.elderly_tekun, { name: "张三", citizenId: elder, birthDate: "1951.03" }))).toHaveLength(1);
    expect(errorsOf(parse(LEDGER_KINDS.elderly_tekun, { name: "张三", citizenId: elder, birthDate: "不详" }))).toEqual([
      "出生日期: 无法识别的日期“不详”",
    ]);
  });

  it("treats placeholders in optional cells as empty", () => {
    const result = parse(LEDGER_KINDS.elderly_tekun, { name: "张三", citizenId: elder, phone: "无", ethnicity: "/", disability: "—" });
    expect(result.ok).toBe(true);
  });

  it("keeps a second phone number in the note and fixes a landline Excel stripped of its 0", () => {
    const twoPhones = parse(LEDGER_KINDS.elderly_tekun, { name: "张三", citizenId: elder, phone: "13909940001/0994-2345678", note: "聋哑" });
    expect(twoPhones.ok && twoPhones.value).toMatchObject({ phone: "13909940001", note: "聋哑；其他电话：0994-2345678" });
    const landline = parse(LEDGER_KINDS.elderly_tekun, { name: "张三", citizenId: elder, phone: 9942345678 });
    expect(landline.ok && landline.value.phone).toBe("09942345678");
  });

  it("reads disability type and grade from one cell", () => {
    const result = parse(LEDGER_KINDS.elderly_disabled_poor, { name: "张三", citizenId: elder, disability: "肢体残疾（二级）" });
    expect(result.ok && result.value).toMatchObject({ disabilityType: "physical", disabilityGrade: "2" });
    expect(errorsOf(parse(LEDGER_KINDS.elderly_disabled_poor, { name: "张三", citizenId: elder, disability: "腿脚不便" }))[0]).toMatch(
      /^残疾类别及等级: 无法识别/,
    );
  });

  it("keeps the village text when no village list is given", () => {
    const result = parse(LEDGER_KINDS.elderly_tekun, { name: "张三", citizenId: elder, village: "六工村" }, { today: TODAY });
    expect(result.ok && result.value).toMatchObject({ villageName: "六工村" });
    expect(result.ok && result.value.villageCode).toBeUndefined();
  });

  describe("category age rules", () => {
    const seventySix = makeCitizenId("1950-01-01");

    it("refuses a 76-year-old on the 高龄老人 ledger by default, accepts them where the region says 75", () => {
      expect(errorsOf(parse(LEDGER_KINDS.elderly_advanced_age, { name: "张三", citizenId: seventySix }))).toEqual([
        "身份证号: 高龄老人须年满80周岁，此人在2026-06-30为76周岁",
      ]);
      const rules = ZRegionRulesSchema.parse({ advancedAgeFrom: 75 });
      expect(parse(LEDGER_KINDS.elderly_advanced_age, { name: "张三", citizenId: seventySix }, { ...options, rules }).ok).toBe(true);
    });

    it("checks age on the 纳入日期 when the row gives one", () => {
      const result = parse(LEDGER_KINDS.elderly_tekun, { name: "张三", citizenId: seventySix, categoryStart: "2005-06-01" });
      expect(errorsOf(result)).toEqual(["纳入日期: 特困老人须年满60周岁，此人在2005-06-01为55周岁"]);
    });

    it("refuses a child who is 18 today when the row gives no start date", () => {
      const adult = makeCitizenId("2008-02-29");
      expect(errorsOf(parse(LEDGER_KINDS.child_left_behind, { name: "小明", citizenId: adult }))).toEqual([
        "身份证号: 农村留守儿童须未满18周岁，此人在2026-06-30已满18周岁",
      ]);
    });

    it("accepts a child who entered as a minor and has since turned 18, marking the category ended", () => {
      const adult = makeCitizenId("2008-02-29");
      const result = parse(LEDGER_KINDS.child_left_behind, { name: "小明", citizenId: adult, categoryStart: "2015-09-01" });
      expect(result.ok && result.value).toMatchObject({ categoryStart: "2015-09-01", categoryEndedOn: "2026-03-01" });
    });

    it("reads guardian columns of a children ledger", () => {
      const child = makeCitizenId("2015-05-05", "female");
      const result = parse(LEDGER_KINDS.child_orphan, {
        name: "古丽",
        citizenId: child,
        guardianName: "艾力·买买提",
        guardianRelation: "爷爷",
        guardianPhone: "139 0994 0002",
      });
      expect(result.ok && result.value).toMatchObject({
        guardianName: "艾力·买买提",
        guardianRelation: "grandparent",
        guardianPhone: "13909940002",
      });
      expect(result.ok && result.value.categoryEndedOn).toBeUndefined();
    });

    it("refuses start dates in the future or before birth", () => {
      expect(errorsOf(parse(LEDGER_KINDS.assist_dibao, { name: "张三", citizenId: elder, categoryStart: "2026-07-01" }))).toEqual([
        "纳入日期: 纳入日期2026-07-01晚于今天（2026-06-30）",
      ]);
      expect(errorsOf(parse(LEDGER_KINDS.assist_dibao, { name: "张三", citizenId: elder, categoryStart: "1949-01-01" }))).toEqual([
        "纳入日期: 纳入日期1949-01-01早于出生日期1950-03-08",
      ]);
      expect(errorsOf(parse(LEDGER_KINDS.assist_dibao, { name: "张三", citizenId: elder, categoryStart: "去年" }))).toEqual([
        "纳入日期: 无法识别的日期“去年”",
      ]);
    });
  });

  describe("the overall register (服务对象总台账)", () => {
    it("reads a list of categories, including names that contain 、", () => {
      const result = parse(LEDGER_KINDS.people, { name: "张三", citizenId: elder, categories: "特困老人、低保，失能、半失能低保老人" });
      expect(result.ok && result.value.categories).toEqual(["elderly_tekun", "assist_dibao", "elderly_disabled_dibao"]);
    });

    it("checks each category's age and names unknown categories", () => {
      expect(errorsOf(parse(LEDGER_KINDS.people, { name: "张三", citizenId: elder, categories: "留守儿童 五保户" }))).toEqual([
        "服务对象类别: 无法识别的类别“五保户”",
        "身份证号: 农村留守儿童须未满18周岁，此人在2026-06-30已满76周岁",
      ]);
    });
  });
});

describe("parseDisability", () => {
  it.each([
    ["肢体二级", { type: "physical", grade: "2" }],
    ["二级肢体", { type: "physical", grade: "2" }],
    ["视力残疾 1级", { type: "visual", grade: "1" }],
    ["多重残疾一级", { type: "multiple", grade: "1" }],
    ["智力三级残疾", { type: "intellectual", grade: "3" }],
    ["精神", { type: "mental" }],
    ["四级", { grade: "4" }],
    ["肢体Ⅲ级", { type: "physical", grade: "3" }],
  ])("%s", (text, expected) => {
    expect(parseDisability(text)).toEqual(expected);
  });

  it.each(["腿脚不便", "五级肢体", "残疾"])("%s is not recognised", (text) => {
    expect(parseDisability(text)).toBeNull();
  });
});

describe("villageCodeOf", () => {
  it.each([
    ["六工村", "652301105001"],
    ["六工", "652301105001"],
    ["六工村委会", "652301105001"],
    ["六工村村委会", "652301105001"],
    ["新庄社区居委会", "652301105201"],
    ["652301105002", "652301105002"],
  ])("%s → %s", (text, code) => {
    expect(villageCodeOf(text, VILLAGES)).toBe(code);
  });

  it("refuses unknown and ambiguous names", () => {
    expect(villageCodeOf("大渠村", VILLAGES)).toBeNull();
    expect(villageCodeOf("", VILLAGES)).toBeNull();
    expect(villageCodeOf("六工", [...VILLAGES, { code: "652301105202", name: "六工社区" }])).toBeNull();
  });
});

describe("isBlankRow / isFooterRow", () => {
  const mapping = new Map<LedgerColumnKey, number>([
    ["seq", 0],
    ["name", 1],
    ["citizenId", 2],
  ]);

  it("sees rows of empty, space-only and full-width-space cells as blank", () => {
    expect(isBlankRow([])).toBe(true);
    expect(isBlankRow([null, undefined, "", " ", "\u3000", "\u00a0"])).toBe(true);
    expect(isBlankRow([null, "张三"])).toBe(false);
  });

  it("treats a row holding only a pre-filled 序号 as blank when it knows the columns", () => {
    expect(isBlankRow([17, null, ""], mapping)).toBe(true);
    expect(isBlankRow([17, null, ""])).toBe(false);
  });

  it("recognises totals and signature lines under the table", () => {
    expect(isFooterRow(["合计：25人", null, null], mapping)).toBe(true);
    expect(isFooterRow([null, "填表人：李娜", null, "审核人：王强"], mapping)).toBe(true);
    expect(isFooterRow([1, "合计", "65230119500101123X"], mapping)).toBe(false);
    expect(isFooterRow([1, "张三", null], mapping)).toBe(false);
  });
});

describe("duplicates inside one file", () => {
  const a = makeCitizenId("1950-03-08", "female", 3);
  const b = makeCitizenId("1940-01-01");
  const records = [
    { rowNumber: 3, citizenId: a },
    { rowNumber: 4, citizenId: b },
    { rowNumber: 7, citizenId: a.toLowerCase() },
    { rowNumber: 9, citizenId: ` ${a}` },
  ];

  it("finds IDs on more than one row, masked", () => {
    expect(findDuplicateRowsInFile(records)).toEqual([{ citizenIdMasked: `652301********${a.slice(14)}`, rowNumbers: [3, 7, 9] }]);
    expect(findDuplicateRowsInFile(records.slice(0, 2))).toEqual([]);
  });

  it("rejects every repeat after the first, naming the first row", () => {
    const masked = `652301********${a.slice(14)}`;
    expect(rejectDuplicateRows(records)).toEqual([
      {
        rowNumber: 7,
        column: "身份证号",
        reason: `身份证号${masked}与第3行重复，同一文件中每人只能出现一次`,
        reasonEn: `The ID number ${masked} repeats row 3; each person may appear once per file`,
      },
      {
        rowNumber: 9,
        column: "身份证号",
        reason: `身份证号${masked}与第3行重复，同一文件中每人只能出现一次`,
        reasonEn: `The ID number ${masked} repeats row 3; each person may appear once per file`,
      },
    ]);
  });
});

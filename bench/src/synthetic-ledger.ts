import { citizenIdCheckChar } from "@shegong/domain";
import ExcelJS from "exceljs";

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红";
const ETHNIC = ["汉族", "维吾尔族", "哈萨克族", "回族", "蒙古族"];

/** A plausible name, unique enough: surname + two given characters from the index. */
export function syntheticName(i: number): string {
  return `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${GIVEN[Math.floor(i / (SURNAMES.length * GIVEN.length)) % GIVEN.length]}`;
}

/** A valid ID (real check character) for an elderly person of Changji City, distinct per index. */
export function syntheticCitizenId(i: number): string {
  const year = 1930 + (i % 30);
  const month = 1 + (Math.floor(i / 30) % 12);
  const day = 1 + (Math.floor(i / 360) % 28);
  const serial = Math.floor(i / 10080) % 1000;
  const first17 = `652301${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${String(serial).padStart(3, "0")}`;
  return first17 + citizenIdCheckChar(first17);
}

export interface SyntheticRow {
  name: string;
  citizenId: string;
  ethnicity: string;
  phone: string;
  address: string;
}

export function syntheticRows(count: number): SyntheticRow[] {
  return Array.from({ length: count }, (_, i) => ({
    name: syntheticName(i),
    citizenId: syntheticCitizenId(i),
    ethnicity: ETHNIC[i % ETHNIC.length] as string,
    phone: `139${String(i).padStart(8, "0")}`,
    address: `六工镇${1 + (i % 9)}组${i % 200}号`,
  }));
}

/** A 特困老人台账-shaped workbook as stations keep them: a title row, then the header and rows. */
export async function syntheticLedger(rows: SyntheticRow[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("台账");
  sheet.addRow(["六工镇服务对象台账"]);
  sheet.addRow(["序号", "姓名", "身份证号", "民族", "联系电话", "家庭住址", "纳入日期"]);
  rows.forEach((r, i) => sheet.addRow([i + 1, r.name, r.citizenId, r.ethnicity, r.phone, r.address, "2024-01-01"]));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

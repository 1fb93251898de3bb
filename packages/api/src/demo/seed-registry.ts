import type { PersonalDataCipher } from "@shegong/auth";
import { withStation, type Database } from "@shegong/db";
import { citizenIdCheckChar, type CategoryKey, type GuardianRelation, type HouseholdRelation } from "@shegong/domain";
import type { Kysely } from "kysely";
import { addGuardian } from "../registry/guardians.ts";
import { addHouseholdMember, createHousehold } from "../registry/households.ts";
import { addCategory } from "../registry/person-categories.ts";
import { registerPerson } from "../registry/register-person.ts";
import { registryContext } from "../registry/registry-context.ts";

// Demo people of Liugong: invented names, valid-format ID numbers (real check characters) that
// belong to nobody, in the township's own villages.
interface DemoPerson {
  name: string;
  birth: string;
  serial: number;
  village: string;
  ethnicity: string;
  categories: [CategoryKey, string][];
  living?: "alone" | "with_spouse" | "with_children" | "with_relatives";
  household?: { key: string; relation: HouseholdRelation };
  guardian?: { name: string; relation: GuardianRelation; phone: string };
}

const V = { xialiugong: "652301105200", xiwugong: "652301105201", dongwugong: "652301105202" };

const PEOPLE: DemoPerson[] = [
  { name: "马秀兰", birth: "19380412", serial: 22, village: V.xialiugong, ethnicity: "03", categories: [["elderly_tekun", "2021-03-01"], ["elderly_advanced_age", "2021-03-01"]], living: "alone" },
  { name: "王建华", birth: "19470903", serial: 11, village: V.xialiugong, ethnicity: "01", categories: [["elderly_left_behind", "2022-05-01"]], living: "with_spouse", household: { key: "wang", relation: "head" } },
  { name: "李桂英", birth: "19490117", serial: 26, village: V.xialiugong, ethnicity: "01", categories: [["elderly_left_behind", "2022-05-01"]], living: "with_spouse", household: { key: "wang", relation: "spouse" } },
  { name: "王小宇", birth: "20140621", serial: 15, village: V.xialiugong, ethnicity: "01", categories: [["child_left_behind", "2022-05-01"]], household: { key: "wang", relation: "grandchild" }, guardian: { name: "王建华", relation: "grandparent", phone: "13899410001" } },
  { name: "阿依古丽·买买提", birth: "19520308", serial: 44, village: V.xiwugong, ethnicity: "05", categories: [["elderly_disabled_poor", "2023-01-01"]], living: "alone" },
  { name: "张德福", birth: "19410730", serial: 31, village: V.xiwugong, ethnicity: "01", categories: [["elderly_advanced_age", "2021-07-30"], ["assist_dibao", "2020-01-01"]], living: "with_children" },
  { name: "赵敏", birth: "20100915", serial: 48, village: V.dongwugong, ethnicity: "01", categories: [["child_unsupported", "2023-09-01"]], guardian: { name: "赵淑芬", relation: "relative", phone: "13999420002" } },
  { name: "努尔兰·哈力木", birth: "20120211", serial: 57, village: V.dongwugong, ethnicity: "17", categories: [["child_orphan", "2019-06-01"]], guardian: { name: "昌吉州儿童福利院", relation: "institution", phone: "09942345678" } },
  { name: "刘长贵", birth: "19580519", serial: 73, village: V.dongwugong, ethnicity: "01", categories: [["assist_dibao", "2021-01-01"], ["assist_temporary", "2025-08-01"]], living: "alone" },
  { name: "杨玉珍", birth: "19440205", serial: 82, village: V.xiwugong, ethnicity: "03", categories: [["elderly_disabled_dibao", "2022-03-01"]], living: "with_relatives" },
  { name: "陈国强", birth: "19660808", serial: 91, village: V.xialiugong, ethnicity: "01", categories: [["affairs_vagrant", "2025-02-14"]] },
];

export function demoId(birth: string, serial: number): string {
  const first17 = `652301${birth}${String(serial).padStart(3, "0")}`;
  return first17 + citizenIdCheckChar(first17);
}

/** The demo registry for Liugong: elderly, children with guardians, a household, assistance. Person ids by name. */
export async function seedDemoRegistry(owner: Kysely<Database>, cipher: PersonalDataCipher, stationId: string): Promise<Map<string, string>> {
  return withStation(owner, stationId, async (tx) => {
    const ctx = await registryContext(tx, stationId, cipher, null);
    const households = new Map<string, string>();
    const ids = new Map<string, string>();
    for (const p of PEOPLE) {
      const { personId } = await registerPerson(tx, ctx, {
        name: p.name,
        citizenId: demoId(p.birth, p.serial),
        villageCode: p.village,
        ethnicityCode: p.ethnicity as never,
        livingArrangement: p.living,
        address: "六工镇",
      });
      ids.set(p.name, personId);
      for (const [category, start] of p.categories) await addCategory(tx, ctx, personId, { category, startDate: start, source: "摸底排查" });
      if (p.household?.relation === "head") households.set(p.household.key, (await createHousehold(tx, ctx, { headPersonId: personId })).householdId);
      else if (p.household) await addHouseholdMember(tx, ctx, households.get(p.household.key) as string, personId, p.household.relation as Exclude<HouseholdRelation, "head">);
      if (p.guardian) await addGuardian(tx, ctx, personId, { ...p.guardian, guardianPersonId: ids.get(p.guardian.name) ?? null });
    }
    return ids;
  });
}

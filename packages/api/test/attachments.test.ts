import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { attachmentKey, createDiskFileStore, sha256Hex } from "../src/attachments/file-store.ts";
import { todayInShanghai } from "@shegong/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { citizenId } from "./ids.ts";
import { createWorld, type World } from "./world.ts";

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;
const appCodeOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { appCode?: string; cause?: unknown }) => e.appCode ?? (e.cause instanceof ZodError ? "VALIDATION" : "NO_APP_CODE"),
  );
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 7, 7, 7]);
const PDF = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n");

describe("attachments", () => {
  let world: World;
  let visitId: string;
  const file = (bytes: Buffer, extra: Record<string, unknown> = {}) => ({
    ownerKind: "visit" as const,
    ownerId: visitId,
    kind: "photo" as const,
    fileName: "入户照片.jpg",
    fileBase64: bytes.toString("base64"),
    ...extra,
  });

  beforeAll(async () => {
    world = await createWorld();
    const worker = await world.as("a.worker");
    const workerId = (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "a.worker").executeTakeFirstOrThrow()).id;
    const { personId } = await worker.people.create({ stationId: world.stations.a, person: { name: "独居老人", citizenId: citizenId("19400101", 701) } as never, idempotencyKey: key() });
    visitId = (
      await worker.visits.create({
        stationId: world.stations.a,
        visit: { visitedOn: todayInShanghai(), kind: "patrol", mode: "home", durationMinutes: 30, subject: { personId }, workerUserIds: [workerId], area: "elderly", findings: {} },
        idempotencyKey: key(),
      })
    ).visitId;
  }, 120_000);
  afterAll(() => world?.close());

  it("stores a photo and a signed form on a visit and gives the same bytes back, audited", async () => {
    const worker = await world.as("a.worker");
    const photo = await worker.attachments.upload({ stationId: world.stations.a, file: file(JPEG), idempotencyKey: key() });
    expect(photo).toMatchObject({ fileName: "入户照片.jpg", mimeType: "image/jpeg", byteSize: JPEG.length });
    const form = await worker.attachments.upload({ stationId: world.stations.a, file: file(PDF, { kind: "signed_form", fileName: "C:\\扫描\\签字表.pdf" }), idempotencyKey: key() });
    expect(form).toMatchObject({ fileName: "签字表.pdf", mimeType: "application/pdf" });

    const listed = await worker.attachments.list({ stationId: world.stations.a, ownerKind: "visit", ownerId: visitId });
    expect(listed.map((a) => [a.kind, a.fileName]).sort()).toEqual([
      ["photo", "入户照片.jpg"],
      ["signed_form", "签字表.pdf"],
    ]);
    const back = await worker.attachments.download({ stationId: world.stations.a, attachmentId: photo.attachmentId });
    expect(Buffer.from(back.fileBase64, "base64").equals(JPEG)).toBe(true);
    expect(back.mimeType).toBe("image/jpeg");

    const audit = await world.dbs.owner.db.selectFrom("audit_event").select(["action", "target"]).where("station_id", "=", world.stations.a).where("action", "like", "attachment.%").execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "attachment.upload", target: photo.attachmentId },
        { action: "attachment.read", target: photo.attachmentId },
      ]),
    );
  });

  it("a retried upload is stored once", async () => {
    const worker = await world.as("a.worker");
    const idempotencyKey = key();
    const photo = file(Buffer.concat([JPEG, Buffer.from("retry")]));
    const first = await worker.attachments.upload({ stationId: world.stations.a, file: photo, idempotencyKey });
    const second = await worker.attachments.upload({ stationId: world.stations.a, file: photo, idempotencyKey });
    expect(second.attachmentId).toBe(first.attachmentId);
    const rows = await world.dbs.owner.db.selectFrom("attachment").select("id").where("file_name", "=", "入户照片.jpg").where("byte_size", "=", JPEG.length + 5).execute();
    expect(rows).toHaveLength(1);
  });

  it("refuses what is not a photo or PDF, empty files, and unknown records, with clear codes", async () => {
    const worker = await world.as("a.worker");
    const upload = (f: ReturnType<typeof file>) => worker.attachments.upload({ stationId: world.stations.a, file: f, idempotencyKey: key() });
    expect(await appCodeOf(upload(file(Buffer.from("<html><script>alert(1)</script>"), { fileName: "photo.jpg" })))).toBe("ATTACHMENT_TYPE");
    expect(await appCodeOf(upload(file(Buffer.from("MZ\x90\x00"), { fileName: "setup.exe" })))).toBe("ATTACHMENT_TYPE");
    expect(await appCodeOf(upload(file(JPEG, { ownerId: "00000000-0000-4000-8000-000000000000" })))).toBe("NOT_FOUND");
    expect(await appCodeOf(upload(file(JPEG, { kind: "selfie" })))).toBe("VALIDATION");
    expect(await appCodeOf(upload({ ...file(JPEG), fileBase64: "" }))).toBe("VALIDATION");
  });

  it("a damaged file on disk is reported, never served", async () => {
    const worker = await world.as("a.worker");
    const bytes = Buffer.concat([JPEG, Buffer.from("to be damaged")]);
    const { attachmentId } = await worker.attachments.upload({ stationId: world.stations.a, file: file(bytes), idempotencyKey: key() });
    await world.dbs.owner.db.updateTable("attachment").set({ sha256: "0".repeat(64) }).where("id", "=", attachmentId).execute();
    expect(await appCodeOf(worker.attachments.download({ stationId: world.stations.a, attachmentId }))).toBe("ATTACHMENT_DAMAGED");
  });

  it("removing takes the file off the visit but keeps the record of it; read-only visitors cannot upload or remove", async () => {
    const worker = await world.as("a.worker");
    const { attachmentId } = await worker.attachments.upload({ stationId: world.stations.a, file: file(Buffer.concat([JPEG, Buffer.from("remove me")])), idempotencyKey: key() });
    const inspector = await world.as("a.inspector");
    expect(await appCodeOf(inspector.attachments.remove({ stationId: world.stations.a, attachmentId }))).toBe("FORBIDDEN");
    expect(await appCodeOf(inspector.attachments.upload({ stationId: world.stations.a, file: file(JPEG), idempotencyKey: key() }))).toBe("FORBIDDEN");
    await worker.attachments.remove({ stationId: world.stations.a, attachmentId });
    const listed = await worker.attachments.list({ stationId: world.stations.a, ownerKind: "visit", ownerId: visitId });
    expect(listed.map((a) => a.id)).not.toContain(attachmentId);
    const row = await world.dbs.owner.db.selectFrom("attachment").select(["removed_at", "removed_by"]).where("id", "=", attachmentId).executeTakeFirstOrThrow();
    expect(row.removed_at).not.toBeNull();
    expect(await appCodeOf(worker.attachments.download({ stationId: world.stations.a, attachmentId }))).toBe("NOT_FOUND");
  });

  it("activities' photos and cases' documents attach the same way", async () => {
    const worker = await world.as("a.worker");
    const personId = (await world.dbs.owner.db.selectFrom("person").select("id").where("station_id", "=", world.stations.a).executeTakeFirstOrThrow()).id;
    const workerId = (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "a.worker").executeTakeFirstOrThrow()).id;
    const { activityId } = await worker.activities.create({
      stationId: world.stations.a,
      activity: { kind: "group", area: "elderly", topic: "互助小组", heldOn: todayInShanghai(), durationMinutes: 60, place: "活动室", workerUserIds: [workerId] } as never,
      idempotencyKey: key(),
    });
    const { caseId } = await worker.cases.create({ stationId: world.stations.a, intake: { personId, source: "walk_in", intakeOn: todayInShanghai(), presentingProblem: "独居", riskLevel: "low" }, idempotencyKey: key() });
    await worker.attachments.upload({ stationId: world.stations.a, file: file(JPEG, { ownerKind: "activity", ownerId: activityId, fileName: "小组活动.jpg" }), idempotencyKey: key() });
    await worker.attachments.upload({ stationId: world.stations.a, file: file(PDF, { ownerKind: "case", ownerId: caseId, kind: "signed_form", fileName: "知情同意书.pdf" }), idempotencyKey: key() });
    expect((await worker.attachments.list({ stationId: world.stations.a, ownerKind: "activity", ownerId: activityId })).map((a) => a.fileName)).toEqual(["小组活动.jpg"]);
    expect((await worker.attachments.list({ stationId: world.stations.a, ownerKind: "case", ownerId: caseId })).map((a) => a.fileName)).toEqual(["知情同意书.pdf"]);
    // A visit's id is not an activity.
    expect(await appCodeOf(worker.attachments.upload({ stationId: world.stations.a, file: file(JPEG, { ownerKind: "activity" }), idempotencyKey: key() }))).toBe("NOT_FOUND");
  });

  it("the disk store keeps one file per content and takes no path from outside", async () => {
    const root = mkdtempSync(join(tmpdir(), "shegong-store-"));
    const store = createDiskFileStore(root);
    const key = attachmentKey(world.stations.a, sha256Hex(JPEG));
    await store.put(key, JPEG);
    await store.put(key, JPEG);
    expect(readdirSync(join(root, world.stations.a, key.split("/")[1]!))).toEqual([sha256Hex(JPEG)]);
    expect(Buffer.from((await store.get(key))!).equals(JPEG)).toBe(true);
    expect(await store.get(attachmentKey(world.stations.a, "f".repeat(64)))).toBeNull();
    await expect(store.get("../../etc/passwd")).rejects.toThrow(/not an attachment key/);
  });
});

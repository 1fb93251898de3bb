import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.

/** Activities' photos and a case's documents (consent forms, referral letters) are attachments too. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table attachment drop constraint attachment_owner_kind_check;
    alter table attachment add constraint attachment_owner_kind_check check (owner_kind in ('visit', 'agreement', 'activity', 'case'));
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table attachment drop constraint attachment_owner_kind_check;
    alter table attachment add constraint attachment_owner_kind_check check (owner_kind in ('visit', 'agreement'));
  `).execute(db);
}

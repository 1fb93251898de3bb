import { CATEGORIES, LEDGER_KINDS, PERSON_EVENT_KIND_LABELS, type CategoryKey, type LedgerKindKey } from "@shegong/domain";
import { Card, Timeline, Typography } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { changedFieldLabel, listJoin } from "./changed-fields.ts";
import type { PersonDetail } from "./person-form.ts";
import { usePersonFieldLabels } from "./PersonFields.tsx";
import { labelOrDash } from "./vocab-options.ts";

type TimelineEvent = PersonDetail["timeline"][number];

const KIND_COLORS: Record<string, string> = { registered: "green", category_entered: "blue", category_left: "gray", died: "gray", moved_out: "orange", moved_in: "green", corrected: "purple", id_revealed: "red" };

/** Why an entry ended: the life events end entries under their own name, coming of age under `adulthood`. */
export function useEndReasonLabel() {
  const { t, locale } = useI18n();
  return (reason: string) => {
    if (reason === "adulthood") return t("category.endReason.adulthood");
    if (reason === "died" || reason === "moved_out") return labelOrDash(PERSON_EVENT_KIND_LABELS, reason, locale);
    return reason;
  };
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : null;
}

/** The event's details in words: the category, a reason, the fields corrected, the ledger row it came from. */
function EventDetail({ event }: { event: TimelineEvent }) {
  const { t, locale } = useI18n();
  const fieldLabels = usePersonFieldLabels();
  const endReason = useEndReasonLabel();
  const d = event.detail ?? {};
  const parts: string[] = [];
  const category = text(d.category);
  if (category) parts.push(labelOrDash(CATEGORIES, category as CategoryKey, locale));
  const ledger = text(d.ledger);
  const row = text(d.row);
  if (ledger && row) parts.push(t("timeline.fromLedger", { ledger: Object.hasOwn(LEDGER_KINDS, ledger) ? LEDGER_KINDS[ledger as LedgerKindKey].title : ledger, row }));
  else if (text(d.source)) parts.push(t("timeline.source", { source: text(d.source) ?? "" }));
  const reason = text(d.reason);
  if (reason) parts.push(event.kind === "id_revealed" ? t("timeline.revealReason", { reason }) : endReason(reason));
  if (Array.isArray(d.fields)) {
    const fields = d.fields.filter((f): f is string => typeof f === "string").map((f) => changedFieldLabel(f, fieldLabels, locale, (label) => label));
    parts.push(t("timeline.fields", { fields: listJoin(fields, locale) }));
  }
  const note = text(d.note);
  if (note) parts.push(note);
  return parts.length > 0 ? <div>{parts.join(" · ")}</div> : null;
}

/** Every dated change to the person (issue 3 item 3), newest first. */
export function PersonTimeline({ events }: { events: TimelineEvent[] }) {
  const { t, locale } = useI18n();
  return (
    <Card size="small" title={t("person.timeline")} data-testid="person-timeline">
      <Timeline
        items={events.map((e) => ({
          key: e.id,
          color: KIND_COLORS[e.kind] ?? "blue",
          content: (
            <>
              <Typography.Text strong>
                {e.date} {labelOrDash(PERSON_EVENT_KIND_LABELS, e.kind, locale)}
              </Typography.Text>
              <EventDetail event={e} />
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("timeline.recorded", { at: formatDateTime(e.recordedAt, locale), by: e.actorName ?? t("timeline.system") })}
                </Typography.Text>
              </div>
            </>
          ),
        }))}
      />
    </Card>
  );
}

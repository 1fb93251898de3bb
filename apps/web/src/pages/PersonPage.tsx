import { DownOutlined, EditOutlined, LockOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { labelOf, PERSON_EVENT_KIND_LABELS } from "@shegong/domain";
import { Alert, Button, Col, Dropdown, Row, Space, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { PersonCasesCard } from "../features/cases/PersonCasesCard.tsx";
import { HouseholdCard } from "../features/households/HouseholdCard.tsx";
import { EditPersonDrawer } from "../features/people/EditPersonDrawer.tsx";
import { GuardiansCard } from "../features/people/GuardiansCard.tsx";
import { LifeEventDialog, type LifeEventKind } from "../features/people/LifeEventDialog.tsx";
import { PersonCategories } from "../features/people/PersonCategories.tsx";
import type { PersonDetail } from "../features/people/person-form.ts";
import { PersonProfile } from "../features/people/PersonProfile.tsx";
import { PersonStatusTag } from "../features/people/PersonTags.tsx";
import { PersonTimeline } from "../features/people/PersonTimeline.tsx";
import { PersonVisitsCard } from "../features/visits/PersonVisitsCard.tsx";
import { areaOfCategory } from "../features/visits/visit-form.ts";
import { useStation } from "../features/workspace/station-context.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { Link } from "../router.tsx";
import { trpc } from "../trpc.ts";

/** The life events open to a person in their current status. */
function lifeEventsFor(status: PersonDetail["status"]): LifeEventKind[] {
  if (status === "active") return ["moved_out", "died"];
  if (status === "moved_out") return ["moved_in", "died"];
  return [];
}

function PersonActions({ person, onEdit, onLifeEvent }: { person: PersonDetail; onEdit: () => void; onLifeEvent: (kind: LifeEventKind) => void }) {
  const { t, locale } = useI18n();
  const { can } = useStation();
  if (!can("workspace.write")) return null;
  const events = lifeEventsFor(person.status);
  return (
    <Space>
      <Button icon={<EditOutlined />} onClick={onEdit} data-testid="edit-person">
        {t("person.edit")}
      </Button>
      {events.length > 0 && (
        <Dropdown
          menu={{
            items: events.map((kind) => ({ key: kind, label: t("lifeEvent.record", { kind: labelOf(PERSON_EVENT_KIND_LABELS, kind, locale) }), danger: kind === "died" })),
            onClick: ({ key }) => onLifeEvent(key as LifeEventKind),
          }}
        >
          <Button data-testid="life-events">
            {t("lifeEvent.menu")} <DownOutlined />
          </Button>
        </Dropdown>
      )}
    </Space>
  );
}

/** A person's page (issue 3 item 9): profile, categories, household, guardians and timeline. */
export function PersonPage({ personId }: { personId: string }) {
  const { t } = useI18n();
  const { stationId } = useStation();
  const person = useQuery(trpc.people.get.queryOptions({ stationId, personId }));
  const [editing, setEditing] = useState(false);
  const [lifeEvent, setLifeEvent] = useState<LifeEventKind | null>(null);

  if (person.isError) return <ErrorAlert error={person.error} />;
  if (!person.data) return <Spin />;
  const p = person.data;
  const flags = p.duplicateElsewhere.filter((f) => f.resolvedAt === null);

  return (
    <div data-testid="person-page">
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 12 }}>
        <Space align="center" wrap>
          <Link to={`/station/${stationId}/people`}>{t("people.backToRegister")}</Link>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="person-name">
            {p.name}
          </Typography.Title>
          <PersonStatusTag status={p.status} />
          {p.minor && (
            <Tag color="red" icon={<LockOutlined />} data-testid="minor-marker">
              {t("person.minorSensitive")}
            </Tag>
          )}
        </Space>
        <PersonActions person={p} onEdit={() => setEditing(true)} onLifeEvent={setLifeEvent} />
      </div>
      {flags.map((f) => (
        <Alert key={f.id} type="warning" showIcon style={{ marginBottom: 12 }} data-testid="duplicate-elsewhere" title={t("person.duplicateElsewhere", { station: f.otherStation })} />
      ))}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <PersonProfile person={p} />
            <PersonCategories person={p} />
            <PersonVisitsCard subject={{ personId: p.id, name: p.name, area: areaOfCategory(p.categories.find((c) => c.current)?.category) }} />
            <PersonCasesCard person={{ id: p.id, name: p.name }} />
            <PersonTimeline events={p.timeline} />
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <HouseholdCard person={p} />
            {(p.minor || p.guardians.length > 0) && <GuardiansCard person={p} />}
          </Space>
        </Col>
      </Row>
      {editing && <EditPersonDrawer person={p} onClose={() => setEditing(false)} />}
      {lifeEvent && <LifeEventDialog personId={p.id} birthDate={p.birthDate} kind={lifeEvent} onClose={() => setLifeEvent(null)} />}
    </div>
  );
}

import { Button, Card } from "antd";
import { useState } from "react";
import { useI18n } from "../../i18n/locale.tsx";
import { useStation } from "../workspace/station-context.tsx";
import { CasesTable } from "./CasesTable.tsx";
import { OpenCaseDialog } from "./OpenCaseDialog.tsx";

/** A person's cases, open and closed, with intake (开个案) for them right here. */
export function PersonCasesCard({ person }: { person: { id: string; name: string } }) {
  const { t } = useI18n();
  const { can } = useStation();
  const [opening, setOpening] = useState(false);
  return (
    <Card
      size="small"
      title={t("station.nav.cases")}
      data-testid="person-cases"
      extra={
        can("workspace.write") && (
          <Button size="small" onClick={() => setOpening(true)} data-testid="person-open-case">
            {t("case.openFor", { name: person.name })}
          </Button>
        )
      }
    >
      <CasesTable mine={false} personId={person.id} />
      {opening && <OpenCaseDialog from={{ personId: person.id, personName: person.name }} onClose={() => setOpening(false)} />}
    </Card>
  );
}

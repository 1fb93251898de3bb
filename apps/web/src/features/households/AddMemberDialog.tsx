import { useMutation } from "@tanstack/react-query";
import { HOUSEHOLD_RELATION_LABELS, HOUSEHOLD_RELATIONS, type HouseholdRelation } from "@shegong/domain";
import { App, Form, Select } from "antd";
import { FormModal } from "../../components/FormModal.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { queryClient, trpc } from "../../trpc.ts";
import { PersonPicker } from "../people/PersonPicker.tsx";
import { vocabOptions } from "../people/vocab-options.ts";
import { useStation } from "../workspace/station-context.tsx";
import type { Household } from "./HouseholdMembersTable.tsx";

type MemberRelation = Exclude<HouseholdRelation, "head">;
const MEMBER_RELATIONS = HOUSEHOLD_RELATIONS.filter((r): r is MemberRelation => r !== "head");

/** Adds someone already on the register to the household, with their relation to the head. */
export function AddMemberDialog({ household, onClose }: { household: Household; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm<{ personId: string; relation: MemberRelation }>();
  const add = useMutation(
    trpc.households.addMember.mutationOptions({
      onSuccess: async () => {
        void message.success(t("household.memberAdded"));
        await queryClient.invalidateQueries({ queryKey: trpc.households.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.people.pathKey() });
        onClose();
      },
    }),
  );
  return (
    <FormModal title={t("household.addMember")} pending={add.isPending} error={add.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" onFinish={(values) => add.mutate({ stationId, householdId: household.id, ...values })}>
        <Form.Item name="personId" label={t("household.member")} rules={[{ required: true, message: t("household.member.required") }]}>
          <PersonPicker excludeIds={household.members.map((m) => m.id)} testId="member-picker" />
        </Form.Item>
        <Form.Item name="relation" label={t("household.relation")} rules={[{ required: true, message: t("household.relation.required") }]}>
          <Select options={vocabOptions(HOUSEHOLD_RELATION_LABELS, MEMBER_RELATIONS, locale)} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

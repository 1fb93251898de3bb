import { useMutation } from "@tanstack/react-query";
import { SATISFACTION_SCORE_LABELS, SATISFACTION_SCORES, todayInShanghai, VISIT_MODE_LABELS, VISIT_MODES, type VisitMode } from "@shegong/domain";
import { App, Form, Input, InputNumber, Radio } from "antd";
import { useRef } from "react";
import { FormModal } from "../../components/FormModal.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { queryClient, trpc } from "../../trpc.ts";
import { PersonPicker } from "../people/PersonPicker.tsx";
import { vocabOptions } from "../people/vocab-options.ts";
import { useStation } from "../workspace/station-context.tsx";

interface FollowupValues {
  followedUpOn: string;
  mode: VisitMode;
  durationMinutes: number;
  score: number;
  comment?: string;
  respondentPersonId?: string;
}

/** A satisfaction follow-up (回访) after an activity: a score of 1–5 and a comment (issue 4 item 7). */
export function FollowupModal({ activityId, heldOn, onClose }: { activityId: string; heldOn: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { stationId } = useStation();
  const [form] = Form.useForm<FollowupValues>();
  const idempotencyKey = useRef(newIdempotencyKey());
  const create = useMutation(
    trpc.satisfaction.create.mutationOptions({
      onSuccess: async () => {
        void message.success(t("satisfaction.saved"));
        await queryClient.invalidateQueries({ queryKey: trpc.activities.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.satisfaction.pathKey() });
        onClose();
      },
    }),
  );
  return (
    <FormModal title={t("satisfaction.record")} pending={create.isPending} error={create.error} onSubmit={() => form.submit()} onClose={onClose}>
      <Form<FollowupValues>
        form={form}
        layout="vertical"
        initialValues={{ followedUpOn: todayInShanghai(), mode: "phone", durationMinutes: 10 }}
        onFinish={(values) => create.mutate({ stationId, followup: { subjectKind: "activity", subjectId: activityId, ...values }, idempotencyKey: idempotencyKey.current })}
      >
        <Form.Item name="score" label={t("satisfaction.score")} rules={[{ required: true, message: t("satisfaction.score") }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={SATISFACTION_SCORES.map((s) => ({ value: s, label: `${s} ${locale === "en" ? SATISFACTION_SCORE_LABELS[s].en : SATISFACTION_SCORE_LABELS[s].zh}` }))}
            data-testid="followup-score"
          />
        </Form.Item>
        <Form.Item name="comment" label={t("satisfaction.comment")}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
        <Form.Item name="followedUpOn" label={t("satisfaction.date")} required>
          <Input type="date" min={heldOn} max={todayInShanghai()} />
        </Form.Item>
        <Form.Item name="mode" label={t("satisfaction.mode")} required>
          <Radio.Group optionType="button" options={vocabOptions(VISIT_MODE_LABELS, VISIT_MODES, locale)} />
        </Form.Item>
        <Form.Item name="durationMinutes" label={t("satisfaction.duration")} required>
          <InputNumber min={1} max={600} precision={0} suffix={t("common.minutesUnit")} />
        </Form.Item>
        <Form.Item name="respondentPersonId" label={t("satisfaction.respondent")}>
          <PersonPicker />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

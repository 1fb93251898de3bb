import { InboxOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import type { LedgerKindKey } from "@shegong/domain";
import { Alert, Button, Form, Progress, Result, Select, Space, Steps, Typography, Upload } from "antd";
import { useEffect, useRef, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";
import { navigate } from "../../router.tsx";
import { queryClient, trpc } from "../../trpc.ts";
import { useStation } from "../workspace/station-context.tsx";
import { ImportCounts, ImportPreview, type ImportReport } from "./ImportPreview.tsx";
import { readFileAsBase64 } from "./ledger-files.ts";

type Step = "choose" | "upload" | "preview" | "result";
const STEPS: Step[] = ["choose", "upload", "preview", "result"];

interface LoadedFile {
  name: string;
  base64: string;
}

/**
 * The server gives no progress while it checks a file, so the bar creeps towards 95% (a 10,000-row
 * ledger takes a few seconds) and completes when the answer arrives.
 */
function useCreepingPercent(running: boolean): number {
  const [percent, setPercent] = useState(0);
  useEffect(() => {
    if (!running) return;
    const started = Date.now();
    setPercent(0);
    const timer = setInterval(() => setPercent(Math.round(95 * (1 - Math.exp(-(Date.now() - started) / 2500)))), 200);
    return () => clearInterval(timer);
  }, [running]);
  return running ? percent : 100;
}

/** Import a ledger the station kept by hand (issue 3 item 7): choose → upload and check → preview → commit → result. */
export function ImportWizard({ onRestart }: { onRestart: () => void }) {
  const { t } = useI18n();
  const { stationId } = useStation();
  const kinds = useQuery({ ...trpc.ledgers.kinds.queryOptions(), staleTime: Infinity });
  const [step, setStep] = useState<Step>("choose");
  const [kind, setKind] = useState<LedgerKindKey | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [readPercent, setReadPercent] = useState(0);
  const [readError, setReadError] = useState<unknown>(null);
  const [loaded, setLoaded] = useState<LoadedFile | null>(null);
  // One key per run of the wizard: a second click, or a retry after a lost answer, commits once.
  const idempotencyKey = useRef(newIdempotencyKey());

  const preview = useMutation(trpc.ledgers.preview.mutationOptions({ onSuccess: () => setStep("preview") }));
  const commit = useMutation(
    trpc.ledgers.commit.mutationOptions({
      onSuccess: async () => {
        setStep("result");
        await queryClient.invalidateQueries({ queryKey: trpc.ledgers.history.queryKey({ stationId }) });
        await queryClient.invalidateQueries({ queryKey: trpc.people.pathKey() });
      },
    }),
  );
  const checkingPercent = useCreepingPercent(preview.isPending);

  const upload = async () => {
    if (!file || !kind) return;
    setStep("upload");
    setReadError(null);
    preview.reset();
    try {
      const base64 = await readFileAsBase64(file, setReadPercent);
      setLoaded({ name: file.name, base64 });
      preview.mutate({ stationId, kind, fileName: file.name, fileBase64: base64 });
    } catch (error) {
      setReadError(error);
    }
  };

  const back = () => {
    setStep("choose");
    preview.reset();
    setReadPercent(0);
  };

  const report: ImportReport | undefined = preview.data;
  const nothingToDo = report ? report.created + report.updated === 0 : true;

  return (
    <div data-testid="import-wizard">
      <Steps
        size="small"
        current={STEPS.indexOf(step)}
        style={{ marginBottom: 24 }}
        items={STEPS.map((s) => ({ title: t(`import.step.${s}`) }))}
      />

      {step === "choose" && (
        <Form layout="vertical" style={{ maxWidth: 560 }}>
          <Form.Item label={t("import.kind")} required>
            <Select
              data-testid="import-kind"
              value={kind}
              loading={kinds.isLoading}
              placeholder={t("import.kind.placeholder")}
              options={(kinds.data ?? []).map((k) => ({ value: k.key, label: k.title }))}
              onChange={(value: LedgerKindKey) => setKind(value)}
              showSearch={{ optionFilterProp: "label" }}
            />
          </Form.Item>
          <Form.Item label={t("import.file")} required extra={t("import.file.hint")}>
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              data-testid="import-file"
              fileList={file ? [{ uid: "chosen", name: file.name, status: "done" }] : []}
              beforeUpload={(chosen) => {
                setFile(chosen);
                return false;
              }}
              onRemove={() => setFile(null)}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t("import.file.drop")}</p>
            </Upload.Dragger>
          </Form.Item>
          <Button type="primary" disabled={!file || !kind} onClick={() => void upload()} data-testid="import-upload">
            {t("import.upload")}
          </Button>
        </Form>
      )}

      {step === "upload" && (
        <Space orientation="vertical" style={{ width: "100%", maxWidth: 640 }} data-testid="import-progress">
          <Typography.Text>{t("import.reading", { name: file?.name ?? "" })}</Typography.Text>
          <Progress percent={readPercent} status={readError ? "exception" : readPercent < 100 ? "active" : "success"} />
          {readPercent === 100 && !readError && (
            <>
              <Typography.Text>{t("import.checking")}</Typography.Text>
              <Progress percent={preview.isError ? 100 : checkingPercent} status={preview.isError ? "exception" : preview.isPending ? "active" : "success"} />
            </>
          )}
          <ErrorAlert error={readError ?? preview.error} />
          {(readError || preview.isError) && <Button onClick={back}>{t("import.back")}</Button>}
        </Space>
      )}

      {step === "preview" && report && (
        <>
          <ImportPreview report={report} />
          <ErrorAlert error={commit.error} />
          {nothingToDo && <Alert type="info" showIcon style={{ marginTop: 16 }} title={t("import.nothingToDo")} />}
          <Space style={{ marginTop: 16 }}>
            <Button onClick={back} disabled={commit.isPending}>
              {t("import.back")}
            </Button>
            <Button
              type="primary"
              disabled={nothingToDo}
              loading={commit.isPending}
              data-testid="import-commit"
              onClick={() => kind && loaded && commit.mutate({ stationId, kind, fileName: loaded.name, fileBase64: loaded.base64, idempotencyKey: idempotencyKey.current })}
            >
              {t("import.commit", { n: report.created + report.updated })}
            </Button>
            {report.rejected > 0 && <Typography.Text type="secondary">{t("import.rejectedStayOut", { n: report.rejected })}</Typography.Text>}
          </Space>
        </>
      )}

      {step === "result" && commit.data && (
        <Result
          status="success"
          data-testid="import-result"
          title={t("import.done", { title: commit.data.ledgerTitle })}
          subTitle={<ImportCounts report={commit.data} />}
          extra={[
            <Button key="people" type="primary" onClick={() => navigate(`/station/${stationId}/people`)} data-testid="import-to-people">
              {t("import.toPeople")}
            </Button>,
            <Button key="again" onClick={onRestart}>
              {t("import.again")}
            </Button>,
          ]}
        >
          {commit.data.duplicatesElsewhere > 0 && <Alert type="warning" showIcon title={t("import.duplicatesElsewhere", { n: commit.data.duplicatesElsewhere })} />}
        </Result>
      )}
    </div>
  );
}

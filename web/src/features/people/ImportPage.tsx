// The roster import wizard: choose a file, check it (dry run), fix problems, confirm.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Result, Space, Steps, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { RosterImportResult, RosterProblem } from '../../../../src/features/people/contract';
import { ApiError, post } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { errorMessage } from '../../app/ui';
import { ImportProblems, ImportSummary } from './ImportReport';
import { schoolBase } from './queries';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'problems'; message: string; problems: RosterProblem[] }
  | { kind: 'error'; message: string }
  | { kind: 'checked'; result: RosterImportResult }
  | { kind: 'done'; result: RosterImportResult };

export function ImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const schoolId = useSchoolId();
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);

  const send = async (chosen: File, dryRun: boolean) => {
    setBusy(true);
    const form = new FormData();
    form.append('file', chosen, chosen.name);
    try {
      const url = `${schoolBase(schoolId)}/roster/import${dryRun ? '?dryRun=true' : ''}`;
      const result = await post<RosterImportResult>(url, form);
      setOutcome(dryRun ? { kind: 'checked', result } : { kind: 'done', result });
      if (!dryRun) {
        void client.invalidateQueries({ queryKey: ['students', schoolId] });
        void client.invalidateQueries({ queryKey: ['classes', schoolId] });
      }
    } catch (e) {
      const problems =
        (e instanceof ApiError && (e.details as { problems?: RosterProblem[] })?.problems) || null;
      if (e instanceof ApiError && e.code === 'ROSTER_INVALID' && problems) {
        setOutcome({ kind: 'problems', message: e.message, problems });
      } else {
        setOutcome({ kind: 'error', message: errorMessage(e) });
      }
    } finally {
      setBusy(false);
    }
  };

  const choose = (chosen: File) => {
    setFile(chosen);
    void send(chosen, true);
    return false;
  };

  const step = outcome.kind === 'done' ? 2 : outcome.kind === 'idle' ? 0 : 1;
  const picker = (
    <Upload.Dragger
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      beforeUpload={choose}
      showUploadList={false}
      multiple={false}
      disabled={busy}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">
        {outcome.kind === 'problems' ? t('import.pickCorrected') : t('import.choose')}
      </p>
      {file && <p className="ant-upload-hint">{file.name}</p>}
    </Upload.Dragger>
  );

  return (
    <Card title={t('import.title')}>
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          { title: t('import.stepFile') },
          { title: t('import.stepCheck') },
          { title: t('import.stepDone') },
        ]}
      />
      {outcome.kind === 'done' ? (
        <Result
          status="success"
          title={t('import.success')}
          subTitle={<ImportSummary result={outcome.result} />}
          extra={[
            <Button key="students" type="primary" onClick={() => navigate('/students')}>
              {t('import.toStudents')}
            </Button>,
            <Button
              key="again"
              onClick={() => {
                setFile(null);
                setOutcome({ kind: 'idle' });
              }}
            >
              {t('import.again')}
            </Button>,
          ]}
        />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Alert type="info" showIcon title={t('import.hint')} />
          <Button icon={<DownloadOutlined />} href={`${schoolBase(schoolId)}/roster/export`} type="link">
            {t('import.template')}
          </Button>
          {outcome.kind === 'error' && <Alert type="error" showIcon title={outcome.message} />}
          {outcome.kind === 'problems' && (
            <ImportProblems message={outcome.message} problems={outcome.problems} />
          )}
          {outcome.kind === 'checked' && (
            <>
              <ImportSummary result={outcome.result} title={t('import.summary')} />
              <Button type="primary" size="large" loading={busy} onClick={() => file && send(file, false)}>
                {t('import.confirm')}
              </Button>
            </>
          )}
          {picker}
        </Space>
      )}
    </Card>
  );
}

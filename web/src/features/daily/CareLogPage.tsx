// DAY-6 看管记录 and DAY-8 活动记录表 on a phone: the required fields come from the server (by the
// class's kind), so the teacher sees at once whether the record counts as complete for pay.
import { Alert, Button, Form, Input, InputNumber, Radio, Result, Spin, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { put } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { errorMessage } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { type CareLogView, classDayApi, dailyPaths, useCareLog, useRefreshDaily } from './queries';
import './daily.css';

interface Values {
  content?: string;
  topic?: string;
  headCount?: number | null;
  startedAt?: Dayjs | null;
  endedAt?: Dayjs | null;
  homework?: string | null;
  behaviour?: string;
  notes?: string;
}

const time = (v: string | null) => (v ? dayjs(`2000-01-01T${v}`) : null);

export function CareLogPage() {
  const { tempClassId = '', date = '' } = useParams();
  const log = useCareLog(tempClassId, date);
  if (log.isLoading) return <Spin />;
  if (log.error) return <Result status="404" title={errorMessage(log.error)} />;
  return <CareLogForm log={log.data!} />;
}

function CareLogForm({ log }: { log: CareLogView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const schoolId = useSchoolId();
  const refresh = useRefreshDaily();
  const { save, busy } = useSave();
  const [form] = Form.useForm<Values>();
  const required = new Set(log.required);
  const label = (field: string) => t(`daily.log.${field}`);

  const submit = async (v: Values) => {
    const ok = await save(
      () =>
        put<CareLogView>(`${classDayApi(schoolId, log.tempClassId, log.date)}/care-log`, {
          content: v.content ?? '',
          topic: v.topic ?? '',
          headCount: v.headCount ?? null,
          startedAt: v.startedAt ? v.startedAt.format('HH:mm') : null,
          endedAt: v.endedAt ? v.endedAt.format('HH:mm') : null,
          homework: v.homework ?? null,
          behaviour: v.behaviour ?? '',
          notes: v.notes ?? '',
          baseVersion: log.version ?? 0,
        }),
      () => undefined,
      form,
      t('daily.log.saved'),
    );
    if (ok) {
      await refresh();
      navigate(dailyPaths.today);
    }
  };

  return (
    <div className="daily-page">
      <Typography.Title level={4}>{t('daily.log.title', { name: log.className })}</Typography.Title>
      <Typography.Text type="secondary">{log.date}</Typography.Text>
      {log.version !== null && (
        <Alert
          style={{ marginBottom: 12 }}
          type={log.complete ? 'success' : 'warning'}
          title={`${t('daily.log.version', { version: log.version })} · ${
            log.complete
              ? t('daily.log.complete')
              : t('daily.log.incomplete', { fields: log.missing.map(label).join('、') })
          }`}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        size="large"
        onFinish={submit}
        initialValues={{
          content: log.content,
          topic: log.topic,
          headCount: log.headCount,
          startedAt: time(log.startedAt),
          endedAt: time(log.endedAt),
          homework: log.homework,
          behaviour: log.behaviour,
          notes: log.notes,
        }}
      >
        <Form.Item name="content" label={label('content')} required={required.has('content')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        {(required.has('topic') || log.topic) && (
          <Form.Item name="topic" label={label('topic')} required={required.has('topic')}>
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="headCount" label={label('headCount')} required={required.has('headCount')}>
          <InputNumber min={0} max={500} inputMode="numeric" style={{ width: '100%' }} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 8 }}>
          <Form.Item name="startedAt" label={label('startedAt')} required style={{ flex: 1 }}>
            <TimePicker format="HH:mm" minuteStep={5} inputReadOnly style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="endedAt" label={label('endedAt')} required style={{ flex: 1 }}>
            <TimePicker format="HH:mm" minuteStep={5} inputReadOnly style={{ width: '100%' }} />
          </Form.Item>
        </div>
        {required.has('homework') && (
          <Form.Item name="homework" label={label('homework')} required>
            <Radio.Group optionType="button" buttonStyle="solid">
              {(['all', 'most', 'few', 'none'] as const).map((a) => (
                <Radio.Button key={a} value={a}>
                  {t(`daily.log.homeworkAnswers.${a}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item name="behaviour" label={label('behaviour')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="notes" label={label('notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={busy}
          data-testid="care-log-save"
        >
          {t('daily.log.save')}
        </Button>
      </Form>
    </div>
  );
}

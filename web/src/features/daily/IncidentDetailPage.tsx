// One incident: what happened and what was done, the follow-ups in order, and the next steps the
// reader may take (staff add follow-ups; the school's leaders close with a finding or reopen).
// A parent arrives here from the inbox and sees only their own child.
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useSchoolId } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { useIdempotentWrite } from '../enrolment/idempotency';
import { IncidentSeverityTag, IncidentStatusTag } from './IncidentParts';
import { type IncidentView, incidentApi, useIncident, useRefreshIncidents } from './incident-queries';

type Step = 'close' | 'reopen';

export function IncidentDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const { incidentId } = useParams();
  const incident = useIncident(incidentId);
  const refresh = useRefreshIncidents();
  const { send, renew } = useIdempotentWrite();
  const [note, setNote] = useState('');
  const [internal, setInternal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<Step | null>(null);
  const [stepNote, setStepNote] = useState('');
  const [finding, setFinding] = useState<'upheld' | 'not_upheld'>('upheld');

  if (incident.isLoading) return <Spin />;
  if (incident.error || !incident.data) return <Alert type="error" title={errorMessage(incident.error)} />;
  const v = incident.data;
  const base = `${incidentApi(schoolId)}/${v.id}`;

  const write = async (path: string, body: unknown, done: () => void) => {
    setBusy(true);
    try {
      await send<IncidentView>('POST', `${base}/${path}`, body);
      renew();
      refresh();
      done();
      message.success(t('incident.saved'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 820 }} size={12}>
      <Card
        size={phone ? 'small' : undefined}
        title={
          <Space wrap>
            {t(`incident.kinds.${v.kind}`)}
            <IncidentSeverityTag severity={v.severity} />
            <IncidentStatusTag status={v.status} />
          </Space>
        }
        extra={
          <Space wrap>
            {v.can.close && (
              <Button danger onClick={() => setStep('close')} data-testid="incident-close">
                {t('incident.close')}
              </Button>
            )}
            {v.can.reopen && (
              <Button onClick={() => setStep('reopen')} data-testid="incident-reopen">
                {t('incident.reopen')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={phone ? 1 : 2} size="small">
          <Descriptions.Item label={t('incident.occurredAt')}>
            {dayjs(v.occurredAt).format('YYYY-MM-DD HH:mm')}
          </Descriptions.Item>
          <Descriptions.Item label={t('incident.class')}>{v.tempClass?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('incident.students')} span={2}>
            {v.students.map((s) => `${s.name}（${s.classLabel}）`).join('、') || '—'}
            {v.otherStudents > 0 && (
              <Typography.Text type="secondary">
                {' '}
                {t('incident.otherStudents', { count: v.otherStudents })}
              </Typography.Text>
            )}
          </Descriptions.Item>
          {v.staff && <Descriptions.Item label={t('incident.staff')}>{v.staff.name}</Descriptions.Item>}
          {v.finding && (
            <Descriptions.Item label={t('incident.finding')}>
              {t(`incident.findings.${v.finding}`)}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('incident.reportedBy')}>
            {v.reportedBy} · {dayjs(v.reportedAt).format('MM-DD HH:mm')}
          </Descriptions.Item>
          <Descriptions.Item label={t('incident.status')}>
            {t('incident.guardiansNotified', { count: v.guardiansNotified })}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5}>{t('incident.description')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="incident-description-text">
          {v.description}
        </Typography.Paragraph>
        <Typography.Title level={5}>{t('incident.actionTaken')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{v.actionTaken}</Typography.Paragraph>
      </Card>

      <Card size={phone ? 'small' : undefined} title={t('incident.events')}>
        {v.events.length === 0 ? (
          <Empty description={t('incident.noEvents')} />
        ) : (
          <Timeline
            items={v.events.map((e) => ({
              color: e.kind === 'close' ? 'green' : e.kind === 'reopen' ? 'orange' : 'blue',
              content: (
                <div data-testid="incident-event">
                  <Space wrap size={4}>
                    <Typography.Text strong>{t(`incident.eventKinds.${e.kind}`)}</Typography.Text>
                    {e.internal && <Tag>{t('incident.internal')}</Tag>}
                    <Typography.Text type="secondary">
                      {e.by} · {dayjs(e.at).format('MM-DD HH:mm')}
                    </Typography.Text>
                  </Space>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>
                </div>
              ),
            }))}
          />
        )}
        {v.can.followUp && (
          <Form layout="vertical" style={{ marginTop: 12 }}>
            <Form.Item label={t('incident.followUp')}>
              <Input.TextArea
                rows={3}
                maxLength={2000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t('incident.followUpPlaceholder')}
                data-testid="incident-followup-note"
                style={{ fontSize: 16 }}
              />
            </Form.Item>
            <Checkbox
              checked={internal}
              onChange={(e) => setInternal(e.target.checked)}
              style={{ marginBottom: 12 }}
            >
              {t('incident.internalLabel')}
            </Checkbox>
            <Button
              type="primary"
              block={phone}
              size="large"
              disabled={!note.trim()}
              loading={busy}
              data-testid="incident-followup-save"
              onClick={() =>
                write('follow-ups', { note: note.trim(), internal }, () => {
                  setNote('');
                  setInternal(false);
                })
              }
            >
              {t('incident.save')}
            </Button>
          </Form>
        )}
      </Card>

      <Modal
        open={step !== null}
        title={step === 'close' ? t('incident.closeTitle') : t('incident.reopen')}
        okText={t('incident.save')}
        okButtonProps={{ disabled: !stepNote.trim(), loading: busy, danger: step === 'close' }}
        onCancel={() => setStep(null)}
        onOk={() =>
          write(
            step === 'close' ? 'close' : 'reopen',
            step === 'close' ? { note: stepNote.trim(), finding } : { note: stepNote.trim() },
            () => {
              setStep(null);
              setStepNote('');
            },
          )
        }
      >
        <Form layout="vertical">
          <Form.Item label={step === 'close' ? t('incident.closeNote') : t('incident.reopenNote')}>
            <Input.TextArea rows={3} value={stepNote} onChange={(e) => setStepNote(e.target.value)} />
          </Form.Item>
          {step === 'close' && (v.kind === 'staff_dereliction' || v.kind === 'safety_hazard') && (
            <Form.Item label={t('incident.finding')}>
              <Radio.Group value={finding} onChange={(e) => setFinding(e.target.value)}>
                <Radio.Button value="upheld">{t('incident.findings.upheld')}</Radio.Button>
                <Radio.Button value="not_upheld">{t('incident.findings.not_upheld')}</Radio.Button>
              </Radio.Group>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}

// DAY-6 on a phone: the teacher standing for a class records an incident at once — class, children,
// kind, severity, what happened and what was done — and the family is told on submit. Big tap
// targets; one Idempotency-Key per form so a double tap or a retry records it once.
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { incidentKinds, incidentSeverities } from '../../../../src/features/daily/incident-rules';
import { useSchoolId } from '../../app/session';
import { applyFieldErrors, errorMessage, useIsPhone } from '../../app/ui';
import { useIdempotentWrite } from '../enrolment/idempotency';
import { type IncidentView, incidentApi, useIncidentForm, useRefreshIncidents } from './incident-queries';

interface Values {
  tempClassId: string;
  studentIds: string[];
  occurredAt: Dayjs;
  kind: (typeof incidentKinds)[number];
  severity: (typeof incidentSeverities)[number];
  description: string;
  actionTaken: string;
  staffUserId?: string;
}

const general = '__general__';
const big = { minHeight: 44, fontSize: 16 } as const;

export function IncidentReportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const options = useIncidentForm(dayjs().format('YYYY-MM-DD'));
  const { send, renew } = useIdempotentWrite();
  const refresh = useRefreshIncidents();
  const classId = Form.useWatch('tempClassId', form);
  const kind = Form.useWatch('kind', form);
  const cls = options.data?.classes.find((c) => c.id === classId);

  const onFinish = async (v: Values) => {
    setBusy(true);
    try {
      const view = await send<IncidentView>('POST', incidentApi(schoolId), {
        tempClassId: v.tempClassId === general ? null : v.tempClassId,
        studentIds: v.studentIds ?? [],
        occurredAt: v.occurredAt.toISOString(),
        kind: v.kind,
        severity: v.severity,
        description: v.description,
        actionTaken: v.actionTaken,
        staffUserId: v.staffUserId ?? null,
      });
      renew();
      refresh();
      message.success(t('incident.submitted'));
      navigate(`/daily/incidents/${view.id}`);
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (options.isLoading) return <Spin />;
  const classes = options.data?.classes ?? [];
  const required = { required: true, message: t('login.required') };
  return (
    <Card title={t('incident.reportTitle')} size={phone ? 'small' : undefined} style={{ maxWidth: 720 }}>
      <Alert type="warning" showIcon title={t('incident.reportHint')} style={{ marginBottom: 16 }} />
      {classes.length === 0 && !options.data?.general ? (
        <Alert type="info" title={t('incident.noClass')} />
      ) : (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={onFinish}
          initialValues={{
            occurredAt: dayjs(),
            severity: 'minor',
            studentIds: [],
            tempClassId: classes.length === 1 ? classes[0]!.id : undefined,
          }}
        >
          <Form.Item name="tempClassId" label={t('incident.class')} rules={[required]}>
            <Radio.Group data-testid="incident-class" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
              {classes.map((c) => (
                <Radio.Button key={c.id} value={c.id} style={big} data-testid={`incident-class-${c.id}`}>
                  {c.name}
                </Radio.Button>
              ))}
              {options.data?.general && (
                <Radio.Button value={general} style={big} data-testid="incident-class-general">
                  {t('incident.general')}
                </Radio.Button>
              )}
            </Radio.Group>
          </Form.Item>
          {cls && (
            <Form.Item name="studentIds" label={t('incident.students')} extra={t('incident.studentsHint')}>
              <Checkbox.Group style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                {cls.students.map((s) => (
                  <Checkbox
                    key={s.id}
                    value={s.id}
                    data-testid={`incident-student-${s.id}`}
                    style={{
                      ...big,
                      padding: '8px 12px',
                      border: '1px solid #d9d9d9',
                      borderRadius: 8,
                      margin: 0,
                    }}
                  >
                    {s.name}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
          )}
          <Form.Item name="occurredAt" label={t('incident.occurredAt')} rules={[required]}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%', ...big }}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              data-testid="incident-time"
            />
          </Form.Item>
          <Form.Item name="kind" label={t('incident.kind')} rules={[required]}>
            <Radio.Group style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
              {incidentKinds.map((k) => (
                <Radio.Button key={k} value={k} style={big} data-testid={`incident-kind-${k}`}>
                  {t(`incident.kinds.${k}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="severity" label={t('incident.severity')} rules={[required]}>
            <Radio.Group buttonStyle="solid">
              {incidentSeverities.map((s) => (
                <Radio.Button key={s} value={s} style={big} data-testid={`incident-severity-${s}`}>
                  {t(`incident.severities.${s}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="description" label={t('incident.description')} rules={[required]}>
            <Input.TextArea
              rows={3}
              maxLength={2000}
              placeholder={t('incident.descriptionPlaceholder')}
              data-testid="incident-description"
              style={{ fontSize: 16 }}
            />
          </Form.Item>
          <Form.Item name="actionTaken" label={t('incident.actionTaken')} rules={[required]}>
            <Input.TextArea
              rows={3}
              maxLength={2000}
              placeholder={t('incident.actionPlaceholder')}
              data-testid="incident-action"
              style={{ fontSize: 16 }}
            />
          </Form.Item>
          {(kind === 'staff_dereliction' || kind === 'safety_hazard') && (
            <Form.Item
              name="staffUserId"
              label={t('incident.staff')}
              extra={t('incident.staffHint')}
              rules={kind === 'staff_dereliction' ? [required] : []}
            >
              <Select
                showSearch
                allowClear
                optionFilterProp="label"
                size="large"
                data-testid="incident-staff"
                options={(options.data?.staff ?? []).map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          )}
          <Button
            type="primary"
            danger
            htmlType="submit"
            block
            size="large"
            loading={busy}
            data-testid="incident-submit"
            style={{ height: 52, fontSize: 17 }}
          >
            {t('incident.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

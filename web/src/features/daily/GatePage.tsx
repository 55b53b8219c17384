// The guard's phone page (DAY-9): register visitors and sign them out (ID numbers masked; the full
// number on request, logged), check outside staff, and check a walk-home permit card.
import { Alert, Button, Card, Form, Input, List, Popconfirm, Space, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { permitCheckView } from '../../../../src/features/daily/permit-contract';
import { get, post, query } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { errorMessage } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { type OutsideStaffCheck, schoolPath, usePickupRefresh, useVisitors } from './PickupQueries';

function Visitors() {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const [onSite, setOnSite] = useState(true);
  const visitors = useVisitors(onSite);
  const refresh = usePickupRefresh();
  const { save, busy } = useSave();
  const [form] = Form.useForm();
  const [fullIds, setFullIds] = useState<Record<string, string>>({});
  return (
    <Card title={t('pickup.gate.visitors')} size="small" style={{ marginBottom: 12 }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          save(
            () => post(`${schoolPath(schoolId)}/gate/visitors`, v),
            () => {
              form.resetFields();
              void refresh();
            },
            form,
            t('pickup.gate.registered'),
          )
        }
      >
        {(['name', 'idNumber', 'phone', 'purpose', 'host'] as const).map((f) => (
          <Form.Item key={f} name={f} label={t(`pickup.gate.${f}`)} rules={[{ required: true }]}>
            <Input size="large" autoComplete="off" data-testid={`gate-${f}`} />
          </Form.Item>
        ))}
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={busy}
          data-testid="gate-register"
        >
          {t('pickup.gate.register')}
        </Button>
      </Form>
      <Space style={{ margin: '12px 0' }}>
        <Switch checked={onSite} onChange={setOnSite} />
        {t('pickup.gate.onSiteOnly')}
      </Space>
      <List
        dataSource={visitors.data?.items ?? []}
        renderItem={(v) => (
          <List.Item data-testid="gate-visitor">
            <div style={{ width: '100%' }}>
              <Space wrap>
                <strong>{v.name}</strong>
                <span data-testid="gate-id-masked">{fullIds[v.id] ?? v.idNumberMasked}</span>
                <span>{v.phoneMasked}</span>
              </Space>
              <div>
                {v.purpose} · {v.host} · {t('pickup.gate.inAt')} {dayjs(v.inAt).format('HH:mm')}
                {v.outAt && ` · ${t('pickup.gate.outAt')} ${dayjs(v.outAt).format('HH:mm')}`}
              </div>
              <Space wrap style={{ marginTop: 4 }}>
                {!fullIds[v.id] && (
                  <Button
                    size="small"
                    onClick={() =>
                      save(
                        () =>
                          get<{ idNumber: string }>(
                            `${schoolPath(schoolId)}/gate/visitors/${v.id}/id-number`,
                          ),
                        (r) => setFullIds((m) => ({ ...m, [v.id]: r.idNumber })),
                        undefined,
                        ' ',
                      )
                    }
                  >
                    {t('pickup.gate.showId')}
                  </Button>
                )}
                {!v.outAt && (
                  <Popconfirm
                    title={t('pickup.gate.signOut')}
                    onConfirm={() =>
                      save(
                        () => post(`${schoolPath(schoolId)}/gate/visitors/${v.id}/sign-out`),
                        () => void refresh(),
                      )
                    }
                  >
                    <Button size="small" type="primary" data-testid="gate-sign-out">
                      {t('pickup.gate.signOut')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

function Lookup<T>({
  label,
  call,
  render,
  testId,
}: {
  label: string;
  call: (q: string) => Promise<T>;
  render: (r: T) => React.ReactNode;
  testId: string;
}) {
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Input.Search
        size="large"
        placeholder={label}
        enterButton
        data-testid={testId}
        onSearch={async (q) => {
          setError(null);
          setResult(null);
          if (!q.trim()) return;
          try {
            setResult(await call(q.trim()));
          } catch (e) {
            setError(errorMessage(e));
          }
        }}
      />
      {error && <Alert type="error" title={error} style={{ marginTop: 8 }} />}
      {result && <div style={{ marginTop: 8 }}>{render(result)}</div>}
    </>
  );
}

export function GatePage() {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  return (
    <div data-testid="gate-page">
      <h2 style={{ marginTop: 0 }}>{t('pickup.gate.title')}</h2>
      <Card title={t('pickup.gate.staffCheck')} size="small" style={{ marginBottom: 12 }}>
        <Lookup<OutsideStaffCheck>
          label={t('pickup.gate.staffQuery')}
          testId="gate-staff-query"
          call={(q) => get(`${schoolPath(schoolId)}/gate/outside-staff${query({ q })}`)}
          render={(r) =>
            r.items.length === 0 ? (
              <Alert type="warning" title={t('pickup.gate.noMatch')} />
            ) : (
              r.items.map((s) => (
                <Alert
                  key={s.id}
                  style={{ marginBottom: 8 }}
                  type={s.approved ? 'success' : 'error'}
                  title={`${s.name} · ${s.idNumberMasked} · ${s.phoneMasked}${s.institution ? ` · ${s.institution}` : ''}`}
                  description={s.approved ? t('pickup.gate.approved') : t('pickup.gate.notApproved')}
                />
              ))
            )
          }
        />
      </Card>
      <Card title={t('pickup.permit.check')} size="small" style={{ marginBottom: 12 }}>
        <Lookup<z.infer<typeof permitCheckView>>
          label={t('pickup.permit.token')}
          testId="gate-permit-token"
          call={(token) => get(`${schoolPath(schoolId)}/permits/check${query({ token })}`)}
          render={(p) => (
            <Alert
              type={p.state === 'valid' ? 'success' : 'error'}
              title={
                <Space wrap>
                  <Tag color={p.state === 'valid' ? 'green' : 'red'}>
                    {t(`pickup.permit.states.${p.state}`)}
                  </Tag>
                  <strong>{p.studentName}</strong>
                  <span>{p.className}</span>
                </Space>
              }
              description={
                <Typography.Text>
                  {p.termName} · {p.weekdays.map((d) => t(`pickup.weekday.${d}`)).join(' ')} · {p.endsOn}
                </Typography.Text>
              }
            />
          )}
        />
      </Card>
      <Visitors />
    </div>
  );
}

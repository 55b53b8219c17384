// A parent applies for one child (ENR-3, ENR-5): homework care per session, clubs with a second
// choice, the school's conditions with proof where asked. One Idempotency-Key per form, so a double
// tap or a retry yields one application; the button is disabled while the request is out.
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Result,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import type { ApplicationView } from '../../../../src/features/enrolment/contract';
import { useSchoolId } from '../../app/session';
import { classText, errorMessage } from '../../app/ui';
import { useIdempotentWrite } from './idempotency';
import { basicKinds } from './labels';
import { feeText } from './parts';
import { paths } from './paths';
import {
  type OfferingSummary,
  type SessionSummary,
  termApi,
  useMyApplications,
  useOfferings,
  useRefreshEnrolment,
  useSessions,
  useTerms,
} from './queries';

const maxClubGroups = 3;

interface ApplyValues {
  basic?: string[];
  clubs?: { first?: string; second?: string }[];
  conditions?: Record<string, { confirmed?: boolean; proof?: string }>;
  note?: string;
}

export function weekdaysText(days: number[], t: (k: string) => string): string {
  const sorted = [...days].sort((a, b) => a - b);
  const contiguous = sorted.every((d, i) => i === 0 || d === (sorted[i - 1] ?? 0) + 1);
  if (sorted.length > 2 && contiguous)
    return `${t(`enrol.weekday.${sorted[0]}`)}${t('enrol.to')}${t(`enrol.weekday.${sorted.at(-1)}`)}`;
  return sorted.map((d) => t(`enrol.weekday.${d}`)).join(t('enrol.listSep'));
}

export function sessionText(s: SessionSummary, t: (k: string) => string): string {
  return `${s.name} · ${weekdaysText(s.weekdays, t)} ${s.startsAt}–${s.endsAt}`;
}

export function ApplyPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const schoolId = useSchoolId();
  const { termId = '', studentId = '' } = useParams();
  const [form] = Form.useForm<ApplyValues>();
  const terms = useTerms();
  const term = terms.data?.find((x) => x.id === termId);
  const sessions = useSessions(termId);
  const offerings = useOfferings(termId);
  const mine = useMyApplications(termId);
  const refresh = useRefreshEnrolment();
  const { send } = useIdempotentWrite();
  const [sending, setSending] = useState(false);
  // State updates are not instant: a second tap in the same frame must not send again.
  const inFlight = useRef(false);
  const clubs = Form.useWatch('clubs', form) ?? [];

  const loading = terms.isLoading || sessions.isLoading || offerings.isLoading || mine.isLoading;
  const error = terms.error ?? sessions.error ?? offerings.error ?? mine.error;
  if (loading) return <Spin />;
  if (error) return <Result status="warning" title={errorMessage(error)} />;
  const child = mine.data?.children.find((c) => c.studentId === studentId);
  if (!term || !child) return <Result status="404" title={t('error.notFound')} />;
  if (child.applicationId) return <Navigate to={paths.application(child.applicationId)} replace />;

  const sessionById = new Map((sessions.data ?? []).map((s) => [s.id, s]));
  const all = offerings.data ?? [];
  const basics = all.filter((o) => basicKinds.has(o.kind));
  const activities = all.filter((o) => !basicKinds.has(o.kind));
  const offeringText = (o: OfferingSummary) => {
    const session = sessionById.get(o.sessionId);
    const fee = feeText(o.feeFen, o.feeBasis, t);
    return [o.name, session?.name, t('enrol.places', { count: o.capacity }), fee].filter(Boolean).join(' · ');
  };
  const activityOptions = (exclude: (string | undefined)[]) =>
    activities.map((o) => ({ value: o.id, label: offeringText(o), disabled: exclude.includes(o.id) }));
  const open = term.windowState === 'open';

  const submit = async (values: ApplyValues) => {
    if (inFlight.current) return;
    const choices = [
      ...(values.basic ?? []).map((id) => ({ offeringIds: [id] })),
      ...(values.clubs ?? [])
        .filter((c) => c.first)
        .map((c) => ({ offeringIds: [c.first as string, ...(c.second ? [c.second] : [])] })),
    ];
    if (choices.length === 0) {
      message.warning(t('enrol.chooseSomething'));
      return;
    }
    const body = {
      studentId,
      choices,
      conditions: term.conditions.map((c) => ({
        key: c.key,
        confirmed: !!values.conditions?.[c.key]?.confirmed,
        ...(c.needsProof ? { proof: values.conditions?.[c.key]?.proof?.trim() ?? '' } : {}),
      })),
      note: values.note?.trim() ?? '',
    };
    inFlight.current = true;
    setSending(true);
    try {
      const result = await send<ApplicationView>('POST', `${termApi(schoolId, termId)}/applications`, body);
      refresh();
      message.success(t('enrol.submitted', { ref: result.publicRef }));
      navigate(paths.application(result.id), { replace: true });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  };

  // Homework care and other basic care, grouped by session.
  const basicSessions = [...new Set(basics.map((o) => o.sessionId))]
    .map((id) => sessionById.get(id))
    .filter((s): s is SessionSummary => !!s);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
        <strong style={{ fontSize: 18 }}>
          {t('enrol.applyTitle', { name: child.name })} · {classText(child.grade, child.classNo)}
        </strong>
      </Space>
      {!open && <Alert type="warning" showIcon title={t(`enrol.windowState.${term.windowState}`)} />}
      <Form<ApplyValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ basic: [], clubs: [], note: '' }}
        disabled={!open}
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Card size="small" title={t('enrol.basicTitle')}>
            {basicSessions.length === 0 && (
              <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
            )}
            <Form.Item name="basic" style={{ marginBottom: 0 }}>
              <Checkbox.Group style={{ width: '100%' }}>
                <Space orientation="vertical" size={10} style={{ width: '100%' }}>
                  {basicSessions.map((s) => (
                    <div key={s.id}>
                      <Typography.Text type="secondary">{sessionText(s, t)}</Typography.Text>
                      {basics
                        .filter((o) => o.sessionId === s.id)
                        .map((o) => (
                          <div key={o.id}>
                            <Checkbox value={o.id}>
                              {o.name}
                              <Typography.Text type="secondary">
                                {' '}
                                {[t('enrol.places', { count: o.capacity }), feeText(o.feeFen, o.feeBasis, t)]
                                  .filter(Boolean)
                                  .join(' · ')}
                              </Typography.Text>
                            </Checkbox>
                          </div>
                        ))}
                    </div>
                  ))}
                </Space>
              </Checkbox.Group>
            </Form.Item>
          </Card>

          <Card size="small" title={t('enrol.clubsTitle')}>
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              {t('enrol.clubsHint')}
            </Typography.Paragraph>
            <Form.List name="clubs">
              {(fields, { add, remove }) => (
                <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                  {fields.map((field, index) => {
                    const row = clubs[index] ?? {};
                    return (
                      <div key={field.key} className="kh-choice" data-testid="club-choice">
                        <div className="kh-choice-head">
                          <Typography.Text strong>{t('enrol.clubNo', { n: index + 1 })}</Typography.Text>
                          <Button
                            type="text"
                            size="small"
                            icon={<DeleteOutlined />}
                            aria-label={t('common.remove')}
                            onClick={() => remove(field.name)}
                          />
                        </div>
                        <Form.Item
                          name={[field.name, 'first']}
                          label={t('enrol.firstChoice')}
                          rules={[{ required: true, message: t('enrol.pickFirst') }]}
                        >
                          <Select
                            placeholder={t('enrol.pickClub')}
                            options={activityOptions([
                              row.second,
                              ...clubs.filter((_, i) => i !== index).flatMap((c) => [c?.first, c?.second]),
                            ])}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'second']}
                          label={t('enrol.secondChoiceOptional')}
                          style={{ marginBottom: 0 }}
                        >
                          <Select
                            allowClear
                            placeholder={t('enrol.pickSecond')}
                            options={activityOptions([
                              row.first,
                              ...clubs.filter((_, i) => i !== index).flatMap((c) => [c?.first, c?.second]),
                            ])}
                          />
                        </Form.Item>
                      </div>
                    );
                  })}
                  {fields.length < maxClubGroups && activities.length > 0 && (
                    <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
                      {t('enrol.addClub')}
                    </Button>
                  )}
                  {activities.length === 0 && (
                    <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                  )}
                </Space>
              )}
            </Form.List>
          </Card>

          {term.conditions.length > 0 && (
            <Card size="small" title={t('enrol.conditionsTitle')}>
              {term.conditions.map((c) => (
                <div key={c.key} style={{ marginBottom: 8 }}>
                  <Form.Item
                    name={['conditions', c.key, 'confirmed']}
                    valuePropName="checked"
                    style={{ marginBottom: c.needsProof ? 4 : 8 }}
                    rules={[
                      {
                        validator: (_, v) =>
                          v ? Promise.resolve() : Promise.reject(new Error(t('enrol.confirmCondition'))),
                      },
                    ]}
                  >
                    <Checkbox>{c.text}</Checkbox>
                  </Form.Item>
                  {c.needsProof && (
                    <Form.Item
                      name={['conditions', c.key, 'proof']}
                      label={t('enrol.proof')}
                      rules={[{ required: true, whitespace: true, message: t('enrol.proofRequired') }]}
                    >
                      <Input maxLength={200} placeholder={t('enrol.proofHint')} />
                    </Form.Item>
                  )}
                </div>
              ))}
            </Card>
          )}

          <Card size="small">
            <Form.Item name="note" label={t('enrol.note')}>
              <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('enrol.noteHint')} />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={sending}
              disabled={sending || !open}
              data-testid="submit-application"
            >
              {sending ? t('enrol.sending') : t('enrol.submit')}
            </Button>
          </Card>
        </Space>
      </Form>
    </Space>
  );
}

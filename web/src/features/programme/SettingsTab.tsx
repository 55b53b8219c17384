// The school's settings (where plans disagree, domain.md): 5+2 thresholds, class-hour limits,
// and the enrolment values the draw and withdrawals use.

import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { sensitiveCategories } from '../../../../src/features/people/rules';
import type { SchoolSettings } from '../../../../src/features/programme/settings';
import { patch } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { useIsPhone } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { schoolUrl, useRefresh, useSettings } from './queries';

export function SettingsTab() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const writable = useSession().can('programme.write');
  const settings = useSettings();
  const refresh = useRefresh();
  const client = useQueryClient();
  const { save, busy } = useSave();
  const [form] = Form.useForm<SchoolSettings>();

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const submit = (values: SchoolSettings) =>
    save(
      () => patch<SchoolSettings>(`${schoolUrl(schoolId)}/settings`, values),
      (saved) => {
        client.setQueryData(['programme', schoolId, 'settings'], saved);
        void refresh();
      },
      form,
    );
  const number = (name: string | string[], label: string, min: number, max: number) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('login.required') }]}>
      <InputNumber min={min} max={max} disabled={!writable} />
    </Form.Item>
  );
  /** An amount stored in fen, entered and shown in yuan. */
  const yuan = (name: string, label: string, max: number) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]}>
      <InputNumber<number>
        min={0}
        max={max}
        formatter={(v) =>
          v === undefined || v === null || `${v}` === '' ? '' : (Number(v) / 100).toFixed(2)
        }
        parser={(v) => Math.round(Number.parseFloat(v ?? '0') * 100)}
        addonAfter={t('settle.settings.yuan')}
        disabled={!writable}
      />
    </Form.Item>
  );
  /** One of a setting's values, each labelled under `settle.settings.{labels}.{value}`. */
  const choice = (name: string, label: string, values: string[], labels: string, width: number) => (
    <Form.Item name={name} label={label}>
      <Select
        style={{ width }}
        disabled={!writable}
        options={values.map((v) => ({ value: v, label: t(`settle.settings.${labels}.${v}`) }))}
      />
    </Form.Item>
  );

  return (
    <Card
      size={phone ? 'small' : undefined}
      title={t('programme.settings.title')}
      loading={settings.isLoading}
    >
      <Form<SchoolSettings> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 520 }}>
        <Form.Item
          name="offWorkTime"
          label={t('programme.settings.offWorkTime')}
          rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'HH:MM' }]}
        >
          <Input style={{ width: 100 }} disabled={!writable} />
        </Form.Item>
        {number('minDailyMinutes', t('programme.settings.minDailyMinutes'), 0, 600)}
        <Form.Item label={t('programme.settings.periodLimits')}>
          <Space wrap>
            {number(['periodLimits', 'noon'], t('programme.settings.noon'), 0, 10)}
            {number(['periodLimits', 'afternoon'], t('programme.settings.afternoon'), 0, 10)}
            {number(['periodLimits', 'day'], t('programme.settings.day'), 0, 12)}
          </Space>
        </Form.Item>
        <Form.Item
          name="lowerGradesFirst"
          label={t('programme.settings.lowerGradesFirst')}
          valuePropName="checked"
        >
          <Switch disabled={!writable} />
        </Form.Item>
        {number('offerAcceptHours', t('programme.settings.offerAcceptHours'), 1, 336)}
        {number('withdrawalNoticeDays', t('programme.settings.withdrawalNoticeDays'), 0, 60)}
        <Form.Item name="timezone" label={t('programme.settings.timezone')}>
          <Input style={{ width: 200 }} disabled={!writable} />
        </Form.Item>
        {/* daily attendance (DAY-7, DAY-1) */}
        {number('staffLateGraceMinutes', t('daily.settings.staffLateGraceMinutes'), 0, 60)}
        {number('rollCorrectionDays', t('daily.settings.rollCorrectionDays'), 0, 30)}
        {/* temporary classes (STAFF-1, STAFF-2, STAFF-3) */}
        <Form.Item label={t('groups.settings.caps')}>
          <Space wrap>
            {number('careClassCap', t('groups.settings.careClassCap'), 1, 200)}
            {number('interestClassCap', t('groups.settings.interestClassCap'), 1, 200)}
            {number('noonClassCap', t('groups.settings.noonClassCap'), 1, 200)}
          </Space>
        </Form.Item>
        {number('noonGroupMin', t('groups.settings.noonGroupMin'), 1, 200)}
        {number('seatRowWidth', t('groups.settings.seatRowWidth'), 1, 20)}
        {/* fees and funds (FEE-4…7, FEE-2) */}
        <Form.Item label={t('settle.settings.title')}>
          <Space wrap>
            <Form.Item name="termMonths" label={t('settle.settings.termMonths')} rules={[{ required: true }]}>
              <InputNumber min={0.5} max={12} step={0.5} disabled={!writable} />
            </Form.Item>
            {choice('partialMonth', t('settle.settings.partialMonth'), ['last', 'first'], 'partial', 120)}
            {choice('refundMode', t('settle.settings.refundMode'), ['whole_month', 'pro_rata'], 'mode', 180)}
            {number('refundThresholdDays', t('settle.settings.refundThresholdDays'), 0, 31)}
          </Space>
        </Form.Item>
        <Form.Item label={t('settle.settings.waiverPercents')}>
          <Space wrap>
            {sensitiveCategories.map((c) => (
              <Form.Item
                key={c}
                name={['waiverPercents', c]}
                label={t(`category.${c}`)}
                // A cleared field is sent as 0 (no waiver): the server merges the map per category.
                normalize={(v) => v ?? 0}
              >
                <InputNumber min={0} max={100} addonAfter="%" style={{ width: 120 }} disabled={!writable} />
              </Form.Item>
            ))}
          </Space>
        </Form.Item>
        <Space wrap>
          {yuan('mealPriceFen', t('settle.settings.mealPrice'), 10_000)}
          {choice(
            'mealCounting',
            t('settle.settings.mealCounting'),
            ['attendance', 'opt_in'],
            'counting',
            160,
          )}
          {number('mealDueWorkingDays', t('settle.settings.mealDueWorkingDays'), 1, 10)}
          {yuan('subsidyPerStudentYearFen', t('settle.settings.subsidy'), 1_000_000)}
        </Space>
        {/* teacher pay (PAY-2, PAY-3) */}
        <Form.Item label={t('pay.settings.title')}>
          <Space wrap>
            <Form.Item name="payFundMode" label={t('pay.settings.fundMode')}>
              <Select
                style={{ width: 200 }}
                disabled={!writable}
                options={(['amount', 'fee_share'] as const).map((v) => ({
                  value: v,
                  label: t(`pay.settings.modes.${v}`),
                }))}
              />
            </Form.Item>
            {number('payFeeSharePercent', t('pay.settings.feeSharePercent'), 0, 100)}
            {number('payProcessPercent', t('pay.settings.processPercent'), 0, 100)}
            {(
              [
                'payPointsComplete',
                'payPointsIncomplete',
                'payPointsNoon',
                'payPointsLate',
                'payPointsAbsent',
              ] as const
            ).map((name) => (
              <Form.Item
                key={name}
                name={name}
                label={t(`pay.settings.${name}`)}
                rules={[{ required: true }]}
              >
                <InputNumber min={-10} max={10} step={0.5} precision={1} disabled={!writable} />
              </Form.Item>
            ))}
          </Space>
        </Form.Item>
        {writable && (
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

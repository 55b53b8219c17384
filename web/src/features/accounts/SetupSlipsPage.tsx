// One-time sign-in codes for the parents of a class, printed as slips to hand out (several per A4 page).
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupSlip } from '../../../../src/features/accounts/contract';
import { post } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { classText, errorMessage, useIsPhone } from '../../app/ui';
import { schoolBase, sortClasses, useClasses } from '../people/queries';
import '../people/print.css';

function Slip({ slip, school }: { slip: SetupSlip; school: string }) {
  const { t } = useTranslation();
  const url = window.location.origin;
  return (
    <div className="kh-slip" data-testid="setup-slip">
      <div className="kh-slip-head">
        <strong>{t('setup.slipTitle')}</strong>
        <span>{school}</span>
      </div>
      <div>
        {t('setup.family')}：{slip.displayName} {slip.phone ?? slip.username ?? ''}
      </div>
      <div>
        {t('setup.children')}：{slip.children.map((c) => `${c.name}（${c.className}）`).join('、')}
      </div>
      <div className="kh-slip-code">
        {t('setup.code')}：<span>{slip.code}</span>
      </div>
      <div>
        {t('setup.expires')}：{dayjs(slip.expiresAt).format('YYYY-MM-DD HH:mm')}
      </div>
      <div className="kh-slip-steps">{t('setup.steps', { url })}</div>
    </div>
  );
}

export function SetupSlipsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const classes = sortClasses(useClasses().data ?? []);
  const [classId, setClassId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [slips, setSlips] = useState<{ school: string; items: SetupSlip[] } | null>(null);

  const issue = async () => {
    if (!classId) return;
    setBusy(true);
    try {
      const result = await post<{ school: string; items: SetupSlip[] }>(
        `${schoolBase(schoolId)}/setup-codes`,
        {
          classId,
        },
      );
      setSlips(result);
      message.success(t('setup.issued', { count: result.items.length }));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <Card title={t('setup.title')} className="no-print" style={{ marginBottom: 12 }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('setup.warning')} />
          <Space wrap>
            <Select
              placeholder={t('setup.chooseClass')}
              value={classId}
              onChange={setClassId}
              showSearch={{ optionFilterProp: 'label' }}
              options={classes.map((c) => ({ value: c.id, label: classText(c.grade, c.classNo) }))}
              style={{ width: phone ? 160 : 200 }}
            />
            <Button type="primary" onClick={issue} loading={busy} disabled={!classId}>
              {t('setup.issue')}
            </Button>
            {slips && slips.items.length > 0 && (
              <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                {t('common.print')}
              </Button>
            )}
          </Space>
        </Space>
      </Card>
      {slips && slips.items.length === 0 && <Empty description={t('setup.none')} />}
      {slips && slips.items.length > 0 && (
        <div className="kh-slips">
          {slips.items.map((s) => (
            <Slip key={s.userId} slip={s} school={slips.school} />
          ))}
        </div>
      )}
    </div>
  );
}

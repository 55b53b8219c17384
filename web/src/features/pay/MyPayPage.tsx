// 我的酬劳 (item 2): a teacher's own statement of the term's approved pay, printable on A4.
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PrintFrame } from '../../app/PrintFrame';
import { errorMessage, useIsPhone } from '../../app/ui';
import { useTerms } from '../programme/queries';
import { payTerm, useMyPay } from './queries';
import { StatementView } from './StatementView';
import '../people/print.css';
import './pay.css';

export function MyPayPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const terms = useTerms();
  const list = terms.data?.items ?? [];
  const [termId, setTermId] = useState<string>();
  useEffect(() => {
    if (!termId && list.length) setTermId(payTerm(list)?.id);
  }, [termId, list]);
  const q = useMyPay(termId);
  const s = q.data?.statement;
  return (
    <Card size={phone ? 'small' : undefined} title={t('pay.menuMine')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Select
            aria-label={t('pay.term')}
            value={termId}
            onChange={setTermId}
            style={{ minWidth: 200 }}
            options={list.map((x) => ({ value: x.id, label: x.name }))}
          />
          {s && (
            <Button icon={<PrinterOutlined />} onClick={() => navigate(`/print/pay/mine/${termId}`)}>
              {t('pay.print')}
            </Button>
          )}
        </Space>
        {q.error && <Alert type="error" title={errorMessage(q.error)} />}
        {q.data && !s && <Alert type="info" title={t('pay.mineEmpty')} />}
        {s && <StatementView s={s} />}
      </Space>
    </Card>
  );
}

/** 课后服务酬劳明细 on A4. */
export function MyPayPrintPage() {
  const { t } = useTranslation();
  const { termId = '' } = useParams();
  const q = useMyPay(termId);
  const terms = useTerms().data?.items ?? [];
  const s = q.data?.statement;
  return (
    <PrintFrame ready={!!q.data} error={q.error}>
      <div className="kh-sheet">
        <Typography.Title level={4} style={{ textAlign: 'center' }}>
          {t('pay.printTitle')}
        </Typography.Title>
        <Typography.Paragraph style={{ textAlign: 'center' }}>
          {terms.find((x) => x.id === termId)?.name}
          {s ? ` · ${t('pay.run', { version: s.run.version })} · ${t(`pay.statuses.${s.run.status}`)}` : ''}
        </Typography.Paragraph>
        {s ? <StatementView s={s} paper /> : <Alert type="info" title={t('pay.mineEmpty')} />}
      </div>
    </PrintFrame>
  );
}

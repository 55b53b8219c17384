// One term of the school: its dates, window and conditions, and tabs for the calendar, sessions,
// venues, offerings, the notice, the 5+2 report and the school's settings.
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { AgreementTab } from '../enrolment/AgreementTab';
import { CalendarTab } from './CalendarTab';
import { NoticeTab } from './NoticeTab';
import { OfferingsTab } from './OfferingsTab';
import { useTerm } from './queries';
import { ReportTab } from './ReportTab';
import { SessionsTab } from './SessionsTab';
import { SettingsTab } from './SettingsTab';
import { TermForm } from './TermForm';
import { instantText, NoticeTag, WindowTag } from './TermsPage';
import { VenuesTab } from './VenuesTab';

export function TermPage() {
  const { t } = useTranslation();
  const { termId = '' } = useParams();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const term = useTerm(termId);
  const [editing, setEditing] = useState(false);
  const tab = params.get('tab') ?? 'calendar';
  const writable = can('programme.write');

  const tabs = [
    { key: 'calendar', label: t('programme.tabs.calendar'), children: <CalendarTab termId={termId} /> },
    { key: 'sessions', label: t('programme.tabs.sessions'), children: <SessionsTab termId={termId} /> },
    { key: 'venues', label: t('programme.tabs.venues'), children: <VenuesTab /> },
    { key: 'offerings', label: t('programme.tabs.offerings'), children: <OfferingsTab termId={termId} /> },
    ...(writable
      ? [{ key: 'notice', label: t('programme.tabs.notice'), children: <NoticeTab termId={termId} /> }]
      : []),
    ...(can('agreement.write')
      ? [{ key: 'agreement', label: t('enrol.agreementTitle'), children: <AgreementTab termId={termId} /> }]
      : []),
    ...(can('compliance.read')
      ? [{ key: 'report', label: t('programme.tabs.report'), children: <ReportTab termId={termId} /> }]
      : []),
    { key: 'settings', label: t('programme.tabs.settings'), children: <SettingsTab /> },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate('/programme')}
        style={{ padding: 0 }}
      >
        {t('programme.term.back')}
      </Button>
      {term.error && <Alert type="error" title={errorMessage(term.error)} />}
      <Card
        size={phone ? 'small' : undefined}
        loading={term.isLoading}
        title={term.data?.name}
        extra={
          writable &&
          term.data && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('programme.common.edit')}
            </Button>
          )
        }
      >
        {term.data && (
          <Descriptions size="small" column={phone ? 1 : 2}>
            <Descriptions.Item label={t('programme.term.dates')}>
              {term.data.startsOn} ~ {term.data.endsOn}
            </Descriptions.Item>
            <Descriptions.Item label={t('programme.term.window')}>
              {instantText(term.data.windowOpensAt)} ~ {instantText(term.data.windowClosesAt)}{' '}
              <WindowTag term={term.data} />
            </Descriptions.Item>
            <Descriptions.Item label={t('programme.tabs.notice')}>
              <NoticeTag term={term.data} />
            </Descriptions.Item>
            <Descriptions.Item label={t('programme.term.conditions')} span={phone ? 1 : 2}>
              {term.data.conditions.length ? (
                <ol style={{ margin: 0, paddingInlineStart: 18 }}>
                  {term.data.conditions.map((c) => (
                    <li key={c.key}>
                      {c.text}
                      {c.needsProof && <Tag color="orange">{t('programme.term.needsProof')}</Tag>}
                    </li>
                  ))}
                </ol>
              ) : (
                t('programme.common.none')
              )}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={tabs}
        destroyOnHidden
      />
      {term.data && <TermForm open={editing} term={term.data} onClose={() => setEditing(false)} />}
    </Space>
  );
}

// ENR-8 公示: the term's enrolled children by class or by offering, names masked (张*明), no
// sensitive category. The draw's seed and its commitment are shown beside, so anyone can check it.
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Result, Segmented, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { classText, errorMessage } from '../../app/ui';
import { TermPicker } from './parts';
import { paths } from './paths';
import { type PublishedList, useDraw, usePublishedList, useTermChoice } from './queries';

export type ListGrouping = 'class' | 'offering';

/** The list's sections in one shape: a heading and the masked names under it. */
export function listSections(list: PublishedList, by: ListGrouping, session: string) {
  return by === 'class'
    ? list.byClass.map((c) => ({
        key: `${c.grade}-${c.classNo}`,
        title: classText(c.grade, c.classNo),
        names: c.names,
      }))
    : list.byOffering.map((o) => ({
        key: o.offeringId,
        title: o.sessionName ? `${o.offeringName}${session}${o.sessionName}` : o.offeringName,
        names: o.names,
      }));
}

export function ListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useSession();
  const { terms, term, choose, loading } = useTermChoice();
  const list = usePublishedList(term?.id);
  const draw = useDraw(term?.id);
  const [by, setBy] = useState<ListGrouping>('class');

  if (loading) return <Spin />;
  if (!term) return <Empty description={t('enrol.noTerm')} />;
  const notYet = list.error instanceof ApiError && list.error.code === 'LIST_NOT_PUBLISHED';
  const d = draw.data;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <h2 style={{ margin: 0 }}>{t('enrol.listTitle')}</h2>
        {terms.length > 1 && <TermPicker terms={terms} value={term.id} onChange={choose} />}
      </Space>
      {list.isLoading && <Spin />}
      {notYet && (
        <Result
          status="info"
          title={t('enrol.listNotYet')}
          extra={
            can('list.publish') && (
              <Button type="primary" onClick={() => navigate(paths.draw)}>
                {t('enrol.goDraw')}
              </Button>
            )
          }
        />
      )}
      {list.error && !notYet && <Alert type="error" title={errorMessage(list.error)} />}
      {list.data && (
        <Card
          size="small"
          title={
            <Space wrap size={4}>
              <span>{list.data.termName}</span>
              <Tag color="green">{t('enrol.enrolledTotal', { count: list.data.total })}</Tag>
            </Space>
          }
          extra={
            <Button
              size="small"
              icon={<PrinterOutlined />}
              onClick={() => navigate(paths.printList(term.id, by))}
              aria-label={t('common.print')}
            >
              {t('common.print')}
            </Button>
          }
        >
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('enrol.publishedAt', { time: dayjs(list.data.publishedAt).format('YYYY-MM-DD HH:mm') })} ·{' '}
            {t('enrol.maskedHint')}
          </Typography.Paragraph>
          <Segmented
            value={by}
            onChange={(v) => setBy(v as ListGrouping)}
            options={[
              { value: 'class', label: t('enrol.byClass') },
              { value: 'offering', label: t('enrol.byOffering') },
            ]}
            style={{ marginBottom: 12 }}
          />
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {listSections(list.data, by, t('enrol.sessionSep')).map((section) => (
              <div key={section.key} data-testid="list-section">
                <Typography.Text strong>
                  {section.title}{' '}
                  <Typography.Text type="secondary">
                    {t('enrol.people', { count: section.names.length })}
                  </Typography.Text>
                </Typography.Text>
                <div className="kh-names">
                  {section.names.map((name, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: masked names repeat (张*明) and never reorder
                    <span key={`${name}-${i}`} className="kh-name" data-testid="masked-name">
                      {name}
                    </span>
                  ))}
                </div>
              </div>
            ))}
          </Space>
        </Card>
      )}
      {d?.seedHash && (
        <Card size="small" title={t('enrol.drawCheck')}>
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('enrol.seedHash')}</Typography.Text>
            <Typography.Text className="kh-hash" copyable>
              {d.seedHash}
            </Typography.Text>
            {d.seed && (
              <>
                <Typography.Text type="secondary">{t('enrol.revealedSeed')}</Typography.Text>
                <Typography.Text className="kh-hash" copyable>
                  {d.seed}
                </Typography.Text>
              </>
            )}
            <Typography.Text type="secondary">{t('enrol.checkHint')}</Typography.Text>
          </Space>
        </Card>
      )}
    </Space>
  );
}

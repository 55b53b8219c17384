// ENR-4 for the school: fix the seed before the window closes (its SHA-256 is the public
// commitment), run the draw once the window has closed, then read the result per offering (placed,
// waitlist by position), the revealed seed and the public list anyone can re-run; publish the list.
import { DownloadOutlined, LockOutlined, TeamOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Empty,
  Popconfirm,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import type { publishResult } from '../../../../src/features/enrolment/contract';
import type { DrawView } from '../../../../src/features/enrolment/draw-contract';
import { post } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { classText, errorMessage, useIsPhone } from '../../app/ui';
import { LineTag, TermPicker } from './parts';
import { paths } from './paths';
import {
  termApi,
  useDraw,
  usePublishedList,
  useRefreshEnrolment,
  useTermChoice,
  useWaitlist,
  type WaitlistView,
} from './queries';

type PublicOffering = NonNullable<DrawView['list']>['offerings'][number];

const fmt = (at: string | null | undefined) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—');

function Hash({ value, testId }: { value: string; testId?: string }) {
  return (
    <Typography.Text className="kh-hash" copyable={{ text: value }} data-testid={testId}>
      {value}
    </Typography.Text>
  );
}

function WaitlistTable({ termId, offeringId }: { termId: string; offeringId: string }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const waitlist = useWaitlist(termId, offeringId);
  if (waitlist.isLoading) return <Spin />;
  if (waitlist.error) return <Alert type="error" title={errorMessage(waitlist.error)} />;
  const items = waitlist.data?.items ?? [];
  if (items.length === 0) return <Typography.Text type="secondary">{t('enrol.noWaitlist')}</Typography.Text>;
  return (
    <Table<WaitlistView['items'][number]>
      size="small"
      rowKey="lineId"
      pagination={items.length > 20 ? { pageSize: 20, size: 'small' } : false}
      dataSource={items}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('enrol.position'), dataIndex: 'position', width: 56 },
        { title: t('student.name'), dataIndex: 'studentName' },
        ...(phone
          ? []
          : [
              {
                title: t('student.class'),
                key: 'class',
                render: (_: unknown, r: WaitlistView['items'][number]) => classText(r.grade, r.classNo),
              },
              { title: t('enrol.refShort'), dataIndex: 'ref' },
            ]),
        {
          title: t('enrol.status'),
          key: 'status',
          render: (_, r) => (
            <LineTag
              line={{ status: r.status, waitlistPosition: r.position, offerExpiresAt: r.offerExpiresAt }}
            />
          ),
        },
      ]}
    />
  );
}

function OfferingResult({ termId, offering }: { termId: string; offering: PublicOffering }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Typography.Text strong>{t('enrol.placedRefs', { count: offering.placed.length })}</Typography.Text>
      <div className="kh-refs">
        {offering.placed.map((ref) => (
          <Tag key={ref}>{ref}</Tag>
        ))}
      </div>
      <Typography.Text strong>
        {t('enrol.waitlistTitle', { count: offering.waitlist.length })}
      </Typography.Text>
      {offering.waitlist.length > 0 && <WaitlistTable termId={termId} offeringId={offering.offeringId} />}
    </Space>
  );
}

/** The public list as a file, so anyone can keep it and re-run the draw. */
function downloadList(draw: DrawView) {
  const blob = new Blob([`${JSON.stringify(draw.list, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `draw-${draw.termId}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function DrawPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const client = useQueryClient();
  const { terms, term, choose, loading } = useTermChoice();
  const draw = useDraw(term?.id);
  const list = usePublishedList(term?.id);
  const refresh = useRefreshEnrolment();
  const [busy, setBusy] = useState<'seed' | 'run' | 'publish' | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  if (loading) return <Spin />;
  if (!term) return <Empty description={t('enrol.noTerm')} />;
  const base = termApi(schoolId, term.id);
  const d = draw.data;
  const closed = term.windowState === 'closed' || (d && Date.parse(d.windowClosesAt) <= Date.now());
  const published = !!list.data;

  const act = async (what: 'seed' | 'run' | 'publish') => {
    setBusy(what);
    setRefusal(null);
    try {
      if (what === 'seed') {
        const view = await post<DrawView>(`${base}/draw/seed`);
        client.setQueryData(['draw', schoolId, term.id], view);
        message.success(t('enrol.seedCommitted'));
      } else if (what === 'run') {
        const view = await post<DrawView & { summary: { offered: number; waitlisted: number } }>(
          `${base}/draw`,
        );
        client.setQueryData(['draw', schoolId, term.id], view);
        message.success(
          t('enrol.drawDone', { offered: view.summary.offered, waitlisted: view.summary.waitlisted }),
        );
      } else {
        const result = await post<z.infer<typeof publishResult>>(`${base}/list/publish`);
        message.success(t('enrol.listPublished', { count: result.enrolled }));
      }
      refresh();
    } catch (e) {
      setRefusal(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <h2 style={{ margin: 0 }}>{t('enrol.drawTitle')}</h2>
        {terms.length > 1 && <TermPicker terms={terms} value={term.id} onChange={choose} />}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('enrol.drawExplain')}
      </Typography.Paragraph>
      {draw.isLoading && <Spin />}
      {draw.error && <Alert type="error" title={errorMessage(draw.error)} />}
      {refusal && (
        <Alert
          type="error"
          showIcon
          closable
          title={refusal}
          data-testid="draw-refusal"
          onClose={() => setRefusal(null)}
        />
      )}
      {d && (
        <>
          <Card size="small" title={t('enrol.drawStep1')} data-testid="draw-seed">
            {d.seedHash ? (
              <Descriptions
                column={1}
                size="small"
                items={[
                  {
                    key: 'hash',
                    label: t('enrol.seedHash'),
                    children: <Hash value={d.seedHash} testId="seed-hash" />,
                  },
                  { key: 'at', label: t('enrol.committedAt'), children: fmt(d.seedCommittedAt) },
                ]}
              />
            ) : (
              <Space orientation="vertical">
                <Typography.Text>{t('enrol.seedExplain')}</Typography.Text>
                <Popconfirm title={t('enrol.seedConfirm')} onConfirm={() => act('seed')} disabled={!!closed}>
                  <Button
                    type="primary"
                    icon={<LockOutlined />}
                    loading={busy === 'seed'}
                    disabled={!!closed}
                  >
                    {t('enrol.commitSeed')}
                  </Button>
                </Popconfirm>
                {closed && <Typography.Text type="danger">{t('enrol.seedTooLate')}</Typography.Text>}
              </Space>
            )}
          </Card>

          <Card size="small" title={t('enrol.drawStep2')}>
            <Space orientation="vertical" size={6}>
              <span>
                {t('enrol.windowCloses', { time: fmt(d.windowClosesAt) })}{' '}
                <Tag color={closed ? 'default' : 'green'}>
                  {t(`enrol.windowState.${closed ? 'closed' : term.windowState}`)}
                </Tag>
              </span>
              {d.readiness && (
                <span>
                  {t('enrol.readiness', { approved: d.readiness.approved, undecided: d.readiness.undecided })}
                  {d.readiness.undecided > 0 && (
                    <Button type="link" size="small" onClick={() => navigate(paths.review)}>
                      {t('enrol.goReview')}
                    </Button>
                  )}
                </span>
              )}
            </Space>
          </Card>

          <Card size="small" title={t('enrol.drawStep3')}>
            {d.status === 'drawn' ? (
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'at', label: t('enrol.drawnAt'), children: fmt(d.drawnAt) },
                  {
                    key: 'seed',
                    label: t('enrol.revealedSeed'),
                    children: d.seed ? <Hash value={d.seed} testId="revealed-seed" /> : '—',
                  },
                ]}
              />
            ) : (
              <Popconfirm
                title={t('enrol.runConfirm')}
                onConfirm={() => act('run')}
                disabled={d.status !== 'committed' || !closed}
              >
                <Button
                  type="primary"
                  icon={<ThunderboltOutlined />}
                  loading={busy === 'run'}
                  disabled={d.status !== 'committed' || !closed}
                  data-testid="run-draw"
                >
                  {t('enrol.runDraw')}
                </Button>
              </Popconfirm>
            )}
            {d.status !== 'drawn' && !closed && (
              <div style={{ marginTop: 6 }}>
                <Typography.Text type="secondary">{t('enrol.runAfterClose')}</Typography.Text>
              </div>
            )}
          </Card>

          {d.list && (
            <Card
              size="small"
              title={t('enrol.drawResults')}
              extra={
                <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadList(d)}>
                  {phone ? 'JSON' : t('enrol.downloadList')}
                </Button>
              }
            >
              <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
                {t('enrol.verifyHint')}{' '}
                <Typography.Text code>{`kehou draw verify draw-${d.termId}.json`}</Typography.Text>
              </Typography.Paragraph>
              <Collapse
                size="small"
                items={d.list.offerings.map((o) => {
                  const over = o.candidates.length > o.capacity;
                  return {
                    key: o.offeringId,
                    label: (
                      <Space size={4} wrap>
                        <Typography.Text strong>{o.name}</Typography.Text>
                        <Tag>{t('enrol.capacity', { count: o.capacity })}</Tag>
                        <Tag color={over ? 'orange' : 'default'}>
                          {t('enrol.candidates', { count: o.candidates.length })}
                        </Tag>
                        <Tag color="green">{t('enrol.placedCount', { count: o.placed.length })}</Tag>
                        {o.waitlist.length > 0 && (
                          <Tag color="orange">{t('enrol.waitlistCount', { count: o.waitlist.length })}</Tag>
                        )}
                      </Space>
                    ),
                    children: <OfferingResult termId={term.id} offering={o} />,
                  };
                })}
              />
            </Card>
          )}

          {d.status === 'drawn' && (
            <Card size="small" title={t('enrol.drawStep4')}>
              {published ? (
                <Space wrap>
                  <Tag color="green">{t('enrol.publishedAt', { time: fmt(list.data?.publishedAt) })}</Tag>
                  <Button icon={<TeamOutlined />} onClick={() => navigate(paths.list(term.id))}>
                    {t('enrol.seeList')}
                  </Button>
                </Space>
              ) : (
                <Space orientation="vertical">
                  <Typography.Text>{t('enrol.publishExplain')}</Typography.Text>
                  <Popconfirm title={t('enrol.publishConfirm')} onConfirm={() => act('publish')}>
                    <Button type="primary" loading={busy === 'publish'} data-testid="publish-list">
                      {t('enrol.publishList')}
                    </Button>
                  </Popconfirm>
                </Space>
              )}
            </Card>
          )}
        </>
      )}
    </Space>
  );
}

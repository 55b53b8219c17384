// The audit log: who did what to which record, newest first, paged by the `next` cursor.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, List, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../../src/features/audit/contract';
import { get, query } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { useIsPhone } from '../../app/ui';
import { actionLabels, entityLabels, labelOf } from './labels';

function compact(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const audit = useInfiniteQuery({
    queryKey: ['audit', schoolId],
    queryFn: ({ pageParam }) =>
      get<{ items: AuditRow[]; next: string | null }>(
        `/api/v1/schools/${schoolId}/audit${query({ before: pageParam, limit: 50 })}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    enabled: !!schoolId,
  });
  const rows = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card title={t('audit.title')} size={phone ? 'small' : undefined}>
      {phone ? (
        <List<AuditRow>
          loading={audit.isLoading}
          dataSource={rows}
          rowKey="id"
          renderItem={(r) => (
            <List.Item>
              <div style={{ width: '100%', minWidth: 0 }}>
                <Space size={6} wrap>
                  <Tag title={r.action}>{labelOf(actionLabels, r.action, i18n.language)}</Tag>
                  <Typography.Text type="secondary">{dayjs(r.at).format('MM-DD HH:mm:ss')}</Typography.Text>
                </Space>
                <div>
                  {r.actorName ?? t('audit.system')} · {labelOf(entityLabels, r.entity, i18n.language)} …
                  {r.entityId.slice(-6)}
                </div>
                {r.before !== null && (
                  <div className="kh-json">
                    {t('audit.before')}: {compact(r.before)}
                  </div>
                )}
                {r.after !== null && (
                  <div className="kh-json">
                    {t('audit.after')}: {compact(r.after)}
                  </div>
                )}
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<AuditRow>
          rowKey="id"
          size="small"
          loading={audit.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('audit.time'),
              dataIndex: 'at',
              width: 150,
              render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss'),
            },
            {
              title: t('audit.actor'),
              dataIndex: 'actorName',
              render: (v: string | null) => v ?? t('audit.system'),
            },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              render: (v: string) => <Tag title={v}>{labelOf(actionLabels, v, i18n.language)}</Tag>,
            },
            {
              title: t('audit.entity'),
              key: 'entity',
              render: (_, r) => `${labelOf(entityLabels, r.entity, i18n.language)} …${r.entityId.slice(-6)}`,
            },
            {
              title: t('audit.before'),
              dataIndex: 'before',
              render: (v: unknown) => <div className="kh-json">{compact(v)}</div>,
            },
            {
              title: t('audit.after'),
              dataIndex: 'after',
              render: (v: unknown) => <div className="kh-json">{compact(v)}</div>,
            },
          ]}
        />
      )}
      {audit.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </Card>
  );
}

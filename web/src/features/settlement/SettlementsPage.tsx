// Finance's monthly settlement (FEE-5): pick a month of the term and settle it; read each line with
// its reason ("attended 14 of 22 days < 15 → refund 180.00"), filter by student, see corrections of
// earlier months as adjustments, and export the lines to Excel. Phones get cards.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Input, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../../src/features/billing/money';
import { post } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { classText, errorMessage, useIsPhone } from '../../app/ui';
import { TermPicker } from '../enrolment/parts';
import { useTermChoice } from '../enrolment/queries';
import {
  type SettlementDetail,
  schoolApi,
  termApi,
  useRefreshSettle,
  useSettlement,
  useTermSettlements,
} from './queries';

type Line = SettlementDetail['lines'][number];

export function SettlementsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const writable = useSession().can('settlement.run');
  const { terms, term, choose } = useTermChoice('running');
  const months = useTermSettlements(term?.id);
  const refresh = useRefreshSettle();
  const [picked, setPicked] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const list = months.data?.months ?? [];
  const chosen = list.find((m) => m.month === picked) ?? [...list].reverse().find((m) => m.settlement);
  const detail = useSettlement(chosen?.settlement?.id);

  const settle = async (month: string) => {
    if (!term) return;
    setBusy(month);
    try {
      await post(`${termApi(schoolId, term.id)}/settlements`, { month });
      message.success(t('common.saved'));
      setPicked(month);
      await refresh();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const lines = useMemo(() => {
    const all = detail.data?.lines ?? [];
    const f = filter.trim();
    return f ? all.filter((l) => l.studentName.includes(f) || l.studentNo.includes(f)) : all;
  }, [detail.data, filter]);

  const columns: ColumnsType<Line> = [
    {
      title: t('settle.student'),
      key: 'student',
      render: (_, l) => `${classText(l.grade, l.classNo)} ${l.studentName}`,
    },
    { title: t('settle.offering'), dataIndex: 'offeringName' },
    {
      title: t('settle.forMonth'),
      dataIndex: 'forMonth',
      render: (v: string, l) => (
        <Space size={4}>
          {v}
          {l.adjustment && <Tag color="orange">{t('settle.adjustment')}</Tag>}
        </Space>
      ),
    },
    { title: t('settle.attended'), key: 'att', render: (_, l) => `${l.attended}/${l.schoolDays}` },
    { title: t('settle.billed'), dataIndex: 'billedFen', align: 'right', render: formatYuan },
    { title: t('settle.delta'), dataIndex: 'deltaFen', align: 'right', render: formatYuan },
    { title: t('settle.reason'), dataIndex: 'reason' },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={phone ? 8 : 16}>
      <Card
        size={phone ? 'small' : undefined}
        title={t('settle.menu.settlements')}
        extra={<TermPicker terms={terms} value={term?.id} onChange={choose} />}
        loading={months.isLoading}
      >
        <List
          size="small"
          dataSource={list}
          renderItem={(m) => (
            <List.Item
              style={{ cursor: m.settlement ? 'pointer' : undefined, flexWrap: 'wrap', gap: 8 }}
              onClick={() => m.settlement && setPicked(m.month)}
              actions={[
                m.settlement ? (
                  <Tag color="green" key="s">
                    {t('settle.settled')}
                  </Tag>
                ) : !m.ended ? (
                  <Tag key="n">{t('settle.notEnded')}</Tag>
                ) : writable ? (
                  <Popconfirm
                    key="p"
                    title={t('settle.settleConfirm', { month: m.month })}
                    onConfirm={() => settle(m.month)}
                  >
                    <Button type="primary" size="small" loading={busy === m.month}>
                      {t('settle.settle')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Tag key="o">{t('settle.open')}</Tag>
                ),
              ]}
            >
              <Space wrap>
                <Typography.Text strong={chosen?.month === m.month}>{m.month}</Typography.Text>
                {m.settlement && (
                  <Typography.Text type="secondary">
                    {t('settle.refundTotal')} {formatYuan(m.settlement.refundFen)} ·{' '}
                    {t('settle.adjustmentTotal')} {formatYuan(m.settlement.adjustmentFen)} ·{' '}
                    {t('settle.lineCount', { count: m.settlement.lineCount })}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card
        size={phone ? 'small' : undefined}
        title={chosen?.settlement ? `${t('settle.lines')} · ${chosen.month}` : t('settle.lines')}
        extra={
          chosen?.settlement && (
            <Button
              icon={<DownloadOutlined />}
              href={`${schoolApi(schoolId)}/settlements/${chosen.settlement.id}/export`}
            >
              {phone ? null : t('settle.export')}
            </Button>
          )
        }
        loading={detail.isLoading}
      >
        {!chosen?.settlement ? (
          <Empty description={t('settle.noSettlement')} />
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.Search
              allowClear
              placeholder={t('settle.filterStudent')}
              onChange={(e) => setFilter(e.target.value)}
              style={{ maxWidth: 320 }}
            />
            {phone ? (
              <List
                dataSource={lines}
                pagination={{ pageSize: 20, size: 'small' }}
                renderItem={(l) => (
                  <List.Item>
                    <Space direction="vertical" size={2} style={{ width: '100%' }}>
                      <Space wrap>
                        <Typography.Text strong>{l.studentName}</Typography.Text>
                        <Typography.Text type="secondary">{l.offeringName}</Typography.Text>
                        {l.adjustment && <Tag color="orange">{t('settle.adjustment')}</Tag>}
                      </Space>
                      <Typography.Text>{l.reason}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            ) : (
              <Table<Line>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={lines}
                pagination={{ pageSize: 50 }}
              />
            )}
          </Space>
        )}
      </Card>
    </Space>
  );
}

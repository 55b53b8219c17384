// The demand survey (调查摸底, PROG-8): a class teacher records, child by child on a phone, whether
// the family can collect on time and what it needs; each tap saves. Totals per class and for what
// the user may see (the whole school for the school's leaders).
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Input,
  List,
  Progress,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassDemand, DemandRow, DemandTotals } from '../../../../src/features/programme/contract';
import { type DemandNeed, demandNeeds, demandTotals } from '../../../../src/features/programme/demand';
import { put } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { classText, errorMessage, useIsPhone } from '../../app/ui';
import { sortClasses, useClasses } from '../people/queries';
import { currentTerm, termUrl, useClassDemand, useDemandSummary, useTerms } from './queries';

function TotalsLine({ totals }: { totals: DemandTotals }) {
  const { t } = useTranslation();
  return (
    <Space wrap size={[8, 4]}>
      <span>{t('programme.demand.progress', { recorded: totals.recorded, children: totals.children })}</span>
      <Tag color="red">{t('programme.demand.cannotCount', { count: totals.cannotCollect })}</Tag>
      {demandNeeds.map((n) => (
        <Tag key={n}>
          {t(`programme.demand.need.${n}`)} {totals.needs[n]}
        </Tag>
      ))}
    </Space>
  );
}

function ChildRow({
  row,
  onSave,
}: {
  row: DemandRow;
  onSave: (row: DemandRow, change: Partial<Pick<DemandRow, 'canCollectOnTime' | 'needs' | 'note'>>) => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState(row.note);
  useEffect(() => setNote(row.note), [row.note]);
  const toggleNeed = (need: DemandNeed, on: boolean) =>
    onSave(row, { needs: on ? [...row.needs, need] : row.needs.filter((n) => n !== need) });
  return (
    <List.Item data-testid="demand-row">
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <span>
            <Typography.Text strong>{row.name}</Typography.Text>{' '}
            <Typography.Text type="secondary">{row.studentNo}</Typography.Text>{' '}
            {!row.recorded && <Tag>{t('programme.demand.notRecorded')}</Tag>}
          </span>
          <Space>
            <span>{t('programme.demand.cannotCollect')}</span>
            <Switch
              aria-label={`${row.name} ${t('programme.demand.cannotCollect')}`}
              checked={row.recorded && row.canCollectOnTime === false}
              onChange={(on) => onSave(row, { canCollectOnTime: !on })}
            />
            {!row.recorded && (
              <Button size="small" onClick={() => onSave(row, {})}>
                {t('programme.demand.record')}
              </Button>
            )}
          </Space>
        </Space>
        <Space wrap size={[4, 4]}>
          {demandNeeds.map((need) => (
            <Tag.CheckableTag
              key={need}
              checked={row.needs.includes(need)}
              onChange={(on) => toggleNeed(need, on)}
              style={{ border: '1px solid #d9d9d9', padding: '2px 10px' }}
            >
              {t(`programme.demand.need.${need}`)}
            </Tag.CheckableTag>
          ))}
          <Input
            size="small"
            value={note}
            placeholder={t('programme.demand.note')}
            maxLength={200}
            onChange={(e) => setNote(e.target.value)}
            onBlur={() => note !== row.note && onSave(row, { note })}
            style={{ width: 180 }}
          />
        </Space>
      </Space>
    </List.Item>
  );
}

function ClassEntry({ termId, classId }: { termId: string; classId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const schoolId = useSchoolId();
  const client = useQueryClient();
  const demand = useClassDemand(termId, classId);
  const key = ['programme', schoolId, 'demand-class', termId, classId];

  const save = async (
    row: DemandRow,
    change: Partial<Pick<DemandRow, 'canCollectOnTime' | 'needs' | 'note'>>,
  ) => {
    const body = {
      canCollectOnTime: change.canCollectOnTime ?? row.canCollectOnTime ?? true,
      needs: change.needs ?? row.needs,
      note: change.note ?? row.note,
    };
    try {
      const saved = await put<DemandRow>(
        `${termUrl(schoolId, termId)}/demand/students/${row.studentId}`,
        body,
      );
      client.setQueryData<ClassDemand>(key, (old) => {
        if (!old) return old;
        const items = old.items.map((r) => (r.studentId === saved.studentId ? saved : r));
        const totals = demandTotals(
          items.map((r) => (r.recorded ? { canCollectOnTime: !!r.canCollectOnTime, needs: r.needs } : null)),
        );
        return { ...old, items, totals };
      });
      void client.invalidateQueries({ queryKey: ['programme', schoolId, 'demand', termId] });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  if (demand.error) return <Alert type="error" title={errorMessage(demand.error)} />;
  const data = demand.data;
  return (
    <Card
      size="small"
      loading={demand.isLoading}
      title={data ? classText(data.grade, data.classNo) : ''}
      extra={
        data && (
          <Progress
            type="circle"
            size={36}
            percent={
              data.totals.children ? Math.round((100 * data.totals.recorded) / data.totals.children) : 0
            }
          />
        )
      }
    >
      {data && (
        <>
          <TotalsLine totals={data.totals} />
          <Alert type="info" title={t('programme.demand.hint')} style={{ margin: '8px 0' }} />
          <List
            dataSource={data.items}
            rowKey="studentId"
            renderItem={(row) => <ChildRow row={row} onSave={save} />}
          />
        </>
      )}
    </Card>
  );
}

export function DemandPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { can, school } = useSession();
  const terms = useTerms();
  const [termId, setTermId] = useState<string | undefined>();
  const [classId, setClassId] = useState<string | undefined>();
  const classes = sortClasses(useClasses(can('class.list')).data ?? []);
  const summary = useDemandSummary(termId);
  useEffect(() => {
    if (!termId && terms.data?.items.length) setTermId(currentTerm(terms.data.items)?.id);
  }, [termId, terms.data]);
  // A class teacher lands on their own class; the school's leaders pick one from the totals.
  useEffect(() => {
    if (!classId && can('demand.write') && school?.classIds.length) setClassId(school.classIds[0]);
  }, [classId, can, school]);
  const classRows = summary.data?.classes ?? [];

  if (terms.isLoading) return null;
  if (!terms.data?.items.length) return <Empty description={t('programme.term.empty')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        size={phone ? 'small' : undefined}
        title={t('programme.demand.title')}
        extra={
          <Select
            value={termId}
            onChange={setTermId}
            aria-label={t('programme.demand.term')}
            options={terms.data.items.map((term) => ({ value: term.id, label: term.name }))}
            style={{ width: phone ? 150 : 220 }}
          />
        }
      >
        <Space wrap style={{ marginBottom: 8 }}>
          {classes.length > 0 && can('demand.write') && (
            <Select
              value={classId}
              onChange={setClassId}
              placeholder={t('programme.demand.class')}
              aria-label={t('programme.demand.class')}
              showSearch={{ optionFilterProp: 'label' }}
              options={classes.map((c) => ({ value: c.id, label: classText(c.grade, c.classNo) }))}
              style={{ width: 150 }}
            />
          )}
        </Space>
        {summary.data && (classRows.length > 1 || !can('demand.write')) && (
          <>
            <Typography.Title level={5}>{t('programme.demand.schoolTotals')}</Typography.Title>
            <TotalsLine totals={summary.data.school} />
            {classRows.length > 1 && (
              <Table
                rowKey="classId"
                size="small"
                style={{ marginTop: 8 }}
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={classRows}
                onRow={(r) => ({
                  onClick: () => can('demand.write') && setClassId(r.classId),
                  style: { cursor: 'pointer' },
                })}
                columns={[
                  {
                    title: t('programme.demand.class'),
                    key: 'class',
                    render: (_, r) => classText(r.grade, r.classNo),
                  },
                  {
                    title: t('programme.demand.children'),
                    key: 'children',
                    render: (_, r) => r.totals.children,
                  },
                  {
                    title: t('programme.demand.recorded'),
                    key: 'recorded',
                    render: (_, r) => r.totals.recorded,
                  },
                  {
                    title: t('programme.demand.cannotCollect'),
                    key: 'cannot',
                    render: (_, r) => r.totals.cannotCollect,
                  },
                  ...demandNeeds.map((n) => ({
                    title: t(`programme.demand.need.${n}`),
                    key: n,
                    render: (_: unknown, r: (typeof classRows)[number]) => r.totals.needs[n],
                  })),
                ]}
              />
            )}
          </>
        )}
        {summary.error && <Alert type="error" title={errorMessage(summary.error)} />}
      </Card>
      {termId && classId && can('demand.write') && <ClassEntry termId={termId} classId={classId} />}
      {!classes.length && can('demand.write') && <Empty description={t('programme.demand.noClass')} />}
    </Space>
  );
}

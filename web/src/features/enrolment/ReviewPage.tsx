// ENR-2 review: the class teacher pre-reviews their class (班级初审), the school approves or rejects
// (学校核准). Filter by status, select many, act on all of them with one reason. Cards on a phone.
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApplicationRow, BatchResult } from '../../../../src/features/enrolment/contract';
import { useSchoolId, useSession } from '../../app/session';
import { classText, errorMessage, useIsPhone } from '../../app/ui';
import { sortClasses, useClasses } from '../people/queries';
import { useIdempotentWrite } from './idempotency';
import { applicationStatusText } from './labels';
import { AppStatusTag, LineTag, TermPicker } from './parts';
import { paths } from './paths';
import { schoolApi, useApplicationList, useOfferings, useRefreshEnrolment, useTermChoice } from './queries';

type Decision = 'pass' | 'return' | 'approve' | 'reject';
const needsReason: Decision[] = ['return', 'reject'];

function LinesText({ row }: { row: ApplicationRow }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {[...row.lines]
        .sort((a, b) => a.choiceGroup - b.choiceGroup || a.choiceRank - b.choiceRank)
        .map((l) => (
          <span key={l.offeringId} className="kh-line-chip">
            {l.choiceRank === 2 && (
              <Typography.Text type="secondary">{t('enrol.secondShort')}</Typography.Text>
            )}
            {l.offeringName}
            {l.status !== 'pending' && <LineTag line={l} />}
          </span>
        ))}
    </Space>
  );
}

export function ReviewPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const { can } = useSession();
  const school = can('application.decide');
  const { terms, term, choose, error: termError } = useTermChoice();
  const [status, setStatus] = useState<string>(school ? 'pre_reviewed' : 'submitted');
  const [classId, setClassId] = useState<string | undefined>();
  const [offeringId, setOfferingId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const [asking, setAsking] = useState<Decision | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const classes = sortClasses(useClasses(school).data ?? []);
  const offerings = useOfferings(term?.id).data ?? [];
  const list = useApplicationList(term?.id, {
    status: status === 'all' ? undefined : status,
    classId,
    offeringId,
    page,
    pageSize: 50,
  });
  const refresh = useRefreshEnrolment();
  const { send, renew } = useIdempotentWrite();
  const rows = list.data?.items ?? [];

  const decisions: Decision[] =
    status === 'submitted'
      ? ['pass', 'return']
      : status === 'pre_reviewed' && school
        ? ['approve', 'reject']
        : [];

  const run = async (decision: Decision, why: string) => {
    setBusy(true);
    try {
      const preReview = decision === 'pass' || decision === 'return';
      const url = `${schoolApi(schoolId)}/applications/${preReview ? 'pre-review' : 'decide'}`;
      const result = await send<BatchResult>('POST', url, {
        ids: selected,
        decision,
        ...(why.trim() ? { reason: why.trim() } : {}),
      });
      renew();
      const failed = result.items.filter((i) => !i.ok);
      const done = result.items.length - failed.length;
      if (failed.length === 0) message.success(t('enrol.batchDone', { count: done }));
      else
        modal.warning({
          title: t('enrol.batchPartly', { done, failed: failed.length }),
          content: (
            <ul style={{ paddingLeft: 18 }}>
              {failed.map((f) => (
                <li key={f.id}>
                  {rows.find((r) => r.id === f.id)?.studentName ?? f.id}
                  {t('enrol.colon')}
                  {f.message ?? f.code}
                </li>
              ))}
            </ul>
          ),
        });
      setSelected([]);
      setAsking(null);
      setReason('');
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const ask = (decision: Decision) => {
    if (needsReason.includes(decision)) {
      setReason('');
      setAsking(decision);
    } else void run(decision, '');
  };

  const statusOptions = [
    ...(school ? ['pre_reviewed', 'submitted', 'approved'] : ['submitted', 'pre_reviewed', 'approved']),
    'rejected',
    'offered',
    'waitlisted',
    'agreed',
    'enrolled',
    'withdrawn',
  ].map((s) => ({ value: s, label: applicationStatusText(s) }));

  const columns: ColumnsType<ApplicationRow> = [
    {
      title: t('student.name'),
      dataIndex: 'studentName',
      width: 90,
      render: (name: string, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => navigate(paths.application(r.id))}
        >
          {name}
        </Button>
      ),
    },
    { title: t('student.class'), key: 'class', width: 100, render: (_, r) => classText(r.grade, r.classNo) },
    { title: t('enrol.refShort'), dataIndex: 'publicRef', width: 100 },
    {
      title: t('enrol.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: string) => <AppStatusTag status={s} />,
    },
    { title: t('enrol.choices'), key: 'lines', render: (_, r) => <LinesText row={r} /> },
    {
      title: t('enrol.submittedAt'),
      dataIndex: 'submittedAt',
      width: 120,
      render: (v: string | null) => (v ? dayjs(v).format('MM-DD HH:mm') : '—'),
    },
    { title: t('enrol.reviewNoteShort'), dataIndex: 'reviewNote', render: (v: string | null) => v ?? '' },
  ];

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => (on ? [...new Set([...s, id])] : s.filter((x) => x !== id)));
  const pageIds = rows.map((r) => r.id);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.includes(id));
  const pagination = {
    current: page,
    pageSize: 50,
    total: list.data?.total ?? 0,
    size: phone ? ('small' as const) : undefined,
    showTotal: (n: number) => t('common.total', { count: n }),
    onChange: (p: number) => {
      setPage(p);
      setSelected([]);
    },
  };

  return (
    <Card
      title={school ? t('enrol.reviewSchoolTitle') : t('enrol.reviewClassTitle')}
      size={phone ? 'small' : undefined}
    >
      {termError && <Alert type="error" title={errorMessage(termError)} />}
      <div className="kh-toolbar">
        {terms.length > 1 && <TermPicker terms={terms} value={term?.id} onChange={choose} />}
        <Select
          aria-label={t('enrol.status')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
            setSelected([]);
          }}
          options={[...statusOptions, { value: 'all', label: t('common.all') }]}
          style={{ width: 140 }}
        />
        {school && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('student.allClasses')}
            value={classId}
            onChange={(v) => {
              setClassId(v);
              setPage(1);
            }}
            options={classes.map((c) => ({ value: c.id, label: classText(c.grade, c.classNo) }))}
            style={{ width: 130 }}
          />
        )}
        {school && (
          <Select
            allowClear
            placeholder={t('enrol.allOfferings')}
            value={offeringId}
            onChange={(v) => {
              setOfferingId(v);
              setPage(1);
            }}
            options={offerings.map((o) => ({ value: o.id, label: o.name }))}
            style={{ width: 150 }}
          />
        )}
      </div>
      {decisions.length > 0 && (
        <div className="kh-toolbar kh-batchbar">
          <Typography.Text>{t('enrol.selected', { count: selected.length })}</Typography.Text>
          {decisions.map((d) => (
            <Button
              key={d}
              type={needsReason.includes(d) ? 'default' : 'primary'}
              danger={needsReason.includes(d)}
              disabled={selected.length === 0 || busy}
              loading={busy && !asking}
              onClick={() => ask(d)}
              data-testid={`batch-${d}`}
            >
              {t(`enrol.decision.${d}`)}
            </Button>
          ))}
        </div>
      )}
      {phone ? (
        <List<ApplicationRow>
          loading={list.isFetching}
          dataSource={rows}
          rowKey="id"
          pagination={{ ...pagination, align: 'center' }}
          header={
            decisions.length > 0 && (
              <Checkbox checked={allOnPage} onChange={(e) => setSelected(e.target.checked ? pageIds : [])}>
                {t('enrol.selectPage')}
              </Checkbox>
            )
          }
          renderItem={(r) => (
            <List.Item data-testid="review-item">
              <div style={{ display: 'flex', gap: 10, width: '100%', minWidth: 0 }}>
                {decisions.length > 0 && (
                  <Checkbox
                    checked={selected.includes(r.id)}
                    onChange={(e) => toggle(r.id, e.target.checked)}
                    aria-label={r.studentName}
                  />
                )}
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Space size={6} wrap>
                    <Button
                      type="link"
                      size="small"
                      style={{ padding: 0, fontWeight: 600 }}
                      onClick={() => navigate(paths.application(r.id))}
                    >
                      {r.studentName}
                    </Button>
                    <Typography.Text type="secondary">
                      {classText(r.grade, r.classNo)} · {r.publicRef}
                    </Typography.Text>
                    <AppStatusTag status={r.status} />
                  </Space>
                  <div style={{ marginTop: 4 }}>
                    <LinesText row={r} />
                  </div>
                  {r.reviewNote && <Typography.Text type="secondary">{r.reviewNote}</Typography.Text>}
                </div>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<ApplicationRow>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          columns={columns}
          dataSource={rows}
          pagination={pagination}
          scroll={{ x: 'max-content' }}
          rowSelection={
            decisions.length > 0
              ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }
              : undefined
          }
        />
      )}
      <Modal
        open={!!asking}
        title={asking ? t(`enrol.decision.${asking}`) : ''}
        okText={t('common.confirm')}
        okButtonProps={{ disabled: !reason.trim(), loading: busy, danger: true }}
        onOk={() => asking && run(asking, reason)}
        onCancel={() => setAsking(null)}
      >
        <Typography.Paragraph>{t('enrol.reasonFor', { count: selected.length })}</Typography.Paragraph>
        <Input.TextArea
          aria-label={t('enrol.reasonLabel')}
          rows={3}
          maxLength={500}
          showCount
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Card>
  );
}

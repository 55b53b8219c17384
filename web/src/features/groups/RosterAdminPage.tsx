// STAFF-4, STAFF-5 for the school: generate a draft roster version from the volunteers, read it by
// date, teacher or class with every unfilled slot and its reason, publish it (the previous version
// is superseded), print it on A4 and export it; set each teacher's subject and weekly cap. Other
// staff see the published versions read-only.
import {
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Empty,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Spin,
  Switch,
  Table,
  Tabs,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post, put } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { TermPicker } from '../enrolment/parts';
import { useTermChoice } from '../enrolment/queries';
import { AvailabilityForm } from './AvailabilityPage';
import {
  type RosterList,
  type StaffAvailabilityList,
  schoolPath,
  useDutySettings,
  useRefreshDuty,
  useRoster,
  useRosters,
  useStaffAvailability,
} from './RosterApi';
import { ByClassTable, ByDateTable, ByTeacherTable, UnfilledTable } from './RosterViews';

type Version = RosterList['items'][number];
type StaffRow = StaffAvailabilityList['items'][number];

const statusColor = { draft: 'default', published: 'green', superseded: 'red' } as const;

function VersionView({ version }: { version: Version }) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const filter = {
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
  };
  const detail = useRoster(version.id, filter);
  const printUrl = `/print/duty-roster/${version.id}${filter.from ? `?from=${filter.from}&to=${filter.to}` : ''}`;
  return (
    <Card
      size="small"
      title={t('duty.admin.version', { version: version.version })}
      extra={
        <Space wrap>
          <DatePicker.RangePicker value={range} onChange={(v) => setRange(v as never)} />
          <Button href={printUrl} target="_blank">
            {t('duty.admin.print')}
          </Button>
          <Button href={`${schoolPath(schoolId)}/rosters/${version.id}/export`}>
            {t('duty.admin.export')}
          </Button>
        </Space>
      }
    >
      {detail.isLoading || !detail.data ? (
        <Spin />
      ) : (
        <Tabs
          items={[
            { key: 'date', label: t('duty.admin.byDate'), children: <ByDateTable detail={detail.data} /> },
            {
              key: 'teacher',
              label: t('duty.admin.byTeacher'),
              children: <ByTeacherTable detail={detail.data} />,
            },
            { key: 'class', label: t('duty.admin.byClass'), children: <ByClassTable detail={detail.data} /> },
            {
              key: 'unfilled',
              label: `${t('duty.admin.unfilledTab')} (${detail.data.unfilled.length})`,
              children: <UnfilledTable detail={detail.data} />,
            },
          ]}
        />
      )}
    </Card>
  );
}

function SettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const schoolId = useSchoolId();
  const settings = useDutySettings();
  const refresh = useRefreshDuty();
  const change = async (patch: { staffRatio?: number; allowPaidOutsideBodies?: boolean }) => {
    try {
      await put(`${schoolPath(schoolId)}/duty-settings`, patch);
      message.success(t('common.saved'));
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  if (!settings.data) return null;
  return (
    <Card size="small" title={t('duty.admin.settings')}>
      <Space wrap size="large">
        <span>
          {t('duty.admin.staffRatio')}{' '}
          <InputNumber
            min={1}
            max={100}
            defaultValue={settings.data.staffRatio}
            onBlur={(e) => {
              const v = Number(e.target.value);
              if (v && v !== settings.data?.staffRatio) void change({ staffRatio: v });
            }}
          />
        </span>
        <span>
          {t('duty.admin.allowPaid')}{' '}
          <Switch
            checked={settings.data.allowPaidOutsideBodies}
            onChange={(v) => change({ allowPaidOutsideBodies: v })}
          />
        </span>
      </Space>
    </Card>
  );
}

function StaffTable({ termId }: { termId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const schoolId = useSchoolId();
  const staff = useStaffAvailability(termId);
  const refresh = useRefreshDuty();
  const [editing, setEditing] = useState<StaffRow | null>(null);
  const [filling, setFilling] = useState<StaffRow | null>(null);
  const [subject, setSubject] = useState('');
  const [max, setMax] = useState<number | null>(null);
  const saveProfile = async () => {
    if (!editing) return;
    try {
      await put(`${schoolPath(schoolId)}/staff/${editing.userId}/duty-profile`, {
        subject: subject.trim() || null,
        maxDutiesPerWeek: max,
      });
      setEditing(null);
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <>
      <Table
        size="small"
        rowKey="userId"
        loading={staff.isLoading}
        dataSource={staff.data?.items ?? []}
        pagination={false}
        scroll={{ x: 520 }}
        columns={[
          { title: t('duty.outside.name'), dataIndex: 'name' },
          { title: t('duty.admin.subjectLabel'), dataIndex: 'subject' },
          { title: t('duty.admin.maxLabel'), dataIndex: 'maxDutiesPerWeek' },
          { title: t('duty.admin.slots'), dataIndex: 'slotCount' },
          {
            title: t('duty.common.actions'),
            key: 'a',
            render: (_, r) => (
              <Space size={4}>
                <Button
                  size="small"
                  onClick={() => {
                    setEditing(r);
                    setSubject(r.subject ?? '');
                    setMax(r.maxDutiesPerWeek);
                  }}
                >
                  {t('duty.admin.subjectLabel')}
                </Button>
                <Button size="small" onClick={() => setFilling(r)}>
                  {t('duty.menu.availability')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Drawer open={!!filling} onClose={() => setFilling(null)} width={420} destroyOnHidden>
        {filling && <AvailabilityForm termId={termId} userId={filling.userId} />}
      </Drawer>
      <Modal open={!!editing} title={editing?.name} onCancel={() => setEditing(null)} onOk={saveProfile}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input
            addonBefore={t('duty.admin.subjectLabel')}
            value={subject}
            maxLength={20}
            onChange={(e) => setSubject(e.target.value)}
          />
          <InputNumber
            addonBefore={t('duty.admin.maxLabel')}
            min={1}
            max={20}
            value={max}
            onChange={(v) => setMax(v ?? null)}
          />
        </Space>
      </Modal>
    </>
  );
}

export function RosterAdminPage() {
  const { t } = useTranslation();
  // Staff read the published versions; only the school generates, publishes and sets subjects.
  const writer = useSession().can('duty.write');
  const { message } = App.useApp();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const { terms, term, choose, loading } = useTermChoice('running');
  const rosters = useRosters(term?.id);
  const refresh = useRefreshDuty();
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (loading) return <Spin />;
  if (!term) return <Empty />;
  const versions = rosters.data?.items ?? [];
  const current = versions.find((v) => v.id === selected) ?? versions[0];

  const run = async (call: () => Promise<Version>, done: (v: Version) => string) => {
    setBusy(true);
    try {
      const v = await call();
      message.success(done(v));
      setSelected(v.id);
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={t('duty.admin.title')}
        size={phone ? 'small' : undefined}
        extra={
          <Space wrap>
            {terms.length > 1 && <TermPicker terms={terms} value={term.id} onChange={choose} />}
            {writer && (
              <Button
                type="primary"
                loading={busy}
                onClick={() =>
                  run(
                    () => post<Version>(`${schoolPath(schoolId)}/terms/${term.id}/rosters`),
                    (v) => t('duty.admin.generated', { version: v.version }),
                  )
                }
              >
                {t('duty.admin.generate')}
              </Button>
            )}
          </Space>
        }
      >
        {versions.length === 0 ? (
          <Empty description={t('duty.admin.noVersion')} />
        ) : (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={versions}
            scroll={{ x: 520 }}
            onRow={(v) => ({ onClick: () => setSelected(v.id) })}
            rowClassName={(v) => (v.id === current?.id ? 'ant-table-row-selected' : '')}
            columns={[
              {
                title: t('duty.admin.versions'),
                key: 'v',
                render: (_, v) => t('duty.admin.version', { version: v.version }),
              },
              {
                title: t('duty.outside.status'),
                dataIndex: 'status',
                render: (s: Version['status']) => (
                  <Tag color={statusColor[s]}>{t(`duty.admin.status.${s}`)}</Tag>
                ),
              },
              { title: '', key: 'n', render: (_, v) => t('duty.admin.duties', { count: v.dutyCount }) },
              {
                title: '',
                key: 'u',
                render: (_, v) =>
                  v.unfilledCount > 0 ? (
                    <Tag color="orange">{t('duty.admin.unfilled', { count: v.unfilledCount })}</Tag>
                  ) : null,
              },
              {
                title: t('duty.common.actions'),
                key: 'a',
                render: (_, v) =>
                  writer &&
                  v.status === 'draft' && (
                    <Popconfirm
                      title={t('duty.admin.publishConfirm')}
                      onConfirm={() =>
                        run(
                          () => post<Version>(`${schoolPath(schoolId)}/rosters/${v.id}/publish`),
                          () => t('duty.admin.published'),
                        )
                      }
                    >
                      <Button size="small" type="primary" loading={busy}>
                        {t('duty.admin.publish')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {current && <VersionView key={current.id} version={current} />}
      {writer && <SettingsCard />}
      {writer && (
        <Card size="small" title={t('duty.admin.staff')}>
          <StaffTable termId={term.id} />
        </Card>
      )}
    </Space>
  );
}

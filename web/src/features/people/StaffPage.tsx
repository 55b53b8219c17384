// Staff of the school: roles as tags, add staff, add or remove a role, issue a one-time code.
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import {
  App,
  Button,
  Card,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupSlip } from '../../../../src/features/accounts/contract';
import type { StaffMember } from '../../../../src/features/people/contract';
import { roles } from '../../../../src/features/people/rules';
import { del, patch, post } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { classText, errorMessage, useIsPhone } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { schoolBase, useClasses, useStaff } from './queries';
import {
  AddRoleModal,
  AddStaffModal,
  EditStaffModal,
  type StaffEditValues,
  type StaffValues,
} from './StaffForms';

export function StaffPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const { can, me: session } = useSession();
  const me = session?.user.id;
  const staff = useStaff();
  const classes = useClasses().data ?? [];
  const [adding, setAdding] = useState(false);
  const [roleFor, setRoleFor] = useState<StaffMember | null>(null);
  const [code, setCode] = useState<{ name: string; slip: SetupSlip } | null>(null);
  const [editing, setEditing] = useState<StaffMember | null>(null);
  const [search, setSearch] = useState('');
  const [roleFilter, setRoleFilter] = useState<string | undefined>();
  const { save, busy } = useSave();
  const base = `${schoolBase(schoolId)}/staff`;
  const writable = can('staff.write');

  const change = (call: () => Promise<{ items: StaffMember[] }>, form?: FormInstance) =>
    save(call, (result) => client.setQueryData(['staff', schoolId], result.items), form);

  const addStaff = async (values: StaffValues, form: FormInstance) => {
    const body = {
      ...values,
      phone: values.phone?.trim() || undefined,
      username: values.username?.trim() || undefined,
    };
    if (await change(() => post(base, body), form)) setAdding(false);
  };
  const addRole = async (values: { role: string; classId?: string }, form: FormInstance) => {
    if (roleFor && (await change(() => post(`${base}/${roleFor.userId}/grants`, values), form)))
      setRoleFor(null);
  };
  const editStaff = async (values: StaffEditValues, form: FormInstance) => {
    if (!editing) return;
    const body = {
      displayName: values.displayName,
      phone: values.phone?.trim() || null,
      ...(values.active === undefined ? {} : { disabled: !values.active }),
    };
    if (await change(() => patch(`${base}/${editing.userId}`, body), form)) setEditing(null);
  };
  const issueCode = async (m: StaffMember) => {
    try {
      const result = await post<{ items: SetupSlip[] }>(`${schoolBase(schoolId)}/setup-codes`, {
        userId: m.userId,
      });
      const slip = result.items[0];
      if (slip) setCode({ name: m.displayName, slip });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const classById = new Map(classes.map((c) => [c.id, c]));
  // A school's staff is a few dozen people: search and filter in the page.
  const needle = search.trim().toLowerCase();
  const shown = (staff.data ?? []).filter(
    (m) =>
      (!roleFilter || m.grants.some((g) => g.role === roleFilter)) &&
      (!needle ||
        [m.displayName, m.username ?? '', m.phone ?? ''].some((v) => v.toLowerCase().includes(needle))),
  );

  const roleTags = (m: StaffMember) => (
    <Space size={[4, 4]} wrap>
      {m.grants.map((g) => {
        const cls = g.classId ? classById.get(g.classId) : undefined;
        const label = `${t(`role.${g.role}`)}${cls ? ` · ${classText(cls.grade, cls.classNo)}` : ''}`;
        return writable ? (
          <Popconfirm
            key={g.id}
            title={t('staff.removeRole')}
            onConfirm={() => change(() => del(`${base}/${m.userId}/grants/${g.id}`))}
          >
            <Tag color="geekblue" closable onClose={(e) => e.preventDefault()} style={{ cursor: 'pointer' }}>
              {label}
            </Tag>
          </Popconfirm>
        ) : (
          <Tag key={g.id} color="geekblue">
            {label}
          </Tag>
        );
      })}
    </Space>
  );

  const actions = (m: StaffMember) =>
    writable && (
      <Space size={0} wrap>
        <Button type="link" size="small" onClick={() => setEditing(m)}>
          {t('staff.edit')}
        </Button>
        <Button type="link" size="small" onClick={() => setRoleFor(m)}>
          {t('staff.addRole')}
        </Button>
        {can('setupCode.issue') && (
          <Button type="link" size="small" onClick={() => issueCode(m)}>
            {t('staff.issueCode')}
          </Button>
        )}
      </Space>
    );

  return (
    <Card
      title={t('staff.title')}
      size={phone ? 'small' : undefined}
      extra={
        writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('staff.add')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('staff.search')}
          onSearch={setSearch}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          placeholder={t('staff.allRoles')}
          value={roleFilter}
          onChange={setRoleFilter}
          style={{ width: 160 }}
          options={roles.filter((r) => r !== 'parent').map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
      </Space>
      {phone ? (
        <List<StaffMember>
          loading={staff.isLoading}
          dataSource={shown}
          rowKey="userId"
          renderItem={(m) => (
            <List.Item>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <div>
                  <Typography.Text strong>{m.displayName}</Typography.Text>{' '}
                  {m.disabled && <Tag>{t('staff.disabled')}</Tag>}
                  <Typography.Text type="secondary">
                    {' '}
                    {[m.username, m.phone].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </div>
                {roleTags(m)}
                {actions(m)}
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<StaffMember>
          rowKey="userId"
          size={phone ? 'small' : 'middle'}
          loading={staff.isLoading}
          dataSource={shown}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('staff.name'),
              dataIndex: 'displayName',
              render: (name: string, m) => (
                <span>
                  {name} {m.disabled && <Tag>{t('staff.disabled')}</Tag>}
                </span>
              ),
            },
            { title: t('staff.username'), dataIndex: 'username', render: (v: string | null) => v ?? '—' },
            { title: t('staff.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
            { title: t('staff.roles'), key: 'roles', render: (_, m) => roleTags(m) },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, m) => actions(m),
            },
          ]}
        />
      )}
      <AddStaffModal
        open={adding}
        busy={busy}
        classes={classes}
        onCancel={() => setAdding(false)}
        onSubmit={addStaff}
      />
      <EditStaffModal
        member={editing}
        busy={busy}
        canDisable={!!editing && editing.userId !== me}
        onCancel={() => setEditing(null)}
        onSubmit={editStaff}
      />
      <AddRoleModal
        open={!!roleFor}
        busy={busy}
        classes={classes}
        onCancel={() => setRoleFor(null)}
        onSubmit={addRole}
      />
      <Modal open={!!code} title={t('staff.codeTitle')} footer={null} onCancel={() => setCode(null)}>
        {code && (
          <div style={{ textAlign: 'center' }}>
            <div>{code.name}</div>
            <Typography.Text
              copyable
              strong
              style={{ fontSize: 28, letterSpacing: 3, fontFamily: 'monospace' }}
            >
              {code.slip.code}
            </Typography.Text>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('staff.codeHint', { time: dayjs(code.slip.expiresAt).format('YYYY-MM-DD HH:mm') })}
            </Typography.Paragraph>
          </div>
        )}
      </Modal>
    </Card>
  );
}

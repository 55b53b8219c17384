// Staff of the school: roles as tags, add staff, add or remove a role, issue a one-time code.
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { App, Button, Card, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupSlip } from '../../../../src/features/accounts/contract';
import type { StaffMember } from '../../../../src/features/people/contract';
import { del, post } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { applyFieldErrors, classText, errorMessage, useIsPhone } from '../../app/ui';
import { schoolBase, useClasses, useStaff } from './queries';
import { AddRoleModal, AddStaffModal, type StaffValues } from './StaffForms';

export function StaffPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const { can } = useSession();
  const staff = useStaff();
  const classes = useClasses().data ?? [];
  const [adding, setAdding] = useState(false);
  const [roleFor, setRoleFor] = useState<StaffMember | null>(null);
  const [code, setCode] = useState<{ name: string; slip: SetupSlip } | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `${schoolBase(schoolId)}/staff`;
  const writable = can('staff.write');

  const change = async (call: () => Promise<{ items: StaffMember[] }>, form?: FormInstance) => {
    setBusy(true);
    try {
      const result = await call();
      client.setQueryData(['staff', schoolId], result.items);
      message.success(t('common.saved'));
      return true;
    } catch (e) {
      if (form) applyFieldErrors(form, e);
      message.error(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

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
      <Table<StaffMember>
        rowKey="userId"
        size={phone ? 'small' : 'middle'}
        loading={staff.isLoading}
        dataSource={staff.data ?? []}
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
            render: (_, m) =>
              writable && (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setRoleFor(m)}>
                    {t('staff.addRole')}
                  </Button>
                  {can('setupCode.issue') && (
                    <Button type="link" size="small" onClick={() => issueCode(m)}>
                      {t('staff.issueCode')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <AddStaffModal
        open={adding}
        busy={busy}
        classes={classes}
        onCancel={() => setAdding(false)}
        onSubmit={addStaff}
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

// Forms for the staff page: a new staff member, a new role for someone.
import { Form, Input, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { roles } from '../../../../src/features/people/rules';
import { classText } from '../../app/ui';
import { type ClassSummary, sortClasses } from './queries';

const staffRoles = roles.filter((r) => r !== 'parent' && r !== 'district_officer');

export interface StaffValues {
  displayName: string;
  username?: string;
  phone?: string;
  role: string;
  classId?: string;
}

function RoleFields({ classes }: { classes: ClassSummary[] }) {
  const { t } = useTranslation();
  const role = Form.useWatch('role');
  return (
    <>
      <Form.Item
        name="role"
        label={t('staff.role')}
        rules={[{ required: true, message: t('login.required') }]}
      >
        <Select options={staffRoles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      </Form.Item>
      {role === 'class_teacher' && (
        <Form.Item
          name="classId"
          label={t('staff.class')}
          rules={[{ required: true, message: t('login.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={sortClasses(classes).map((c) => ({ value: c.id, label: classText(c.grade, c.classNo) }))}
          />
        </Form.Item>
      )}
    </>
  );
}

interface ModalProps<V> {
  open: boolean;
  busy: boolean;
  classes: ClassSummary[];
  onCancel: () => void;
  onSubmit: (values: V, form: ReturnType<typeof Form.useForm<V>>[0]) => void;
}

export function AddStaffModal({ open, busy, classes, onCancel, onSubmit }: ModalProps<StaffValues>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<StaffValues>();
  return (
    <Modal
      open={open}
      title={t('staff.add')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => onSubmit(v, form)}>
        <Form.Item
          name="displayName"
          label={t('staff.name')}
          rules={[{ required: true, message: t('login.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('staff.phone')} extra={t('staff.needPhoneOrUsername')}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="username" label={t('staff.username')}>
          <Input autoComplete="off" />
        </Form.Item>
        <RoleFields classes={classes} />
      </Form>
    </Modal>
  );
}

export function AddRoleModal({
  open,
  busy,
  classes,
  onCancel,
  onSubmit,
}: ModalProps<{ role: string; classId?: string }>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ role: string; classId?: string }>();
  return (
    <Modal
      open={open}
      title={t('staff.addRole')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => onSubmit(v, form)}>
        <RoleFields classes={classes} />
      </Form>
    </Modal>
  );
}

export interface StaffEditValues {
  displayName: string;
  phone?: string;
  active: boolean;
}

export function EditStaffModal({
  member,
  busy,
  canDisable,
  onCancel,
  onSubmit,
}: {
  member: { displayName: string; phone: string | null; disabled: boolean } | null;
  busy: boolean;
  canDisable: boolean;
  onCancel: () => void;
  onSubmit: ModalProps<StaffEditValues>['onSubmit'];
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<StaffEditValues>();
  return (
    <Modal
      open={!!member}
      title={t('staff.editTitle')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      {member && (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{
            displayName: member.displayName,
            phone: member.phone ?? '',
            active: !member.disabled,
          }}
          onFinish={(v) => onSubmit(v, form)}
        >
          <Form.Item
            name="displayName"
            label={t('staff.name')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t('staff.phone')}>
            <Input inputMode="tel" />
          </Form.Item>
          {canDisable && (
            <Form.Item
              name="active"
              label={t('staff.active')}
              valuePropName="checked"
              extra={t('staff.disableHint')}
            >
              <Switch />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}

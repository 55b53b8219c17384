// A modal form that saves through the API and shows a refusal where the user is looking: a field's
// problem under the field, anything else (a limit, a rule) in a red box at the top of the form.
import type { FormInstance } from 'antd';
import { Alert, App, Form, Modal } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { applyFieldErrors, errorMessage } from '../../app/ui';

interface Props<V> {
  open: boolean;
  title: string;
  initialValues?: Partial<V>;
  onClose: () => void;
  onSubmit: (values: V) => Promise<unknown>;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
}

export function FormModal<V extends object>({
  open,
  title,
  initialValues,
  onClose,
  onSubmit,
  children,
}: Props<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) setRefusal(null);
  }, [open]);
  // On a phone the form is taller than the screen: bring the refusal into view.
  useEffect(() => {
    if (refusal) alertRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [refusal]);

  const finish = async (values: V) => {
    setBusy(true);
    setRefusal(null);
    try {
      await onSubmit(values);
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
      const fields = e instanceof ApiError ? e.fields.map((f) => `${f.field}: ${f.message}`) : [];
      setRefusal([errorMessage(e), ...fields].join('；'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
      okText={t('common.save')}
    >
      <div ref={alertRef}>
        {refusal && (
          <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="refusal" />
        )}
      </div>
      <Form<V>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={initialValues}
        onFinish={finish}
        preserve={false}
      >
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}

export const required = (t: (k: string) => string) => [{ required: true, message: t('login.required') }];

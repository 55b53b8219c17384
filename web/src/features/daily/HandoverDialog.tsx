// DAY-2 handover from the Today card: the stage, who gave (for the first stage, the last-period
// teacher's name), how many children changed hands, the leave news. The server compares the count
// with the roll and tells the duty leader at once when it differs.
import { App, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { applyFieldErrors, errorMessage } from '../../app/ui';
import { classDayApi, type TodayClass, useRefreshDaily } from './queries';
import './daily.css';

interface Values {
  stage: 'last_period_to_care' | 'care_to_duty';
  fromName?: string;
  headCount: number;
  leaveNote?: string;
  note?: string;
}

export function HandoverDialog({
  item,
  date,
  open,
  onClose,
}: {
  item: TodayClass;
  date: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const schoolId = useSchoolId();
  const refresh = useRefreshDaily();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const stage = Form.useWatch('stage', form);
  const initialStage = item.handovers.lastPeriodToCare ? 'care_to_duty' : 'last_period_to_care';
  // DAY-2: the count is the one the teacher makes with their own eyes, so nothing is prefilled; the
  // server compares it with the roll and flags a difference.

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      const saved = await post<{ mismatch: boolean; expectedCount: number | null }>(
        `${classDayApi(schoolId, item.tempClassId, date)}/handovers`,
        {
          stage: values.stage,
          ...(values.stage === 'last_period_to_care' ? { fromName: values.fromName ?? '' } : {}),
          handedAt: new Date().toISOString(),
          headCount: values.headCount,
          leaveNote: values.leaveNote ?? '',
          note: values.note ?? '',
        },
      );
      await refresh();
      onClose();
      if (saved.mismatch)
        modal.warning({ title: t('daily.handover.mismatch', { expected: saved.expectedCount }) });
      else message.success(t('daily.handover.saved'));
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('daily.handover.title', { name: item.className })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('daily.handover.submit')}
      okButtonProps={{ size: 'large', loading: busy, 'data-testid': 'handover-submit' }}
      cancelButtonProps={{ size: 'large' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ stage: initialStage }}
        onFinish={submit}
      >
        <Form.Item name="stage" label={t('daily.handover.stage')}>
          <Radio.Group optionType="button" buttonStyle="solid" className="handover-stages">
            <Radio.Button value="last_period_to_care" data-testid="handover-stage-first">
              {t('daily.handover.stages.last_period_to_care')}
            </Radio.Button>
            <Radio.Button value="care_to_duty" data-testid="handover-stage-last">
              {t('daily.handover.stages.care_to_duty')}
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        {(stage ?? initialStage) === 'last_period_to_care' && (
          <Form.Item
            name="fromName"
            label={t('daily.handover.fromName')}
            rules={[{ required: true, max: 60 }]}
          >
            <Input />
          </Form.Item>
        )}
        <Form.Item name="headCount" label={t('daily.handover.headCount')} rules={[{ required: true }]}>
          <InputNumber min={0} max={500} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="leaveNote" label={t('daily.handover.leaveNote')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('daily.handover.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

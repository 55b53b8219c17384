// Create or edit a term (PROG-1): name, dates, application window and the ENR-5 conditions.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Form, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TermView } from '../../../../src/features/programme/contract';
import { patch, post } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { useIsPhone } from '../../app/ui';
import { FormModal, required } from './FormModal';
import { schoolUrl, termUrl, useRefresh } from './queries';

interface Values {
  name: string;
  dates: [Dayjs, Dayjs];
  window: [Dayjs, Dayjs];
  conditions?: { key: string; text: string; needsProof?: boolean }[];
}

export function TermForm({
  open,
  term,
  onClose,
  onSaved,
}: {
  open: boolean;
  term?: TermView;
  onClose: () => void;
  onSaved?: (term: TermView) => void;
}) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const refresh = useRefresh();
  const phone = useIsPhone();
  const initial: Partial<Values> | undefined = term
    ? {
        name: term.name,
        dates: [dayjs(term.startsOn), dayjs(term.endsOn)],
        window: [dayjs(term.windowOpensAt), dayjs(term.windowClosesAt)],
        conditions: term.conditions,
      }
    : { conditions: [] };

  const submit = async (v: Values) => {
    const body = {
      name: v.name,
      startsOn: v.dates[0].format('YYYY-MM-DD'),
      endsOn: v.dates[1].format('YYYY-MM-DD'),
      windowOpensAt: v.window[0].toISOString(),
      windowClosesAt: v.window[1].toISOString(),
      conditions: (v.conditions ?? []).map((c) => ({ ...c, needsProof: !!c.needsProof })),
    };
    const saved = term
      ? await patch<TermView>(termUrl(schoolId, term.id), body)
      : await post<TermView>(`${schoolUrl(schoolId)}/terms`, body);
    await refresh();
    onSaved?.(saved);
  };

  return (
    <FormModal<Values>
      open={open}
      title={term ? t('programme.term.edit') : t('programme.term.add')}
      initialValues={initial}
      onClose={onClose}
      onSubmit={submit}
    >
      <Form.Item name="name" label={t('programme.term.name')} rules={required(t)}>
        <Input placeholder={t('programme.term.namePlaceholder')} maxLength={60} />
      </Form.Item>
      <Form.Item name="dates" label={t('programme.term.dates')} rules={required(t)}>
        <DatePicker.RangePicker style={{ width: '100%' }} inputReadOnly={phone} />
      </Form.Item>
      <Form.Item name="window" label={t('programme.term.window')} rules={required(t)}>
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          inputReadOnly={phone}
        />
      </Form.Item>
      <Form.Item label={t('programme.term.conditions')} extra={t('programme.term.conditionsHint')}>
        <Form.List name="conditions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[field.name, 'key']} rules={required(t)} noStyle>
                    <Input placeholder={t('programme.term.conditionKey')} style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'text']} rules={required(t)} noStyle>
                    <Input
                      placeholder={t('programme.term.conditionText')}
                      style={{ width: phone ? 200 : 260 }}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'needsProof']} valuePropName="checked" noStyle>
                    <Checkbox>{t('programme.term.needsProof')}</Checkbox>
                  </Form.Item>
                  <MinusCircleOutlined aria-label={t('common.remove')} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ needsProof: false })}>
                {t('programme.term.addCondition')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
    </FormModal>
  );
}

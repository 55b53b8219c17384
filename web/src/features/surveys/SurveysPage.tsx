// 问卷调查 (SURV-1, SURV-2): the school admin's list of a term's surveys; a new one from a template;
// a draft's title, introduction and questions edited in a form; open (parents are told) and close.
import { BarChartOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Dropdown,
  Form,
  Input,
  List,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../app/api';
import { errorMessage, useIsPhone } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { useTerms } from '../programme/queries';
import { type SurveySummary, type SurveyView, useSurvey, useSurveys, useSurveyWrites } from './queries';

const statusColour = { draft: 'default', open: 'green', closed: 'blue' } as const;
const questionKinds = ['single', 'multiple', 'rating', 'rating_teacher', 'rating_offering', 'text'] as const;

/** The running term (today within it), else the first listed. */
function runningTerm<T extends { id: string; startsOn: string; endsOn: string }>(terms: T[]): T | undefined {
  const today = dayjs().format('YYYY-MM-DD');
  return terms.find((t) => t.startsOn <= today && today <= t.endsOn) ?? terms[0];
}

interface QuestionForm {
  kind: (typeof questionKinds)[number];
  prompt: string;
  options: string;
  targets: string[];
  required: boolean;
}

function Editor({ surveyId, onClose }: { surveyId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const survey = useSurvey(surveyId);
  const writes = useSurveyWrites();
  const { save, busy } = useSave();
  const [form] = Form.useForm();
  const [problems, setProblems] = useState<{ question: number; code: string }[]>([]);
  const s = survey.data;
  // Who and what may be rated: the school's staff and the term's offerings.
  const teachers = (s?.candidates?.teachers ?? []).map((x) => ({ value: x.id, label: x.name }));
  const offerings = (s?.candidates?.offerings ?? []).map((x) => ({ value: x.id, label: x.name }));
  useEffect(() => {
    if (!s) return;
    form.setFieldsValue({
      title: s.title,
      intro: s.intro,
      perChild: s.perChild,
      closesOn: s.closesOn ? dayjs(s.closesOn) : null,
      questions: s.questions.map(
        (q): QuestionForm => ({
          kind: q.kind,
          prompt: q.prompt,
          options: q.options.join('\n'),
          targets: q.targets.map((x) => x.id),
          required: q.required,
        }),
      ),
    });
  }, [s, form]);
  const submit = async (v: {
    title: string;
    intro: string;
    perChild: boolean;
    closesOn: dayjs.Dayjs | null;
    questions: QuestionForm[];
  }) => {
    setProblems([]);
    await save(
      () =>
        writes
          .update(surveyId, {
            title: v.title,
            intro: v.intro ?? '',
            perChild: !!v.perChild,
            closesOn: v.closesOn ? v.closesOn.format('YYYY-MM-DD') : null,
            questions: v.questions.map((q) => ({
              kind: q.kind,
              prompt: q.prompt ?? '',
              options:
                q.kind === 'single' || q.kind === 'multiple'
                  ? (q.options ?? '').split('\n').filter((o) => o.trim() !== '')
                  : [],
              targets: q.kind === 'rating_teacher' || q.kind === 'rating_offering' ? (q.targets ?? []) : [],
              required: !!q.required,
            })),
          })
          .catch((e) => {
            if (e instanceof ApiError) {
              const found = (e.details as { problems?: { question: number; code: string }[] } | undefined)
                ?.problems;
              if (found) setProblems(found);
            }
            throw e;
          }),
      () => onClose(),
    );
  };
  return (
    <Drawer
      open
      onClose={onClose}
      title={t('survey.editTitle')}
      size={phone ? 'default' : 'large'}
      width={phone ? '100%' : 720}
      extra={
        <Button type="primary" loading={busy} onClick={() => form.submit()}>
          {t('survey.save')}
        </Button>
      }
    >
      {survey.error && <Alert type="error" title={errorMessage(survey.error)} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="title" label={t('survey.fields.title')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="intro" label={t('survey.fields.intro')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="perChild" valuePropName="checked">
            <Checkbox>{t('survey.fields.perChild')}</Checkbox>
          </Form.Item>
          <Form.Item name="closesOn" label={t('survey.fields.closesOn')}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => {
                const mine = problems.filter((p) => p.question === i);
                return (
                  <Card
                    key={field.key}
                    size="small"
                    style={{ marginBottom: 12 }}
                    title={t('survey.question', { n: i + 1 })}
                    extra={
                      <Button size="small" danger onClick={() => remove(field.name)}>
                        {t('survey.remove')}
                      </Button>
                    }
                  >
                    {mine.length > 0 && (
                      <Alert
                        type="error"
                        style={{ marginBottom: 8 }}
                        title={mine
                          .map((p) => t(`survey.problems.${p.code}`, { defaultValue: p.code }))
                          .join('；')}
                      />
                    )}
                    <Form.Item
                      name={[field.name, 'prompt']}
                      label={t('survey.prompt')}
                      rules={[{ required: true }]}
                    >
                      <Input maxLength={500} />
                    </Form.Item>
                    <Space wrap>
                      <Form.Item name={[field.name, 'kind']} label={t('survey.kind')}>
                        <Select
                          style={{ minWidth: 160 }}
                          options={questionKinds.map((k) => ({
                            value: k,
                            label: t(`survey.questionKinds.${k}`),
                          }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'required']} valuePropName="checked" label=" ">
                        <Checkbox>{t('survey.required')}</Checkbox>
                      </Form.Item>
                    </Space>
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const kind = form.getFieldValue(['questions', field.name, 'kind']) as string;
                        if (kind === 'single' || kind === 'multiple')
                          return (
                            <Form.Item name={[field.name, 'options']} label={t('survey.options')}>
                              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
                            </Form.Item>
                          );
                        if (kind === 'rating_teacher' || kind === 'rating_offering')
                          return (
                            <Form.Item name={[field.name, 'targets']} label={t('survey.targets')}>
                              <Select
                                mode="multiple"
                                optionFilterProp="label"
                                options={kind === 'rating_teacher' ? teachers : offerings}
                              />
                            </Form.Item>
                          );
                        return null;
                      }}
                    </Form.Item>
                  </Card>
                );
              })}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'single', prompt: '', options: '', targets: [], required: false })}
              >
                {t('survey.addQuestion')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

function SurveyItem({ s, onEdit }: { s: SurveySummary; onEdit: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const writes = useSurveyWrites();
  const { save, busy } = useSave();
  const actions = [
    s.status === 'draft' && (
      <Button key="edit" size="small" icon={<EditOutlined />} onClick={onEdit}>
        {t('survey.edit')}
      </Button>
    ),
    s.status === 'draft' && (
      <Popconfirm
        key="open"
        title={t('survey.openConfirm')}
        onConfirm={() =>
          save(
            () => writes.open(s.id),
            () => {},
          )
        }
      >
        <Button size="small" type="primary" loading={busy}>
          {t('survey.open')}
        </Button>
      </Popconfirm>
    ),
    s.status === 'open' && (
      <Popconfirm
        key="close"
        title={t('survey.closeConfirm')}
        onConfirm={() =>
          save(
            () => writes.close(s.id),
            () => {},
          )
        }
      >
        <Button size="small" danger loading={busy}>
          {t('survey.close')}
        </Button>
      </Popconfirm>
    ),
    s.status !== 'draft' && (
      <Button
        key="results"
        size="small"
        icon={<BarChartOutlined />}
        onClick={() => navigate(`/surveys/${s.id}/results`)}
      >
        {t('survey.results')}
      </Button>
    ),
  ].filter(Boolean);
  return (
    <List.Item>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Typography.Text strong>{s.title}</Typography.Text>
          <Tag color={statusColour[s.status]}>{t(`survey.statuses.${s.status}`)}</Tag>
          <Tag>{t(`survey.kinds.${s.kind}`)}</Tag>
        </Space>
        <Typography.Text type="secondary">
          {[
            s.perChild ? t('survey.perChild') : t('survey.perFamily'),
            t('survey.questions', { n: s.questionCount }),
            s.responseCount !== null ? t('survey.responses', { n: s.responseCount }) : null,
            s.closesOn ? `${t('survey.closesOn')} ${s.closesOn}` : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
        <Space wrap>{actions}</Space>
      </Space>
    </List.Item>
  );
}

export function SurveysPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const terms = useTerms();
  const list = terms.data?.items ?? [];
  const [termId, setTermId] = useState<string>();
  useEffect(() => {
    if (!termId && list.length) setTermId(runningTerm(list)?.id);
  }, [termId, list]);
  const surveys = useSurveys(termId);
  const writes = useSurveyWrites();
  const { save } = useSave();
  const [editing, setEditing] = useState<string | null>(null);
  const create = (template: 'demand' | 'satisfaction' | 'blank') =>
    termId &&
    save(
      () => writes.create(termId, { template }),
      (s: SurveyView) => setEditing(s.id),
    );
  return (
    <Card
      size={phone ? 'small' : undefined}
      title={t('survey.title')}
      extra={
        <Select
          value={termId}
          onChange={setTermId}
          style={{ minWidth: 140 }}
          aria-label={t('survey.term')}
          options={list.map((x) => ({ value: x.id, label: x.name }))}
        />
      }
    >
      {terms.error && <Alert type="error" title={errorMessage(terms.error)} />}
      {terms.data && !list.length && <Alert type="info" title={t('survey.noTerm')} />}
      {surveys.error && <Alert type="error" title={errorMessage(surveys.error)} />}
      <Dropdown
        disabled={!termId}
        menu={{
          items: (['satisfaction', 'demand', 'blank'] as const).map((k) => ({
            key: k,
            label: t(`survey.templates.${k}`),
          })),
          onClick: ({ key }) => void create(key as 'demand' | 'satisfaction' | 'blank'),
        }}
      >
        <Button type="primary" icon={<PlusOutlined />} data-testid="survey-create">
          {t('survey.create')}
        </Button>
      </Dropdown>
      <List
        loading={surveys.isLoading}
        dataSource={surveys.data?.items ?? []}
        locale={{ emptyText: t('survey.none') }}
        renderItem={(s) => <SurveyItem s={s} onEdit={() => setEditing(s.id)} />}
      />
      {editing && <Editor surveyId={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

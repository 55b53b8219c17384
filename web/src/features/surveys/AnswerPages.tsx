// A family's surveys (survey.answer), phone first: the list of surveys to answer (per child or per
// family, answered or not) and the answering form: choices, 1–5 stars for the service, for each
// teacher and each offering (the child's own first), and free text. One answer per family.
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Divider,
  Input,
  List,
  Radio,
  Rate,
  Result,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { SubmitResponseInput } from '../../../../src/features/surveys/contract';
import { ApiError } from '../../app/api';
import { errorMessage, useIsPhone } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { newIdempotencyKey } from '../enrolment/idempotency';
import { type QuestionView, type SurveySummary, useSurvey, useSurveys, useSurveyWrites } from './queries';

export function AnswerListPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const surveys = useSurveys();
  const items = (surveys.data?.items ?? []).filter((s) => s.mine.length > 0);
  const state = (s: SurveySummary) =>
    s.answerable ? 'toAnswer' : s.status === 'closed' && !s.mine.every((m) => m.answered) ? 'ended' : 'done';
  return (
    <Card size={phone ? 'small' : undefined} title={t('survey.menuAnswer')}>
      {surveys.error && <Alert type="error" title={errorMessage(surveys.error)} />}
      <List
        loading={surveys.isLoading}
        dataSource={items}
        locale={{ emptyText: t('survey.nothingToAnswer') }}
        renderItem={(s) => (
          <List.Item
            actions={
              s.answerable
                ? [
                    <Button key="go" type="primary" onClick={() => navigate(`/surveys/answer/${s.id}`)}>
                      {t('survey.answerNow')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space direction="vertical" size={2}>
              <Typography.Text strong style={{ whiteSpace: 'normal' }}>
                {s.title}
              </Typography.Text>
              <Space wrap size={4}>
                <Tag color={state(s) === 'toAnswer' ? 'orange' : state(s) === 'done' ? 'green' : 'default'}>
                  {t(`survey.${state(s)}`)}
                </Tag>
                {s.mine.map((m) => (
                  <Tag key={m.studentId ?? 'family'} color={m.answered ? 'green' : undefined}>
                    {m.name} {m.answered ? '✓' : ''}
                  </Tag>
                ))}
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

type Answer = { choices?: number[]; rating?: number; text?: string; ratings?: Record<string, number> };

function TargetRatings({
  q,
  value,
  onChange,
}: {
  q: QuestionView;
  value: Record<string, number>;
  onChange: (v: Record<string, number>) => void;
}) {
  const { t } = useTranslation();
  const mine = q.targets.filter((x) => x.relevant);
  const others = q.targets.filter((x) => !x.relevant);
  const teacher = q.kind === 'rating_teacher';
  const row = (x: QuestionView['targets'][number]) => (
    <div
      key={x.id}
      style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: '6px 0' }}
    >
      <span style={{ minWidth: 120, flex: '1 1 120px' }}>{x.name}</span>
      <Rate
        aria-label={x.name}
        value={value[x.id] ?? 0}
        onChange={(n) => {
          const next = { ...value };
          if (n) next[x.id] = n;
          else delete next[x.id];
          onChange(next);
        }}
        style={{ fontSize: 28 }}
      />
    </div>
  );
  return (
    <>
      {mine.length > 0 && (
        <Typography.Text type="secondary">
          {teacher ? t('survey.yourTeachers') : t('survey.yourOfferings')}
        </Typography.Text>
      )}
      {mine.map(row)}
      {others.length > 0 && (
        <details open={mine.length === 0}>
          <summary style={{ cursor: 'pointer', padding: '6px 0' }}>
            {teacher ? t('survey.otherTeachers') : t('survey.otherOfferings')} ({others.length})
          </summary>
          {others.map(row)}
        </details>
      )}
    </>
  );
}

export function AnswerPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { surveyId } = useParams();
  const survey = useSurvey(surveyId);
  const writes = useSurveyWrites();
  const { save, busy } = useSave();
  const s = survey.data;
  const open = (s?.mine ?? []).filter((m) => !m.answered);
  const [studentId, setStudentId] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  // One key per attempt of one child's answer: a retry after a lost reply is answered once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: renewed per survey and child on purpose
  const key = useMemo(() => `survey-${newIdempotencyKey()}`, [surveyId, studentId]);
  useEffect(() => {
    if (s?.perChild && !studentId && open[0]) setStudentId(open[0].studentId);
  }, [s, studentId, open]);
  if (survey.error) return <Alert type="error" title={errorMessage(survey.error)} />;
  if (!s) return <Card loading />;
  const set = (id: string, a: Answer) => setAnswers((prev) => ({ ...prev, [id]: a }));
  const submit = () =>
    save(
      () =>
        writes
          .submit(
            s.id,
            {
              ...(s.perChild && studentId ? { studentId } : {}),
              answers: s.questions.flatMap((q): SubmitResponseInput['answers'] => {
                const a = answers[q.id];
                if (!a) return [];
                const { ratings, ...rest } = a;
                if (ratings)
                  return [
                    {
                      questionId: q.id,
                      ratings: Object.entries(ratings).map(([targetId, rating]) => ({ targetId, rating })),
                    },
                  ];
                return [{ questionId: q.id, ...rest }];
              }),
            },
            key,
          )
          .catch((e) => {
            if (e instanceof ApiError) {
              const found = (e.details as { problems?: { question: number; code: string }[] } | undefined)
                ?.problems;
              if (found)
                setProblems(
                  Object.fromEntries(
                    found.map((p) => [
                      s.questions[p.question]?.id ?? '',
                      t(`survey.problems.${p.code}`, { defaultValue: p.code }),
                    ]),
                  ),
                );
            }
            throw e;
          }),
      () => {
        setProblems({});
        setAnswers({});
        setSent(true);
        setStudentId(null);
      },
      undefined,
      t('survey.submitted'),
    );
  if (sent && !s.answerable)
    return (
      <Result
        status="success"
        title={t('survey.submitted')}
        extra={<Button onClick={() => navigate('/surveys/answer')}>{t('survey.back')}</Button>}
      />
    );
  return (
    <Card size={phone ? 'small' : undefined} title={<span style={{ whiteSpace: 'normal' }}>{s.title}</span>}>
      {s.intro && <Typography.Paragraph>{s.intro}</Typography.Paragraph>}
      <Typography.Paragraph type="secondary">{t('survey.privacy')}</Typography.Paragraph>
      {!s.answerable && (
        <Alert
          type={s.mine.length && s.mine.every((m) => m.answered) ? 'success' : 'info'}
          title={
            s.mine.length && s.mine.every((m) => m.answered) ? t('survey.allAnswered') : t('survey.notOpen')
          }
        />
      )}
      {s.answerable && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          {s.perChild && (
            <div>
              <Typography.Text strong>{t('survey.forChild')}</Typography.Text>
              <br />
              <Radio.Group
                value={studentId}
                onChange={(e) => setStudentId(e.target.value)}
                options={s.mine.map((m) => ({ value: m.studentId, label: m.name, disabled: m.answered }))}
              />
            </div>
          )}
          {s.questions.map((q) => (
            <div key={q.id} data-testid={`question-${q.position}`}>
              <Divider style={{ margin: '8px 0' }} />
              <Typography.Text strong style={{ whiteSpace: 'normal' }}>
                {q.required && <span style={{ color: '#ff4d4f' }}>* </span>}
                {q.position}. {q.prompt}
              </Typography.Text>
              <div style={{ marginTop: 6 }}>
                {q.kind === 'single' && (
                  <Radio.Group
                    style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                    value={answers[q.id]?.choices?.[0]}
                    onChange={(e) => set(q.id, { choices: [e.target.value as number] })}
                    options={q.options.map((o, i) => ({ value: i, label: o }))}
                  />
                )}
                {q.kind === 'multiple' && (
                  <Checkbox.Group
                    style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                    value={answers[q.id]?.choices ?? []}
                    onChange={(v) => set(q.id, { choices: (v as number[]).sort((a, b) => a - b) })}
                    options={q.options.map((o, i) => ({ value: i, label: o }))}
                  />
                )}
                {q.kind === 'rating' && (
                  <Rate
                    aria-label={q.prompt}
                    value={answers[q.id]?.rating ?? 0}
                    onChange={(n) => set(q.id, n ? { rating: n } : {})}
                    style={{ fontSize: 32 }}
                  />
                )}
                {(q.kind === 'rating_teacher' || q.kind === 'rating_offering') && (
                  <TargetRatings
                    q={q}
                    value={answers[q.id]?.ratings ?? {}}
                    onChange={(ratings) => set(q.id, { ratings })}
                  />
                )}
                {q.kind === 'text' && (
                  <Input.TextArea
                    aria-label={q.prompt}
                    maxLength={2000}
                    autoSize={{ minRows: 2, maxRows: 6 }}
                    placeholder={t('survey.textPlaceholder')}
                    value={answers[q.id]?.text ?? ''}
                    onChange={(e) => set(q.id, { text: e.target.value })}
                  />
                )}
              </div>
              {problems[q.id] && <Alert type="error" title={problems[q.id]} style={{ marginTop: 6 }} />}
            </div>
          ))}
          <Button
            type="primary"
            size="large"
            block
            loading={busy}
            disabled={s.perChild && !studentId}
            onClick={() => void submit()}
            data-testid="survey-submit"
          >
            {t('survey.submit')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

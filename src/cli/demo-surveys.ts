// The demo's surveys (issue 6, SURV-1, SURV-2), for the running term of a school:
// - a CLOSED demand survey (per child), asked before the term began, answered for about 80 % of
//   the children;
// - an OPEN satisfaction survey (per family) whose per-teacher question rates every teacher who
//   teaches or cares in the term (offering teachers and temporary-class head teachers) and whose
//   per-offering question rates the term's offerings; answered by about 70 % of the families, but
//   never by the families of `excludeStudentIds` (the walkthrough's parent answers it on a phone).
// The answers meet the rules a parent's answer meets: only families with a child enrolled in the
// term answer the satisfaction survey, each rates only its children's teachers (head teachers,
// offering teachers, staff the published roster put on their classes), never the parent themself.
// Ratings are deterministic (a hash of family and target), mostly 4 and 5, and every teacher gets
// at least one (a non-answering family of their pupils answers when none did), so pay (PAY-7) has a
// score for each once the admin closes the survey.
// Rows are written in batches: the demo must load in seconds.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { insertInChunks } from '../db/batch';
import type { DB } from '../db/schema';
import { parentUserIds, schoolName } from '../features/billing/fund-store';
import { notification } from '../features/notify/messages';
import { notify } from '../features/notify/store';
import { type AnswerRow, familyKey, type QuestionDraft } from '../features/surveys/rules';
import * as store from '../features/surveys/store';
import { demandTemplate, satisfactionTemplate } from '../features/surveys/templates';
import { type AppContext, newId } from '../server/context';

const dayMs = 86_400_000;

/** 0–99 from a string: the same on every machine. */
function hash(text: string): number {
  return createHash('sha1').update(text).digest().readUInt16BE(0) % 100;
}

/** Mostly 5 and 4, a few 3, rarely 2. */
function ratingOf(seed: string): number {
  const h = hash(seed);
  return h < 55 ? 5 : h < 90 ? 4 : h < 97 ? 3 : 2;
}

const comments = [
  '老师很负责，孩子作业基本在学校完成了',
  '希望增加户外活动的时间',
  '社团活动很丰富，孩子很喜欢',
  '放学接孩子时校门口有点拥挤',
  '希望能多一些阅读指导',
  '看护老师很耐心，谢谢！',
];

export interface DemoSurveyResult {
  demandTitle: string;
  satisfactionTitle: string;
  demandResponses: number;
  families: number;
  satisfactionResponses: number;
  teacherIds: string[];
  offeringIds: string[];
}

export async function seedDemoSurveys(
  ctx: AppContext,
  school: { id: string; termId: string; adminUserId: string; excludeStudentIds: readonly string[] },
): Promise<DemoSurveyResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = trx as unknown as Kysely<DB>;
    const term = await db
      .selectFrom('terms')
      .select(['id', 'name', 'starts_on'])
      .where('id', '=', school.termId)
      .executeTakeFirstOrThrow();
    const now = ctx.now().getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    const termStart = Date.parse(`${term.starts_on}T00:00:00Z`);
    const names = await store.sessionAndClubNames(db, term.id);
    const staffing = await store.termStaffing(db, term.id);
    const context = {
      ...names,
      teacherIds: staffing.teacherIds,
      offeringIds: await store.allOfferingIds(db, term.id),
    };

    // Who answers: each parent account's children, grouped into families by the family key.
    const childrenOf = await store.childrenByParent(db, school.id);
    const families = new Map<string, { submitter: string; children: string[] }>();
    for (const [userId, children] of [...childrenOf].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const key = familyKey(false, children, null);
      if (key.ok && !families.has(key.key))
        families.set(key.key, { submitter: userId, children: [...children].sort() });
    }
    // Hashes use stable labels (student numbers, usernames, offering names), not the random ids, so
    // the demo's answers are the same on every load.
    const label = new Map<string, string>();
    for (const r of await db
      .selectFrom('students')
      .select(['id', 'student_no'])
      .where('school_id', '=', school.id)
      .execute())
      label.set(r.id, r.student_no);
    for (const r of await db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('id', 'in', [...staffing.teacherIds, ''])
      .execute())
      label.set(r.id, r.username ?? r.id);
    for (const r of await db
      .selectFrom('offerings')
      .select(['id', 'name'])
      .where('term_id', '=', term.id)
      .execute())
      label.set(r.id, r.name);
    const l = (id: string) => label.get(id) ?? id;
    // A family by its children's student numbers (its key, the smallest id, is not stable).
    const familyLabel = new Map([...families].map(([key, f]) => [key, f.children.map(l).sort().join('+')]));
    const fl = (key: string) => familyLabel.get(key) ?? key;
    const parentOfChild = new Map<string, string>();
    for (const [userId, children] of childrenOf)
      for (const c of children) if (!parentOfChild.has(c)) parentOfChild.set(c, userId);

    const survey = (
      kind: string,
      title: string,
      intro: string,
      perChild: boolean,
      times: Record<string, number | null>,
    ) => ({
      id: newId(),
      school_id: school.id,
      term_id: term.id,
      kind,
      title,
      intro,
      per_child: perChild ? 1 : 0,
      status: times.closed ? 'closed' : 'open',
      closes_on: null,
      created_by: school.adminUserId,
      created_at: iso(times.created!),
      updated_at: iso(times.closed ?? times.opened!),
      opened_at: iso(times.opened!),
      closed_at: times.closed ? iso(times.closed) : null,
    });
    const responses: DB['survey_responses'][] = [];
    const answers: DB['survey_answers'][] = [];
    const claims: DB['survey_claims'][] = [];
    const respond = (
      surveyId: string,
      key: string,
      studentId: string | null,
      submitter: string,
      submittedAt: number,
      rows: AnswerRow[],
      claimed: string[],
    ) => {
      const id = newId();
      for (const c of claimed)
        claims.push({ id: newId(), survey_id: surveyId, student_id: c, response_id: id });
      responses.push({
        id,
        survey_id: surveyId,
        school_id: school.id,
        family_key: key,
        student_id: studentId,
        submitted_by: submitter,
        submitted_at: iso(submittedAt),
      });
      for (const r of rows)
        answers.push({
          id: newId(),
          response_id: id,
          survey_id: surveyId,
          question_id: r.questionId,
          target_id: r.targetId,
          rating: r.rating,
          choices: r.choices ? JSON.stringify(r.choices) : null,
          text: r.text,
        });
    };
    const questionsOf = async (surveyId: string, drafts: QuestionDraft[]) => {
      await store.replaceQuestions(db, surveyId, drafts);
      return store.questionsOf(db, [surveyId]);
    };

    // SURV-1: the demand survey, per child, before the term; closed as the term began.
    const demandT = demandTemplate(term.name, context);
    const demand = survey('demand', demandT.title, demandT.intro, true, {
      created: termStart - 30 * dayMs,
      opened: termStart - 28 * dayMs,
      closed: termStart - 14 * dayMs,
    });
    await store.insertSurvey(db, demand);
    const dq = await questionsOf(demand.id, demandT.questions);
    let demandResponses = 0;
    for (const studentId of [...parentOfChild.keys()].sort()) {
      const h = hash(`demand:${l(studentId)}`);
      if (h >= 80) continue;
      const pickup = h < 50 ? 0 : h < 72 ? 1 : 2;
      const sessions = dq[1]!.options.length > 1 && h % 3 === 0 ? [0, 1] : [dq[1]!.options.length - 1];
      const clubs = [h % dq[2]!.options.length, (h + 3) % dq[2]!.options.length];
      const rows: AnswerRow[] = [
        { questionId: dq[0]!.id, targetId: '', rating: null, choices: [pickup], text: null },
        { questionId: dq[1]!.id, targetId: '', rating: null, choices: sessions, text: null },
        {
          questionId: dq[2]!.id,
          targetId: '',
          rating: null,
          choices: [...new Set(clubs)].sort(),
          text: null,
        },
      ];
      if (h % 9 === 0)
        rows.push({
          questionId: dq[3]!.id,
          targetId: '',
          rating: null,
          choices: null,
          text: '希望延时服务到 18:00',
        });
      respond(
        demand.id,
        studentId,
        studentId,
        parentOfChild.get(studentId)!,
        termStart - (20 + (h % 6)) * dayMs,
        rows,
        [studentId],
      );
      demandResponses++;
    }

    // SURV-2: the satisfaction survey, per family, open now.
    const satT = satisfactionTemplate(term.name, context);
    const sat = survey('satisfaction', satT.title, satT.intro, false, {
      created: now - 4 * dayMs,
      opened: now - 3 * dayMs,
      closed: null,
    });
    await store.insertSurvey(db, sat);
    const sq = await questionsOf(sat.id, satT.questions);
    const overall = sq.find((q) => q.kind === 'rating')!;
    const perTeacher = sq.find((q) => q.kind === 'rating_teacher');
    const perOffering = sq.find((q) => q.kind === 'rating_offering');
    const text = sq.find((q) => q.kind === 'text')!;
    // Who teaches or cares for each child this term.
    const taught = await db
      .selectFrom('temp_class_members as m')
      .innerJoin('temp_classes as tc', 'tc.id', 'm.temp_class_id')
      .innerJoin('offerings as o', 'o.id', 'm.offering_id')
      .select(['m.student_id', 'tc.head_teacher_id', 'o.teacher_user_id', 'o.id as offering_id'])
      .where('tc.term_id', '=', term.id)
      .where('m.left_at', 'is', null)
      .execute();
    // …and whom the published duty roster put on their temporary classes.
    const onDuty = await db
      .selectFrom('duty_assignments as a')
      .innerJoin('duty_rosters as r', 'r.id', 'a.roster_id')
      .innerJoin('temp_class_members as m', 'm.temp_class_id', 'a.temp_class_id')
      .select(['m.student_id', 'a.user_id'])
      .distinct()
      .where('r.term_id', '=', term.id)
      .where('r.status', '=', 'published')
      .where('m.left_at', 'is', null)
      .execute();
    const staffOf = new Map<string, Set<string>>();
    const offeringsOf = new Map<string, Set<string>>();
    for (const t of taught) {
      const s = staffOf.get(t.student_id) ?? new Set<string>();
      if (t.head_teacher_id) s.add(t.head_teacher_id);
      if (t.teacher_user_id) s.add(t.teacher_user_id);
      staffOf.set(t.student_id, s);
      offeringsOf.set(t.student_id, (offeringsOf.get(t.student_id) ?? new Set()).add(t.offering_id));
    }
    for (const d of onDuty)
      staffOf.set(d.student_id, (staffOf.get(d.student_id) ?? new Set()).add(d.user_id));
    // The answers follow the rules a parent's answer meets (see checkAnswers): only families with a
    // child enrolled in the term answer, and each rates only its children's teachers, never itself.
    const enrolled = await store.enrolledTerms(db, [...parentOfChild.keys()]);
    const excluded = new Set(school.excludeStudentIds);
    const eligible = [...families]
      .sort(([a], [b]) => (fl(a) < fl(b) ? -1 : 1))
      .filter(
        ([, f]) =>
          f.children.some((c) => enrolled.has(`${term.id}:${c}`)) && !f.children.some((c) => excluded.has(c)),
      );
    // A response answers for all of the submitter's children: a family overlapping one before it
    // (a parent linked to only some of the children) is the same family and does not answer again.
    const seen = new Set<string>();
    const distinct = eligible.filter(([, f]) => {
      if (f.children.some((c) => seen.has(c))) return false;
      for (const c of f.children) seen.add(c);
      return true;
    });
    const teacherTargets = new Set(perTeacher?.targets ?? []);
    const offeringTargets = new Set(perOffering?.targets ?? []);
    const planOf = ([key, f]: [string, { submitter: string; children: string[] }]) => {
      const teachers = new Set<string>();
      const offerings = new Set<string>();
      for (const c of f.children) {
        for (const t of staffOf.get(c) ?? []) if (teacherTargets.has(t) && t !== f.submitter) teachers.add(t);
        for (const o of offeringsOf.get(c) ?? []) if (offeringTargets.has(o)) offerings.add(o);
      }
      return { key, f, teachers, offerings };
    };
    const plans = distinct.filter(([key]) => hash(`sat:${fl(key)}`) < 70).map(planOf);
    // Every teacher gets a score: one no answering family rated is rated by the first other family
    // whose children they teach or care for.
    const rated = new Set(plans.flatMap((p) => [...p.teachers]));
    const answeringKeys = new Set(plans.map((p) => p.key));
    for (const candidate of distinct.filter(([key]) => !answeringKeys.has(key)).map(planOf)) {
      if (![...candidate.teachers].some((t) => !rated.has(t))) continue;
      plans.push(candidate);
      for (const t of candidate.teachers) rated.add(t);
    }
    for (const [i, p] of plans.entries()) {
      const rows: AnswerRow[] = [
        {
          questionId: overall.id,
          targetId: '',
          rating: ratingOf(`overall:${fl(p.key)}`),
          choices: null,
          text: null,
        },
      ];
      if (perTeacher)
        for (const t of [...p.teachers].sort())
          rows.push({
            questionId: perTeacher.id,
            targetId: t,
            rating: ratingOf(`${fl(p.key)}:${l(t)}`),
            choices: null,
            text: null,
          });
      if (perOffering)
        for (const o of [...p.offerings].sort())
          rows.push({
            questionId: perOffering.id,
            targetId: o,
            rating: ratingOf(`${fl(p.key)}:${l(o)}`),
            choices: null,
            text: null,
          });
      const h = hash(`text:${fl(p.key)}`);
      if (h < 15)
        rows.push({
          questionId: text.id,
          targetId: '',
          rating: null,
          choices: null,
          text: comments[h % comments.length]!,
        });
      respond(
        sat.id,
        p.key,
        null,
        p.f.submitter,
        now - 3 * dayMs + ((i * 7919) % (3 * dayMs - 60_000)),
        rows,
        p.f.children,
      );
    }
    await insertInChunks(db, 'survey_responses', responses);
    await insertInChunks(db, 'survey_answers', answers);
    await insertInChunks(db, 'survey_claims', claims);
    // The open survey was announced to the school's parents.
    const parents = await parentUserIds(db, school.id);
    const name = await schoolName(db, school.id);
    await notify(
      db,
      sat.opened_at!,
      parents.map((userId) =>
        notification(
          'survey.opened',
          { userId, schoolId: school.id },
          { school: name, title: sat.title },
          `/surveys/answer/${sat.id}`,
        ),
      ),
    );
    return {
      demandTitle: demand.title,
      satisfactionTitle: sat.title,
      demandResponses,
      families: families.size,
      satisfactionResponses: plans.length,
      teacherIds: perTeacher?.targets ?? [],
      offeringIds: perOffering?.targets ?? [],
    };
  });
}

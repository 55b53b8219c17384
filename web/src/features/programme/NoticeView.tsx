// The notice to parents (告家长书, PROG-7) as a document, from a published snapshot or a preview:
// the school's paragraphs around what the term composed (dates, window, times, offerings, fees).
// On a phone the timetable becomes one block per session; on paper it is a table.
import { Tag } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticeContent } from '../../../../src/features/programme/contract';
import { feeLabel, weekdayLabel, weekdaysLabel } from './labels';
import './notice.css';

const chineseNumbers = '一二三四五六七八九十';

function numbered(lang: string, index: number, title: string): string {
  return lang === 'en' ? `${index + 1}. ${title}` : `${chineseNumbers[index]}、${title}`;
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter(Boolean)
        .map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a frozen text never move
          <p key={i}>{p}</p>
        ))}
    </>
  );
}

function sections(content: NoticeContent, t: TFunction, compact: boolean) {
  const { term, texts } = content;
  const list: { title: string; body: ReactNode }[] = [
    {
      title: t('programme.notice.termSection'),
      body: (
        <>
          <p>
            {t('programme.notice.termText', {
              from: term.startsOn,
              to: term.endsOn,
              days: term.schoolDayCount,
            })}
          </p>
          {term.holidays.length > 0 && (
            <p>
              {t('programme.notice.holidays', {
                dates: term.holidays.map((h) => `${h.date}${h.note ? `（${h.note}）` : ''}`).join('、'),
              })}
            </p>
          )}
          {term.makeupDays.map((d) => (
            <p key={d.date}>
              {t('programme.notice.makeupText', { date: d.date, weekday: weekdayLabel(t, d.followsWeekday) })}
            </p>
          ))}
        </>
      ),
    },
    {
      title: t('programme.notice.windowSection'),
      body: (
        <p>{t('programme.notice.windowText', { from: term.windowOpensLocal, to: term.windowClosesLocal })}</p>
      ),
    },
    {
      title: t('programme.notice.timetableSection'),
      body: <Timetable content={content} compact={compact} />,
    },
  ];
  if (content.conditions.length) {
    list.push({
      title: t('programme.notice.conditionsSection'),
      body: content.conditions.map((c, i) => (
        <p key={c.key}>
          {i + 1}. {c.text}
          {c.needsProof && t('programme.notice.proof')}
        </p>
      )),
    });
  }
  if (texts.applyMethod)
    list.push({ title: t('programme.notice.methodSection'), body: <Paragraphs text={texts.applyMethod} /> });
  if (texts.safety)
    list.push({ title: t('programme.notice.safetySection'), body: <Paragraphs text={texts.safety} /> });
  if (texts.notes)
    list.push({ title: t('programme.notice.notesSection'), body: <Paragraphs text={texts.notes} /> });
  return list;
}

function Timetable({ content, compact }: { content: NoticeContent; compact: boolean }) {
  const { t } = useTranslation();
  const when = (s: NoticeContent['sessions'][number]) =>
    `${weekdaysLabel(t, s.weekdays)} ${s.startsAt}–${s.endsAt}`;
  const basic = <Tag color="green">{t('programme.offering.basic')}</Tag>;
  if (compact) {
    return (
      <>
        {content.sessions.map((s) => (
          <div key={`${s.name}${s.startsAt}`} className="kh-notice-session">
            <strong>{s.name}</strong> {when(s)}
            {s.offerings.map((o) => (
              <div key={o.name} className="kh-notice-offering">
                <div>
                  <strong>{o.name}</strong> {o.basic && basic}
                </div>
                <div>
                  {[o.venue, t('programme.common.people', { count: o.capacity }), feeLabel(t, o)]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
                {o.description && <div style={{ color: '#666' }}>{o.description}</div>}
              </div>
            ))}
          </div>
        ))}
      </>
    );
  }
  return (
    <table className="kh-notice-table">
      <thead>
        <tr>
          <th>{t('programme.notice.sessionCol')}</th>
          <th>{t('programme.notice.itemCol')}</th>
          <th>{t('programme.notice.placeCol')}</th>
          <th>{t('programme.notice.placesCol')}</th>
          <th>{t('programme.notice.teacherCol')}</th>
          <th>{t('programme.notice.feeCol')}</th>
        </tr>
      </thead>
      <tbody>
        {content.sessions.flatMap((s) =>
          (s.offerings.length ? s.offerings : [null]).map((o, i) => (
            <tr key={`${s.name}-${o?.name ?? 'none'}`}>
              {i === 0 && (
                <td rowSpan={Math.max(1, s.offerings.length)}>
                  {s.name}
                  <br />
                  {when(s)}
                </td>
              )}
              <td>
                {o?.name}
                {o?.basic && `（${t('programme.offering.basic')}）`}
                {o?.description && <div style={{ color: '#555' }}>{o.description}</div>}
              </td>
              <td>{o?.venue ?? ''}</td>
              <td className="kh-nowrap">{o ? o.capacity : ''}</td>
              <td>{o?.teacher ?? ''}</td>
              <td className="kh-nowrap">{o ? feeLabel(t, o) : ''}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

export function NoticeView({
  content,
  publishedAt,
  compact = false,
}: {
  content: NoticeContent;
  publishedAt?: string;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <article className="kh-notice" data-testid="notice">
      <h1>{content.title}</h1>
      {content.texts.greeting && <Paragraphs text={content.texts.greeting} />}
      {sections(content, t, compact).map((section, index) => (
        <section key={section.title}>
          <h2>{numbered(i18n.language, index, section.title)}</h2>
          {section.body}
        </section>
      ))}
      {content.texts.contact && (
        <section>
          <h2>{t('programme.notice.contactSection')}</h2>
          <Paragraphs text={content.texts.contact} />
        </section>
      )}
      <div className="kh-notice-signoff">
        <div>{content.schoolName}</div>
        {publishedAt && <div>{dayjs(publishedAt).format('YYYY-MM-DD')}</div>}
      </div>
    </article>
  );
}

// The fund statement's tables and chart (FEE-9), shared by finance's working statement, the parents'
// published page and the A4 print view. With `onOpen`, every amount opens the entries behind it
// (FEE-11). Meals are a section of their own (FEE-7).
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BarChart as AppBarChart } from '../../app/BarChart';
import { type Statement, yuan } from './queries';

type Open = (figure: string, label: string) => void;

interface Line {
  key: string;
  label: string;
  fen: number;
  /** The figure behind the amount (absent for totals, which are sums of the lines above). */
  figure?: string;
  strong?: boolean;
  indent?: boolean;
}

function Amount({ line, onOpen }: { line: Line; onOpen?: Open | undefined }) {
  const text = yuan(line.fen);
  if (!onOpen || !line.figure) return <>{text}</>;
  return (
    <Typography.Link onClick={() => onOpen(line.figure!, line.label)} data-testid={`figure-${line.figure}`}>
      {text}
    </Typography.Link>
  );
}

function Rows({ lines, onOpen }: { lines: Line[]; onOpen?: Open | undefined }) {
  return (
    <>
      {lines.map((l) => (
        <tr key={l.key} style={l.strong ? { fontWeight: 600 } : undefined}>
          <td style={l.indent ? { paddingLeft: 20 } : undefined}>{l.label}</td>
          <td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
            <Amount line={l} onOpen={onOpen} />
          </td>
        </tr>
      ))}
    </>
  );
}

function Section({ title }: { title: string }) {
  return (
    <tr className="kh-fund-section">
      <th colSpan={2}>{title}</th>
    </tr>
  );
}

/** The statement as two-column tables: income by source, expenses by category, balance, meals. */
export function StatementTables({
  statement: s,
  onOpen,
  className = 'kh-fund-table',
}: {
  statement: Statement;
  onOpen?: Open;
  className?: string;
}) {
  const { t } = useTranslation();
  const income: Line[] = [
    {
      key: 'received',
      label: t('fund.st.serviceReceived'),
      fen: s.income.serviceReceivedFen,
      figure: 'service.received',
      indent: true,
    },
    {
      key: 'paidBack',
      label: t('fund.st.servicePaidBack'),
      fen: s.income.servicePaidBackFen,
      figure: 'service.paidBack',
      indent: true,
    },
    { key: 'serviceNet', label: t('fund.st.serviceNet'), fen: s.income.serviceNetFen },
    { key: 'subsidy', label: t('fund.st.subsidy'), fen: s.income.subsidyFen, figure: 'subsidy' },
    { key: 'other', label: t('fund.st.otherIncome'), fen: s.income.otherIncomeFen, figure: 'otherIncome' },
    { key: 'total', label: t('fund.st.incomeTotal'), fen: s.income.totalFen, strong: true },
  ];
  const expenses: Line[] = [
    ...s.expenses.byCategory.map((c) => ({
      key: c.category,
      label: t(`fund.categories.${c.category}`),
      fen: c.amountFen,
      figure: `expense.${c.category}`,
    })),
    { key: 'total', label: t('fund.st.expensesTotal'), fen: s.expenses.totalFen, strong: true },
  ];
  const balance: Line[] = [
    { key: 'opening', label: t('fund.st.opening'), fen: s.openingFen, figure: 'opening' },
    { key: 'income', label: t('fund.st.incomeTotal'), fen: s.income.totalFen },
    { key: 'expenses', label: t('fund.st.lessExpenses'), fen: -s.expenses.totalFen },
    { key: 'net', label: t('fund.st.net'), fen: s.netFen },
    { key: 'closing', label: t('fund.st.closing'), fen: s.closingFen, strong: true },
  ];
  const meals: Line[] = [
    { key: 'opening', label: t('fund.st.mealsOpening'), fen: s.meals.openingFen, figure: 'meals.opening' },
    {
      key: 'collected',
      label: t('fund.st.mealsCollected'),
      fen: s.meals.collectedFen,
      figure: 'meals.collected',
    },
    {
      key: 'paidBack',
      label: t('fund.st.mealsPaidBack'),
      fen: s.meals.paidBackFen,
      figure: 'meals.paidBack',
    },
    { key: 'spent', label: t('fund.st.mealsSpent'), fen: -s.meals.spentFen, figure: 'meals.spent' },
    { key: 'closing', label: t('fund.st.mealsClosing'), fen: s.meals.closingFen, strong: true },
  ];
  return (
    <table className={className} data-testid="fund-statement">
      <thead>
        <tr>
          <th style={{ textAlign: 'left' }}>{t('fund.st.item')}</th>
          <th style={{ textAlign: 'right' }}>{t('fund.amount')}</th>
        </tr>
      </thead>
      <tbody>
        <Section title={t('fund.st.income')} />
        <Rows lines={income} onOpen={onOpen} />
        <Section title={t('fund.st.expenses')} />
        <Rows lines={expenses} onOpen={onOpen} />
        <Section title={t('fund.st.balance')} />
        <Rows lines={balance} onOpen={onOpen} />
        <Section title={t('fund.st.meals')} />
        <Rows lines={meals} onOpen={onOpen} />
      </tbody>
    </table>
  );
}

/** The app's bar chart with the statement's defaults: amounts in yuan, empty categories left out. */
export function BarChart(props: Parameters<typeof AppBarChart>[0]) {
  return <AppBarChart format={yuan} hideZero {...props} />;
}

/** FEE-9: income by source and expenses by category, as the parents' chart. */
export function StatementChart({ statement: s }: { statement: Statement }) {
  const { t } = useTranslation();
  return (
    <div className="kh-fund-chart" data-testid="fund-chart">
      <BarChart
        title={t('fund.st.chartIncome')}
        color="#1677ff"
        bars={[
          { label: t('fund.st.serviceNet'), value: s.income.serviceNetFen },
          { label: t('fund.st.subsidy'), value: s.income.subsidyFen },
          { label: t('fund.st.otherIncome'), value: s.income.otherIncomeFen },
        ]}
      />
      <BarChart
        title={t('fund.st.chartExpenses')}
        color="#fa8c16"
        bars={s.expenses.byCategory.map((c) => ({
          label: t(`fund.categories.${c.category}`),
          value: c.amountFen,
        }))}
      />
    </div>
  );
}

export function periodText(period: string, t: (k: string) => string): string {
  return period === 'term' ? t('fund.wholeTerm') : period;
}

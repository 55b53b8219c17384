// FEE-3 for finance (and the school admin): the term's offerings with their fee basis and fee in
// yuan, the cap that applies and its document; edited in place. A fee over its cap is refused by
// the server with the cap in the message, shown in the user's language.
import { Alert, Button, Card, Empty, Input, List, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan, parseYuan } from '../../../../src/features/billing/money';
import { useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { TermPicker } from '../enrolment/parts';
import { useTermChoice } from '../enrolment/queries';
import { type CapItem, type FeeStandard, useFeeActions, useFeeStandards } from './queries';

type Basis = 'month' | 'class_hour';

function CapText({ cap }: { cap: CapItem | undefined }) {
  const { t } = useTranslation();
  if (!cap) return null;
  const range =
    cap.minFen === null
      ? `≤ ${formatYuan(cap.maxFen)}`
      : `${formatYuan(cap.minFen)}–${formatYuan(cap.maxFen)}`;
  return (
    <Space orientation="vertical" size={0}>
      <span>
        {t(`fees.capKinds.${cap.kind}`)} {range} {t('fees.yuan')}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {cap.isDefault ? t('fees.caps.isDefault') : `${cap.documentNo}（${cap.approvedOn ?? ''}）`}
      </Typography.Text>
    </Space>
  );
}

/** One offering's fee, editable in place when the user may set fees. */
function FeeEditor({
  item,
  termId,
  caps,
  writer,
}: {
  item: FeeStandard;
  termId: string;
  caps: CapItem[];
  writer: boolean;
}) {
  const { t } = useTranslation();
  const actions = useFeeActions();
  const { save, busy } = useSave();
  const [basis, setBasis] = useState<Basis>(item.feeBasis ?? 'month');
  const [text, setText] = useState(item.feeFen === null ? '' : formatYuan(item.feeFen));
  const [error, setError] = useState<string | null>(null);
  const fen = parseYuan(text);
  const cap = caps.find((c) => c.kind === item.capKinds[basis]);
  const changed = basis !== item.feeBasis || fen !== item.feeFen;
  const submit = async () => {
    if (fen === null || fen <= 0) {
      setError(t('fees.caps.yuanInvalid'));
      return;
    }
    setError(null);
    await save(
      async () => {
        try {
          return await actions.setFee(termId, item.offeringId, { feeBasis: basis, feeFen: fen });
        } catch (e) {
          setError(errorMessage(e));
          throw e;
        }
      },
      () => actions.refresh('fee-standards'),
    );
  };
  if (!writer)
    return (
      <span>
        {item.feeFen === null
          ? t('fees.standards.notSet')
          : `${formatYuan(item.feeFen)} ${item.feeBasis === 'month' ? t('fees.standards.perMonth') : t('fees.standards.perHour')}`}
      </span>
    );
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space.Compact style={{ width: '100%', maxWidth: 340 }}>
        <Select<Basis>
          aria-label={t('fees.standards.basis')}
          value={basis}
          onChange={setBasis}
          style={{ width: 120 }}
          options={(['month', 'class_hour'] as const).map((b) => ({
            value: b,
            label: t(`fees.standards.bases.${b}`),
          }))}
        />
        <Input
          aria-label={t('fees.standards.fee')}
          inputMode="decimal"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={submit}
          status={error ? 'error' : undefined}
          suffix={basis === 'month' ? t('fees.standards.perMonth') : t('fees.standards.perHour')}
        />
        <Button type="primary" onClick={submit} loading={busy} disabled={!changed}>
          {t('fees.standards.save')}
        </Button>
      </Space.Compact>
      {error && <Alert type="error" showIcon title={error} data-testid="fee-error" />}
      {!error && cap && fen !== null && fen > cap.maxFen && (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {t('fees.standards.overCap')}: {formatYuan(cap.maxFen)}
        </Typography.Text>
      )}
    </Space>
  );
}

export function FeeStandardsPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { can } = useSession();
  const writer = can('fee.write');
  const { terms, term, choose, loading } = useTermChoice('running');
  const list = useFeeStandards(term?.id);
  if (loading) return <Spin />;
  const caps = list.data?.caps ?? [];
  const items = list.data?.items ?? [];
  const capOf = (i: FeeStandard) => caps.find((c) => c.kind === i.capKinds[i.feeBasis ?? 'month']);
  const editor = (i: FeeStandard) =>
    term ? (
      <FeeEditor
        key={`${i.offeringId}-${i.updatedAt}`}
        item={i}
        termId={term.id}
        caps={caps}
        writer={writer}
      />
    ) : null;
  return (
    <Card title={t('fees.standards.title')} size={phone ? 'small' : undefined} data-testid="fee-standards">
      <Typography.Paragraph type="secondary">{t('fees.standards.lead')}</Typography.Paragraph>
      <div style={{ marginBottom: 12 }}>
        <TermPicker terms={terms} value={term?.id} onChange={choose} />
      </div>
      {list.error ? <Alert type="error" title={errorMessage(list.error)} /> : null}
      {!term && <Empty />}
      {phone ? (
        <List
          loading={list.isLoading}
          dataSource={items}
          renderItem={(i) => (
            <List.Item key={i.offeringId}>
              <Space orientation="vertical" size={6} style={{ width: '100%' }}>
                <span>
                  <b>{i.name}</b> <Tag>{i.sessionName}</Tag>
                  {i.withinCap === false && <Tag color="red">{t('fees.standards.overCap')}</Tag>}
                </span>
                {editor(i)}
                <CapText cap={capOf(i)} />
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<FeeStandard>
          size="small"
          rowKey="offeringId"
          loading={list.isLoading}
          dataSource={items}
          pagination={false}
          columns={[
            {
              title: t('fees.standards.offering'),
              key: 'name',
              render: (_, i) => (
                <span>
                  {i.name} {i.withinCap === false && <Tag color="red">{t('fees.standards.overCap')}</Tag>}
                </span>
              ),
            },
            { title: t('fees.standards.session'), dataIndex: 'sessionName' },
            { title: t('fees.standards.fee'), key: 'fee', width: 380, render: (_, i) => editor(i) },
            { title: t('fees.standards.cap'), key: 'cap', render: (_, i) => <CapText cap={capOf(i)} /> },
          ]}
        />
      )}
    </Card>
  );
}

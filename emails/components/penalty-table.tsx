import { Column, Row, Section, Text } from '@react-email/components';
import type { CSSProperties } from 'react';
import { penaltyAmounts, penaltyRateText } from '../../app/modules/dunning/penalty-text';
import type { LatePenalty } from '../../app/modules/invoices/penalties';
import { translator, type Dictionary, type Locale } from '../../app/utils/i18n';
import { colors } from './layout';
import { summaryLabel, summaryValue } from './styles';

const copy: Dictionary = {
  fr: {
    'penalty.title': 'Pénalités de retard à ce jour',
    'penalty.rate': 'Taux appliqué',
    'penalty.days': 'Jours de retard',
    'penalty.interest': 'Intérêts de retard sur {amount}',
    'penalty.indemnity': 'Indemnité forfaitaire pour frais de recouvrement',
    'penalty.total': 'Total des pénalités exigibles',
    'penalty.note':
      'Calcul : montant dû × taux annuel × jours de retard ÷ 365 (366 les années bissextiles), plus l’indemnité forfaitaire, due une fois par facture. Les pénalités sont exigibles sans qu’un rappel soit nécessaire (art. L441-10 et D441-5 du Code de commerce) et continuent de courir jusqu’au paiement.',
  },
  en: {
    'penalty.title': 'Late-payment penalties to date',
    'penalty.rate': 'Rate applied',
    'penalty.days': 'Days late',
    'penalty.interest': 'Late interest on {amount}',
    'penalty.indemnity': 'Fixed indemnity for recovery costs',
    'penalty.total': 'Total penalties due',
    'penalty.note':
      'Calculation: amount due × yearly rate × days late ÷ 365 (366 in leap years), plus the fixed indemnity, due once per invoice. Penalties are due without any reminder being necessary (French Commercial Code, art. L441-10 and D441-5) and keep accruing until payment.',
  },
};

/** The penalty itemised: rate, days, interest, fixed indemnity, total; numbers from the tested penalties module. */
export function PenaltyTable(props: {
  locale: Locale;
  currency: string;
  penalty: LatePenalty;
  /** The amount the interest runs on, formatted. */
  amountDue: string;
  accent: string;
}) {
  const t = translator(props.locale, copy);
  const amounts = penaltyAmounts(props.penalty, props.currency, props.locale);
  const rows: [string, string][] = [
    [t('penalty.rate'), penaltyRateText(props.penalty, props.locale)],
    [t('penalty.days'), String(props.penalty.daysLate)],
    [t('penalty.interest', { amount: props.amountDue }), amounts.interest],
    [t('penalty.indemnity'), amounts.indemnity],
  ];
  return (
    <Section style={{ ...box, borderTopColor: props.accent }}>
      <Text style={{ ...title, color: props.accent }}>{t('penalty.title')}</Text>
      {rows.map(([label, value], i) => (
        <Row key={label}>
          <Column style={label_}>{label}</Column>
          {/* The rate is a phrase and may wrap on a phone; amounts stay on one line. */}
          <Column style={i === 0 ? { ...value_, whiteSpace: 'normal' } : value_}>{value}</Column>
        </Row>
      ))}
      <Row>
        <Column style={{ ...label_, ...totalRow, color: colors.ink, fontWeight: 700 }}>
          {t('penalty.total')}
        </Column>
        <Column style={{ ...value_, ...totalRow }}>{amounts.total}</Column>
      </Row>
      <Text style={note}>{t('penalty.note')}</Text>
    </Section>
  );
}

const box: CSSProperties = {
  border: `1px solid ${colors.rule}`,
  borderTop: '3px solid',
  borderRadius: 6,
  padding: '12px 16px',
  margin: '16px 0 0',
};
const title: CSSProperties = { margin: '0 0 6px', fontSize: 15, lineHeight: '22px', fontWeight: 700 };
const label_: CSSProperties = { ...summaryLabel, paddingRight: 12 };
const value_: CSSProperties = { ...summaryValue, fontSize: 14, fontWeight: 600, whiteSpace: 'nowrap' };
const totalRow: CSSProperties = { borderTop: `1px solid ${colors.rule}`, paddingTop: 8, fontSize: 15 };
const note: CSSProperties = { margin: '10px 0 0', fontSize: 12, lineHeight: '18px', color: colors.muted };

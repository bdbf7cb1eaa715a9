import { Button, Column, Heading, Row, Section, Text } from '@react-email/components';
import type { CSSProperties } from 'react';
import type { AgingBucket, AgingLine } from '../app/modules/reports/aging.server';
import type {
  CollectedLine,
  DigestDisputes,
  DigestPromise,
} from '../app/modules/reports/weekly-digest.server';
import { formatDate, intlTag, translator, type Dictionary, type Locale } from '../app/utils/i18n';
import { formatMoney } from '../app/utils/money';
import { colors, Layout } from './components/layout';
import { button, heading, list, summary, summaryLabel, summaryValue, text } from './components/styles';

export type WeeklyDigestProps = {
  locale: Locale;
  businessName: string;
  logoUrl?: string | null;
  /** The Monday it is sent (YYYY-MM-DD, business zone). */
  today: string;
  periodFrom: string;
  periodTo: string;
  aging: AgingLine[];
  collected: CollectedLine[];
  promisesDue: DigestPromise[];
  promisesBroken: DigestPromise[];
  disputes: DigestDisputes;
  adminUrl: string;
};

const copy: Dictionary = {
  fr: {
    'digest.subject': 'Votre point hebdomadaire du {date} – {business}',
    'digest.preview': 'Encours, encaissements de la semaine, promesses et litiges en un coup d’œil.',
    'digest.heading': 'Votre point hebdomadaire',
    'digest.intro': 'Où en sont les factures de {business} ce {date}.',
    'digest.aging': 'Encours par ancienneté',
    'digest.aging.none': 'Aucun encours : toutes les factures émises sont réglées.',
    'digest.aging.currency': 'En {currency}',
    'digest.bucket.current': 'Pas encore échu',
    'digest.bucket.days1to30': 'En retard de 1 à 30 jours',
    'digest.bucket.days31to60': 'En retard de 31 à 60 jours',
    'digest.bucket.days61to90': 'En retard de 61 à 90 jours',
    'digest.bucket.days90plus': 'En retard de plus de 90 jours',
    'digest.aging.total': 'Total à encaisser ({count} factures)',
    'digest.aging.total.one': 'Total à encaisser ({count} facture)',
    'digest.collected': 'Encaissé du {from} au {to}',
    'digest.collected.none': 'Aucun paiement reçu sur la période.',
    'digest.collected.line': '{amount} ({count} paiements)',
    'digest.collected.line.one': '{amount} ({count} paiement)',
    'digest.collected.refunds': '{received} reçus, moins {refunded} remboursés',
    'digest.promises': 'Promesses de paiement de la semaine',
    'digest.promises.none': 'Aucune promesse n’arrive à échéance cette semaine.',
    'digest.promise': '{date} : {customer}, facture {number}, {amount}',
    'digest.broken': 'Promesses non tenues',
    'digest.disputes': 'Litiges en cours',
    'digest.disputes.none': 'Aucun litige en cours.',
    'digest.disputes.count': '{count} litiges en attente de réponse.',
    'digest.disputes.count.one': '{count} litige en attente de réponse.',
    'digest.disputes.oldest':
      'Le plus ancien, ouvert le {date} par {customer} sur la facture {number} ({amount}).',
    'digest.cta': 'Ouvrir Acquit',
  },
  en: {
    'digest.subject': 'Your weekly digest for {date} – {business}',
    'digest.preview': 'What is owed, what came in this week, promises and disputes at a glance.',
    'digest.heading': 'Your weekly digest',
    'digest.intro': 'Where the invoices of {business} stand on {date}.',
    'digest.aging': 'Outstanding by age',
    'digest.aging.none': 'Nothing outstanding: every invoice issued is paid.',
    'digest.aging.currency': 'In {currency}',
    'digest.bucket.current': 'Not yet due',
    'digest.bucket.days1to30': '1 to 30 days late',
    'digest.bucket.days31to60': '31 to 60 days late',
    'digest.bucket.days61to90': '61 to 90 days late',
    'digest.bucket.days90plus': 'Over 90 days late',
    'digest.aging.total': 'Total outstanding ({count} invoices)',
    'digest.aging.total.one': 'Total outstanding ({count} invoice)',
    'digest.collected': 'Collected from {from} to {to}',
    'digest.collected.none': 'No payment received in the period.',
    'digest.collected.line': '{amount} ({count} payments)',
    'digest.collected.line.one': '{amount} ({count} payment)',
    'digest.collected.refunds': '{received} received, less {refunded} refunded',
    'digest.promises': 'Promises to pay this week',
    'digest.promises.none': 'No promise falls due this week.',
    'digest.promise': '{date}: {customer}, invoice {number}, {amount}',
    'digest.broken': 'Broken promises',
    'digest.disputes': 'Open disputes',
    'digest.disputes.none': 'No open dispute.',
    'digest.disputes.count': '{count} disputes awaiting an answer.',
    'digest.disputes.count.one': '{count} dispute awaiting an answer.',
    'digest.disputes.oldest': 'The oldest, opened on {date} by {customer} on invoice {number} ({amount}).',
    'digest.cta': 'Open Acquit',
  },
};

const BUCKETS: AgingBucket[] = ['current', 'days1to30', 'days31to60', 'days61to90', 'days90plus'];

function prepare(props: WeeklyDigestProps) {
  const tag = intlTag(props.locale);
  const t = translator(props.locale, copy);
  const plural = new Intl.PluralRules(tag);
  return {
    t,
    /** The `.one` form when the language says so (French counts 0 and 1 as singular). */
    tn: (key: string, count: number, vars: Record<string, string | number> = {}) =>
      t(plural.select(count) === 'one' ? `${key}.one` : key, { ...vars, count }),
    money: (minor: number, currency: string) => formatMoney(minor, currency, tag),
    date: (iso: string) => formatDate(iso, props.locale),
  };
}

export function weeklyDigestSubject(
  props: Pick<WeeklyDigestProps, 'locale' | 'businessName' | 'today'>,
): string {
  return translator(props.locale, copy)('digest.subject', {
    date: formatDate(props.today, props.locale),
    business: props.businessName,
  });
}

export default function WeeklyDigestEmail(props: WeeklyDigestProps) {
  const { t, tn, money, date } = prepare(props);
  const promiseLine = (p: DigestPromise) =>
    t('digest.promise', {
      date: date(p.promisedDate),
      customer: p.customerName,
      number: p.invoiceNumber,
      amount: money(p.amountMinor, p.currency),
    });
  const oldest = props.disputes.oldest;

  return (
    <Layout
      locale={props.locale}
      businessName={props.businessName}
      logoUrl={props.logoUrl}
      preview={t('digest.preview')}
    >
      <Heading as="h1" style={heading}>
        {t('digest.heading')}
      </Heading>
      <Text style={text}>{t('digest.intro', { business: props.businessName, date: date(props.today) })}</Text>

      <Heading as="h2" style={subheading}>
        {t('digest.aging')}
      </Heading>
      {props.aging.length === 0 ? <Text style={text}>{t('digest.aging.none')}</Text> : null}
      {props.aging.map((line) => (
        <Section key={line.currency} style={{ ...summary, marginBottom: 12 }}>
          {props.aging.length > 1 ? (
            <Text style={{ ...text, margin: '0 0 4px', fontWeight: 600 }}>
              {t('digest.aging.currency', { currency: line.currency })}
            </Text>
          ) : null}
          {BUCKETS.map((bucket) => (
            <Row key={bucket}>
              <Column style={summaryLabel}>{t(`digest.bucket.${bucket}`)}</Column>
              <Column style={{ ...summaryValue, fontWeight: 400 }}>
                {money(line.amounts[bucket], line.currency)}
              </Column>
            </Row>
          ))}
          <Row>
            <Column style={{ ...summaryLabel, color: colors.ink, fontWeight: 700 }}>
              {tn('digest.aging.total', line.invoiceCount)}
            </Column>
            <Column style={summaryValue}>{money(line.totalMinor, line.currency)}</Column>
          </Row>
        </Section>
      ))}

      <Heading as="h2" style={subheading}>
        {t('digest.collected', { from: date(props.periodFrom), to: date(props.periodTo) })}
      </Heading>
      {props.collected.length === 0 ? <Text style={text}>{t('digest.collected.none')}</Text> : null}
      {props.collected.map((c) => (
        <Text key={c.currency} style={text}>
          <strong>
            {tn('digest.collected.line', c.paymentCount, { amount: money(c.netMinor, c.currency) })}
          </strong>
          {c.refundedMinor > 0
            ? ` – ${t('digest.collected.refunds', {
                received: money(c.receivedMinor, c.currency),
                refunded: money(c.refundedMinor, c.currency),
              })}`
            : null}
        </Text>
      ))}

      <Heading as="h2" style={subheading}>
        {t('digest.promises')}
      </Heading>
      {props.promisesDue.length === 0 ? (
        <Text style={text}>{t('digest.promises.none')}</Text>
      ) : (
        <ul style={list}>
          {props.promisesDue.map((p) => (
            <li key={`${p.invoiceId}-${p.promisedDate}`}>{promiseLine(p)}</li>
          ))}
        </ul>
      )}
      {props.promisesBroken.length ? (
        <>
          <Heading as="h2" style={subheading}>
            {t('digest.broken')}
          </Heading>
          <ul style={list}>
            {props.promisesBroken.map((p) => (
              <li key={`${p.invoiceId}-${p.promisedDate}`}>{promiseLine(p)}</li>
            ))}
          </ul>
        </>
      ) : null}

      <Heading as="h2" style={subheading}>
        {t('digest.disputes')}
      </Heading>
      {props.disputes.openCount === 0 ? (
        <Text style={text}>{t('digest.disputes.none')}</Text>
      ) : (
        <Text style={text}>
          {tn('digest.disputes.count', props.disputes.openCount)}
          {oldest
            ? ` ${t('digest.disputes.oldest', {
                date: date(oldest.openedOn),
                customer: oldest.customerName,
                number: oldest.invoiceNumber,
                amount: money(oldest.amountMinor, oldest.currency),
              })}`
            : null}
        </Text>
      )}

      <Section style={{ margin: '24px 0 8px', textAlign: 'center' }}>
        <Button href={props.adminUrl} style={button}>
          {t('digest.cta')}
        </Button>
      </Section>
    </Layout>
  );
}

const subheading: CSSProperties = {
  margin: '22px 0 10px',
  fontSize: 17,
  lineHeight: '24px',
  fontWeight: 700,
  color: colors.ink,
};

WeeklyDigestEmail.PreviewProps = {
  locale: 'fr',
  businessName: 'Atelier Dupont',
  today: '2026-03-02',
  periodFrom: '2026-02-23',
  periodTo: '2026-03-01',
  aging: [
    {
      currency: 'EUR',
      amounts: {
        current: 420_000,
        days1to30: 165_000,
        days31to60: 38_000,
        days61to90: 0,
        days90plus: 120_000,
      },
      counts: { current: 4, days1to30: 2, days31to60: 1, days61to90: 0, days90plus: 1 },
      totalMinor: 743_000,
      invoiceCount: 8,
    },
  ],
  collected: [
    { currency: 'EUR', receivedMinor: 250_000, paymentCount: 3, refundedMinor: 0, netMinor: 250_000 },
  ],
  promisesDue: [
    {
      invoiceId: 'x',
      invoiceNumber: '2026-000041',
      customerName: 'Boulangerie Martin',
      promisedDate: '2026-03-05',
      amountMinor: 165_000,
      currency: 'EUR',
    },
  ],
  promisesBroken: [],
  disputes: {
    openCount: 1,
    oldest: {
      invoiceNumber: '2026-000032',
      customerName: 'Garage Petit',
      openedOn: '2026-02-12',
      amountMinor: 38_000,
      currency: 'EUR',
    },
  },
  adminUrl: 'https://pay.example.com/admin',
} satisfies WeeklyDigestProps;

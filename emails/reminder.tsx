import { Button, Column, Heading, Hr, Link, Row, Section, Text } from '@react-email/components';
import type { CSSProperties } from 'react';
import type { ReminderAction } from '../app/modules/dunning/reminder-figures';
import type { DunningTone } from '../app/modules/dunning/types';
import type { LatePenalty } from '../app/modules/invoices/penalties';
import { formatDate, intlTag, translator, type Dictionary, type Locale } from '../app/utils/i18n';
import { formatMoney } from '../app/utils/money';
import { colors, Layout } from './components/layout';
import { PenaltyTable } from './components/penalty-table';
import { SenderIdentity, type SenderIdentityProps } from './components/sender-identity';
import {
  button,
  heading,
  link,
  list,
  rawLink,
  small,
  summary,
  summaryLabel,
  summaryValue,
  text,
} from './components/styles';

export type ReminderEmailProps = {
  locale: Locale;
  tone: DunningTone;
  /** A letter step: the email carries the formal notice as a PDF. */
  notice: { filename: string; deadline: string } | null;
  /** The step's body with its placeholders filled, paragraphs separated by blank lines. */
  paragraphs: string[][];
  business: SenderIdentityProps & { logoUrl?: string | null };
  invoiceNumber: string;
  currency: string;
  dueDate: string;
  /** The message's date (YYYY-MM-DD, business time zone). */
  asOf: string;
  amountDueMinor: number;
  daysLate: number;
  /** The debtor link; each action points at its section of the page. */
  url: string;
  actions: ReminderAction[];
  /** Itemised when present. */
  penalty: LatePenalty | null;
  /** The customer's statement, when more than one invoice is open: pay them all at once. */
  statement?: { url: string; openInvoices: number } | null;
};

const copy: Dictionary = {
  fr: {
    'reminder.kicker.friendly': 'Petit rappel',
    'reminder.kicker.firm': 'Relance',
    'reminder.kicker.formal': 'Dernière relance',
    'reminder.kicker.notice': 'Mise en demeure',
    'reminder.heading': 'Facture {number}',
    'reminder.status.dueOn': 'À régler au plus tard le {date}',
    'reminder.status.dueToday': 'À régler aujourd’hui',
    'reminder.status.late.one': 'En retard de 1 jour',
    'reminder.status.late.other': 'En retard de {days} jours',
    'reminder.preview.due': 'Facture {number} : {amount} à régler au plus tard le {date}.',
    'reminder.preview.late': 'Facture {number} : {amount} en attente de règlement depuis le {date}.',
    'reminder.preview.notice': 'Mise en demeure : {amount} à régler au plus tard le {date}.',
    'reminder.invoice': 'Facture',
    'reminder.dueDate': 'Échéance',
    'reminder.late': 'Retard',
    'reminder.days.one': '1 jour',
    'reminder.days.other': '{days} jours',
    'reminder.amountDue': 'Montant dû',
    'reminder.action.pay': 'Régler la facture',
    'reminder.action.payAmount': 'Régler {amount}',
    'reminder.alsoCan': 'Depuis la même page, vous pouvez aussi :',
    'reminder.action.plan': 'payer en plusieurs fois',
    'reminder.action.promise': 'nous indiquer la date à laquelle vous réglerez',
    'reminder.action.dispute': 'nous signaler un problème sur la facture',
    'reminder.action.view': 'Voir la facture',
    'reminder.fallback': 'Si le bouton ne s’affiche pas, copiez ce lien dans votre navigateur :',
    'reminder.notice.title': 'Mise en demeure jointe',
    'reminder.notice.body':
      'La lettre de mise en demeure est jointe à ce message au format PDF ({file}). Délai de paiement : au plus tard le {date}.',
    'reminder.question': 'Une question ? Répondez simplement à ce message ou écrivez-nous à',
    'reminder.orCall': 'ou appelez le',
    'reminder.signoff.friendly': 'Bien cordialement,',
    'reminder.signoff.firm': 'Cordialement,',
    'reminder.signoff.formal':
      'Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.',
    'reminder.private':
      'Ce lien vous est personnel : ne le transmettez qu’aux personnes chargées du règlement.',
    'reminder.alreadyPaid':
      'Si vous avez réglé cette facture entre-temps, merci de ne pas tenir compte de ce message.',
    'reminder.statement':
      'Vous avez {count} factures ouvertes chez nous. Votre relevé de compte les présente toutes et permet de les régler en une seule fois :',
    'reminder.statement.link': 'Voir le relevé de compte',
  },
  en: {
    'reminder.kicker.friendly': 'Friendly reminder',
    'reminder.kicker.firm': 'Payment reminder',
    'reminder.kicker.formal': 'Final reminder',
    'reminder.kicker.notice': 'Formal notice',
    'reminder.heading': 'Invoice {number}',
    'reminder.status.dueOn': 'Due by {date}',
    'reminder.status.dueToday': 'Due today',
    'reminder.status.late.one': '1 day late',
    'reminder.status.late.other': '{days} days late',
    'reminder.preview.due': 'Invoice {number}: {amount} due by {date}.',
    'reminder.preview.late': 'Invoice {number}: {amount} awaiting payment since {date}.',
    'reminder.preview.notice': 'Formal notice: {amount} to be paid by {date} at the latest.',
    'reminder.invoice': 'Invoice',
    'reminder.dueDate': 'Due date',
    'reminder.late': 'Late by',
    'reminder.days.one': '1 day',
    'reminder.days.other': '{days} days',
    'reminder.amountDue': 'Amount due',
    'reminder.action.pay': 'Pay the invoice',
    'reminder.action.payAmount': 'Pay {amount}',
    'reminder.alsoCan': 'From the same page you can also:',
    'reminder.action.plan': 'pay in installments',
    'reminder.action.promise': 'tell us the date you will pay',
    'reminder.action.dispute': 'tell us about a problem with the invoice',
    'reminder.action.view': 'View the invoice',
    'reminder.fallback': 'If the button does not show, copy this link into your browser:',
    'reminder.notice.title': 'Formal notice attached',
    'reminder.notice.body':
      'The letter of formal notice is attached to this message as a PDF ({file}). Payment deadline: {date} at the latest.',
    'reminder.question': 'A question? Simply reply to this message or write to us at',
    'reminder.orCall': 'or call',
    'reminder.signoff.friendly': 'Kind regards,',
    'reminder.signoff.firm': 'Regards,',
    'reminder.signoff.formal': 'Yours faithfully,',
    'reminder.private': 'This link is personal: only share it with the people who handle the payment.',
    'reminder.alreadyPaid': 'If you have paid this invoice in the meantime, please disregard this message.',
    'reminder.statement':
      'You have {count} open invoices with us. Your statement of account shows them all and lets you pay them at once:',
    'reminder.statement.link': 'View the statement of account',
  },
};

const toneColor: Record<DunningTone, string> = {
  friendly: colors.accent,
  firm: '#9a3412',
  formal: '#9f1239',
};

export default function ReminderEmail(props: ReminderEmailProps) {
  const { locale, tone } = props;
  const t = translator(locale, copy);
  const money = (minor: number) => formatMoney(minor, props.currency, intlTag(locale));
  const date = (iso: string) => formatDate(iso, locale);
  const amount = money(props.amountDueMinor);
  const late = props.daysLate > 0;
  const days = (n: number) => t(n === 1 ? 'reminder.days.one' : 'reminder.days.other', { days: n });
  const accent = toneColor[tone];
  const kicker = props.notice ? t('reminder.kicker.notice') : t(`reminder.kicker.${tone}`);
  const status = late
    ? t(props.daysLate === 1 ? 'reminder.status.late.one' : 'reminder.status.late.other', {
        days: props.daysLate,
      })
    : props.asOf === props.dueDate
      ? t('reminder.status.dueToday')
      : t('reminder.status.dueOn', { date: date(props.dueDate) });
  const preview = props.notice
    ? t('reminder.preview.notice', { amount, date: date(props.notice.deadline) })
    : t(late ? 'reminder.preview.late' : 'reminder.preview.due', {
        number: props.invoiceNumber,
        amount,
        date: date(props.dueDate),
      });
  const rows: [string, string][] = [
    [t('reminder.invoice'), props.invoiceNumber],
    [t('reminder.dueDate'), date(props.dueDate)],
  ];
  if (late) rows.push([t('reminder.late'), days(props.daysLate)]);
  rows.push([t('reminder.amountDue'), amount]);
  const pays = props.actions.includes('pay');
  const others = props.actions.filter((a) => a !== 'pay');
  const contact = props.business.email;

  return (
    <Layout
      locale={locale}
      businessName={props.business.name}
      logoUrl={props.business.logoUrl}
      preview={preview}
    >
      <Section style={{ borderLeft: `4px solid ${accent}`, paddingLeft: 12, margin: '0 0 18px' }}>
        <Text style={{ ...kickerStyle, color: accent }}>{kicker}</Text>
        <Heading as="h1" style={{ ...heading, margin: '2px 0 2px' }}>
          {t('reminder.heading', { number: props.invoiceNumber })}
        </Heading>
        <Text style={{ ...statusStyle, color: late ? accent : colors.muted }}>{status}</Text>
      </Section>

      {props.paragraphs.map((lines, i) => (
        <Text key={i} style={text}>
          {lines.map((line, j) => (
            <span key={j}>
              {j > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </Text>
      ))}

      <Section style={summary}>
        {rows.map(([label, value]) => (
          <Row key={label}>
            <Column style={summaryLabel}>{label}</Column>
            <Column style={summaryValue}>{value}</Column>
          </Row>
        ))}
      </Section>

      {props.penalty ? (
        <PenaltyTable
          locale={locale}
          currency={props.currency}
          penalty={props.penalty}
          amountDue={amount}
          accent={accent}
        />
      ) : null}

      {props.notice ? (
        <Section style={{ ...noticeBox, borderColor: accent }}>
          <Text style={{ ...text, margin: '0 0 4px', fontWeight: 700, color: accent }}>
            {t('reminder.notice.title')}
          </Text>
          <Text style={{ ...text, margin: 0 }}>
            {t('reminder.notice.body', { file: props.notice.filename, date: date(props.notice.deadline) })}
          </Text>
        </Section>
      ) : null}

      <Section style={{ margin: '24px 0 8px', textAlign: 'center' }}>
        <Button href={pays ? `${props.url}#pay` : props.url} style={{ ...button, backgroundColor: accent }}>
          {pays
            ? late
              ? t('reminder.action.payAmount', { amount })
              : t('reminder.action.pay')
            : t('reminder.action.view')}
        </Button>
      </Section>
      <Text style={small}>
        {t('reminder.fallback')}
        <br />
        <Link href={props.url} style={rawLink}>
          {props.url}
        </Link>
      </Text>

      {props.statement ? (
        <Text style={text}>
          {t('reminder.statement', { count: props.statement.openInvoices })}{' '}
          <Link href={props.statement.url} style={link}>
            {t('reminder.statement.link')}
          </Link>
        </Text>
      ) : null}

      {others.length ? (
        <>
          <Text style={{ ...text, marginBottom: 4 }}>{t('reminder.alsoCan')}</Text>
          <ul style={list}>
            {others.map((action) => (
              <li key={action}>
                <Link href={`${props.url}#${action}`} style={link}>
                  {t(`reminder.action.${action}`)}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <Text style={text}>
        {t('reminder.question')}{' '}
        <Link href={`mailto:${contact}`} style={link}>
          {contact}
        </Link>
        {props.business.phone ? ` ${t('reminder.orCall')} ${props.business.phone}` : ''}.
      </Text>
      {late ? <Text style={small}>{t('reminder.alreadyPaid')}</Text> : null}
      <Text style={text}>
        {t(`reminder.signoff.${tone}`)}
        <br />
        {props.business.name}
      </Text>
      <Text style={small}>{t('reminder.private')}</Text>
      <Hr style={{ borderColor: colors.rule, margin: '20px 0 12px' }} />
      <SenderIdentity {...props.business} locale={locale} />
    </Layout>
  );
}

const kickerStyle: CSSProperties = {
  margin: 0,
  fontSize: 12,
  lineHeight: '18px',
  fontWeight: 700,
  letterSpacing: '0.08em',
  textTransform: 'uppercase',
};
const statusStyle: CSSProperties = { margin: 0, fontSize: 15, lineHeight: '22px', fontWeight: 600 };
const noticeBox: CSSProperties = {
  border: '1px solid',
  borderRadius: 6,
  padding: '12px 16px',
  margin: '16px 0 0',
};

ReminderEmail.PreviewProps = {
  locale: 'fr',
  tone: 'firm',
  notice: null,
  paragraphs: [
    ['Bonjour Boulangerie Martin,'],
    ['La facture 2026-000123 de 1 650,00 € est en retard de 30 jours.'],
  ],
  business: {
    name: 'Atelier Dupont',
    legalForm: 'SARL au capital de 10 000 €',
    addressLines: ['14 rue des Tanneurs', '69002 Lyon'],
    country: 'FR',
    siren: '123456789',
    vatNumber: 'FR32123456789',
    email: 'compta@atelier-dupont.fr',
    phone: '+33 4 78 00 00 00',
  },
  invoiceNumber: '2026-000123',
  currency: 'EUR',
  dueDate: '2026-11-12',
  asOf: '2026-12-12',
  amountDueMinor: 165_000,
  daysLate: 30,
  url: 'https://pay.example.com/i/3q2-example-token',
  actions: ['pay', 'plan'],
  penalty: {
    daysLate: 30,
    rateBps: 1215,
    statutory: true,
    interestMinor: 1648,
    indemnityMinor: 4000,
    totalMinor: 5648,
  },
} satisfies ReminderEmailProps;

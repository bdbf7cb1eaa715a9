import { Button, Column, Heading, Link, Row, Section, Text } from '@react-email/components';
import { formatDate, intlTag, translator, type Dictionary, type Locale } from '../app/utils/i18n';
import { formatMoney } from '../app/utils/money';
import { Layout } from './components/layout';
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

export type InvoiceIssuedProps = {
  locale: Locale;
  businessName: string;
  logoUrl?: string | null;
  customerName: string;
  invoiceNumber: string;
  totalMinor: number;
  balanceMinor: number;
  currency: string;
  issueDate: string;
  dueDate: string;
  url: string;
  contactEmail: string;
};

const copy: Dictionary = {
  fr: {
    'issued.subject': 'Facture {number} de {business} – {amount} à régler avant le {date}',
    'issued.preview':
      '{amount} à régler avant le {date}. Réglez en ligne, demandez un échéancier ou signalez un problème.',
    'issued.heading': 'Facture {number}',
    'issued.greeting': 'Bonjour {name},',
    'issued.intro':
      '{business} vous a adressé la facture {number} du {date}. Vous pouvez la consulter et la régler en ligne.',
    'issued.total': 'Montant TTC',
    'issued.balance': 'Reste à payer',
    'issued.due': 'À régler avant le',
    'issued.cta': 'Voir et régler la facture',
    'issued.fallback': 'Si le bouton ne s’affiche pas, copiez ce lien dans votre navigateur :',
    'issued.canDo': 'Sur cette page, vous pouvez :',
    'issued.canPay': 'payer par carte ou depuis votre compte bancaire ;',
    'issued.canPlan': 'demander un paiement en plusieurs fois ;',
    'issued.canDispute': 'nous signaler un problème sur la facture.',
    'issued.question': 'Une question ? Écrivez-nous à',
    'issued.private':
      'Ce lien vous est personnel : ne le transmettez qu’aux personnes chargées du règlement.',
    'issued.signoff': 'Cordialement,',
  },
  en: {
    'issued.subject': 'Invoice {number} from {business} – {amount} due by {date}',
    'issued.preview':
      '{amount} due by {date}. Pay online, ask for a payment plan or tell us about a problem.',
    'issued.heading': 'Invoice {number}',
    'issued.greeting': 'Hello {name},',
    'issued.intro': '{business} has sent you invoice {number}, dated {date}. You can view and pay it online.',
    'issued.total': 'Total incl. tax',
    'issued.balance': 'Balance due',
    'issued.due': 'Due by',
    'issued.cta': 'View and pay the invoice',
    'issued.fallback': 'If the button does not show, copy this link into your browser:',
    'issued.canDo': 'On that page you can:',
    'issued.canPay': 'pay by card or from your bank account;',
    'issued.canPlan': 'ask to pay in installments;',
    'issued.canDispute': 'tell us about a problem with the invoice.',
    'issued.question': 'A question? Write to us at',
    'issued.private': 'This link is personal: only share it with the people who handle the payment.',
    'issued.signoff': 'Kind regards,',
  },
};

function prepare(props: InvoiceIssuedProps) {
  const money = (minor: number) => formatMoney(minor, props.currency, intlTag(props.locale));
  return {
    t: translator(props.locale, copy),
    money,
    common: {
      number: props.invoiceNumber,
      business: props.businessName,
      amount: money(props.balanceMinor),
      date: formatDate(props.dueDate, props.locale),
    },
  };
}

export function invoiceIssuedSubject(props: InvoiceIssuedProps): string {
  const { t, common } = prepare(props);
  return t('issued.subject', common);
}

export default function InvoiceIssuedEmail(props: InvoiceIssuedProps) {
  const { t, money, common } = prepare(props);
  const rows: [string, string][] = [[t('issued.total'), money(props.totalMinor)]];
  if (props.balanceMinor !== props.totalMinor) rows.push([t('issued.balance'), money(props.balanceMinor)]);
  rows.push([t('issued.due'), common.date]);

  return (
    <Layout
      locale={props.locale}
      businessName={props.businessName}
      logoUrl={props.logoUrl}
      preview={t('issued.preview', common)}
    >
      <Heading as="h1" style={heading}>
        {t('issued.heading', common)}
      </Heading>
      <Text style={text}>{t('issued.greeting', { name: props.customerName })}</Text>
      <Text style={text}>
        {t('issued.intro', { ...common, date: formatDate(props.issueDate, props.locale) })}
      </Text>

      <Section style={summary}>
        {rows.map(([label, value]) => (
          <Row key={label}>
            <Column style={summaryLabel}>{label}</Column>
            <Column style={summaryValue}>{value}</Column>
          </Row>
        ))}
      </Section>

      <Section style={{ margin: '24px 0 8px', textAlign: 'center' }}>
        <Button href={props.url} style={button}>
          {t('issued.cta')}
        </Button>
      </Section>
      <Text style={small}>
        {t('issued.fallback')}
        <br />
        <Link href={props.url} style={rawLink}>
          {props.url}
        </Link>
      </Text>

      <Text style={{ ...text, marginBottom: 4 }}>{t('issued.canDo')}</Text>
      <ul style={list}>
        <li>{t('issued.canPay')}</li>
        <li>{t('issued.canPlan')}</li>
        <li>{t('issued.canDispute')}</li>
      </ul>

      <Text style={text}>
        {t('issued.question')}{' '}
        <Link href={`mailto:${props.contactEmail}`} style={link}>
          {props.contactEmail}
        </Link>
        .
      </Text>
      <Text style={text}>
        {t('issued.signoff')}
        <br />
        {props.businessName}
      </Text>
      <Text style={small}>{t('issued.private')}</Text>
    </Layout>
  );
}

InvoiceIssuedEmail.PreviewProps = {
  locale: 'fr',
  businessName: 'Atelier Dupont',
  customerName: 'Claire Martin',
  invoiceNumber: '2026-000123',
  totalMinor: 123_456,
  balanceMinor: 123_456,
  currency: 'EUR',
  issueDate: '2026-11-12',
  dueDate: '2026-12-12',
  url: 'https://pay.example.com/i/3q2-example-token',
  contactEmail: 'compta@atelier-dupont.fr',
} satisfies InvoiceIssuedProps;

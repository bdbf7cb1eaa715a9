import { Column, Heading, Link, Row, Section, Text } from '@react-email/components';
import { paymentMethods } from '../app/i18n/payment-methods';
import { formatDate, intlTag, translator, type Dictionary, type Locale } from '../app/utils/i18n';
import { formatMoney } from '../app/utils/money';
import { Layout } from './components/layout';
import { heading, link, summary, summaryLabel, summaryValue, text } from './components/styles';

export type PaymentReceiptProps = {
  locale: Locale;
  businessName: string;
  logoUrl?: string | null;
  customerName: string;
  invoiceNumber: string;
  currency: string;
  amountMinor: number;
  /** YYYY-MM-DD, in the business's time zone. */
  receivedOn: string;
  /** A `payment_method` value, or null when Stripe did not say. */
  method: string | null;
  totalMinor: number;
  /** What is still owed on the invoice once this payment counts. */
  balanceMinor: number;
  contactEmail: string;
  contactPhone?: string | null;
};

const copy: Dictionary = {
  fr: {
    'receipt.subject': 'Paiement reçu : {amount} pour la facture {number} – {business}',
    'receipt.preview': 'Merci, nous avons bien reçu {amount} pour la facture {number}.',
    'receipt.heading': 'Paiement reçu, merci',
    'receipt.greeting': 'Bonjour {name},',
    'receipt.intro': 'Nous avons bien reçu votre paiement de {amount} pour la facture {number}. Merci !',
    'receipt.amount': 'Montant reçu',
    'receipt.date': 'Date',
    'receipt.method': 'Moyen de paiement',
    'receipt.invoice': 'Facture',
    'receipt.total': 'Montant TTC de la facture',
    'receipt.balance': 'Reste à payer',
    'receipt.fullyPaid': 'La facture {number} est entièrement réglée.',
    'receipt.remaining': 'Il reste {amount} à régler sur cette facture.',
    'receipt.attached': 'Votre reçu est joint à ce message au format PDF.',
    'receipt.question': 'Une question ? Écrivez-nous à',
    'receipt.orCall': 'ou appelez le',
    'receipt.signoff': 'Cordialement,',
  },
  en: {
    'receipt.subject': 'Payment received: {amount} for invoice {number} – {business}',
    'receipt.preview': 'Thank you, we have received {amount} for invoice {number}.',
    'receipt.heading': 'Payment received, thank you',
    'receipt.greeting': 'Hello {name},',
    'receipt.intro': 'We have received your payment of {amount} for invoice {number}. Thank you!',
    'receipt.amount': 'Amount received',
    'receipt.date': 'Date',
    'receipt.method': 'Method',
    'receipt.invoice': 'Invoice',
    'receipt.total': 'Invoice total incl. tax',
    'receipt.balance': 'Balance due',
    'receipt.fullyPaid': 'Invoice {number} is now fully paid.',
    'receipt.remaining': '{amount} remains to be paid on this invoice.',
    'receipt.attached': 'Your receipt is attached to this message as a PDF.',
    'receipt.question': 'A question? Write to us at',
    'receipt.orCall': 'or call',
    'receipt.signoff': 'Kind regards,',
  },
};

function prepare(props: PaymentReceiptProps) {
  const money = (minor: number) => formatMoney(minor, props.currency, intlTag(props.locale));
  return {
    t: translator(props.locale, copy, paymentMethods),
    money,
    common: { number: props.invoiceNumber, business: props.businessName, amount: money(props.amountMinor) },
  };
}

export function paymentReceiptSubject(props: PaymentReceiptProps): string {
  const { t, common } = prepare(props);
  return t('receipt.subject', common);
}

export default function PaymentReceiptEmail(props: PaymentReceiptProps) {
  const { t, money, common } = prepare(props);
  const rows: [string, string][] = [
    [t('receipt.amount'), money(props.amountMinor)],
    [t('receipt.date'), formatDate(props.receivedOn, props.locale)],
  ];
  if (props.method) rows.push([t('receipt.method'), t(`paymentMethod.${props.method}`)]);
  rows.push([t('receipt.invoice'), props.invoiceNumber]);
  rows.push([t('receipt.total'), money(props.totalMinor)]);
  rows.push([t('receipt.balance'), money(props.balanceMinor)]);

  return (
    <Layout
      locale={props.locale}
      businessName={props.businessName}
      logoUrl={props.logoUrl}
      preview={t('receipt.preview', common)}
    >
      <Heading as="h1" style={heading}>
        {t('receipt.heading')}
      </Heading>
      <Text style={text}>{t('receipt.greeting', { name: props.customerName })}</Text>
      <Text style={text}>{t('receipt.intro', common)}</Text>

      <Section style={summary}>
        {rows.map(([label, value]) => (
          <Row key={label}>
            <Column style={summaryLabel}>{label}</Column>
            <Column style={summaryValue}>{value}</Column>
          </Row>
        ))}
      </Section>

      <Text style={{ ...text, marginTop: 18, fontWeight: 600 }}>
        {props.balanceMinor > 0
          ? t('receipt.remaining', { amount: money(props.balanceMinor) })
          : t('receipt.fullyPaid', common)}
      </Text>
      <Text style={text}>{t('receipt.attached')}</Text>
      <Text style={text}>
        {t('receipt.question')}{' '}
        <Link href={`mailto:${props.contactEmail}`} style={link}>
          {props.contactEmail}
        </Link>
        {props.contactPhone ? ` ${t('receipt.orCall')} ${props.contactPhone}` : ''}.
      </Text>
      <Text style={text}>
        {t('receipt.signoff')}
        <br />
        {props.businessName}
      </Text>
    </Layout>
  );
}

PaymentReceiptEmail.PreviewProps = {
  locale: 'fr',
  businessName: 'Atelier Dupont',
  customerName: 'Claire Martin',
  invoiceNumber: '2026-000123',
  currency: 'EUR',
  amountMinor: 50_000,
  receivedOn: '2026-12-02',
  method: 'card',
  totalMinor: 123_456,
  balanceMinor: 73_456,
  contactEmail: 'compta@atelier-dupont.fr',
  contactPhone: '+33 1 23 45 67 89',
} satisfies PaymentReceiptProps;

import { Button, Column, Heading, Link, Row, Section, Text } from '@react-email/components';
import { intlTag, translator, type Dictionary, type Locale } from '../app/utils/i18n';
import { formatMoney } from '../app/utils/money';
import { Layout } from './components/layout';
import {
  button,
  heading,
  link,
  rawLink,
  small,
  summary,
  summaryLabel,
  summaryValue,
  text,
} from './components/styles';

export type StatementLinkProps = {
  locale: Locale;
  businessName: string;
  logoUrl?: string | null;
  customerName: string;
  openInvoices: number;
  /** What is owed, one line per currency. */
  balances: { currency: string; balanceMinor: number }[];
  url: string;
  contactEmail: string;
};

const copy: Dictionary = {
  fr: {
    'slink.subject': 'Votre relevé de compte chez {business}',
    'slink.preview': '{count} factures ouvertes. Consultez-les et réglez-en plusieurs en une fois.',
    'slink.heading': 'Votre relevé de compte',
    'slink.greeting': 'Bonjour {name},',
    'slink.intro':
      'Voici le lien vers votre relevé de compte chez {business} : toutes vos factures ouvertes, le détail de vos règlements, et le paiement de plusieurs factures en une seule fois.',
    'slink.open': 'Factures ouvertes',
    'slink.balance': 'Reste à payer ({currency})',
    'slink.cta': 'Voir le relevé et régler',
    'slink.fallback': 'Si le bouton ne s’affiche pas, copiez ce lien dans votre navigateur :',
    'slink.question': 'Une question ? Écrivez-nous à',
    'slink.private': 'Ce lien vous est personnel : ne le transmettez qu’aux personnes chargées du règlement.',
    'slink.signoff': 'Cordialement,',
  },
  en: {
    'slink.subject': 'Your statement of account with {business}',
    'slink.preview': '{count} open invoices. See them all and pay several at once.',
    'slink.heading': 'Your statement of account',
    'slink.greeting': 'Hello {name},',
    'slink.intro':
      'Here is the link to your statement of account with {business}: every open invoice, your payments, and a way to pay several invoices at once.',
    'slink.open': 'Open invoices',
    'slink.balance': 'Balance due ({currency})',
    'slink.cta': 'View the statement and pay',
    'slink.fallback': 'If the button does not show, copy this link into your browser:',
    'slink.question': 'A question? Write to us at',
    'slink.private': 'This link is personal: only share it with the people who handle the payment.',
    'slink.signoff': 'Kind regards,',
  },
};

export function statementLinkSubject(props: Pick<StatementLinkProps, 'locale' | 'businessName'>): string {
  return translator(props.locale, copy)('slink.subject', { business: props.businessName });
}

export default function StatementLinkEmail(props: StatementLinkProps) {
  const t = translator(props.locale, copy);
  return (
    <Layout
      locale={props.locale}
      businessName={props.businessName}
      logoUrl={props.logoUrl}
      preview={t('slink.preview', { count: props.openInvoices })}
    >
      <Heading as="h1" style={heading}>
        {t('slink.heading')}
      </Heading>
      <Text style={text}>{t('slink.greeting', { name: props.customerName })}</Text>
      <Text style={text}>{t('slink.intro', { business: props.businessName })}</Text>
      <Section style={summary}>
        <Row>
          <Column style={summaryLabel}>{t('slink.open')}</Column>
          <Column style={summaryValue}>{props.openInvoices}</Column>
        </Row>
        {props.balances.map((b) => (
          <Row key={b.currency}>
            <Column style={summaryLabel}>{t('slink.balance', { currency: b.currency })}</Column>
            <Column style={summaryValue}>
              {formatMoney(b.balanceMinor, b.currency, intlTag(props.locale))}
            </Column>
          </Row>
        ))}
      </Section>
      <Section style={{ margin: '24px 0 8px', textAlign: 'center' }}>
        <Button href={props.url} style={button}>
          {t('slink.cta')}
        </Button>
      </Section>
      <Text style={small}>
        {t('slink.fallback')}
        <br />
        <Link href={props.url} style={rawLink}>
          {props.url}
        </Link>
      </Text>
      <Text style={text}>
        {t('slink.question')}{' '}
        <Link href={`mailto:${props.contactEmail}`} style={link}>
          {props.contactEmail}
        </Link>
        .
      </Text>
      <Text style={text}>
        {t('slink.signoff')}
        <br />
        {props.businessName}
      </Text>
      <Text style={small}>{t('slink.private')}</Text>
    </Layout>
  );
}

StatementLinkEmail.PreviewProps = {
  locale: 'fr',
  businessName: 'Atelier Dupont',
  customerName: 'Hôtel des Arts',
  openInvoices: 3,
  balances: [{ currency: 'EUR', balanceMinor: 512_340 }],
  url: 'https://pay.example.com/s/3q2-example-token',
  contactEmail: 'compta@atelier-dupont.fr',
} satisfies StatementLinkProps;

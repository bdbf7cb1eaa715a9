import { Button, Column, Heading, Link, Row, Section, Text } from '@react-email/components';
import { translator, type Dictionary, type Locale } from '../app/utils/i18n';
import { Layout } from './components/layout';
import {
  button,
  heading,
  rawLink,
  small,
  summary,
  summaryLabel,
  summaryValue,
  text,
} from './components/styles';

/**
 * The acceptance letter's emails: `requested` asks the customer to sign (link to the letter); `signed` confirms the
 * signature to the customer (`audience: debtor`) or tells the business (`audience: business`), with the signed
 * letter attached as a PDF by the outbox.
 */
export type AcceptanceEmailProps = {
  kind: 'requested' | 'signed';
  audience: 'debtor' | 'business';
  locale: Locale;
  businessName: string;
  logoUrl?: string | null;
  customerName: string;
  /** Null for a draft: the letter is signed before the invoice is issued. */
  invoiceNumber: string | null;
  signerName?: string;
  signerRole?: string;
  signedAt?: string;
  sha256?: string;
  url: string;
};

const copy: Dictionary = {
  fr: {
    'requested.subject': '{business} vous demande de signer le procès-verbal de réception',
    'requested.heading': 'Procès-verbal de réception à signer',
    'requested.intro':
      'Bonjour {name}, {business} vous demande de confirmer la bonne réception de sa livraison en signant un court procès-verbal en ligne. Cela prend une minute : votre nom et votre fonction suffisent.',
    'requested.cta': 'Lire et signer le procès-verbal',
    'requested.problem':
      'Si quelque chose ne va pas dans la livraison, dites-le simplement depuis la même page plutôt que de signer.',
    'signed.subject': 'Procès-verbal de réception signé – {business}',
    'signed.subject.business': '{customer} a signé le procès-verbal de réception',
    'signed.heading': 'Procès-verbal signé',
    'signed.intro.debtor':
      'Bonjour {name}, merci : votre signature du procès-verbal de réception de {business} est enregistrée. Vous en trouverez une copie en PDF jointe à ce message.',
    'signed.intro.business':
      '{customer} a signé le procès-verbal de réception. La copie signée (PDF, avec les éléments de preuve) est jointe et accompagnera la facture.',
    'signed.invoice': 'Facture',
    'signed.invoice.draft': 'à émettre',
    'signed.signer': 'Signataire',
    'signed.at': 'Signé le',
    'signed.hash': 'Empreinte SHA-256',
    'signed.cta': 'Voir le procès-verbal signé',
    fallback: 'Si le bouton ne s’affiche pas, copiez ce lien dans votre navigateur :',
    private: 'Ce lien vous est personnel : ne le transmettez qu’aux personnes concernées.',
  },
  en: {
    'requested.subject': '{business} asks you to sign the acceptance letter',
    'requested.heading': 'Acceptance letter to sign',
    'requested.intro':
      'Hello {name}, {business} asks you to confirm its delivery by signing a short acceptance letter online. It takes a minute: your name and role are enough.',
    'requested.cta': 'Read and sign the letter',
    'requested.problem':
      'If something is wrong with the delivery, just say so from the same page instead of signing.',
    'signed.subject': 'Acceptance letter signed – {business}',
    'signed.subject.business': '{customer} signed the acceptance letter',
    'signed.heading': 'Acceptance letter signed',
    'signed.intro.debtor':
      'Hello {name}, thank you: your signature of {business}’s acceptance letter is recorded. A PDF copy is attached to this message.',
    'signed.intro.business':
      '{customer} signed the acceptance letter. The signed copy (PDF, with its evidence) is attached and will go with the invoice.',
    'signed.invoice': 'Invoice',
    'signed.invoice.draft': 'to be issued',
    'signed.signer': 'Signed by',
    'signed.at': 'Signed on',
    'signed.hash': 'SHA-256 fingerprint',
    'signed.cta': 'See the signed letter',
    fallback: 'If the button does not show, copy this link into your browser:',
    private: 'This link is personal: only share it with the people concerned.',
  },
};

export function acceptanceEmailSubject(props: AcceptanceEmailProps): string {
  const t = translator(props.locale, copy);
  const vars = { business: props.businessName, customer: props.customerName };
  if (props.kind === 'requested') return t('requested.subject', vars);
  return t(props.audience === 'business' ? 'signed.subject.business' : 'signed.subject', vars);
}

export default function AcceptanceEmail(props: AcceptanceEmailProps) {
  const t = translator(props.locale, copy);
  const vars = { business: props.businessName, customer: props.customerName, name: props.customerName };
  const requested = props.kind === 'requested';
  const rows: [string, string][] = [[t('signed.invoice'), props.invoiceNumber ?? t('signed.invoice.draft')]];
  if (!requested) {
    rows.push([t('signed.signer'), `${props.signerName ?? ''}, ${props.signerRole ?? ''}`]);
    if (props.signedAt) rows.push([t('signed.at'), props.signedAt]);
  }
  return (
    <Layout
      locale={props.locale}
      businessName={props.businessName}
      logoUrl={props.logoUrl}
      preview={acceptanceEmailSubject(props)}
    >
      <Heading as="h1" style={heading}>
        {t(requested ? 'requested.heading' : 'signed.heading')}
      </Heading>
      <Text style={text}>{t(requested ? 'requested.intro' : `signed.intro.${props.audience}`, vars)}</Text>
      <Section style={summary}>
        {rows.map(([label, value]) => (
          <Row key={label}>
            <Column style={summaryLabel}>{label}</Column>
            <Column style={summaryValue}>{value}</Column>
          </Row>
        ))}
      </Section>
      {props.sha256 ? (
        <Text style={small}>
          {t('signed.hash')} : {props.sha256}
        </Text>
      ) : null}
      <Section style={{ margin: '24px 0 8px', textAlign: 'center' }}>
        <Button href={props.url} style={button}>
          {t(requested ? 'requested.cta' : 'signed.cta')}
        </Button>
      </Section>
      <Text style={small}>
        {t('fallback')}
        <br />
        <Link href={props.url} style={rawLink}>
          {props.url}
        </Link>
      </Text>
      {requested ? <Text style={text}>{t('requested.problem')}</Text> : null}
      {props.audience === 'debtor' ? <Text style={small}>{t('private')}</Text> : null}
    </Layout>
  );
}

AcceptanceEmail.PreviewProps = {
  kind: 'signed',
  audience: 'debtor',
  locale: 'fr',
  businessName: 'Atelier Dupont',
  customerName: 'Claire Martin',
  invoiceNumber: '2026-000123',
  signerName: 'Claire Martin',
  signerRole: 'Gérante',
  signedAt: '12 novembre 2026 à 10:42',
  sha256: 'a'.repeat(64),
  url: 'https://pay.example.com/i/3q2-example-token/accept',
} satisfies AcceptanceEmailProps;

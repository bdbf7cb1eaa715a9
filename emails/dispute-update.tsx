import { Button, Column, Heading, Link, Row, Section, Text } from '@react-email/components';
import { formatMoney } from '../app/utils/money';
import { intlTag, translator, type Dictionary, type Locale } from '../app/utils/i18n';
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
 * One email per step of a dispute, to the side that did not take it: a dispute opened or a debtor's message (to the
 * business, linking to the admin inbox); the business's reply, acceptance (credit note attached) or rejection
 * (signed letter attached when chosen) to the customer, linking to the thread on their private page.
 */
export type DisputeUpdateProps = {
  kind: 'opened' | 'message' | 'accepted' | 'rejected';
  audience: 'debtor' | 'business';
  locale: Locale;
  businessName: string;
  logoUrl?: string | null;
  customerName: string;
  invoiceNumber: string;
  reason: string;
  amountMinor: number;
  currency: string;
  message: string;
  creditNoteNumber?: string | null;
  url: string;
};

const copy: Dictionary = {
  fr: {
    'subject.opened': 'Contestation de {customer} sur la facture {number}',
    'subject.message.business': 'Nouveau message de {customer} sur la facture {number}',
    'subject.message.debtor': 'Réponse de {business} sur la facture {number}',
    'subject.accepted': 'Contestation acceptée : avoir {credit} sur la facture {number}',
    'subject.rejected': 'Réponse à votre contestation de la facture {number}',
    'heading.opened': 'Contestation reçue',
    'heading.message': 'Nouveau message',
    'heading.accepted': 'Contestation acceptée',
    'heading.rejected': 'Contestation non retenue',
    'intro.opened':
      '{customer} conteste la facture {number}. Les relances sont suspendues pour le montant contesté. Répondez vite : un litige réglé tôt se règle bien.',
    'intro.message.business': '{customer} a écrit au sujet de la facture {number} :',
    'intro.message.debtor': '{business} vous a répondu au sujet de la facture {number} :',
    'intro.accepted':
      '{business} a accepté votre contestation de la facture {number} et émis l’avoir {credit}, joint à ce message. Le montant dû est réduit d’autant.',
    'intro.rejected':
      '{business} a examiné votre contestation de la facture {number} et ne la retient pas. Voici sa réponse :',
    'rejected.after':
      'Le montant contesté est de nouveau dû et les relances reprennent pour ce montant. Vous pouvez répondre depuis la page de la facture.',
    reason: 'Motif',
    amount: 'Montant contesté',
    'cta.business': 'Ouvrir la contestation',
    'cta.debtor': 'Voir l’échange et répondre',
    fallback: 'Si le bouton ne s’affiche pas, copiez ce lien dans votre navigateur :',
    private: 'Ce lien vous est personnel : ne le transmettez qu’aux personnes concernées.',
  },
  en: {
    'subject.opened': 'Dispute from {customer} on invoice {number}',
    'subject.message.business': 'New message from {customer} on invoice {number}',
    'subject.message.debtor': 'Reply from {business} on invoice {number}',
    'subject.accepted': 'Dispute accepted: credit note {credit} on invoice {number}',
    'subject.rejected': 'Answer to your dispute of invoice {number}',
    'heading.opened': 'Dispute received',
    'heading.message': 'New message',
    'heading.accepted': 'Dispute accepted',
    'heading.rejected': 'Dispute not upheld',
    'intro.opened':
      '{customer} disputes invoice {number}. Reminders are paused for the disputed amount. Answer quickly: a dispute settled early settles well.',
    'intro.message.business': '{customer} wrote about invoice {number}:',
    'intro.message.debtor': '{business} replied about invoice {number}:',
    'intro.accepted':
      '{business} accepted your dispute of invoice {number} and issued credit note {credit}, attached to this message. The amount due is reduced accordingly.',
    'intro.rejected':
      '{business} reviewed your dispute of invoice {number} and does not uphold it. Their answer:',
    'rejected.after':
      'The disputed amount is due again and reminders resume for it. You can reply from the invoice page.',
    reason: 'Reason',
    amount: 'Disputed amount',
    'cta.business': 'Open the dispute',
    'cta.debtor': 'See the thread and reply',
    fallback: 'If the button does not show, copy this link into your browser:',
    private: 'This link is personal: only share it with the people concerned.',
  },
};

function vars(props: DisputeUpdateProps) {
  return {
    customer: props.customerName,
    business: props.businessName,
    number: props.invoiceNumber,
    credit: props.creditNoteNumber ?? '',
  };
}

export function disputeUpdateSubject(props: DisputeUpdateProps): string {
  const t = translator(props.locale, copy);
  const key = props.kind === 'message' ? `subject.message.${props.audience}` : `subject.${props.kind}`;
  return t(key, vars(props));
}

export default function DisputeUpdateEmail(props: DisputeUpdateProps) {
  const t = translator(props.locale, copy);
  const intro = props.kind === 'message' ? `intro.message.${props.audience}` : `intro.${props.kind}`;
  const amount = formatMoney(props.amountMinor, props.currency, intlTag(props.locale));
  return (
    <Layout
      locale={props.locale}
      businessName={props.businessName}
      logoUrl={props.logoUrl}
      preview={disputeUpdateSubject(props)}
    >
      <Heading as="h1" style={heading}>
        {t(`heading.${props.kind}`)}
      </Heading>
      <Text style={text}>{t(intro, vars(props))}</Text>
      <Section style={summary}>
        <Row>
          <Column style={summaryLabel}>{t('reason')}</Column>
          <Column style={summaryValue}>{props.reason}</Column>
        </Row>
        <Row>
          <Column style={summaryLabel}>{t('amount')}</Column>
          <Column style={summaryValue}>{amount}</Column>
        </Row>
      </Section>
      {props.message ? (
        <Text style={{ ...text, whiteSpace: 'pre-line', borderLeft: '3px solid #d9dee5', paddingLeft: 12 }}>
          {props.message}
        </Text>
      ) : null}
      {props.kind === 'rejected' ? <Text style={text}>{t('rejected.after')}</Text> : null}
      <Section style={{ margin: '24px 0 8px', textAlign: 'center' }}>
        <Button href={props.url} style={button}>
          {t(`cta.${props.audience}`)}
        </Button>
      </Section>
      <Text style={small}>
        {t('fallback')}
        <br />
        <Link href={props.url} style={rawLink}>
          {props.url}
        </Link>
      </Text>
      {props.audience === 'debtor' ? <Text style={small}>{t('private')}</Text> : null}
    </Layout>
  );
}

DisputeUpdateEmail.PreviewProps = {
  kind: 'opened',
  audience: 'business',
  locale: 'fr',
  businessName: 'Atelier Dupont',
  customerName: 'Boulangerie Petit',
  invoiceNumber: '2026-000123',
  reason: 'Non conforme à la description',
  amountMinor: 102_000,
  currency: 'EUR',
  message: 'La vitrine livrée n’est pas celle du devis.',
  url: 'https://pay.example.com/admin/disputes/1',
} satisfies DisputeUpdateProps;

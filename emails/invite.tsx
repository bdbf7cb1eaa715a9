import { Button, Heading, Link, Section, Text } from '@react-email/components';
import { translator, type Dictionary, type Locale } from '../app/utils/i18n';
import { Layout } from './components/layout';
import { button, heading, rawLink, small, text } from './components/styles';

export type InviteProps = {
  locale: Locale;
  businessName: string;
  logoUrl?: string | null;
  inviterName: string;
  role: 'owner' | 'staff';
  url: string;
  expiresInDays: number;
};

const copy: Dictionary = {
  fr: {
    'invite.subject': '{inviter} vous invite sur Acquit – {business}',
    'invite.preview': 'Choisissez votre mot de passe pour rejoindre {business}.',
    'invite.heading': 'Rejoignez {business} sur Acquit',
    'invite.intro':
      '{inviter} vous invite à suivre les factures et les paiements de {business}, en tant que {role}.',
    'invite.role.owner': 'propriétaire (tous les droits)',
    'invite.role.staff': 'collaborateur',
    'invite.cta': 'Accepter l’invitation',
    'invite.expires':
      'Ce lien est personnel, ne sert qu’une fois et expire dans {days} jours. Si vous ne connaissez pas {inviter}, ignorez ce message.',
    'invite.raw': 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
  },
  en: {
    'invite.subject': '{inviter} invites you to Acquit – {business}',
    'invite.preview': 'Choose your password to join {business}.',
    'invite.heading': 'Join {business} on Acquit',
    'invite.intro': '{inviter} invites you to follow the invoices and payments of {business}, as {role}.',
    'invite.role.owner': 'an owner (every right)',
    'invite.role.staff': 'staff',
    'invite.cta': 'Accept the invitation',
    'invite.expires':
      'This link is personal, works once and expires in {days} days. If you do not know {inviter}, ignore this message.',
    'invite.raw': 'If the button does not work, copy this address into your browser:',
  },
};

export function inviteSubject(props: Pick<InviteProps, 'locale' | 'businessName' | 'inviterName'>): string {
  return translator(props.locale, copy)('invite.subject', {
    inviter: props.inviterName,
    business: props.businessName,
  });
}

export default function InviteEmail(props: InviteProps) {
  const t = translator(props.locale, copy);
  const vars = { business: props.businessName, inviter: props.inviterName };
  return (
    <Layout
      locale={props.locale}
      businessName={props.businessName}
      logoUrl={props.logoUrl}
      preview={t('invite.preview', vars)}
    >
      <Heading as="h1" style={heading}>
        {t('invite.heading', vars)}
      </Heading>
      <Text style={text}>{t('invite.intro', { ...vars, role: t(`invite.role.${props.role}`) })}</Text>
      <Section style={{ margin: '24px 0', textAlign: 'center' }}>
        <Button href={props.url} style={button}>
          {t('invite.cta')}
        </Button>
      </Section>
      <Text style={small}>{t('invite.expires', { ...vars, days: props.expiresInDays })}</Text>
      <Text style={small}>
        {t('invite.raw')}{' '}
        <Link href={props.url} style={rawLink}>
          {props.url}
        </Link>
      </Text>
    </Layout>
  );
}

InviteEmail.PreviewProps = {
  locale: 'fr',
  businessName: 'Atelier Dupont',
  inviterName: 'Claire Dupont',
  role: 'staff',
  url: 'https://pay.example.com/admin/invite/abc',
  expiresInDays: 7,
} satisfies InviteProps;

import { Button, Heading, Link, Section, Text } from '@react-email/components';
import { translator, type Dictionary, type Locale } from '../app/utils/i18n';
import { Layout } from './components/layout';
import { button, heading, rawLink, small, text } from './components/styles';

export type PasswordResetProps = {
  locale: Locale;
  businessName: string;
  logoUrl?: string | null;
  name: string;
  url: string;
  expiresInMinutes: number;
};

const copy: Dictionary = {
  fr: {
    'reset.subject': 'Choisir un nouveau mot de passe – Acquit',
    'reset.preview': 'Le lien pour choisir un nouveau mot de passe, valable {minutes} minutes.',
    'reset.heading': 'Nouveau mot de passe',
    'reset.intro':
      'Bonjour {name}, quelqu’un (vous, sans doute) a demandé à changer le mot de passe de votre compte Acquit.',
    'reset.cta': 'Choisir un nouveau mot de passe',
    'reset.expires':
      'Ce lien ne sert qu’une fois et expire dans {minutes} minutes. Une fois le mot de passe changé, vos autres sessions sont fermées. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.',
    'reset.raw': 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
  },
  en: {
    'reset.subject': 'Choose a new password – Acquit',
    'reset.preview': 'The link to choose a new password, valid for {minutes} minutes.',
    'reset.heading': 'New password',
    'reset.intro':
      'Hello {name}, someone (you, most likely) asked to change the password of your Acquit account.',
    'reset.cta': 'Choose a new password',
    'reset.expires':
      'This link works once and expires in {minutes} minutes. Once the password is changed, your other sessions are closed. If you asked for nothing, ignore this message: your password stays the same.',
    'reset.raw': 'If the button does not work, copy this address into your browser:',
  },
};

export function passwordResetSubject(props: Pick<PasswordResetProps, 'locale'>): string {
  return translator(props.locale, copy)('reset.subject');
}

export default function PasswordResetEmail(props: PasswordResetProps) {
  const t = translator(props.locale, copy);
  return (
    <Layout
      locale={props.locale}
      businessName={props.businessName}
      logoUrl={props.logoUrl}
      preview={t('reset.preview', { minutes: props.expiresInMinutes })}
    >
      <Heading as="h1" style={heading}>
        {t('reset.heading')}
      </Heading>
      <Text style={text}>{t('reset.intro', { name: props.name })}</Text>
      <Section style={{ margin: '24px 0', textAlign: 'center' }}>
        <Button href={props.url} style={button}>
          {t('reset.cta')}
        </Button>
      </Section>
      <Text style={small}>{t('reset.expires', { minutes: props.expiresInMinutes })}</Text>
      <Text style={small}>
        {t('reset.raw')}{' '}
        <Link href={props.url} style={rawLink}>
          {props.url}
        </Link>
      </Text>
    </Layout>
  );
}

PasswordResetEmail.PreviewProps = {
  locale: 'fr',
  businessName: 'Atelier Dupont',
  name: 'Claire',
  url: 'https://pay.example.com/admin/reset-password/abc',
  expiresInMinutes: 60,
} satisfies PasswordResetProps;

import { Body, Container, Head, Html, Img, Preview, Section, Text } from '@react-email/components';
import type { CSSProperties, ReactNode } from 'react';
import { translator, type Dictionary, type Locale } from '../../app/utils/i18n';

const copy: Dictionary = {
  fr: { 'layout.sentBy': 'Envoyé par {business} via Acquit' },
  en: { 'layout.sentBy': 'Sent by {business} via Acquit' },
};

export const colors = {
  ink: '#1f2933',
  muted: '#4b5563',
  accent: '#1d3a5f',
  band: '#f3f5f8',
  rule: '#e3e6ea',
};
export const fontFamily =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

type Props = {
  locale: Locale;
  businessName: string;
  logoUrl?: string | null;
  /** The line inbox lists show after the subject. */
  preview: string;
  children: ReactNode;
};

/** The frame every Acquit email shares: who is writing (name or logo), one white card, and a footer line. */
export function Layout({ locale, businessName, logoUrl, preview, children }: Props) {
  const t = translator(locale, copy);
  return (
    <Html lang={locale} dir="ltr">
      <Head>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
        <title>{businessName}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Section style={header}>
            {logoUrl ? (
              <Img
                src={logoUrl}
                alt={businessName}
                height={40}
                style={{ height: 40, width: 'auto', maxWidth: 200 }}
              />
            ) : (
              <Text style={brand}>{businessName}</Text>
            )}
          </Section>
          <Section style={card}>{children}</Section>
          <Text style={footer}>{t('layout.sentBy', { business: businessName })}</Text>
        </Container>
      </Body>
    </Html>
  );
}

const body: CSSProperties = {
  backgroundColor: colors.band,
  margin: 0,
  padding: '24px 0',
  fontFamily,
  color: colors.ink,
};
const container: CSSProperties = { width: '100%', maxWidth: 560, margin: '0 auto', padding: '0 12px' };
const header: CSSProperties = { padding: '8px 4px 16px' };
const brand: CSSProperties = {
  margin: 0,
  fontSize: 20,
  lineHeight: '28px',
  fontWeight: 700,
  color: colors.accent,
};
const card: CSSProperties = {
  backgroundColor: '#ffffff',
  border: `1px solid ${colors.rule}`,
  borderRadius: 8,
  padding: '28px 24px',
};
const footer: CSSProperties = {
  margin: '16px 4px 0',
  fontSize: 12,
  lineHeight: '18px',
  color: colors.muted,
  textAlign: 'center',
};

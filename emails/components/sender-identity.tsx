import { Text } from '@react-email/components';
import type { CSSProperties } from 'react';
import { intlTag, translator, type Dictionary, type Locale } from '../../app/utils/i18n';
import { colors } from './layout';

export type SenderIdentityProps = {
  name: string;
  legalForm?: string | null;
  addressLines: string[];
  country: string;
  siren?: string | null;
  vatNumber?: string | null;
  email: string;
  phone?: string | null;
  website?: string | null;
};

const copy: Dictionary = {
  fr: { 'identity.siren': 'SIREN {value}', 'identity.vat': 'TVA {value}' },
  en: { 'identity.siren': 'SIREN {value}', 'identity.vat': 'VAT {value}' },
};

/** The business's legal identity in small print, as a letterhead's footer would carry it. */
export function SenderIdentity(props: SenderIdentityProps & { locale: Locale }) {
  const t = translator(props.locale, copy);
  const first = [props.name, props.legalForm].filter(Boolean).join(' · ');
  const address = [...props.addressLines, countryName(props.country, props.locale)].join(', ');
  const ids = [
    props.siren ? t('identity.siren', { value: props.siren }) : null,
    props.vatNumber ? t('identity.vat', { value: props.vatNumber }) : null,
  ].filter(Boolean);
  const contact = [props.email, props.phone, props.website].filter(Boolean).join(' · ');
  return (
    <Text style={style}>
      <strong>{first}</strong>
      <br />
      {address}
      {ids.length ? (
        <>
          <br />
          {ids.join(' · ')}
        </>
      ) : null}
      <br />
      {contact}
    </Text>
  );
}

function countryName(code: string, locale: Locale): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  return new Intl.DisplayNames([intlTag(locale)], { type: 'region' }).of(code) ?? code;
}

const style: CSSProperties = { margin: 0, fontSize: 12, lineHeight: '18px', color: colors.muted };

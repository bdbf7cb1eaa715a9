import type { CSSProperties } from 'react';
import { colors } from './layout';

/** Inline styles shared by every email (mail clients ignore stylesheets). */
export const heading: CSSProperties = {
  margin: '0 0 16px',
  fontSize: 22,
  lineHeight: '30px',
  fontWeight: 700,
  color: colors.ink,
};
export const text: CSSProperties = {
  margin: '0 0 14px',
  fontSize: 15,
  lineHeight: '23px',
  color: colors.ink,
};
export const small: CSSProperties = {
  margin: '0 0 18px',
  fontSize: 13,
  lineHeight: '19px',
  color: colors.muted,
};
export const summary: CSSProperties = {
  backgroundColor: colors.band,
  borderRadius: 6,
  padding: '12px 16px',
  margin: '8px 0 0',
};
export const summaryLabel: CSSProperties = { padding: '5px 0', fontSize: 14, color: colors.muted };
export const summaryValue: CSSProperties = {
  padding: '5px 0',
  fontSize: 15,
  fontWeight: 700,
  color: colors.ink,
  textAlign: 'right',
};
export const button: CSSProperties = {
  backgroundColor: colors.accent,
  color: '#ffffff',
  fontSize: 16,
  fontWeight: 600,
  textDecoration: 'none',
  borderRadius: 6,
  padding: '14px 24px',
  display: 'inline-block',
};
export const link: CSSProperties = { color: colors.accent, textDecoration: 'underline' };
export const rawLink: CSSProperties = { ...link, wordBreak: 'break-all' };
export const list: CSSProperties = {
  margin: '0 0 16px',
  paddingLeft: 22,
  fontSize: 15,
  lineHeight: '23px',
  color: colors.ink,
};

import { describe, expect, test } from 'vitest';
import { formatDate, fromAcceptLanguage, pickLocale, translator } from './i18n';

describe('i18n', () => {
  test('Accept-Language picks the best supported language by weight', () => {
    expect(fromAcceptLanguage('en-US,en;q=0.9,fr;q=0.8', 'fr')).toBe('en');
    expect(fromAcceptLanguage('de-DE,fr;q=0.5,en;q=0.4', 'en')).toBe('fr');
    expect(fromAcceptLanguage('de-DE', 'fr')).toBe('fr');
    expect(fromAcceptLanguage('fr;q=0,en', 'fr')).toBe('en');
    expect(fromAcceptLanguage('garbage;;;q=abc', 'fr')).toBe('fr');
  });

  test('?lang= overrides the header', () => {
    const request = new Request('http://x/i/t?lang=en', { headers: { 'accept-language': 'fr-FR' } });
    expect(pickLocale(request)).toBe('en');
    expect(pickLocale(new Request('http://x/?lang=zz', { headers: { 'accept-language': 'en' } }))).toBe('en');
  });

  test('dates are formatted without time-zone drift', () => {
    expect(formatDate('2026-02-28', 'fr')).toBe('28 février 2026');
    expect(formatDate('2026-02-28', 'en')).toBe('28 February 2026');
  });

  test('translator fills placeholders and falls back to the key', () => {
    const t = translator('en', { fr: { hi: 'Bonjour {name}' }, en: { hi: 'Hello {name}' } });
    expect(t('hi', { name: 'Ana' })).toBe('Hello Ana');
    expect(t('missing.key')).toBe('missing.key');
  });
});

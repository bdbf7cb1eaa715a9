import { describe, expect, test } from 'vitest';
import { DEFAULT_LADDER } from './default-ladder';
import {
  describePlaceholder,
  fillTemplate,
  paragraphs,
  templateProblems,
  type TemplateVars,
} from './placeholders';
import { PLACEHOLDERS } from './types';

const vars: TemplateVars = {
  customer_name: 'Boulangerie Martin',
  business_name: 'Atelier Dupont',
  invoice_number: '2026-000123',
  amount_due: '1 650,00 €',
  due_date: '12 décembre 2026',
  days_late: '30',
  penalties_total: '56,48 €',
  notice_deadline: '3 février 2027',
};

describe('step templates', () => {
  test('every text of the default ladder is valid', () => {
    for (const step of DEFAULT_LADDER) {
      for (const text of [step.subjectFr, step.bodyFr, step.subjectEn, step.bodyEn]) {
        expect(templateProblems(text, 'fr')).toEqual([]);
        expect(fillTemplate(text, vars)).not.toMatch(/[{}]/);
      }
    }
  });

  test('an unknown placeholder is named, with the list of valid ones, in French and English', () => {
    const [fr] = templateProblems('Bonjour {{client}}, facture {{invoice_number}}', 'fr');
    expect(fr).toContain('« {{client}} » n’est pas une variable connue');
    expect(fr).toContain('{{customer_name}}, {{business_name}}');
    const [en] = templateProblems('Hello {{client}}', 'en');
    expect(en).toContain('“{{client}}” is not a known placeholder');
    expect(en).toContain('{{notice_deadline}}');
  });

  test('each problem is reported once; empty and unclosed braces are problems too', () => {
    expect(templateProblems('{{x}} {{x}}', 'en')).toHaveLength(1);
    expect(templateProblems('{{}}', 'en')).toEqual([
      '“{{}}” is empty: write a placeholder name between the braces.',
    ]);
    expect(templateProblems('Facture {{invoice_number', 'fr')).toEqual([
      'Accolades mal fermées : une variable s’écrit entre doubles accolades, par exemple {{invoice_number}}.',
    ]);
    expect(templateProblems('Facture invoice_number}}', 'en')).toHaveLength(1);
    expect(templateProblems('Facture {{ invoice_number }} de {{amount_due}}', 'fr')).toEqual([]);
    expect(templateProblems('Un texte sans variable, {avec} des {accolades simples}.', 'fr')).toEqual([]);
  });

  test('fills known placeholders, spaces allowed, and leaves text as typed (escaping is the renderer’s job)', () => {
    expect(fillTemplate('Facture {{ invoice_number }} : {{amount_due}} dus à {{business_name}}', vars)).toBe(
      'Facture 2026-000123 : 1 650,00 € dus à Atelier Dupont',
    );
    expect(fillTemplate('{{unknown}} <b>', vars)).toBe('{{unknown}} <b>');
    expect(fillTemplate('{{customer_name}}', { ...vars, customer_name: '<script>x</script>' })).toBe(
      '<script>x</script>',
    );
  });

  test('a body becomes paragraphs on blank lines and lines on single breaks', () => {
    expect(paragraphs('Bonjour,\r\n\r\nLigne 1\nLigne 2\n\n\n  \nFin ')).toEqual([
      ['Bonjour,'],
      ['Ligne 1', 'Ligne 2'],
      ['Fin'],
    ]);
  });

  test('every placeholder has a description in both languages', () => {
    for (const name of PLACEHOLDERS) {
      expect(describePlaceholder(name, 'fr')).not.toContain('placeholder.');
      expect(describePlaceholder(name, 'en')).not.toContain('placeholder.');
    }
  });
});

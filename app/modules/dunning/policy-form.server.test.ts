import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER } from './default-ladder';
import { stepFormSchema, templateProblems } from './policy-form.server';

describe('templateProblems', () => {
  it('accepts every placeholder the renderer fills, and the whole default ladder', () => {
    expect(templateProblems('{{customer_name}} {{business_name}} {{invoice_number}} {{amount_due}}')).toEqual(
      [],
    );
    for (const step of DEFAULT_LADDER) {
      for (const text of [step.subjectFr, step.bodyFr, step.subjectEn, step.bodyEn])
        expect(templateProblems(text)).toEqual([]);
    }
  });

  it('names unknown placeholders once each, including ones the renderer would leave as typed', () => {
    expect(templateProblems('{{client}} {{client}} {{ amount_due }} {{}}')).toEqual([
      '{{client}}',
      '{{ amount_due }}',
      '{{}}',
    ]);
  });

  it('reports stray braces', () => {
    expect(templateProblems('Facture {{invoice_number')).toEqual(['{{']);
    expect(templateProblems('Facture invoice_number}}')).toEqual(['}}']);
    expect(templateProblems('Un { seul } accolade')).toEqual([]);
  });
});

describe('stepFormSchema', () => {
  const valid = {
    offsetDays: '-3',
    channel: 'email',
    tone: 'friendly',
    subjectFr: 'A',
    bodyFr: 'B',
    subjectEn: 'C',
    bodyEn: 'D',
  };
  it('reads offsets as whole days from −60 to 365', () => {
    for (const [input, value] of [
      ['-60', -60],
      ['+365', 365],
      [' 0 ', 0],
    ] as const) {
      expect(stepFormSchema('en').parse({ ...valid, offsetDays: input }).offsetDays).toBe(value);
    }
    for (const input of ['-61', '366', '1e2', '7.0', '', 'x']) {
      expect(stepFormSchema('en').safeParse({ ...valid, offsetDays: input }).success).toBe(false);
    }
  });
  it('allows 5,000 characters of body and no more', () => {
    expect(stepFormSchema('en').safeParse({ ...valid, bodyEn: 'x'.repeat(5000) }).success).toBe(true);
    expect(stepFormSchema('en').safeParse({ ...valid, bodyEn: 'x'.repeat(5001) }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER } from './default-ladder';
import { stepFormSchema } from './policy-form.server';

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
  it('accepts the whole default ladder, and refuses what the renderer could not fill, in the user’s language', () => {
    for (const step of DEFAULT_LADDER) {
      expect(
        stepFormSchema('fr').safeParse({ ...valid, ...step, offsetDays: String(step.offsetDays) }).success,
      ).toBe(true);
    }
    const bad = stepFormSchema('fr').safeParse({ ...valid, bodyFr: 'Bonjour {{client}}, {{ amount_due }}' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^« \{\{client\}\} » n’est pas une variable connue/),
    ]);
  });
  it('allows 5,000 characters of body and no more', () => {
    expect(stepFormSchema('en').safeParse({ ...valid, bodyEn: 'x'.repeat(5000) }).success).toBe(true);
    expect(stepFormSchema('en').safeParse({ ...valid, bodyEn: 'x'.repeat(5001) }).success).toBe(false);
  });
});

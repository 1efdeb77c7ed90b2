import { describe, expect, it } from 'vitest';
import { defaultObjective } from '../../../main/review/article8';
import { Article8InputSchema } from '../../../common/contract/channels/review';

const engaged = {
  engaged: 'yes',
  whose: 'both',
  rationalConnection: 'Relevant to the decision on school closures.',
  lessIntrusiveStep: 'gist',
  lessIntrusiveReasoning: 'A gist loses the timing the inquiry asked about.',
  fairBalance: 'The public interest in the timing outweighs a brief family reference.',
};

const problems = (input: unknown): Record<string, string> =>
  Object.fromEntries((Article8InputSchema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('the Article 8 assessment', () => {
  it('accepts a complete assessment of an engaged item and fills the defaults of the rest', () => {
    expect(Article8InputSchema.parse(engaged)).toEqual(engaged);
    expect(Article8InputSchema.parse({ engaged: 'no' })).toEqual({
      engaged: 'no',
      whose: null,
      rationalConnection: '',
      lessIntrusiveStep: 'none',
      lessIntrusiveReasoning: '',
      fairBalance: '',
    });
  });

  it("requires whose life, the rational connection, the less intrusive step's reasoning and the fair balance when engaged", () => {
    expect(problems({ engaged: 'yes' })).toEqual({
      whose: expect.stringContaining('whose private life'),
      rationalConnection: expect.stringContaining('connected to the objective'),
      lessIntrusiveReasoning: expect.stringContaining('less intrusive step'),
      fairBalance: 'a fair balance is required when private life is engaged',
    });
    expect(problems({ ...engaged, fairBalance: '   ' })).toEqual({
      fairBalance: 'a fair balance is required when private life is engaged',
    });
  });

  it('lets an unclear engagement be recorded before the questions are answered', () => {
    expect(Article8InputSchema.safeParse({ engaged: 'unclear', whose: 'third_party' }).success).toBe(true);
  });

  it('refuses naming whose private life is engaged when it is not engaged', () => {
    expect(problems({ engaged: 'no', whose: 'custodian' })).toEqual({ whose: expect.stringContaining('not engaged') });
  });

  it('refuses values outside the domain lists, and unknown fields', () => {
    expect(problems({ ...engaged, engaged: 'maybe' })).toHaveProperty('engaged');
    expect(problems({ ...engaged, lessIntrusiveStep: 'blur' })).toHaveProperty('lessIntrusiveStep');
    expect(Article8InputSchema.safeParse({ ...engaged, verdict: 'fine' }).success).toBe(false);
  });

  it('states the default objective from the inquiry and the request, or says what is missing', () => {
    expect(defaultObjective('UK Covid-19 Inquiry', 'M2/R9')).toBe(
      'To meet the terms of reference of UK Covid-19 Inquiry and request M2/R9.',
    );
    expect(defaultObjective('', '')).toBe("To meet the inquiry's terms of reference and the request.");
  });
});

import { describe, expect, it } from 'vitest';
import { defaultForm, isDraft, toSettings } from '../../../renderer/features/bundles/bundleSettings';
import { boxPlacement, rulePlacement, textPlacement } from '../../../renderer/features/bundles/pageLayout';

describe('bundle settings', () => {
  it('defaults to the case prefix, 9 digits after the last final bundle, conversation extracts, decided outcomes, final', () => {
    const { settings, problem } = toSettings(defaultForm('INQ'), 'Europe/London');
    expect(problem).toBeNull();
    expect(settings).toMatchObject({
      prefix: 'INQ',
      firstNumber: undefined,
      width: 9,
      unit: 'conversation',
      xlsx: true,
      draft: false,
      reissue: null,
    });
    expect(settings.scope).toMatchObject({
      custodianIds: null,
      from: null,
      to: null,
      outcomes: ['disclose', 'disclose_redacted'],
      includePending: false,
    });
    expect(toSettings({ ...defaultForm('INQ'), firstNumber: '42' }, 'UTC').settings.firstNumber).toBe(42);
  });

  it('makes a draft of a bundle marked so or including undecided messages, and a re-issue keep the original’s numbers', () => {
    expect(isDraft({ ...defaultForm('INQ'), includePending: true })).toBe(true);
    expect(isDraft({ ...defaultForm('INQ'), draft: true })).toBe(true);
    const reissue = {
      ...defaultForm('INQ'),
      firstNumber: '5',
      reissue: { bundleId: 3, references: 'INQ000000001–INQ000000004', reason: ' Cover corrected ' },
    };
    expect(toSettings(reissue, 'UTC')).toMatchObject({
      problem: null,
      settings: { firstNumber: undefined, reissue: { bundleId: 3, reason: 'Cover corrected' } },
    });
    expect(toSettings({ ...reissue, reissue: { ...reissue.reissue, reason: ' ' } }, 'UTC').problem).toMatch(
      /Say why bundle INQ000000001–INQ000000004 is re-issued/,
    );
  });

  it('reads the date range as whole days in the case zone', () => {
    const { settings } = toSettings({ ...defaultForm('INQ'), from: '2021-03-28', to: '2021-03-28' }, 'Europe/London');
    // The day the clocks went forward: 23 hours long, starting at midnight GMT.
    expect(settings.scope?.from).toBe(Date.UTC(2021, 2, 28, 0, 0));
    expect(settings.scope?.to).toBe(Date.UTC(2021, 2, 28, 23, 0));
  });

  it('says what is wrong rather than sending it', () => {
    expect(toSettings({ ...defaultForm('INQ'), width: '30' }, 'UTC').problem).toMatch(/width/);
    expect(toSettings({ ...defaultForm('INQ'), firstNumber: '-1' }, 'UTC').problem).toMatch(/first number/);
    expect(toSettings({ ...defaultForm('INQ'), outcomes: [] }, 'UTC').problem).toMatch(/outcome/);
    expect(toSettings({ ...defaultForm('INQ'), from: '2021-04-02', to: '2021-04-01' }, 'UTC').problem).toMatch(/first day/);
  });
});

describe('page layout to CSS', () => {
  const page = { width: 200, height: 400 };

  it('turns PDF points from the bottom left into shares of the card from the top left', () => {
    expect(boxPlacement({ kind: 'box', x: 20, y: 100, width: 50, height: 20, fill: 'black' }, page)).toEqual({
      left: '10%',
      top: '70%',
      width: '25%',
      height: '5%',
    });
    expect(rulePlacement({ kind: 'rule', x1: 180, x2: 20, y: 40 }, page)).toEqual({ left: '10%', top: '90%', width: '80%' });
  });

  it('sizes text in card-width units, so it scales with the card', () => {
    expect(
      textPlacement({ kind: 'text', x: 50, y: 380, size: 9, font: 'regular', text: 'INQ000000001', width: 60, color: 'black' }, page),
    ).toEqual({
      left: '25%',
      bottom: '95%',
      width: '30%',
      fontSize: '4.5cqw',
    });
  });
});

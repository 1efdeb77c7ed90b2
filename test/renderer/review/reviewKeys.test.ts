import { describe, expect, it } from 'vitest';
import { REVIEW_BINDINGS, reviewActionForKey, type ReviewKeyPress } from '../../../renderer/features/review/reviewKeys';

const press = (key: string, mods: Partial<Omit<ReviewKeyPress, 'key'>> = {}): ReviewKeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('review keys', () => {
  it('classifies, marks relevance and outcome with one letter each', () => {
    expect(reviewActionForKey(press('b'), false)).toMatchObject({ kind: 'decide', change: { classification: 'business' } });
    expect(reviewActionForKey(press('P'), false)).toMatchObject({ kind: 'decide', change: { classification: 'personal' } });
    expect(reviewActionForKey(press('n'), false)).toMatchObject({ kind: 'decide', change: { relevance: 'not_relevant' } });
    expect(reviewActionForKey(press('e'), false)).toMatchObject({ kind: 'decide', change: { outcome: 'disclose_redacted' } });
    expect(reviewActionForKey(press('x'), false)).toMatchObject({ kind: 'decide', change: { outcome: 'withhold' } });
  });

  it('undoes with Z or Ctrl+Z and redoes with Shift+Z, Ctrl+Shift+Z or Ctrl+Y; Cmd on a Mac', () => {
    expect(reviewActionForKey(press('z'), false)).toEqual({ kind: 'undo' });
    expect(reviewActionForKey(press('Z', { shiftKey: true }), false)).toEqual({ kind: 'redo' });
    expect(reviewActionForKey(press('z', { ctrlKey: true }), false)).toEqual({ kind: 'undo' });
    expect(reviewActionForKey(press('Z', { ctrlKey: true, shiftKey: true }), false)).toEqual({ kind: 'redo' });
    expect(reviewActionForKey(press('y', { ctrlKey: true }), false)).toEqual({ kind: 'redo' });
    expect(reviewActionForKey(press('z', { metaKey: true }), true)).toEqual({ kind: 'undo' });
    expect(reviewActionForKey(press('z', { ctrlKey: true }), true)).toBeNull();
  });

  it('pages through the timeline with Page Down, Page Up, Home and End, unmodified', () => {
    expect(reviewActionForKey(press('PageDown'), false)).toEqual({ kind: 'page', key: 'PageDown' });
    expect(reviewActionForKey(press('PageUp'), false)).toEqual({ kind: 'page', key: 'PageUp' });
    expect(reviewActionForKey(press('Home'), false)).toEqual({ kind: 'page', key: 'Home' });
    expect(reviewActionForKey(press('End'), false)).toEqual({ kind: 'page', key: 'End' });
    expect(reviewActionForKey(press('End', { shiftKey: true }), false)).toBeNull();
    expect(reviewActionForKey(press('Home', { ctrlKey: true }), false)).toBeNull();
  });

  it('steps into the message’s attachments with ] and back with [', () => {
    expect(reviewActionForKey(press(']'), false)).toEqual({ kind: 'attachment', delta: 1 });
    expect(reviewActionForKey(press('['), false)).toEqual({ kind: 'attachment', delta: -1 });
    expect(reviewActionForKey(press(']', { ctrlKey: true }), false)).toBeNull();
  });

  it('leaves other chords to the app and the browser', () => {
    expect(reviewActionForKey(press('b', { ctrlKey: true }), false)).toBeNull();
    expect(reviewActionForKey(press('a', { ctrlKey: true }), false)).toBeNull();
    expect(reviewActionForKey(press('B', { shiftKey: true }), false)).toBeNull();
    expect(reviewActionForKey(press('b', { altKey: true }), false)).toBeNull();
    expect(reviewActionForKey(press('q'), false)).toBeNull();
  });

  it('gives every key one meaning', () => {
    const keys = Object.values(REVIEW_BINDINGS)
      .flat()
      .map((binding) => binding.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain('z');
  });
});

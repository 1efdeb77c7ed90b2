import { describe, expect, it } from 'vitest';
import { bodySegments } from '../../../renderer/features/redaction/bodySegments';
import { alreadyHidden, spanFromBoundaries } from '../../../renderer/features/redaction/selectionSpan';

const span = (id: number, start: number, end: number, label = 'Article 8') => ({
  id,
  kind: 'span' as const,
  start,
  end,
  reasonCode: 'article-8',
  label,
});

describe('body segments', () => {
  it('cuts the body into runs and boxes, merging overlapping and touching spans but keeping every id', () => {
    const body = 'call 07700 900123 or email a@b.uk';
    const { segments, whole } = bodySegments(body, [span(1, 5, 10), span(2, 8, 17, 'Contact details'), span(3, 17, 20, 'Article 8')]);
    expect(whole).toEqual([]);
    expect(segments.map((s) => [s.kind, s.start, s.end])).toEqual([
      ['text', 0, 5],
      ['box', 5, 20],
      ['text', 20, body.length],
    ]);
    const box = segments[1];
    expect(box?.kind === 'box' && box.redactions.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(box?.kind === 'box' && box.label).toBe('Article 8; Contact details');
    expect(segments.map((s) => (s.kind === 'text' ? s.text : `[${s.text}]`)).join('')).toBe('call [07700 900123 or] email a@b.uk');
  });

  it('reports whole-item redactions apart, and leaves an unredacted body as one run', () => {
    const { segments, whole } = bodySegments('hello', [{ id: 9, kind: 'whole', start: null, end: null, reasonCode: 'lpp', label: 'LPP' }]);
    expect(whole.map((r) => r.id)).toEqual([9]);
    expect(segments).toEqual([{ kind: 'text', start: 0, end: 5, text: 'hello' }]);
  });
});

describe('selection to span', () => {
  // "All clear 🙏 he's home": the emoji is two UTF-16 code units, so "he's" starts at 13, not 12.
  const body = "All clear 🙏 he's home";
  const runs = bodySegments(body, []).segments;

  it('maps DOM offsets (UTF-16, as the DOM counts them) one to one onto the body', () => {
    const start = body.indexOf("he's");
    expect(start).toBe(13);
    expect(spanFromBoundaries(body, runs, { segment: 0, offset: start }, { segment: 0, offset: body.length })).toEqual({
      start: 13,
      end: body.length,
    });
  });

  it('takes the boundaries in either order and drops the spaces at the edges', () => {
    expect(spanFromBoundaries(body, runs, { segment: 0, offset: 18 }, { segment: 0, offset: 12 })).toEqual({ start: 13, end: 17 });
  });

  it('never cuts an emoji in half: a boundary inside a surrogate pair or a ZWJ sequence widens', () => {
    expect(spanFromBoundaries(body, runs, { segment: 0, offset: 11 }, { segment: 0, offset: 13 })).toEqual({ start: 10, end: 12 });
    const family = 'we 👨‍👩‍👧 went';
    const familyRuns = bodySegments(family, []).segments;
    expect(spanFromBoundaries(family, familyRuns, { segment: 0, offset: 5 }, { segment: 0, offset: 6 })).toEqual({
      start: 3,
      end: 3 + '👨‍👩‍👧'.length,
    });
  });

  it('is null for a selection of spaces only', () => {
    expect(spanFromBoundaries(body, runs, { segment: 0, offset: 3 }, { segment: 0, offset: 4 })).toBeNull();
  });

  it('offsets in a run after a box count from where that run starts in the body, not in the screen text', () => {
    const text = 'ring 07700 900123 today 😀 ok';
    const { segments } = bodySegments(text, [span(1, 5, 17)]);
    // Run 2 is " today 😀 ok", starting at 17; its "ok" is at 10..12 within the run (the emoji is two units).
    expect(segments[2]).toMatchObject({ kind: 'text', start: 17 });
    expect(spanFromBoundaries(text, segments, { segment: 2, offset: 10 }, { segment: 2, offset: 12 })).toEqual({ start: 27, end: 29 });
    expect(text.slice(27, 29)).toBe('ok');
  });

  it('takes a box whole when a boundary falls inside it, and knows a span already hidden', () => {
    const text = 'ring 07700 900123 today';
    const { segments } = bodySegments(text, [span(1, 5, 17)]);
    expect(spanFromBoundaries(text, segments, { segment: 1, edge: 'inside' }, { segment: 2, offset: 6 })).toEqual({ start: 5, end: 23 });
    expect(spanFromBoundaries(text, segments, { segment: 0, offset: 0 }, { segment: 3, edge: 'before' })).toEqual({ start: 0, end: 23 });
    expect(alreadyHidden({ start: 6, end: 10 }, segments)).toBe(true);
    expect(alreadyHidden({ start: 4, end: 10 }, segments)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { editMarkerStart } from '../../../../main/import/whatsapp/content';

describe('where the edit marker starts (shown without it, kept with it)', () => {
  it('finds Android’s marker after a space and iOS’s after a left-to-right mark, in any of the localised wordings', () => {
    expect(editMarkerStart('Agreed <This message was edited>')).toBe('Agreed'.length);
    expect(editMarkerStart('Agreed \u200E<This message was edited>')).toBe('Agreed'.length);
    expect(editMarkerStart('Bis später <Diese Nachricht wurde bearbeitet>')).toBe('Bis später'.length);
    expect(editMarkerStart('Vale <Se editó este mensaje.>')).toBe('Vale'.length);
  });

  it('is null where the body does not end in a marker, even when it holds one', () => {
    expect(editMarkerStart('Agreed')).toBeNull();
    expect(editMarkerStart('It said <This message was edited> then more')).toBeNull();
  });
});

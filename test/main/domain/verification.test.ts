/**
 * The words for a verification failure, one place for the CLI and the Bundles screen: which decision,
 * where, why, and the button that opens the place to fix it.
 */
import { describe, expect, it } from 'vitest';
import { describeLeak, leakText, type LeakFailure, type MessageRef } from '../../../common/domain/verification';

const hiAll: MessageRef = {
  messageId: 41,
  conversationId: 3,
  position: 40,
  conversation: 'Covid Core Group',
  sender: '[the hidden text]',
  sent: 'Thu 28 May 2020 13:25 BST',
  reference: 'INQ000000001',
};
const joined: MessageRef = { ...hiAll, messageId: 40, position: 39, sender: null, sent: 'Thu 28 May 2020 13:21 BST' };

const phoneLeak: LeakFailure = {
  hidden: { kind: 'redacted-text', reason: 'Personal data (contact details)', message: joined },
  alsoHiddenIn: 0,
  locations: [
    { kind: 'extract-page', reference: 'INQ000000001', page: 2, bundlePage: 4 },
    { kind: 'schedule-csv', row: 36, reference: 'INQ000000001' },
  ],
  moreLocations: 3,
  causes: [{ kind: 'sender-name', participantId: 7, conversationId: 3, message: hiAll }],
};

describe('describing a leak', () => {
  it('names the redaction, the pages and rows, and the sender-name cause with a button to that sender’s message', () => {
    const words = describeLeak(phoneLeak);
    expect(words.what).toBe(
      'Redacted text (Personal data (contact details)) in the message sent Thu 28 May 2020 13:21 BST, in “Covid Core Group” (INQ000000001)',
    );
    expect(words.where).toBe('page 2 of INQ000000001 (bundle page 4); row 36 of the schedule CSV (INQ000000001); and 3 more places');
    expect(words.causes).toEqual([
      {
        why: 'this text is also printed as a sender’s name (the sender of the message sent Thu 28 May 2020 13:25 BST, in “Covid Core Group” (INQ000000001))',
        fix: 'redact the name too: “Redact this sender’s name…” beside the message in Review',
        open: { label: 'Open the sender’s message in Review', target: { kind: 'review', conversationId: 3, position: 40, messageId: 41 } },
      },
    ]);
    expect(words.openHidden).toEqual({
      label: 'Open the redacted message in Review',
      target: { kind: 'review', conversationId: 3, position: 39, messageId: 40 },
    });
    expect(leakText(phoneLeak)).toBe(
      `${words.what} was found in the bundle: ${words.where}.\n    Why: ${words.causes[0]?.why}. Fix: ${words.causes[0]?.fix}.`,
    );
  });

  it('says what to do for each other cause, and opens Review only where the reviewer can fix it', () => {
    const withCauses = (causes: LeakFailure['causes']): ReturnType<typeof describeLeak> => describeLeak({ ...phoneLeak, causes });
    const [title, same, other, attachment, details, caseDetails, notPrinted] = withCauses([
      { kind: 'conversation-title', conversationId: 3, custodian: 'Fiona Laird', reference: 'INQ000000001' },
      { kind: 'same-message', message: joined },
      { kind: 'other-message', message: hiAll, more: 2 },
      { kind: 'attachment-name', message: hiAll },
      { kind: 'extract-details', field: 'source file', reference: 'INQ000000001' },
      { kind: 'case-details', field: 'case name' },
      { kind: 'not-printed' },
    ]).causes;
    expect(title).toMatchObject({
      why: 'this text is also the title of Fiona Laird’s conversation INQ000000001, printed in the index, the extract’s heading and the schedule',
      fix: 'redact the title too: “Redact title…” above the conversation in Review',
      open: { label: 'Open the conversation in Review', target: { kind: 'review', conversationId: 3, position: null, messageId: null } },
    });
    expect(same).toMatchObject({
      why: 'the same text occurs again, unredacted, elsewhere in this message',
      open: { target: { messageId: 40 } },
    });
    expect(other?.why).toBe(
      'the same text also appears unredacted in another message of the bundle: the message from [the hidden text], sent Thu 28 May 2020 13:25 BST, in “Covid Core Group” (INQ000000001), and 2 more',
    );
    expect(other?.fix).toBe('redact every occurrence (Redaction → Every occurrence), or redact it in that message');
    expect(attachment).toMatchObject({
      fix: 'redact the attachment’s name: Redaction → Every occurrence finds it, or `redact --attachment <id>`',
      open: { target: { messageId: 41 } },
    });
    expect(details).toMatchObject({ why: 'this text is printed in the extract’s details as the source file (INQ000000001)', open: null });
    expect(caseDetails?.open).toBeNull();
    expect(notPrinted?.why).toMatch(/^nothing this case prints holds this text, so the files were changed after they were written/);
  });

  it('names a withheld message, a redacted name and a redacted title, and sends names and titles to their list', () => {
    const withheld = describeLeak({
      ...phoneLeak,
      hidden: { kind: 'withheld-item', reason: 'withheld on review', message: { ...joined, reference: null } },
      causes: [{ kind: 'other-message', message: hiAll, more: 0 }],
    });
    expect(withheld.what).toBe(
      'The withheld message (withheld on review): the message sent Thu 28 May 2020 13:21 BST, in “Covid Core Group”',
    );
    expect(withheld.causes[0]?.fix).toBe('withhold or redact that message too');
    const name = describeLeak({
      ...phoneLeak,
      hidden: { kind: 'redacted-name', reason: 'Personal data (third party)', participantId: 7, message: hiAll },
      alsoHiddenIn: 1,
    });
    expect(name.what).toBe(
      'A redacted sender’s name (Personal data (third party)): the sender of the message sent Thu 28 May 2020 13:25 BST, in “Covid Core Group” (INQ000000001) (the same text is hidden in 1 more place)',
    );
    expect(name.openHidden).toEqual({ label: 'Open Names and titles', target: { kind: 'labels' } });
    const title = describeLeak({
      ...phoneLeak,
      hidden: {
        kind: 'redacted-title',
        reason: 'Article 8: private and family life',
        conversationId: 3,
        custodian: 'Fiona Laird',
        references: ['INQ000000001'],
      },
    });
    expect(title.what).toBe('The redacted title (Article 8: private and family life) of a conversation of Fiona Laird (INQ000000001)');
  });
});

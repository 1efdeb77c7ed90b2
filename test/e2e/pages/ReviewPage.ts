import { expect, type Locator, type Page } from '@playwright/test';

/** The Review screen: the conversation list, a conversation's timeline, and the coding panel beside it. */
export class ReviewPage {
  readonly conversations: Locator;
  readonly sourceFilter: Locator;
  readonly timeline: Locator;
  readonly feed: Locator;
  readonly selectedDetails: Locator;
  readonly coding: Locator;
  readonly article8: Locator;
  readonly side: Locator;
  readonly undoBar: Locator;
  readonly announcer: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.conversations = main.getByRole('region', { name: /^Conversations/ });
    this.sourceFilter = this.conversations.getByLabel('Source', { exact: true });
    this.timeline = main.locator('section.timeline');
    // The timeline's message list (a listbox: its messages are options that can be selected).
    this.feed = this.timeline.getByRole('listbox');
    this.selectedDetails = main.getByRole('region', { name: 'Selected message' });
    this.side = main.getByRole('complementary', { name: 'Coding panel' });
    this.coding = this.side.getByRole('form', { name: 'Coding' });
    this.article8 = this.coding.getByRole('group', { name: /Article 8 assessment/ });
    this.undoBar = main.getByRole('group', { name: 'Undo and redo' });
    this.announcer = main.locator('.review > [role="status"]');
  }

  conversation(title: string): Locator {
    return this.conversations.getByRole('button', { name: new RegExp(`^${title}`) });
  }

  /** The message articles on the page (only those near the screen are rendered). */
  messages(): Locator {
    return this.feed.getByRole('option');
  }

  /** The rendered message at a position (0-based) in the conversation. */
  messageAt(position: number): Locator {
    return this.feed.locator(`[data-position="${position}"]`);
  }

  /** A coding choice (a radio in a group), e.g. choice('Outcome', 'Withhold'). */
  choice(group: string, name: string): Locator {
    return this.coding.getByRole('radiogroup', { name: group }).getByRole('radio', { name: new RegExp(`^${name}\\b`) });
  }

  /** The decision badges shown on a message's row. */
  codes(position: number): Locator {
    return this.messageAt(position).locator('.message__codes');
  }

  /** "12 of 57 reviewed" under a conversation in the list. */
  progressOf(title: string): Locator {
    return this.conversation(title).locator('.conversation__progress');
  }

  async expectTimelineOf(title: string): Promise<void> {
    await expect(this.timeline.getByRole('heading', { level: 3 })).toHaveText(title);
  }
}

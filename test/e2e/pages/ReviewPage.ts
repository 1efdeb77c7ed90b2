import { expect, type Locator, type Page } from '@playwright/test';

/** The Review screen as it is now: the conversation list and a conversation's read-only timeline. */
export class ReviewPage {
  readonly conversations: Locator;
  readonly sourceFilter: Locator;
  readonly timeline: Locator;
  readonly feed: Locator;
  readonly selectedDetails: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.conversations = main.getByRole('region', { name: /^Conversations/ });
    this.sourceFilter = this.conversations.getByLabel('Source', { exact: true });
    this.timeline = main.locator('section.timeline');
    this.feed = main.getByRole('feed');
    this.selectedDetails = main.getByRole('region', { name: 'Selected message' });
  }

  conversation(title: string): Locator {
    return this.conversations.getByRole('button', { name: new RegExp(`^${title}`) });
  }

  /** The message articles on the page (only those near the screen are rendered). */
  messages(): Locator {
    return this.feed.getByRole('article');
  }

  /** The rendered message at a position (0-based) in the conversation. */
  messageAt(position: number): Locator {
    return this.feed.locator(`article[data-position="${position}"]`);
  }

  async expectTimelineOf(title: string): Promise<void> {
    await expect(this.timeline.getByRole('heading', { level: 3 })).toHaveText(title);
  }
}

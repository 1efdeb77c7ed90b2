import { expect, type Locator, type Page } from '@playwright/test';

export interface NewCase {
  readonly name: string;
  readonly inquiry?: string;
  readonly requestReference?: string;
  readonly referencePrefix?: string;
  readonly protectiveMarking?: string;
  readonly defaultTimeZone?: string;
  /** Typed into the location field (Chromium shell); left as suggested when absent. */
  readonly path?: string;
}

/** The start screen: recent cases, and the New case / Open case tabs. */
export class StartPage {
  readonly heading: Locator;
  readonly newCaseTab: Locator;
  readonly openCaseTab: Locator;
  readonly newCaseForm: Locator;
  readonly openCaseForm: Locator;
  readonly recentCases: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Disclosure Desk' });
    this.newCaseTab = page.getByRole('tab', { name: 'New case' });
    this.openCaseTab = page.getByRole('tab', { name: 'Open case' });
    this.newCaseForm = page.getByRole('form', { name: 'New case' });
    this.openCaseForm = page.getByRole('form', { name: 'Open case' });
    this.recentCases = page.getByRole('region', { name: 'Recent cases' });
  }

  async expectShown(): Promise<void> {
    await expect(this.heading).toBeVisible();
  }

  newCaseField(label: string): Locator {
    return this.newCaseForm.getByLabel(label, { exact: true });
  }

  async fillNewCase(details: NewCase): Promise<void> {
    await this.newCaseTab.click();
    await this.newCaseField('Case name').fill(details.name);
    if (details.inquiry !== undefined) await this.newCaseField('Inquiry (optional)').fill(details.inquiry);
    if (details.requestReference !== undefined) await this.newCaseField('Request reference (optional)').fill(details.requestReference);
    if (details.referencePrefix !== undefined) await this.newCaseField('Reference prefix').fill(details.referencePrefix);
    if (details.protectiveMarking !== undefined) await this.newCaseField('Protective marking').fill(details.protectiveMarking);
    if (details.defaultTimeZone !== undefined) await this.newCaseField('Default time zone').fill(details.defaultTimeZone);
    if (details.path !== undefined) await this.newCaseField('Case file location').fill(details.path);
  }

  async submitNewCase(): Promise<void> {
    await this.newCaseForm.getByRole('button', { name: 'Create case' }).click();
  }

  async createCase(details: NewCase): Promise<void> {
    await this.fillNewCase(details);
    await this.submitNewCase();
  }

  async openByPath(path: string): Promise<void> {
    await this.openCaseTab.click();
    await this.openCaseForm.getByLabel('Case file', { exact: true }).fill(path);
    await this.openCaseForm.getByRole('button', { name: 'Open case' }).click();
  }

  /** The button that opens a recent case, named by the case. */
  recentCase(name: string): Locator {
    return this.recentCases.getByRole('button', { name, exact: true });
  }

  forgetButton(name: string): Locator {
    return this.recentCases.getByRole('button', { name: `Forget ${name}`, exact: true });
  }

  /** An inline validation message under a field of the new-case form. */
  fieldError(label: string): Locator {
    return this.newCaseForm.locator('.field', { has: this.page.getByLabel(label, { exact: true }) }).locator('.field__error');
  }

  alert(): Locator {
    return this.page.getByRole('alert');
  }
}

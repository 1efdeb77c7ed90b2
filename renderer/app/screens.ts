import type { CaseInfo } from '../../common/domain/model';
import type { AppInfo } from '../../common/contract';

/** The screens of an open case (docs/spec.md §9), in navigation order; Alt+1…7 follow this order. */
export const SCREENS = [
  { id: 'overview', label: 'Overview' },
  { id: 'sources', label: 'Sources' },
  { id: 'review', label: 'Review' },
  { id: 'search', label: 'Search' },
  { id: 'redaction', label: 'Redaction' },
  { id: 'bundles', label: 'Bundles' },
  { id: 'audit', label: 'Audit' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

/** What every screen of an open case is given. */
export interface ScreenProps {
  readonly app: AppInfo;
  readonly info: CaseInfo;
  readonly goTo: (screen: ScreenId) => void;
}

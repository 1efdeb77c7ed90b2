import type { MenuCommand } from '../../common/contract';
import type { ScreenId } from './screens';

/** What the keyboard, the native menu and the buttons can ask the app to do. */
export type AppCommand =
  | { readonly kind: MenuCommand }
  | { readonly kind: 'go-to'; readonly screen: ScreenId }
  /** `/`: the Search screen with its query box focused. */
  | { readonly kind: 'focus-search' };

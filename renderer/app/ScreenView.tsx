import { AuditScreen } from '../features/audit/AuditScreen';
import { BundlesScreen } from '../features/bundles/BundlesScreen';
import { OverviewScreen } from '../features/overview/OverviewScreen';
import { RedactionScreen } from '../features/redaction/RedactionScreen';
import { ReviewScreen } from '../features/review/ReviewScreen';
import { SearchScreen } from '../features/search/SearchScreen';
import { SourcesScreen } from '../features/sources/SourcesScreen';
import type { ScreenId, ScreenProps } from './screens';

export function ScreenView({ screen, ...props }: ScreenProps & { readonly screen: ScreenId }) {
  switch (screen) {
    case 'overview':
      return <OverviewScreen {...props} />;
    case 'sources':
      return <SourcesScreen />;
    case 'review':
      return <ReviewScreen />;
    case 'search':
      return <SearchScreen />;
    case 'redaction':
      return <RedactionScreen />;
    case 'bundles':
      return <BundlesScreen {...props} />;
    case 'audit':
      return <AuditScreen {...props} />;
  }
}

import { AuditScreen } from '../features/audit/AuditScreen';
import { BundlesScreen } from '../features/bundles/BundlesScreen';
import { OverviewScreen } from '../features/overview/OverviewScreen';
import { RedactionScreen } from '../features/redaction/RedactionScreen';
import type { ReviewPlace } from '../features/review/reviewPlace';
import { ReviewScreen } from '../features/review/ReviewScreen';
import { SearchScreen } from '../features/search/SearchScreen';
import { SourcesScreen } from '../features/sources/SourcesScreen';
import type { ScreenId, ScreenProps } from './screens';

interface ScreenViewProps extends ScreenProps {
  readonly screen: ScreenId;
  readonly reviewPlace: ReviewPlace;
  readonly onReviewPlaceChange: (place: ReviewPlace) => void;
}

export function ScreenView({ screen, reviewPlace, onReviewPlaceChange, ...props }: ScreenViewProps) {
  switch (screen) {
    case 'overview':
      return <OverviewScreen {...props} />;
    case 'sources':
      return (
        <SourcesScreen
          {...props}
          onViewConversations={(sourceId) => {
            onReviewPlaceChange({ sourceId, conversationId: null });
            props.goTo('review');
          }}
        />
      );
    case 'review':
      return <ReviewScreen {...props} place={reviewPlace} onPlaceChange={onReviewPlaceChange} />;
    case 'search':
      return (
        <SearchScreen
          {...props}
          onOpenInReview={(place) => {
            onReviewPlaceChange(place);
            props.goTo('review');
          }}
        />
      );
    case 'redaction':
      return <RedactionScreen {...props} />;
    case 'bundles':
      return (
        <BundlesScreen
          {...props}
          onOpenInReview={(place) => {
            onReviewPlaceChange(place);
            props.goTo('review');
          }}
        />
      );
    case 'audit':
      return <AuditScreen {...props} />;
  }
}

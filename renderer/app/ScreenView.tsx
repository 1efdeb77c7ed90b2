import { AuditScreen } from '../features/audit/AuditScreen';
import { BundlesScreen } from '../features/bundles/BundlesScreen';
import { OverviewScreen } from '../features/overview/OverviewScreen';
import { RedactionScreen, type RedactionTab } from '../features/redaction/RedactionScreen';
import type { ReviewPlace } from '../features/review/reviewPlace';
import { ReviewScreen } from '../features/review/ReviewScreen';
import { SearchScreen } from '../features/search/SearchScreen';
import { SourcesScreen } from '../features/sources/SourcesScreen';
import type { ScreenId, ScreenProps } from './screens';

interface ScreenViewProps extends ScreenProps {
  readonly screen: ScreenId;
  readonly reviewPlace: ReviewPlace;
  readonly onReviewPlaceChange: (place: ReviewPlace) => void;
  /** The tab the Redaction screen opens on when another screen sends the reviewer there. */
  readonly redactionTab?: RedactionTab;
  readonly onRedactionTabChange: (tab: RedactionTab) => void;
}

export function ScreenView({ screen, reviewPlace, onReviewPlaceChange, redactionTab, onRedactionTabChange, ...props }: ScreenViewProps) {
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
      return <RedactionScreen {...props} {...(redactionTab ? { openAt: redactionTab } : {})} />;
    case 'bundles':
      return (
        <BundlesScreen
          {...props}
          onOpenInReview={(place) => {
            onReviewPlaceChange(place);
            props.goTo('review');
          }}
          onOpenRedaction={(tab) => {
            onRedactionTabChange(tab);
            props.goTo('redaction');
          }}
        />
      );
    case 'audit':
      return (
        <AuditScreen
          {...props}
          onOpenInReview={(place) => {
            onReviewPlaceChange(place);
            props.goTo('review');
          }}
        />
      );
  }
}

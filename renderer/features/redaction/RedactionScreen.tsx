import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';

export function RedactionScreen() {
  return (
    <>
      <ScreenHeader title="Redaction" description="Hide what must not be disclosed, each with its reason." />
      <EmptyState
        title="No redactions yet"
        arrivesWith="Redacting arrives with the redaction feature."
        capabilities={[
          'Select text in a message and redact it with a reason code, such as Personal data (third party) or Article 8: private and family life.',
          'Suggestions for phone numbers, email addresses, UK postcodes, National Insurance numbers and the case’s list of names — with a preview of every hit before “redact every occurrence”.',
          'Every redaction and its reason, who made it and when; the original message text is never changed.',
        ]}
      >
        Nothing in this case has been redacted. Redactions are made on imported messages during review.
      </EmptyState>
    </>
  );
}

import type { ScreenId } from '../../app/screens';
import { Button } from '../../components/Button';

interface NextStepProps {
  readonly goTo: (screen: ScreenId) => void;
  readonly readOnly: boolean;
}

/** A new case is empty; say what to do first rather than show a wall of zeros. */
export function NextStep({ goTo, readOnly }: NextStepProps) {
  return (
    <section className="next-step" aria-labelledby="next-step-title">
      <h3 id="next-step-title" className="next-step__title">
        This case has no sources yet
      </h3>
      <p>
        {readOnly
          ? 'The case file is read-only, so sources cannot be added here. Copy the file somewhere writable to import into it.'
          : 'Start by importing each custodian’s message exports on the Sources screen. Review, search, redaction and bundles work on what you import.'}
      </p>
      <div>
        <Button variant="primary" onClick={() => goTo('sources')}>
          Go to Sources
        </Button>
      </div>
    </section>
  );
}

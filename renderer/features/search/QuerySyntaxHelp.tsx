import * as Popover from '@radix-ui/react-popover';
import { Button } from '../../components/Button';
import '../../components/popover.css';

const SYNTAX: readonly (readonly [string, string])[] = [
  ['covid briefing', 'both words, anywhere in the message, sender or conversation title'],
  ['"level 3"', 'the exact phrase'],
  ['hospital*', 'words starting with “hospital”'],
  ['herald~', 'close spellings too (typo-tolerant)'],
  ['herald OR scotsman', 'either word'],
  ['briefing -draft', 'without the word “draft”'],
];

/** The query language (docs/spec.md §4), a click away from the box it is typed in. */
export function QuerySyntaxHelp() {
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <Button variant="quiet">Query syntax</Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="popover syntax-help" side="bottom" align="end" sideOffset={6} aria-label="Query syntax">
          <p className="popover__title">Writing a query</p>
          <dl className="syntax-help__list">
            {SYNTAX.map(([example, meaning]) => (
              <div key={example} className="syntax-help__row">
                <dt>
                  <code>{example}</code>
                </dt>
                <dd>{meaning}</dd>
              </div>
            ))}
          </dl>
          <p className="syntax-help__note">An empty query with filters lists every message the filters allow.</p>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

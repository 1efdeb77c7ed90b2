import type { ComponentProps } from 'react';
import { TextField } from './TextField';

/** Every zone this browser knows, offered as suggestions; main checks the value against its own list. */
const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

type TimeZoneFieldProps = Omit<ComponentProps<typeof TextField>, 'list'>;

/** A text field for an IANA time zone, with the known zones suggested as the reviewer types. */
export function TimeZoneField(props: TimeZoneFieldProps) {
  const listId = `${props.id}-zones`;
  return (
    <>
      <TextField {...props} list={listId} autoComplete="off" />
      <datalist id={listId}>
        {TIME_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}

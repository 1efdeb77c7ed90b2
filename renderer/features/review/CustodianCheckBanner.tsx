import type { z } from 'zod';
import type { PackInfoSchema } from '../../../common/contract/channels/review';
import { formatDateTime } from '../../format';

type PackInfo = NonNullable<z.output<typeof PackInfoSchema>>;

/** Says what a custodian check pack is for, so the private office knows what they can and cannot do. */
export function CustodianCheckBanner({ pack }: { readonly pack: PackInfo }) {
  return (
    <section className="pack-banner" aria-label="Custodian check pack">
      <p>
        <strong>Custodian check for {pack.custodian}.</strong> This pack holds {pack.custodian}’s messages, exported by {pack.exportedBy} on{' '}
        {formatDateTime(pack.exportedAt)}. Read each item and flag any that is personal with a reason: the reviewer sees your flags and
        decides. Nothing else can be changed here.
      </p>
    </section>
  );
}

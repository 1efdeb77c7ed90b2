import type { SourceInfo } from '../../../common/contract';
import { ZONE_CHECK_NOTE } from '../../../common/domain/import-notes';
import { Button } from '../../components/Button';

interface ZoneCheckBannerProps {
  readonly sources: readonly SourceInfo[];
  readonly onShow: (sourceId: number) => void;
}

/**
 * Sources whose dates read as a US phone writes them (month first, 12-hour clock) were read in a zone
 * the reviewer chose or defaulted: the import noted it (ZONE_CHECK_NOTE), and this asks for the check
 * before anyone relies on their times.
 */
export function ZoneCheckBanner({ sources, onShow }: ZoneCheckBannerProps) {
  const flagged = sources.filter((source) => source.zoneCheck !== null);
  if (flagged.length === 0) return null;
  return (
    <section className="alert alert--warning zone-check" aria-labelledby="zone-check-title">
      <h3 id="zone-check-title" className="alert__title">
        Check the time zone
      </h3>
      <ul className="zone-check__list">
        {flagged.map((source) => (
          <li key={source.id} className="zone-check__item">
            <span>
              <strong>
                {source.fileName} ({source.custodian})
              </strong>
              : {source.zoneCheck?.slice(ZONE_CHECK_NOTE.length).trim()}
            </span>{' '}
            <Button small onClick={() => onShow(source.id)}>
              Show {source.fileName}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

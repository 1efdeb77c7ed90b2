import './marking-banner.css';

/** The banner's colour follows the marking's weight, as classified documents are marked. */
function toneOf(marking: string): 'official' | 'secret' | 'top-secret' {
  const upper = marking.toUpperCase();
  if (upper.includes('TOP SECRET')) return 'top-secret';
  if (upper.includes('SECRET')) return 'secret';
  return 'official';
}

/** The case's protective marking, across the top of every screen, as government documents carry it. */
export function MarkingBanner({ marking }: { readonly marking: string }) {
  const text = marking.trim();
  return (
    <p className={`marking-banner marking-banner--${toneOf(text)}`}>
      <span className="visually-hidden">Protective marking: </span>
      {text === '' ? 'No protective marking set' : text}
    </p>
  );
}

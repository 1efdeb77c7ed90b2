import { boxPlacement, rulePlacement, textPlacement, type PreviewResult } from './pageLayout';

/**
 * The first pages of the bundle drawn from the same layout the PDF is drawn from: A4-proportioned
 * cards with header, footer and reference where the PDF will have them. A picture of pages: its text
 * is hidden from screen readers, which get the summary beside it instead.
 */
export function PagePreview({ preview }: { readonly preview: PreviewResult }) {
  const page = { width: preview.pageWidth, height: preview.pageHeight };
  return (
    <ol className="page-preview" aria-label="First pages">
      {preview.pages.map((p, index) => (
        <li key={index} className="page-preview__item">
          <div className="page-card" style={{ aspectRatio: `${page.width} / ${page.height}` }} aria-hidden="true">
            {p.pieces.map((piece, n) => {
              if (piece.kind === 'text') {
                return (
                  <span
                    key={n}
                    className={`page-card__text page-card__text--${piece.font} page-card__text--${piece.color}`}
                    style={textPlacement(piece, page)}
                  >
                    {piece.text}
                  </span>
                );
              }
              if (piece.kind === 'box')
                return <span key={n} className={`page-card__box page-card__box--${piece.fill}`} style={boxPlacement(piece, page)} />;
              return <span key={n} className="page-card__rule" style={rulePlacement(piece, page)} />;
            })}
          </div>
          <span className="page-preview__caption">Page {index + 1}</span>
        </li>
      ))}
    </ol>
  );
}

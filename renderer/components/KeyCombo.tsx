import './key-combo.css';

/** A key chord such as ["Ctrl", "N"], drawn as keycaps; screen readers hear "Ctrl plus N". */
export function KeyCombo({ keys }: { readonly keys: readonly string[] }) {
  return (
    <span className="key-combo">
      {keys.map((key, index) => (
        <span key={key}>
          {index > 0 && <span className="key-combo__plus">+</span>}
          <kbd className="key-combo__key">{key}</kbd>
        </span>
      ))}
    </span>
  );
}

import './read-only-banner.css';

/**
 * Says, on every screen of a read-only case, that nothing can be changed and what to do about it:
 * the reviewer must not discover it only when a change is refused.
 */
export function ReadOnlyBanner() {
  return (
    <section className="read-only-banner" aria-label="Read-only case">
      <p>
        <strong>Read-only:</strong> this case file cannot be changed, because the file or its folder is not writable. You can read and
        search it; to review, redact or import, copy it somewhere writable and open the copy.
      </p>
    </section>
  );
}

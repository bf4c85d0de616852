/**
 * An enrollment brought over from the earlier version: its earlier id and, when it broke
 * today's rules, each reason it needs review. Rendered as text only.
 */
import type { Enrollment } from '../api.js';

export function ImportedPanel({ enrollment }: { enrollment: Enrollment }) {
  if (enrollment.legacyId === null) return null;
  const flags = enrollment.reviewFlags ?? [];
  return (
    <section aria-labelledby="imported-heading" className={`panel${flags.length > 0 ? ' highlight' : ''}`}>
      <h2 id="imported-heading">{flags.length > 0 ? 'Imported, needs review' : 'Imported'}</h2>
      <p>
        Brought over from the earlier version (its enrollment #{enrollment.legacyId}) by <code>byov import-legacy</code>
        ; its values are kept as they were.
      </p>
      {flags.length > 0 ? (
        <ul data-testid="review-flags">
          {flags.map((flag) => (
            <li key={flag.code}>{flag.message}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

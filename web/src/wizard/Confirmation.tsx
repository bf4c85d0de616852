import { useEffect, useRef } from 'react';
import type { Confirmation as Result } from './state/types.js';

/** What the technician sees after submitting: the reference, next steps and the signed policy. */
export function Confirmation({ result }: { result: Result }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="confirmation" aria-labelledby="confirmation-heading">
      <h2 id="confirmation-heading" ref={headingRef} tabIndex={-1}>
        Enrollment submitted
      </h2>
      <p>
        Your reference number is{' '}
        <strong className="reference" data-testid="reference">
          {result.reference}
        </strong>
        . Keep it in case you need to contact the program team.
      </p>
      <h3>What happens next</h3>
      <ol className="next-steps">
        <li>A program admin reviews your enrollment, photos and documents.</li>
        <li>
          They will contact you at <strong>{result.email}</strong> when it is approved or if anything needs changing.
        </li>
      </ol>
      <p>
        <a className="button primary" href={result.policyPdfUrl} download data-testid="policy-pdf-link">
          Download your signed policy (PDF)
        </a>
      </p>
      <p>
        <a href="/">Start a new enrollment</a>
      </p>
    </section>
  );
}

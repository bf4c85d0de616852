/**
 * The vehicle as entered beside what its VIN decodes to, with a warning naming the fields that
 * disagree (`vinMismatch` from the server): a wrong VIN or a wrong make is worth a question.
 */
import type { Enrollment, VinDecode } from '../api.js';
import { formatValue } from '../format.js';

const COMPARED: { field: 'make' | 'model' | 'year'; label: string; decoded: keyof VinDecode }[] = [
  { field: 'year', label: 'Year', decoded: 'modelYear' },
  { field: 'make', label: 'Make', decoded: 'make' },
  { field: 'model', label: 'Model', decoded: 'model' },
];

export function VinCheck({
  enrollment,
  decode,
  mismatch,
}: {
  enrollment: Enrollment;
  decode: VinDecode | null;
  mismatch: string[];
}) {
  return (
    <section aria-labelledby="vin-heading" className="panel">
      <h2 id="vin-heading">VIN check</h2>
      {decode === null ? (
        <p className="muted">The VIN {enrollment.vin} could not be decoded, so it was not compared.</p>
      ) : (
        <>
          {mismatch.length > 0 ? (
            <p className="notice warning" data-testid="vin-mismatch">
              <span>
                <strong>Does not match the VIN:</strong> {mismatch.join(', ')}. Check the vehicle with the technician.
              </span>
            </p>
          ) : (
            <p className="ok-text">Year, make and model agree with the VIN.</p>
          )}
          <table className="data-table compact">
            <caption className="visually-hidden">Entered values beside the VIN decode</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Entered</th>
                <th scope="col">From the VIN</th>
              </tr>
            </thead>
            <tbody>
              {COMPARED.map(({ field, label, decoded }) => (
                <tr key={field} className={mismatch.includes(field) ? 'mismatch' : undefined}>
                  <th scope="row">
                    {label}
                    {mismatch.includes(field) ? <span className="mismatch-flag"> (differs)</span> : null}
                  </th>
                  <td>{formatValue(enrollment[field])}</td>
                  <td>{formatValue(decode[decoded]) || <span className="muted">Unknown</span>}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Body, fuel</th>
                <td />
                <td>{[decode.bodyStyle, decode.fuelType].filter(Boolean).join(', ')}</td>
              </tr>
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

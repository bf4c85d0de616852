/** The backups, newest first: what each holds, whether it verified, and per-backup actions. */
import { useState } from 'react';
import { ApiError, type BackupSummary, backupDownloadUrl, verifyBackup } from '../api.js';
import { formatBytes, formatDateTime } from '../format.js';

type VerifyResult =
  | { state: 'running' }
  | { state: 'done'; ok: boolean; problems: string[] }
  | { state: 'error'; message: string };

function Verified({ verified }: { verified: boolean | null }) {
  if (verified === true) return <span className="verified ok">✓ Verified</span>;
  if (verified === false) return <span className="verified bad">✗ Failed</span>;
  return <span className="verified unknown">? Not verified</span>;
}

function VerifyOutcome({ result }: { result: VerifyResult | undefined }) {
  if (!result) return null;
  if (result.state === 'running') return <span className="muted">Verifying…</span>;
  if (result.state === 'error') return <span className="field-error">{result.message}</span>;
  if (result.ok) return <span className="ok-text">Verified just now: no problems.</span>;
  return (
    <div className="field-error">
      Problems found:
      <ul>
        {result.problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}

function BackupRow({ backup, result, onVerify }: { backup: BackupSummary; result?: VerifyResult; onVerify(): void }) {
  return (
    <tr>
      <th scope="row">
        <code>{backup.name}</code>
      </th>
      <td data-label="Taken">{formatDateTime(backup.createdAt)}</td>
      <td data-label="Kind">
        {backup.kind} <span className="muted">({backup.engine})</span>
      </td>
      <td data-label="Size">{formatBytes(backup.sizeBytes)}</td>
      <td data-label="Enrollments">{backup.enrollments}</td>
      <td data-label="Files">{backup.files}</td>
      <td data-label="Verified">
        <Verified verified={backup.verified} />
      </td>
      <td>
        <div className="button-row">
          <button
            type="button"
            className="button secondary small"
            disabled={result?.state === 'running'}
            onClick={onVerify}
          >
            Verify<span className="visually-hidden"> {backup.name}</span>
          </button>
          <a className="button link small" href={backupDownloadUrl(backup.name)} download>
            Download archive<span className="visually-hidden"> of {backup.name}</span>
          </a>
        </div>
        <div role="status">
          <VerifyOutcome result={result} />
        </div>
      </td>
    </tr>
  );
}

export function BackupTable({ backups, onVerified }: { backups: BackupSummary[]; onVerified(): void }) {
  const [results, setResults] = useState<Record<string, VerifyResult>>({});
  const record = (name: string, result: VerifyResult) => setResults((r) => ({ ...r, [name]: result }));

  const verify = async (name: string) => {
    record(name, { state: 'running' });
    try {
      const outcome = await verifyBackup(name);
      record(name, { state: 'done', ...outcome });
      onVerified();
    } catch (failure) {
      record(name, { state: 'error', message: failure instanceof ApiError ? failure.message : 'Verification failed.' });
    }
  };

  if (backups.length === 0) return <p className="empty-state">No backups yet. Use “Back up now” to take the first.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table cards" data-testid="backup-table">
        <caption className="visually-hidden">Backups, newest first</caption>
        <thead>
          <tr>
            {['Name', 'Taken', 'Kind', 'Size', 'Enrollments', 'Files', 'Verified', 'Actions'].map((heading) => (
              <th key={heading} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {backups.map((backup) => (
            <BackupRow
              key={backup.name}
              backup={backup}
              result={results[backup.name]}
              onVerify={() => void verify(backup.name)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

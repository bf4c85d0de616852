/**
 * "Back up now": starts a backup job on the server and polls it every second until it ends,
 * showing its progress; the outcome is announced and the list reloaded. A job that is already
 * running (started by someone else) is simply followed.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError, type BackupJob, getBackupJob, startBackup } from '../api.js';
import { useAnnounce } from '../components/Notices.js';

const POLL_MS = 1000;

function JobProgress({ job }: { job: BackupJob }) {
  if (job.state !== 'running') return null;
  const fraction = typeof job.progress === 'number' ? job.progress : undefined;
  return (
    <div className="job-progress" data-testid="backup-progress">
      {/* Without a fraction the bar is indeterminate: it shows that work goes on, not how much. */}
      <progress max={1} value={fraction} aria-label="Backup progress" />
      <span>{typeof job.progress === 'string' ? job.progress : 'Backing up…'}</span>
    </div>
  );
}

export function BackupNow({ onFinished }: { onFinished(): void }) {
  const [job, setJob] = useState<BackupJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const announce = useAnnounce();

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const follow = async (jobId: string) => {
    try {
      const current = await getBackupJob(jobId);
      setJob(current);
      if (current.state === 'running') {
        timer.current = window.setTimeout(() => void follow(jobId), POLL_MS);
        return;
      }
      announce(
        current.state === 'succeeded' ? `Backup ${current.name ?? ''} finished and verified.` : 'The backup failed.',
      );
      onFinished();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Lost track of the backup job.');
      setJob(null);
    }
  };

  const start = async () => {
    setError(null);
    setJob({ state: 'running' });
    try {
      const { jobId } = await startBackup();
      await follow(jobId);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'The backup could not be started.');
      setJob(null);
    }
  };

  return (
    <section aria-labelledby="backup-now-heading" className="panel">
      <h2 id="backup-now-heading">Back up now</h2>
      <p>Takes a consistent copy of the database and every file while the server keeps running, then verifies it.</p>
      <button type="button" className="button primary" disabled={job?.state === 'running'} onClick={() => void start()}>
        {job?.state === 'running' ? 'Backing up…' : 'Back up now'}
      </button>
      {job ? <JobProgress job={job} /> : null}
      <div role="status" data-testid="backup-job-result">
        {job?.state === 'succeeded' ? (
          <p className="ok-text">
            Backup <code>{job.name}</code> finished and verified.
          </p>
        ) : null}
        {job?.state === 'failed' ? <p className="field-error">The backup failed: {job.message}</p> : null}
      </div>
      <p role="alert" className="field-error">
        {error}
      </p>
    </section>
  );
}

/**
 * The first screen: how many enrollments are in each status, documents expired or expiring
 * soon (each a link to the filtered list), submissions per week, and the age of the last
 * verified backup, with the server's warning when it is too old, and any damaged or missing
 * stored data the checks found.
 */
import { getOverview, type Overview } from '../api.js';
import { ErrorNotice, Loading } from '../components/Notices.js';
import { WeeklyChart } from '../components/WeeklyChart.js';
import { formatAge, formatDateTime, splitCode } from '../format.js';
import { STATUS_LABELS } from '../labels.js';
import { usePageTitle } from '../page-title.js';
import { enrollmentAddress, Link } from '../router.js';
import { useResource } from '../use-resource.js';

const STATUS_ORDER = ['pending', 'changes_requested', 'approved', 'rejected', 'superseded', 'deleted'] as const;

function StatusTotals({ byStatus }: { byStatus: Overview['byStatus'] }) {
  return (
    <section aria-labelledby="totals-heading" className="panel">
      <h2 id="totals-heading">Enrollments by status</h2>
      <ul className="stat-grid">
        {STATUS_ORDER.map((status) => (
          <li key={status} className="stat">
            <Link to={`/admin/enrollments?status=${status}`}>
              <span className="stat-value">{byStatus[status] ?? 0}</span>
              <span className="stat-label">{STATUS_LABELS[status]}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ExpiryTotals({ overview }: { overview: Overview }) {
  return (
    <section aria-labelledby="expiry-heading" className="panel">
      <h2 id="expiry-heading">Insurance and registration</h2>
      <ul className="stat-grid">
        <li className="stat warn">
          <Link to="/admin/enrollments?expiry=expiring&expiringWithinDays=30">
            <span className="stat-value">{overview.expiringWithin30Days}</span>
            <span className="stat-label">Expiring within 30 days</span>
          </Link>
        </li>
        <li className="stat bad">
          <Link to="/admin/enrollments?expiry=expired">
            <span className="stat-value">{overview.expired}</span>
            <span className="stat-label">Expired</span>
          </Link>
        </li>
      </ul>
    </section>
  );
}

function BackupAge({ backup }: { backup: Overview['backup'] }) {
  return (
    <section aria-labelledby="backup-heading" className="panel">
      <h2 id="backup-heading">Backups</h2>
      {backup.lastVerified ? (
        <p>
          The last verified backup, <code>{backup.lastVerified.name}</code>, is{' '}
          <strong data-testid="backup-age">{formatAge(backup.lastVerified.ageHours)}</strong> old.
        </p>
      ) : (
        <p>There is no verified backup yet.</p>
      )}
      {backup.warning ? (
        <p className="notice warning" data-testid="backup-warning">
          <span>
            <strong>Warning:</strong>{' '}
            {splitCode(backup.warning).map((part, index) =>
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one message never reorder
              index % 2 === 1 ? <code key={index}>{part}</code> : <span key={index}>{part}</span>,
            )}
          </span>
        </p>
      ) : null}
    </section>
  );
}

function LiveData({ liveData }: { liveData: Overview['liveData'] }) {
  const problems = liveData.database.length + liveData.files.length;
  return (
    <section aria-labelledby="live-data-heading" className="panel">
      <h2 id="live-data-heading">Stored data</h2>
      {problems === 0 ? (
        <p data-testid="live-data-ok">
          {liveData.lastCheckedAt
            ? `No problems found; last checked ${formatDateTime(liveData.lastCheckedAt)}.`
            : 'Not checked yet: the server checks a share of the stored files every night.'}
        </p>
      ) : (
        <div className="notice error" role="alert" data-testid="live-data-problems">
          <p>
            <strong>
              {problems} problem{problems === 1 ? '' : 's'} with the stored data.
            </strong>{' '}
            Run <code>byov check</code> for the details, then <code>byov repair</code>.
          </p>
          <ul>
            {liveData.database.map((line) => (
              <li key={line}>Database: {line}</li>
            ))}
            {liveData.files.map((file) => (
              <li key={file.storageKey}>
                A stored file is {file.problem}
                {file.enrollmentIds.map((id) => (
                  <span key={id}>
                    {' '}
                    (<Link to={enrollmentAddress(id)}>enrollment {id.slice(0, 8)}…</Link>)
                  </span>
                ))}
                {file.draftIds.length > 0
                  ? ` (${file.draftIds.length} draft${file.draftIds.length === 1 ? '' : 's'})`
                  : ''}
                .
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function MailOutbox({ mail }: { mail: Overview['mail'] }) {
  return (
    <section aria-labelledby="mail-heading" className="panel">
      <h2 id="mail-heading">E-mail</h2>
      <p data-testid="mail-counts">
        {mail.server ? `Sending through ${mail.server}. ` : ''}
        {mail.waiting} waiting, {mail.sent} sent, {mail.failed} failed.
      </p>
      {mail.warning ? (
        <p className="notice warning" data-testid="mail-warning">
          <strong>Warning:</strong> {mail.warning}
        </p>
      ) : null}
    </section>
  );
}

export function OverviewPage() {
  usePageTitle('Overview');
  const overview = useResource(getOverview, 'overview');
  return (
    <>
      <h1 tabIndex={-1}>Overview</h1>
      <ErrorNotice error={overview.error} onRetry={overview.reload} />
      {overview.data ? (
        <div className="overview">
          <StatusTotals byStatus={overview.data.byStatus} />
          <ExpiryTotals overview={overview.data} />
          <BackupAge backup={overview.data.backup} />
          <LiveData liveData={overview.data.liveData} />
          <MailOutbox mail={overview.data.mail} />
          <WeeklyChart weeks={overview.data.submissionsPerWeek} />
        </div>
      ) : overview.loading ? (
        <Loading what="the overview" />
      ) : null}
    </>
  );
}

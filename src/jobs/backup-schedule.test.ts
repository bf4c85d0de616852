import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { runByovCommand } from '../cli/run-byov-command.js';
import { ConfigError } from '../config.js';
import {
  type BackupSchedule,
  type BackupScheduleOptions,
  inMemoryCounter,
  type JobOutcome,
  startBackupSchedule,
  validateBackupSchedule,
} from './backup-schedule.js';

const QUIET_MS = 1_000;
const NEVER_IN_TEST = '0 3 1 1 *'; // 03:00 UTC on 1 January: far from the fake clock below

/** Finishers of every controllable run still pending, so a failing test cannot hang `stop()`. */
const pendingFinishers: ((outcome: JobOutcome) => void)[] = [];

/** A job whose runs finish only when the test says so, recording each call. */
function controllableJob() {
  const calls: AbortSignal[] = [];
  const finishers: ((outcome: JobOutcome) => void)[] = [];
  const job = vi.fn(
    (signal: AbortSignal) =>
      new Promise<JobOutcome>((resolve) => {
        calls.push(signal);
        finishers.push(resolve);
        pendingFinishers.push(resolve);
      }),
  );
  const finishNext = async (outcome: JobOutcome = { ok: true, summary: {} }) => {
    finishers.shift()?.(outcome);
    await vi.advanceTimersByTimeAsync(0);
  };
  return { job, calls, finishNext };
}

const quietLogger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });
const instantSuccess = () => vi.fn(async (_signal: AbortSignal): Promise<JobOutcome> => ({ ok: true, summary: {} }));

let schedule: BackupSchedule | undefined;

function start(overrides: Partial<BackupScheduleOptions> & Pick<BackupScheduleOptions, 'runBackup'>) {
  schedule = startBackupSchedule({
    config: { schedule: NEVER_IN_TEST, afterSubmissions: 3 },
    logger: quietLogger(),
    runPrune: instantSuccess(),
    quietPeriodMs: QUIET_MS,
    ...overrides,
  });
  return schedule;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-24T02:59:00Z'));
});

afterEach(async () => {
  const stopping = schedule?.stop();
  for (const finish of pendingFinishers.splice(0)) finish({ ok: false, summary: {} });
  await stopping;
  schedule = undefined;
  vi.useRealTimers();
});

describe('backup after N submissions', () => {
  it('turns a burst of submissions into exactly one backup, after the quiet period', async () => {
    const runBackup = instantSuccess();
    const runPrune = instantSuccess();
    const s = start({ runBackup, runPrune });
    for (let i = 0; i < 10; i++) {
      s.onEnrollmentSubmitted();
      await vi.advanceTimersByTimeAsync(QUIET_MS / 2);
    }
    expect(runBackup).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(runBackup).toHaveBeenCalledTimes(1);
    expect(runPrune).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10 * QUIET_MS);
    expect(runBackup).toHaveBeenCalledTimes(1);
  });

  it('does nothing before the Nth submission, and nothing at all when N is 0', async () => {
    const runBackup = instantSuccess();
    const s = start({ runBackup });
    s.onEnrollmentSubmitted();
    s.onEnrollmentSubmitted();
    await vi.advanceTimersByTimeAsync(10 * QUIET_MS);
    expect(runBackup).not.toHaveBeenCalled();
    await s.stop();

    const off = start({ runBackup, config: { schedule: NEVER_IN_TEST, afterSubmissions: 0 } });
    for (let i = 0; i < 5; i++) off.onEnrollmentSubmitted();
    await vi.advanceTimersByTimeAsync(10 * QUIET_MS);
    expect(runBackup).not.toHaveBeenCalled();
  });

  it('does not let a steady stream of submissions postpone the backup forever', async () => {
    const runBackup = instantSuccess();
    const s = start({ runBackup, maxDelayMs: 5 * QUIET_MS });
    for (let i = 0; i < 12; i++) {
      s.onEnrollmentSubmitted();
      await vi.advanceTimersByTimeAsync(QUIET_MS / 2);
    }
    expect(runBackup).toHaveBeenCalledTimes(1);
  });
});

describe('backup after N submissions across instances', () => {
  it('counts the submissions of every instance into one count, and one instance backs up', async () => {
    const counter = inMemoryCounter();
    const backupA = instantSuccess();
    const backupB = instantSuccess();
    const a = start({ runBackup: backupA, counter });
    const b = startBackupSchedule({
      config: { schedule: NEVER_IN_TEST, afterSubmissions: 3 },
      logger: quietLogger(),
      runBackup: backupB,
      runPrune: instantSuccess(),
      quietPeriodMs: QUIET_MS,
      counter,
    });
    onTestFinished(() => b.stop());
    // Two here, one there: neither instance alone reached 3.
    await a.onEnrollmentSubmitted();
    await b.onEnrollmentSubmitted();
    await a.onEnrollmentSubmitted();
    await b.onEnrollmentSubmitted();
    await vi.advanceTimersByTimeAsync(10 * QUIET_MS);
    expect(backupA.mock.calls.length + backupB.mock.calls.length).toBe(1);
  });

  it('backs up on the schedule only where the run was claimed', async () => {
    vi.setSystemTime(new Date('2026-11-24T02:59:00Z'));
    const claims: (Date | null)[] = [];
    const backup = instantSuccess();
    start({
      runBackup: backup,
      config: { schedule: '0 3 * * *', afterSubmissions: 0 },
      claimScheduledRun: async (next) => {
        claims.push(next);
        return false;
      },
    });
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(claims.map((d) => d?.toISOString())).toEqual(['2026-11-25T03:00:00.000Z']);
    expect(backup).not.toHaveBeenCalled();
  });
});

describe('one backup at a time', () => {
  it('runs exactly one more backup when submissions arrive during a running one', async () => {
    const backup = controllableJob();
    const s = start({ runBackup: backup.job, config: { schedule: NEVER_IN_TEST, afterSubmissions: 1 } });
    s.onEnrollmentSubmitted();
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(backup.job).toHaveBeenCalledTimes(1);

    // Three separate debounced requests while the first backup still runs.
    for (let i = 0; i < 3; i++) {
      s.onEnrollmentSubmitted();
      await vi.advanceTimersByTimeAsync(2 * QUIET_MS);
    }
    expect(backup.job).toHaveBeenCalledTimes(1);

    await backup.finishNext();
    expect(backup.job).toHaveBeenCalledTimes(2);
    await backup.finishNext();
    await vi.advanceTimersByTimeAsync(10 * QUIET_MS);
    expect(backup.job).toHaveBeenCalledTimes(2);
  });

  it('prunes only after a backup that succeeded, and keeps going after a failure', async () => {
    const backup = controllableJob();
    const runPrune = instantSuccess();
    const logger = quietLogger();
    const s = start({
      runBackup: backup.job,
      runPrune,
      logger,
      config: { schedule: NEVER_IN_TEST, afterSubmissions: 1 },
    });
    s.onEnrollmentSubmitted();
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    await backup.finishNext({ ok: false, summary: { code: 'BACKUP_INVALID' } });
    expect(runPrune).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalledWith(
      { trigger: 'submissions', code: 'BACKUP_INVALID' },
      'scheduled backup failed',
    );

    s.onEnrollmentSubmitted();
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    await backup.finishNext();
    expect(backup.job).toHaveBeenCalledTimes(2);
    expect(runPrune).toHaveBeenCalledTimes(1);
  });

  it('survives a job that throws', async () => {
    const runBackup = vi.fn(async (): Promise<JobOutcome> => {
      throw new Error('spawn failed');
    });
    const logger = quietLogger();
    const s = start({ runBackup, logger, config: { schedule: NEVER_IN_TEST, afterSubmissions: 1 } });
    s.onEnrollmentSubmitted();
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    s.onEnrollmentSubmitted();
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(runBackup).toHaveBeenCalledTimes(2);
    expect(logger.error).toHaveBeenCalledWith(
      { trigger: 'submissions', error: 'spawn failed' },
      'scheduled backup failed',
    );
  });
});

describe('cron schedule', () => {
  it('backs up at the scheduled time in UTC, then prunes', async () => {
    // With the machine's clock in UTC, a schedule read in local time would pass unnoticed.
    const machineZone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    onTestFinished(() => {
      if (machineZone === undefined) delete process.env.TZ;
      else process.env.TZ = machineZone;
    });
    const runBackup = instantSuccess();
    const runPrune = instantSuccess();
    start({ runBackup, runPrune, config: { schedule: '0 3 * * *', afterSubmissions: 0 } });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(runBackup).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000); // past 03:00:00 UTC
    expect(runBackup).toHaveBeenCalledTimes(1);
    expect(runPrune).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(23 * 60 * 60 * 1000);
    expect(runBackup).toHaveBeenCalledTimes(1);
  });

  it.each(['not a cron', '61 * * * *', '* * * *', ''])('rejects %j with a clear configuration error', (pattern) => {
    const attempt = () => start({ runBackup: instantSuccess(), config: { schedule: pattern, afterSubmissions: 0 } });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/BACKUP_SCHEDULE: .* is not a valid cron expression .*Example: "0 3 \* \* \*"/s);
  });

  it('rejects an expression that never matches a date', () => {
    expect(() => validateBackupSchedule('0 0 30 2 *')).toThrow(/never matches/);
  });
});

describe('stop()', () => {
  it('interrupts the running backup, waits for it, and runs nothing afterwards', async () => {
    const backup = controllableJob();
    const runPrune = instantSuccess();
    const s = start({ runBackup: backup.job, runPrune, config: { schedule: '* * * * *', afterSubmissions: 1 } });
    s.onEnrollmentSubmitted();
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(backup.job).toHaveBeenCalledTimes(1);
    s.onEnrollmentSubmitted(); // wanted after the current one: must be dropped by stop()

    let stopped = false;
    const stopping = s.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(backup.calls[0]?.aborted).toBe(true);
    expect(stopped).toBe(false); // still waiting for the job to end
    await backup.finishNext({ ok: false, summary: {} });
    await stopping;

    s.onEnrollmentSubmitted();
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000); // many cron minutes and quiet periods
    expect(backup.job).toHaveBeenCalledTimes(1);
    expect(runPrune).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('runByovCommand', () => {
  /** Stands in for bin/byov.js: answers like the real commands do with --json. */
  const FAKE_BYOV = `
    const [command] = process.argv.slice(2);
    if (command === 'backup') console.log(JSON.stringify({ name: 'b1', args: process.argv.slice(2) }));
    if (command === 'fail') {
      console.log(JSON.stringify({ error: { code: 'BACKUP_INVALID', message: 'blob missing' } }));
      process.exitCode = 1;
    }
    if (command === 'hang') setInterval(() => {}, 1000);
  `;

  async function fakeEntry(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'byov-fake-cli-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'byov.mjs');
    await writeFile(file, FAKE_BYOV);
    return file;
  }

  it('runs the entry point with the given arguments and parses its JSON answer', async () => {
    vi.useRealTimers();
    const result = await runByovCommand(['backup', '--json'], new AbortController().signal, await fakeEntry());
    expect(result).toMatchObject({ exitCode: 0, json: { name: 'b1', args: ['backup', '--json'] } });
  });

  it('reports the exit code and the JSON error of a failed command', async () => {
    vi.useRealTimers();
    const result = await runByovCommand(['fail'], new AbortController().signal, await fakeEntry());
    expect(result).toMatchObject({ exitCode: 1, json: { error: { code: 'BACKUP_INVALID', message: 'blob missing' } } });
  });

  it('ends the child process when the signal aborts (server shutdown)', async () => {
    vi.useRealTimers();
    const abort = new AbortController();
    const running = runByovCommand(['hang'], abort.signal, await fakeEntry());
    setTimeout(() => abort.abort(), 200);
    // The child hangs forever: ending at all (with no exit code) shows the abort killed it.
    const result = await running;
    expect(result.exitCode).toBeNull(); // killed by a signal, not exited
  });
});

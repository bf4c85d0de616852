import { createInterface } from 'node:readline/promises';
import cliProgress from 'cli-progress';
import type { OnProgress, ProgressEvent } from '../backup/progress.js';
import { AppError } from '../errors.js';
import { formatBytes } from './run-command.js';

/**
 * Console helpers shared by the backup commands (backup, verify, restore, clear).
 * They live beside the engine rather than in src/cli/ only to keep this change to the files
 * it owns; nothing in src/backup/ except the commands uses them.
 */

/** Steps shorter than this finish before a bar would be worth drawing. */
const BAR_DELAY_MS = 1000;

export interface TerminalProgress {
  onProgress: OnProgress;
  /** Removes a bar left by a step that failed; safe to call more than once. */
  stop(): void;
}

/**
 * Progress as a person at a terminal and a script each want it: on a TTY, a bar for any step
 * running longer than about a second; always (unless `quiet`), one "… done" line per step.
 * Everything goes to stderr, so stdout carries only the command's result (and `--json` stays
 * parseable).
 */
export function createTerminalProgress(options: { quiet: boolean }): TerminalProgress {
  const stream = process.stderr;
  let current: { event: ProgressEvent; timer?: NodeJS.Timeout; bar?: cliProgress.SingleBar } | undefined;

  const amount = (event: ProgressEvent) =>
    event.unit === 'bytes' ? `${formatBytes(event.done)} of ${formatBytes(event.total)}` : '';
  const showBar = () => {
    if (!current || current.bar) return;
    const bar = new cliProgress.SingleBar(
      { stream, format: '{label} [{bar}] {percentage}% {amount}', hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(current.event.total, current.event.done, { label: current.event.label, amount: amount(current.event) });
    current.bar = bar;
  };
  const stop = () => {
    if (current?.timer) clearTimeout(current.timer);
    current?.bar?.stop();
    current = undefined;
  };

  const onProgress: OnProgress = (event) => {
    if (current?.event.label !== event.label) {
      stop();
      current = { event };
      if (stream.isTTY) current.timer = setTimeout(showBar, BAR_DELAY_MS).unref();
    }
    current.event = event;
    current.bar?.update(event.done, { amount: amount(event) });
    if (event.done >= event.total) {
      stop();
      if (!options.quiet) stream.write(`${event.label} … done\n`);
    }
  };
  return { onProgress, stop };
}

/**
 * Asks for a typed confirmation word on a terminal. Scripts pass `--yes`; without a terminal
 * and without `--yes` the answer is no, since silence must never destroy data.
 */
export async function confirmOnTerminal(options: { yes: boolean; word: string; warning: string }): Promise<void> {
  if (options.yes) return;
  if (!process.stdin.isTTY) {
    throw new AppError(
      'NOT_CONFIRMED',
      `${options.warning} There is no terminal to confirm on, so nothing was changed. Pass --yes to confirm from a script.`,
    );
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`${options.warning}\nType "${options.word}" to continue: `);
    if (answer.trim() !== options.word) {
      throw new AppError('NOT_CONFIRMED', `Not confirmed (the answer was not "${options.word}"); nothing was changed.`);
    }
  } finally {
    prompt.close();
  }
}

/** `2026-01-31 12:34:56 UTC`: backups are named and listed in UTC. */
export function formatUtc(date: Date | string): string {
  return `${new Date(date).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir } from '../../../src/files/durable-fs.js';
import type { ServerProcess } from '../../../test/support/server-process.js';
import { type LoadResult, runClosedLoop } from '../../lib/concurrency.js';
import { type CpuSample, cpuSince, sampleCpu } from '../../lib/cpu.js';
import { type Accepted, submitOverHttp, writeDurablyOnce } from './clients.js';
import type { SubmissionFactory } from './payloads.js';

export interface Level {
  concurrency: number;
  submissions: number;
}

export interface Measured {
  result: LoadResult;
  /** ownMs: this process (client or baseline writer); otherMs: the server process. */
  cpu: CpuSample;
}

export interface LevelResult {
  level: Level;
  server: Measured;
  baseline: Measured;
}

/**
 * Runs each level twice, against the server and as the baseline, over the same submission
 * indexes, so both write the very same bytes; later levels continue with fresh indexes.
 */
export class SubmissionPhases {
  readonly accepted: Accepted[] = [];
  private nextIndex = 0;

  constructor(
    private readonly factory: SubmissionFactory,
    private readonly server: ServerProcess,
    private readonly baselineDir: string,
  ) {}

  async measure(level: Level): Promise<LevelResult> {
    const firstIndex = this.nextIndex;
    this.nextIndex += level.submissions;
    const load = { concurrency: level.concurrency, total: level.submissions, firstIndex };
    const server = await this.metered(() => runClosedLoop(load, (index) => this.submit(index)));
    await mkdir(this.baselineDir, { recursive: true });
    const baseline = await this.metered(() =>
      runClosedLoop(load, (index) => writeDurablyOnce(this.baselineDir, index, this.factory.build(index))),
    );
    await this.removeBaselineFiles();
    return { level, server, baseline };
  }

  /** One submission on its own (after an idle period, say): its latency in ms. */
  one(): Promise<number> {
    return this.submit(this.nextIndex++);
  }

  /** The server only, no baseline: for a long run watched from outside (memory). */
  async soak(level: Level): Promise<LoadResult> {
    const firstIndex = this.nextIndex;
    this.nextIndex += level.submissions;
    const load = { concurrency: level.concurrency, total: level.submissions, firstIndex };
    return runClosedLoop(load, (index) => this.submit(index));
  }

  /** Submission `index` to the server, remembered as accepted; its latency in ms. */
  private async submit(index: number): Promise<number> {
    const { latencyMs, accepted } = await submitOverHttp(this.server.url, this.factory.build(index));
    this.accepted.push(accepted);
    return latencyMs;
  }

  /**
   * Each level's baseline starts from an empty directory so its cost does not grow with earlier
   * levels' files; syncing the parent commits the deletions now rather than during the next
   * timed writes.
   */
  private async removeBaselineFiles(): Promise<void> {
    await rm(this.baselineDir, { recursive: true, force: true });
    await fsyncDir(path.dirname(this.baselineDir));
  }

  private async metered(work: () => Promise<LoadResult>): Promise<Measured> {
    const start = sampleCpu(this.server.child.pid);
    const result = await work();
    return { result, cpu: cpuSince(start, this.server.child.pid) };
  }
}

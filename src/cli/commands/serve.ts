import v8 from 'node:v8';
import type { Command } from 'commander';
import { serve } from '../../server.js';
import { runCommand } from '../run-command.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('apply migrations, then serve the app and API (what `npm start` runs)')
    .action(
      runCommand(async ({ config }) => {
        // A server runs for months on a small machine, and V8 sizes its heaps for speed: young
        // generations of up to 3 × 16 MB per thread, and the next full collection only once the
        // heap is up to 4 × what was live after the last. With 4 MB semi-spaces and 1.5 × growth,
        // a server under 32 uploading clients peaked at about 255 MB instead of 320–330 MB, for
        // a CPU cost within the bench's noise (`--optimize-for-size` saved more memory but cost
        // 10–15% of throughput). Set before the pool's threads start: they inherit both. This
        // thread's young generation was sized when node started, so `npm start` and the deploy
        // files also pass `--max-semi-space-size=4` to node (about 20 MB less at steady load).
        v8.setFlagsFromString('--max-semi-space-size=4');
        v8.setFlagsFromString('--heap-growing-percent=50');
        await serve(config);
        return undefined;
      }),
    );
}

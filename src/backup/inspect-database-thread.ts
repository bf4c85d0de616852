/** Worker-thread entry of `inspectDatabaseAside`: one inspection, answered as plain data. */
import { inspectAtLevel, type ThreadAnswer, type ThreadTask } from './inspect-database.js';

export default function inspectInThread({ file, level }: ThreadTask): Promise<ThreadAnswer> {
  return inspectAtLevel(file, level).then(
    (inspection) => ({ ok: true as const, inspection }),
    (error: unknown) => ({ ok: false as const, message: error instanceof Error ? error.message : String(error) }),
  );
}

/** Worker-thread entry of `inspectDatabaseAside`: one inspection, answered as plain data. */
import { type CheckLevel, inspectDatabase, type ThreadAnswer } from './inspect-database.js';

export default function inspectInThread({ file, level }: { file: string; level: CheckLevel }): Promise<ThreadAnswer> {
  return inspectDatabase(file, level).then(
    (inspection) => ({ ok: true as const, inspection }),
    (error: unknown) => ({ ok: false as const, message: error instanceof Error ? error.message : String(error) }),
  );
}

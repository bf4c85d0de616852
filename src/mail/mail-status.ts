import type { Kysely } from 'kysely';
import { type Config, describeSmtp } from '../config.js';
import type { Database } from '../storage/database.js';
import { countOutboxByState } from '../storage/repositories/outbox.repository.js';

export interface MailStatus {
  configured: boolean;
  /** `smtp://host:port`, never credentials. */
  server: string | null;
  waiting: number;
  failed: number;
  sent: number;
  /** A sentence for the admin overview and `byov status` when something needs attention. */
  warning: string | null;
}

/** What the outbox holds of e-mail and whether it can be delivered. */
export async function describeMailStatus(db: Kysely<Database>, config: Config): Promise<MailStatus> {
  const counts = await countOutboxByState(db, 'email.');
  const configured = config.mail.smtpUrl !== undefined;
  const plural = (n: number) => `${n} message${n === 1 ? '' : 's'}`;
  let warning: string | null = null;
  if (!configured) warning = `e-mail is not configured: ${plural(counts.waiting)} waiting`;
  else if (counts.failed > 0) warning = `${plural(counts.failed)} could not be delivered (see Notifications)`;
  return { configured, server: describeSmtp(config.mail.smtpUrl), ...counts, warning };
}

/** The host in Message-IDs: the sender address's domain, else the public host name. */
export function messageIdDomain(config: Config): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(config.mail.from);
  return match?.[1] ?? new URL(config.publicUrl).hostname;
}

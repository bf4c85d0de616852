import { buffer } from 'node:stream/consumers';
import type { MailConfig } from '../../config.js';
import type { FileStore } from '../../files/file-store.js';
import { isEmailKind, renderEmail } from '../../mail/templates/index.js';
import type { RenderContext } from '../../mail/templates/render-context.js';
import type { MailTransport } from '../../mail/transport.js';
import type { Db } from '../../storage/db.js';
import type { OutboxHandler } from '../outbox/outbox-handler.js';
import { mintReceiptLink, mintResumeLink } from './access-links.js';
import { completeTaskOnDelivery } from './complete-task-on-delivery.js';
import { openRenewal } from './open-renewal.js';
import { readTextOverrides } from './template-settings.js';

export interface EmailDeliveryDeps {
  db: Db;
  files: FileStore;
  now: () => Date;
  mail: MailConfig;
  publicUrl: string;
  /** How long a renewal draft lives (DRAFT_TTL_DAYS). */
  draftTtlDays: number;
  transport: MailTransport;
}

/** Renders queued e-mails from their payload at send time and hands them to SMTP. */
export function emailHandler(deps: EmailDeliveryDeps): OutboxHandler {
  return {
    kindPrefixes: ['email.'],
    handles: isEmailKind,
    async deliver(message) {
      if (!isEmailKind(message.kind)) throw new Error(`not an e-mail: ${message.kind}`);
      // The texts saved in settings when the message is sent (not when it was queued).
      const texts = await readTextOverrides(deps.db.kysely);
      const rendered = await renderEmail(message.kind, JSON.parse(message.payload), { ...renderContext(deps), texts });
      await deps.transport.send({
        ...rendered,
        to: JSON.parse(message.recipients) as string[],
        messageId: message.message_id,
      });
      return undefined;
    },
    delivered: (trx, message, at) => completeTaskOnDelivery(trx, message, at),
  };
}

export function renderContext(deps: Omit<EmailDeliveryDeps, 'transport'>): RenderContext {
  const base = { now: deps.now(), publicUrl: deps.publicUrl };
  return {
    programName: deps.mail.programName,
    publicUrl: deps.publicUrl,
    now: base.now,
    attachmentsMaxBytes: deps.mail.attachmentsMaxBytes,
    receiptLink: (enrollmentId) => mintReceiptLink(deps.db.kysely, { ...base, enrollmentId }),
    resumeLink: (draftId) => mintResumeLink(deps.db.kysely, { ...base, draftId }),
    renewalLink: (enrollmentId, slot) =>
      openRenewal(deps.db, { ...base, enrollmentId, slot, ttlDays: deps.draftTtlDays }),
    readFile: (key) => buffer(deps.files.read(key)),
  };
}

import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients, as the server saw them. */
  to: string[];
  parsed: ParsedMail;
  raw: Buffer;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives. `mode` decides what it does
 * with a message: accept it, refuse it with a 5xx, or take it all and never answer (a server
 * that hangs mid-send).
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Messages taken in `stall` mode, never answered. */
  readonly stalled: Buffer[] = [];
  mode: 'accept' | 'refuse' | 'stall' = 'accept';
  private server: SMTPServer;
  private waiters: (() => void)[] = [];

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          if (this.mode === 'stall') {
            this.stalled.push(raw);
            this.notify();
            return;
          }
          if (this.mode === 'refuse') {
            const error = Object.assign(new Error('5.7.1 Relaying denied for this test'), { responseCode: 554 });
            callback(error);
            return;
          }
          simpleParser(raw).then(
            (parsed) => {
              this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed, raw });
              callback();
              this.notify();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
  }

  /** Listens on 127.0.0.1 (port 0 picks a free one) and returns the SMTP_URL for it. */
  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves once `predicate` holds for what arrived (checked after every message). */
  async waitFor(predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out: ${this.received.length} received`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  /** Messages sent to `address` (envelope). */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address.toLowerCase()) || m.to.includes(address));
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

/** A port nothing listens on: SMTP "down". */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The real app (buildApp over a fresh SQLite data folder) listening on a free loopback port,
 * serving the built client, for a browser to talk to.
 */
import { startTestApp, type TestApp } from '../../support/app-harness.js';
import { ensureClientBuilt } from './client-build.js';

export interface WizardServer {
  url: string;
  testApp: TestApp;
  close(): Promise<void>;
}

/** `env` adds settings on top of the harness's defaults (an SMTP server, a program name, …). */
export async function startWizardServer(env: Record<string, string> = {}): Promise<WizardServer> {
  await ensureClientBuilt();
  const testApp = await startTestApp('sqlite', env);
  const url = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  return { url, testApp, close: () => testApp.close() };
}

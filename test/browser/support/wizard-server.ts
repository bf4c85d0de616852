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

export async function startWizardServer(): Promise<WizardServer> {
  await ensureClientBuilt();
  const testApp = await startTestApp('sqlite');
  const url = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  return { url, testApp, close: () => testApp.close() };
}

import type { FastifyInstance } from 'fastify';

/** Every route as Fastify itself prints them (independent of what the app records). */
export function printedRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] as string).length / 4;
    stack.length = depth;
    stack.push(match[2] as string);
    for (const method of match[3]?.split(', ') ?? []) routes.push({ method, url: stack.join('') });
  }
  return routes;
}

/** Fills an admin route's parameters with values that exist where it matters and look plausible elsewhere. */
export function concreteAdminUrl(url: string, ids: { enrollment: string }): string {
  return url
    .replace(':id', ids.enrollment)
    .replace(':taskKey', 'mileage_form')
    .replace(':jobId', 'no-such-job')
    .replace(':name', 'no-such-backup');
}

import type { FastifyInstance } from 'fastify';
import { assertNoNulCharacter } from '../domain/text/nul-characters.js';

/**
 * Refuses a NUL character in any route parameter, query value or JSON body before a handler
 * runs, so no route can hand one to PostgreSQL (which cannot store it) and answer a 500.
 * Multipart parts are read by the routes themselves and checked where they are parsed.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    assertNoNulCharacter(request.params);
    assertNoNulCharacter(request.query);
    if (!request.isMultipart()) assertNoNulCharacter(request.body);
  });
}

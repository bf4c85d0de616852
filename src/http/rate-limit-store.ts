import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { countRequest, forgetEndedWindows, readRequestCount } from '../domain/limits/request-counts.js';
import type { Db } from '../storage/db.js';

interface RouteInfo {
  method?: string | string[];
  url?: string;
  path?: string;
}
type RouteParams = RouteInfo & { routeInfo?: RouteInfo };

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Ended windows are removed once every this many counted requests. */
const PRUNE_EVERY = 1_000;

/**
 * Fixed-window request counts per route and key, kept in the database for @fastify/rate-limit,
 * so that every instance behind a load balancer counts into the same windows and a limit holds
 * for the whole cluster rather than once per instance. Each call answers with the count as it
 * stood right after its own increment (one upsert with RETURNING), so in a burst exactly the
 * allowed number of requests get through.
 */
export function databaseRateLimitStore(db: Db, now: () => Date): FastifyRateLimitStoreCtor {
  let counted = 0;
  const prune = (at: Date) => {
    counted += 1;
    if (counted % PRUNE_EVERY === 0) void forgetEndedWindows(db, at).catch(() => undefined);
  };
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options?: FastifyRateLimitOptions,
      private readonly scope = 'global',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      const at = now();
      countRequest(db, `${this.scope}|${key}`, at, timeWindow).then(
        (count) => {
          prune(at);
          callback(null, { current: count.hits, ttl: Math.max(0, Date.parse(count.windowEndsAt) - at.getTime()) });
        },
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: Callback): void {
      const at = now();
      readRequestCount(db, `${this.scope}|${key}`, at).then(
        (count) =>
          callback(
            null,
            count
              ? { current: count.hits, ttl: Math.max(0, Date.parse(count.windowEndsAt) - at.getTime()) }
              : { current: 0, ttl: 0 },
          ),
        (error: Error) => callback(error),
      );
    }

    /** Each route counts on its own (as with the plugin's default store), named by method and URL. */
    child(params: RouteParams): FastifyRateLimitStore {
      // The plugin passes the route's merged limit settings, the route itself under `routeInfo`.
      const route = params.routeInfo ?? params;
      const method = Array.isArray(route.method) ? route.method.join(',') : route.method;
      return new DatabaseRateLimitStore(undefined, `${method ?? ''} ${route.url ?? route.path ?? ''}`);
    }
  }
  return DatabaseRateLimitStore;
}

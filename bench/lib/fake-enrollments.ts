/**
 * Plausible, varied enrollment data from a seeded generator, so two runs search the same data
 * and their timings compare. Every VIN carries a correct check digit and a model-year code that
 * matches its year: the server refuses anything else, and a search benchmark over data the
 * product could never contain would measure the wrong thing.
 */
import { INDUSTRIES, type Industry } from '../../src/shared/enrollment.schema.js';
import { US_STATES } from '../../src/shared/us-states.js';
import { checkVin, computeCheckDigit, modelYearsForVin } from '../../src/shared/vin.js';

export type Random = () => number;

/** mulberry32: tiny, fast and good enough for test data. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

export function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

const FIRST_NAMES = (
  'James Maria Robert Łukasz Jennifer Michael Linda José Patricia David Barbara William Elizabeth ' +
  'Richard Susan Nguyễn Jessica Thomas Sarah Chen Karen Daniel Nancy Matthew Lisa Anthony Betty Mark ' +
  'Zoë Andrés Sandra Steven Ashley Paul Kimberly Andrew Emily Joshua Renée Kevin'
).split(' ');

const LAST_NAMES = (
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernández Lopez Gonzalez ' +
  'Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Pérez Thompson White Harris Sánchez Clark ' +
  'Ramírez Lewis Robinson O’Connor Walker Young Allen Nuñez Kowalski Wright Scott Torres Nguyen Hill ' +
  'Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell'
).split(' ');

/** World manufacturer identifiers with a model each makes, so VIN, make and model agree. */
const VEHICLES = [
  { wmi: '1HG', make: 'Honda', models: ['Accord', 'Civic'] },
  { wmi: '1FT', make: 'Ford', models: ['F-150', 'Transit', 'Ranger'] },
  { wmi: '1GC', make: 'Chevrolet', models: ['Silverado', 'Colorado'] },
  { wmi: '3VW', make: 'Volkswagen', models: ['Jetta', 'Golf'] },
  { wmi: 'JTD', make: 'Toyota', models: ['Corolla', 'Prius'] },
  { wmi: '2T3', make: 'Toyota', models: ['RAV4'] },
  { wmi: '5YJ', make: 'Tesla', models: ['Model 3', 'Model Y'] },
  { wmi: 'KNA', make: 'Kia', models: ['Soul', 'Sportage'] },
  { wmi: '1C6', make: 'Ram', models: ['1500', 'ProMaster'] },
  { wmi: '1N4', make: 'Nissan', models: ['Altima', 'Sentra'] },
] as const;

const COLORS = ['White', 'Black', 'Silver', 'Gray', 'Red', 'Blue', 'Green', 'Tan'];
const INSURERS = ['Acme Mutual', 'State Farm', 'Progressive', 'GEICO', 'Allstate', 'Liberty Mutual'];
const VIN_CHARACTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
// The model-year table of ISO 3779 (the same one src/domain/vin uses; a generated VIN is
// checked against it below, so a mismatch would fail loudly).
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';

export interface FakeVehicle {
  vin: string;
  year: number;
  make: string;
  model: string;
  color: string;
  plate: string;
}

export function fakeVehicle(random: Random, maxYear: number): FakeVehicle {
  const maker = pick(random, VEHICLES);
  const year = intBetween(random, Math.max(2005, maxYear - 20), maxYear);
  const chars = (count: number) => Array.from({ length: count }, () => pick(random, [...VIN_CHARACTERS])).join('');
  const digits = (count: number) => Array.from({ length: count }, () => intBetween(random, 0, 9)).join('');
  // Position 7 follows the North-American convention (a letter from 2010 on) for realism.
  const restraint = year >= 2010 ? pick(random, [...'ABCDEFGH']) : String(intBetween(random, 1, 9));
  const draft = `${maker.wmi}${chars(3)}${restraint}${chars(1)}0${YEAR_CODES[(year - 1980) % 30]}${chars(1)}${digits(6)}`;
  const vin = `${draft.slice(0, 8)}${computeCheckDigit(draft)}${draft.slice(9)}`;
  if (!checkVin(vin).ok || !modelYearsForVin(vin).includes(year))
    throw new Error(`generated an invalid VIN for ${year}`);
  return {
    vin,
    year,
    make: maker.make,
    model: pick(random, maker.models),
    color: pick(random, COLORS),
    plate: `${chars(3)} ${intBetween(random, 100, 9999)}`,
  };
}

export interface FakeTechnician {
  techId: string;
  fullName: string;
  email: string;
  phone: string;
  state: string;
  district: string;
  industries: Industry[];
  insuranceProvider: string;
  insurancePolicyNumber: string;
}

/** `index` makes the tech ID unique; everything else is drawn from `random`. */
export function fakeTechnician(random: Random, index: number): FakeTechnician {
  const first = pick(random, FIRST_NAMES);
  const last = pick(random, LAST_NAMES);
  const state = pick(random, US_STATES).code;
  const ascii = (text: string) => text.normalize('NFD').replace(/[^A-Za-z]/g, '');
  return {
    techId: `${state}-${String(index).padStart(6, '0')}`,
    fullName: `${first} ${last}`,
    email: `${ascii(first)}.${ascii(last)}${index}@example.com`.toLowerCase(),
    phone: `+1 (${intBetween(random, 201, 989)}) 555-${String(intBetween(random, 0, 9999)).padStart(4, '0')}`,
    state,
    district: String(intBetween(random, 1000, 9999)),
    industries: INDUSTRIES.filter(() => random() < 0.3),
    insuranceProvider: pick(random, INSURERS),
    insurancePolicyNumber: `PN-${intBetween(random, 100000, 999999)}`,
  };
}

/** A YYYY-MM-DD date `days` after `from` (negative: before). */
export function isoDateAfter(from: Date, days: number): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A fragment held by thousands of enrollments is answered by walking the list in its order (the
 * index is only asked how common it is), a rare one from the index's matches: on both engines, both
 * must give exactly the rows, order, filters and counts a plain scan would.
 */
import { expect, it } from 'vitest';
import { foldForSearch } from '../../src/domain/enrollment/search-text.js';
import type { NewEnrollmentRow } from '../../src/storage/database.js';
import type { Db } from '../../src/storage/db.js';
import {
  COUNT_LIMIT,
  type EnrollmentFilter,
  iterateEnrollments,
  searchEnrollments,
} from '../../src/storage/repositories/enrollment-list.repository.js';
import { planSearch } from '../../src/storage/repositories/enrollment-search.js';
import { createFixture, withRuntime } from '../backup/support.js';
import { describeEachEngine } from '../support/engines.js';
import { enrollmentRow } from '../support/enrollment-row.js';

/** More than the "common" bound of enrollment-search.ts (2,000). */
const COMMON = 2_400;

describeEachEngine('search for a common fragment', (engine) => {
  it('gives the rows, order and counts of a plain scan, common or rare, with filters', {
    timeout: 120_000,
  }, async () => {
    const fixture = await createFixture(engine);
    try {
      await withRuntime(fixture, async ({ db }) => {
        const rows = seedRows();
        for (let at = 0; at < rows.length; at += 500) {
          await db.kysely
            .insertInto('enrollments')
            .values(rows.slice(at, at + 500))
            .execute();
        }
        if (engine === 'sqlite') {
          // PostgreSQL decides from the count; SQLite asks its index up front.
          expect((await planSearch(db.kysely, 'garc')).common).toBe(true);
          expect((await planSearch(db.kysely, 'zzyzx')).common).toBe(false);
        }
        const cases: [string, EnrollmentFilter][] = [
          ['garc', {}],
          ['garc', { excludedStatuses: ['superseded'] }],
          ['garc', { deleted: true }],
          ['garc', { state: 'NM' }],
          ['zzyzx', {}],
          ['zzyzx', { deleted: true }],
        ];
        for (const [term, filter] of cases) await expectLikeAPlainScan(db, rows, term, filter);
      });
    } finally {
      await fixture.dispose();
    }
  });
});

/** Garcías in every row but a few, every seventh superseded, some deleted, a few in New Mexico, five rare names. */
function seedRows(): NewEnrollmentRow[] {
  const start = Date.parse('2026-01-01T00:00:00Z');
  return Array.from({ length: COMMON + 100 }, (_, i) => {
    const at = new Date(start + i * 60_000).toISOString();
    const name = i % 500 === 7 ? `Zzyzx Garza ${i}` : i % 25 === 3 ? `Other Person ${i}` : `Ana García ${i}`;
    return enrollmentRow(name, {
      created_at: at,
      updated_at: at,
      status: i % 7 === 0 ? 'superseded' : 'pending',
      state: i % 97 === 0 ? 'NM' : 'TX',
      ...(i % 300 === 11 ? { deleted_at: at } : {}),
    });
  });
}

async function expectLikeAPlainScan(db: Db, rows: NewEnrollmentRow[], term: string, filter: EnrollmentFilter) {
  const expected = rows
    .filter((row) => (row.search_text ?? '').includes(foldForSearch(term)))
    .filter((row) => (filter.deleted ? row.deleted_at != null : row.deleted_at == null))
    .filter((row) => !filter.excludedStatuses?.includes(row.status))
    .filter((row) => !filter.state || row.state === filter.state)
    .sort((a, b) => (b.created_at as string).localeCompare(a.created_at as string))
    .map((row) => row.id);
  const label = `${term} ${JSON.stringify(filter)}`;
  const order = { sort: 'created_at', order: 'desc' } as const;
  const query = { ...filter, ...order, search: foldForSearch(term) };
  for (const offset of [0, 50]) {
    const page = await searchEnrollments(db.kysely, { ...query, limit: 25, offset });
    expect(
      page.rows.map((row) => row.id),
      label,
    ).toEqual(expected.slice(offset, offset + 25));
    expect({ total: page.total, exact: page.totalExact }, label).toEqual({
      total: Math.min(expected.length, COUNT_LIMIT),
      exact: expected.length <= COUNT_LIMIT,
    });
  }
  const everyMatch: string[] = [];
  for await (const batch of iterateEnrollments(db.kysely, query, 500)) everyMatch.push(...batch.map((row) => row.id));
  expect(everyMatch, label).toEqual(expected);
}

import { describe, expect, it } from 'vitest';
import { addDays, assessCompliance, type ComplianceInput } from './compliance.js';

const today = '2026-03-10';
const valid: ComplianceInput = {
  status: 'approved',
  insuranceExpiration: '2027-01-01',
  registrationExpiration: '2027-01-01',
  checklist: { done: 6, total: 6 },
};
const judge = (change: Partial<ComplianceInput>) => assessCompliance({ ...valid, ...change }, today);

describe('compliance', () => {
  it('is green when approved, with the checklist done and documents valid beyond 30 days', () => {
    expect(judge({})).toBe('green');
    expect(judge({ insuranceExpiration: addDays(today, 31) })).toBe('green');
  });

  it('is red when a document has expired or the enrollment was rejected', () => {
    expect(judge({ insuranceExpiration: '2026-03-09' })).toBe('red');
    expect(judge({ registrationExpiration: '2025-12-31', status: 'pending' })).toBe('red');
    expect(judge({ status: 'rejected' })).toBe('red');
  });

  it('is yellow for documents expiring within 30 days (today counts as valid)', () => {
    expect(judge({ insuranceExpiration: today })).toBe('yellow');
    expect(judge({ registrationExpiration: addDays(today, 30) })).toBe('yellow');
  });

  it('is yellow while awaiting a decision or with an unfinished checklist after approval', () => {
    expect(judge({ status: 'pending' })).toBe('yellow');
    expect(judge({ status: 'changes_requested' })).toBe('yellow');
    expect(judge({ checklist: { done: 5, total: 6 } })).toBe('yellow');
    expect(judge({ status: 'superseded', checklist: { done: 0, total: 6 } })).toBe('green');
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-12-25', 10)).toBe('2027-01-04');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

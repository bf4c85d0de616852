/** Where a use case reports what the operator should see (a damaged file): the request's logger. */
export interface WarnLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

/**
 * Record-by-record validation. One bad record must not hide the good ones in a list, and a zod issue is
 * reduced to {path, message} (no input values: they can hold shopper data).
 */
import type * as z from 'zod';
import type { SchemaIssue } from './errors.js';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; id: string | null; issues: SchemaIssue[] };

export function parseRecord<T>(schema: z.ZodType<T>, raw: unknown): ParseResult<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, id: readRecordId(raw), issues: toSchemaIssues(result.error) };
}

export function toSchemaIssues(error: z.ZodError): SchemaIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((segment) => String(segment)).join('.'),
    message: issue.message,
  }));
}

/** The record's `id` as text, if it has a usable one (a malformed record may carry it as a string). */
export function readRecordId(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return null;
  const id = raw.id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  if (typeof id === 'string' && id.length > 0 && id.length <= 64) return id;
  return null;
}

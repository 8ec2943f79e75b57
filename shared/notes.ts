import * as z from 'zod/mini';

export const NOTE_MAX_LENGTH = 2000;

export const NoteRequest = z.object({ text: z.string() });
export type NoteRequest = z.infer<typeof NoteRequest>;

/** queued: accepted and durable, not yet in BigCommerce. written: verified in staff_notes. failed: cannot be written (see errorCode). */
export const NoteStatus = z.enum(['queued', 'written', 'failed']);
export type NoteStatus = z.infer<typeof NoteStatus>;

export const NoteResponse = z.object({
  ref: z.string(),
  orderId: z.number(),
  status: NoteStatus,
  text: z.string(),
  ticket: z.string(),
  agent: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  writtenAt: z.nullable(z.iso.datetime({ offset: true })),
  attempts: z.number(),
  errorCode: z.nullable(z.string()),
});
export type NoteResponse = z.infer<typeof NoteResponse>;

import * as z from 'zod';
import { REASON_MAX_LENGTH, REASON_MIN_LENGTH } from '../../../shared/status-change.js';
import { AppError } from '../core/app-error.js';
import { countNoteCharacters, hasControlCharacters, normalizeText } from '../notes/index.js';

/** What an agent asks for, validated: the reason is stored and written exactly as returned here. */
export interface StatusChangeInput {
  statusId: number;
  expectedStatusId: number;
  reason: string;
}

const statusId = z.number().int().min(0).max(1_000);
// The shared DTO says what the widget sends; here the same shape with the bounds the BFF enforces.
const Body = z.object({ statusId, expectedStatusId: statusId, reason: z.string() });

/**
 * The request body of POST /orders/:orderId/status. Wrong types are `invalid_request`; a reason that is too
 * short, too long or holds control characters is `invalid_reason`. Counted in code points, like notes.
 */
export function parseStatusChange(body: unknown): StatusChangeInput {
  const parsed = Body.safeParse(body);
  if (!parsed.success) {
    throw new AppError('invalid_request', {
      message:
        'Send {"statusId": <id>, "expectedStatusId": <id>, "reason": "…"} with whole-number status ids.',
    });
  }
  const reason = normalizeText(parsed.data.reason);
  const length = countNoteCharacters(reason);
  if (length < REASON_MIN_LENGTH || length > REASON_MAX_LENGTH) {
    throw new AppError('invalid_reason', {
      message: `The reason has ${length} characters; give ${REASON_MIN_LENGTH} to ${REASON_MAX_LENGTH}.`,
    });
  }
  if (hasControlCharacters(reason)) {
    throw new AppError('invalid_reason', {
      message: 'The reason contains control characters; only line breaks and tabs are allowed.',
    });
  }
  return { statusId: parsed.data.statusId, expectedStatusId: parsed.data.expectedStatusId, reason };
}

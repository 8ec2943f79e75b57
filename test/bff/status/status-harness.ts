/**
 * The status room over HTTP: the notes harness (the product against the sandbox on loopback, a SQLite file,
 * a virtual clock, the notes worker driven by the test) with the status room installed after the notes room,
 * a single store whose market allows cancelling from Awaiting Fulfillment/Shipment, and helpers to post a
 * status change and to read what the sandbox saw.
 */
import type { StatusRoom } from '../../../bff/src/wiring/index.js';
import { createStatusExtension } from '../../../bff/src/wiring/index.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import {
  startNotesHarness,
  STORE_HASH,
  type NotesHarness,
  type NotesHarnessOptions,
} from '../notes/notes-harness.js';

export const personas = SANDBOX_PERSONAS.sbx1eu;
export const AWAITING_FULFILLMENT = 11;
export const AWAITING_SHIPMENT = 9;
export const CANCELLED = 5;
export const COMPLETED = 10;

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

export interface StatusHarness extends NotesHarness {
  /** The status room of the running app (a new one after restart()). */
  room(): StatusRoom;
  /** A session of the registered persona's agent; `scope` defaults to reading, notes and status changes. */
  agentSession(ticket: string, scope?: string, agent?: string): Promise<string>;
  postStatus(session: string, orderId: number | string, body: unknown, key?: string): Promise<Reply>;
  /** A fresh order of the registered persona in `statusId` (the sandbox's mutation API, like a shopper checking out). */
  newOrder(statusId?: number): number;
  /** PUTs the sandbox received for an order, as their field lists ("status_id", "staff_notes"). */
  putsFor(orderId: number): string[][];
  staffNotes(orderId: number): string;
  statusOf(orderId: number): number | undefined;
}

export interface StatusHarnessOptions extends NotesHarnessOptions {
  /** STATUS_CHANGES for the single store's market; default: cancel from 11 or 9. */
  statusChanges?: unknown;
  /** WRITE_BACK_TICKET_EVENTS; default "ticket.closed". */
  writeBack?: string;
}

export async function startStatusHarness(options: StatusHarnessOptions = {}): Promise<StatusHarness> {
  let room: StatusRoom | undefined;
  const notes = await startNotesHarness({
    ...options,
    env: {
      STATUS_CHANGES: JSON.stringify(
        options.statusChanges ?? [{ from: [AWAITING_FULFILLMENT, AWAITING_SHIPMENT], to: CANCELLED }],
      ),
      WRITE_BACK_TICKET_EVENTS: options.writeBack ?? 'ticket.closed',
      ...options.env,
    },
    after: [
      ...(options.after ?? []),
      createStatusExtension({ sweepIntervalMs: 0, onReady: (created) => (room = created) }),
    ],
  });
  const store = () => notes.sandbox.store(STORE_HASH);
  return Object.assign(notes, {
    room() {
      if (!room) throw new Error('the status room did not start');
      return room;
    },
    agentSession(
      ticket: string,
      scope = 'orders:read notes:write links:write orders:write',
      agent = 'alice',
    ) {
      return notes.openSession({
        agent,
        ticket,
        customer: String(personas.registered.customerId),
        scope,
      });
    },
    async postStatus(session: string, orderId: number | string, body: unknown, key?: string) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        authorization: `Bearer ${session}`,
      };
      if (key !== undefined) headers['idempotency-key'] = key;
      const response = await fetch(`${notes.app.url}/api/v1/orders/${orderId}/status`, {
        method: 'POST',
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    newOrder(statusId = AWAITING_FULFILLMENT) {
      return store().mutate.createOrder({ customerId: personas.registered.customerId, statusId }).id;
    },
    putsFor(orderId: number) {
      return notes.sandbox.requests
        .filter((request) => request.method === 'PUT' && request.path === `/v2/orders/${orderId}`)
        .map((request) => request.fields ?? []);
    },
    staffNotes(orderId: number) {
      return store().data.getOrder(orderId)?.staff_notes ?? '';
    },
    statusOf(orderId: number) {
      return store().data.getOrder(orderId)?.status_id;
    },
  });
}

/** How often a line appears in a text. */
export function countLines(text: string, line: string): number {
  return text.split(/\r?\n/).filter((candidate) => candidate === line).length;
}

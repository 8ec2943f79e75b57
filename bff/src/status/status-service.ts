import { randomInt } from 'node:crypto';
import type { OrderStatus } from '../../../shared/common.js';
import { allowedTargets, type StatusChangeResponse } from '../../../shared/status-change.js';
import type { StatusTransition } from '../../../shared/status.js';
import {
  BigCommerceError,
  BigCommerceSchemaError,
  type BcOrder,
  type BigCommerceClient,
  type CallOptions,
} from '../bigcommerce/index.js';
import { cacheKeys, type Cache } from '../cache/index.js';
import { toOrderStatus, toOrderSummary } from '../context/index.js';
import { AppError } from '../core/app-error.js';
import { createDeadline } from '../core/deadline.js';
import type { Logger } from '../core/logger.js';
import { orderLockKey, type NoteService, type OrderLease, type OrderLock } from '../notes/index.js';
import type { OrderIndexRepo, OwnWriteRepo, StatusChangeRecord, StatusChangeRepo } from '../store/index.js';
import { toIndexedOrder } from '../sync/index-record.js';
import { formatStatusAudit } from './audit-text.js';
import {
  readKeptAnswer,
  refusal,
  toRefusalError,
  type KeptAnswer,
  type LandedChange,
  type Refusal,
} from './status-answer.js';
import type { StatusCatalog } from './status-catalog.js';
import type { StatusChangeInput } from './status-input.js';

export interface StatusChangeSubmission extends StatusChangeInput {
  storeKey: string;
  /** The session's market: its id and the transitions it allows. */
  market: { id: string; statusChanges: readonly StatusTransition[] };
  orderId: number;
  ticket: string;
  agent: string;
  idempotencyKey: string;
  correlationId: string;
}

export interface StatusServiceDeps {
  repo: StatusChangeRepo;
  ownWrites: Pick<OwnWriteRepo, 'remember'>;
  orderIndex: Pick<OrderIndexRepo, 'upsertOrders'>;
  clientFor: (storeKey: string) => Pick<BigCommerceClient, 'getOrder' | 'updateOrderStatus'>;
  cache: Pick<Cache, 'invalidate' | 'invalidatePrefix'>;
  /** The one per-order lock every writer to an order shares (notes too). */
  lock: OrderLock;
  /** The audit entry goes through the notes outbox: written to staff_notes exactly once. */
  notes: Pick<NoteService, 'submitNote'>;
  catalog: Pick<StatusCatalog, 'describe'>;
  logger: Logger;
  now: () => number;
  /** How long the locked part (wait for the lock, read, PUT, read back) may take before the answer is 504. */
  requestBudgetMs: number;
  newRef?: () => string;
}

export interface StatusService {
  /**
   * DESIGN §11: changes the order's status once, only from the status the agent saw and only along a
   * transition the market allows, then audits it. A replay of the key answers as the first request did;
   * after a 5xx (nothing kept) it reads the order and finishes the job, never sending a second PUT for a
   * change that landed. `ensureOrderVisible` (ownership) runs for a key not seen before.
   */
  changeStatus(
    submission: StatusChangeSubmission,
    ensureOrderVisible?: () => Promise<void>,
  ): Promise<StatusChangeResponse>;
  /** Finishes the audit of changes that landed but were not audited (a crash, a deadline); how many. */
  finishLanded(olderThanMs: number): Promise<number>;
}

const REF_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function createStatusRef(): string {
  let ref = 'sc-';
  for (let i = 0; i < 16; i += 1) ref += REF_ALPHABET[randomInt(REF_ALPHABET.length)];
  return ref;
}

export function isTransitionAllowed(
  transitions: readonly StatusTransition[],
  from: number,
  to: number,
): boolean {
  return allowedTargets(transitions, from).includes(to);
}

function statusOf(order: BcOrder): OrderStatus {
  return toOrderStatus(order.statusId, order.status, order.customStatus);
}

/** Whether a failed PUT may nevertheless have been applied: then the order is read before anything else. */
function mayHaveLanded(error: unknown): boolean {
  // The write landed; only the echoed order was unreadable.
  if (error instanceof BigCommerceSchemaError) return true;
  return error instanceof BigCommerceError && error.outcomeUnknown;
}

/** The work's result, or the deadline's error when it fires first (the work then ends on its own). */
function untilDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function createStatusService(deps: StatusServiceDeps): StatusService {
  const newRef = deps.newRef ?? createStatusRef;
  const logger = deps.logger.child({ room: 'status' });

  function logFor(record: StatusChangeRecord): Logger {
    return logger.child({
      correlationId: record.correlationId,
      storeKey: record.storeKey,
      ref: record.ref,
      orderId: record.orderId,
    });
  }

  function isSameRequest(record: StatusChangeRecord, submission: StatusChangeSubmission): boolean {
    return (
      record.storeKey === submission.storeKey &&
      record.orderId === submission.orderId &&
      record.statusId === submission.statusId &&
      record.expectedStatusId === submission.expectedStatusId &&
      record.reason === submission.reason
    );
  }

  async function refuse(record: StatusChangeRecord, answer: Refusal): Promise<Refusal> {
    await deps.repo.markRefused(record.ref, answer, deps.now());
    logFor(record).info(
      { code: answer.code, currentStatusId: answer.currentStatus?.id },
      'status change refused',
    );
    return answer;
  }

  /**
   * The change is in BigCommerce: remember our write (its webhook echo is not a change), drop what the cache
   * and the index knew about the order, and keep the answer. Everything here may run twice (a replay after
   * a crash); each step is idempotent.
   */
  async function land(
    record: StatusChangeRecord,
    before: BcOrder | null,
    after: BcOrder,
    call: CallOptions,
  ): Promise<LandedChange> {
    const at = deps.now();
    const previousStatus = before
      ? statusOf(before)
      : await deps.catalog.describe(record.storeKey, record.expectedStatusId, call);
    const summary = toOrderSummary(after);
    const landed: LandedChange = {
      kind: 'landed',
      response: {
        orderId: record.orderId,
        status: summary.status,
        previousStatus,
        changedAt: new Date(at).toISOString(),
        ticket: record.ticket,
        agent: record.agent,
        reason: record.reason,
      },
      customerId: after.customerId,
      email: after.billingAddress.email,
      summary,
    };
    if (after.dateModified !== null) {
      await deps.ownWrites.remember(record.storeKey, record.orderId, Date.parse(after.dateModified), at);
    }
    forgetOrder(record, after);
    await deps.orderIndex.upsertOrders([toIndexedOrder(record.storeKey, after)], at);
    await deps.repo.markLanded(record.ref, landed, at);
    logFor(record).info(
      { from: previousStatus.id, to: summary.status.id, agent: record.agent, ticket: record.ticket },
      'order status changed',
    );
    return landed;
  }

  /** Every cached view that shows the order's status: its detail and header, its owner, its shopper's lists. */
  function forgetOrder(record: StatusChangeRecord, order: BcOrder): void {
    const { storeKey, orderId, ticket } = record;
    deps.cache.invalidatePrefix(cacheKeys.orderPrefix(storeKey, orderId));
    deps.cache.invalidate(cacheKeys.orderOwner(storeKey, orderId));
    const email = order.billingAddress.email.trim();
    if (order.customerId > 0) {
      deps.cache.invalidatePrefix(cacheKeys.orderPagesPrefix(storeKey, { customerId: order.customerId }));
    }
    if (email !== '') deps.cache.invalidatePrefix(cacheKeys.orderPagesPrefix(storeKey, { email }));
    // The ticket's own assembled views list the order with its old status.
    deps.cache.invalidatePrefix(cacheKeys.ticketPrefix(storeKey, ticket));
  }

  /** One PUT. When its outcome is unknown, one read decides whether it landed; it is never sent again here. */
  async function putOnce(
    client: ReturnType<StatusServiceDeps['clientFor']>,
    record: StatusChangeRecord,
    call: CallOptions,
  ): Promise<BcOrder> {
    try {
      return await client.updateOrderStatus(record.orderId, record.statusId, call);
    } catch (error) {
      if (!mayHaveLanded(error)) throw error;
      const back = await client.getOrder(record.orderId, call);
      if (back !== null && back.statusId === record.statusId) return back;
      throw error;
    }
  }

  /** Under the order's lock: a fresh read, the checks, at most one PUT. Returns the answer it kept. */
  async function runLocked(
    ref: string,
    market: StatusChangeSubmission['market'],
    signal: AbortSignal,
    lease: OrderLease,
  ): Promise<KeptAnswer> {
    // Waited for the lock past the request's deadline: the request has been answered; do nothing.
    if (signal.aborted) throw signal.reason as Error;
    const record = await deps.repo.findByRef(ref);
    if (!record) throw new Error(`status change ${ref} vanished`);
    // A concurrent replay finished it while this one waited for the lock.
    const kept = readKeptAnswer(record.answer);
    if (kept) return kept;

    const client = deps.clientFor(record.storeKey);
    const call: CallOptions = { signal, correlationId: record.correlationId };
    const order = await client.getOrder(record.orderId, call);
    if (order === null) return refuse(record, refusal('order_not_found'));
    // Our earlier PUT landed although its answer was lost: finish the job, do not write again.
    if (record.putAt !== null && order.statusId === record.statusId) return land(record, null, order, call);
    if (order.statusId !== record.expectedStatusId) {
      return refuse(record, refusal('order_changed', statusOf(order)));
    }
    if (!isTransitionAllowed(market.statusChanges, order.statusId, record.statusId)) {
      return refuse(record, refusal('transition_not_allowed'));
    }
    // The fencing check, right before the PUT: a shared lock that expired under us and went to another instance
    // refuses here (503 writes_unavailable, nothing sent); a replay then runs again under a fresh lock.
    await lease.assertCurrent();
    // Before the PUT: from here on, a replay must read before it writes (the PUT may land unseen).
    await deps.repo.markPutSent(record.ref, deps.now());
    const after = await putOnce(client, record, call);
    return land(record, order, after, call);
  }

  /**
   * The audit of a landed change: the staff-notes entry through the notes outbox (exactly once: its key is the
   * change's), then the ticket event and the feed's change together with "done". When the outbox itself fails
   * the change stays landed, and a replay or finishLanded tries again.
   */
  async function audit(record: StatusChangeRecord, landed: LandedChange): Promise<void> {
    const { response } = landed;
    const log = logFor(record);
    try {
      await deps.notes.submitNote({
        storeKey: record.storeKey,
        orderId: record.orderId,
        ticket: record.ticket,
        agent: record.agent,
        text: formatStatusAudit(response.previousStatus, response.status, record.reason),
        idempotencyKey: `status:${record.ref}`,
        correlationId: record.correlationId,
      });
    } catch (error) {
      if (!(error instanceof AppError)) {
        log.error({ err: error }, 'status change landed, its audit entry could not be queued yet');
        return;
      }
      // The note failed for good (staff notes full, order gone): the notes room recorded why; the change stands.
      log.warn({ code: error.code }, 'status change landed, its staff-notes entry cannot be written');
    }
    const at = deps.now();
    await deps.repo.complete(record.ref, at, {
      event: {
        ticket: record.ticket,
        orderId: record.orderId,
        agent: record.agent,
        type: 'status.changed',
        status: 'changed',
        correlationId: record.correlationId,
        at,
      },
      change: {
        storeKey: record.storeKey,
        orderId: record.orderId,
        kind: 'order.status_changed',
        source: 'status',
        customerId: landed.customerId,
        email: landed.email,
        statusId: response.status.id,
        previousStatusId: response.previousStatus.id,
        detail: {
          summary: landed.summary,
          ticket: record.ticket,
          agent: record.agent,
          reason: record.reason,
        },
        at: Date.parse(response.changedAt),
      },
    });
  }

  async function run(record: StatusChangeRecord, submission: StatusChangeSubmission) {
    const deadline = createDeadline(deps.requestBudgetMs);
    const work = deps.lock.run(orderLockKey(record.storeKey, record.orderId), (lease) =>
      runLocked(record.ref, submission.market, deadline, lease),
    );
    const kept = await untilDeadline(work, deadline);
    if (kept.kind === 'refused') throw toRefusalError(kept);
    await audit(record, kept);
    return kept.response;
  }

  async function replay(record: StatusChangeRecord, submission: StatusChangeSubmission) {
    if (!isSameRequest(record, submission)) {
      throw new AppError('idempotency_key_reused', {
        message: 'This Idempotency-Key was already used for a different status change.',
        details: { ref: record.ref },
      });
    }
    const kept = readKeptAnswer(record.answer);
    if (kept?.kind === 'refused') throw toRefusalError(kept);
    if (kept?.kind === 'landed') {
      // Completing is idempotent: a change already audited records nothing twice.
      if (record.state === 'landed') await audit(record, kept);
      return kept.response;
    }
    // No answer was kept (the first request ended in a 5xx): read the order and finish the job.
    return run(record, submission);
  }

  return {
    async changeStatus(submission, ensureOrderVisible) {
      const known = await deps.repo.findByKey(submission.ticket, submission.agent, submission.idempotencyKey);
      if (known) return replay(known, submission);

      // Refused before BigCommerce hears of it: the market's rule for the status the agent saw.
      if (
        !isTransitionAllowed(
          submission.market.statusChanges,
          submission.expectedStatusId,
          submission.statusId,
        )
      ) {
        throw new AppError('transition_not_allowed');
      }
      // The shared lock's service is down: refuse now (503), before the change is recorded.
      await deps.lock.ensureAvailable?.();
      await ensureOrderVisible?.();
      const { record, created } = await deps.repo.insertOrFind({
        ref: newRef(),
        ticket: submission.ticket,
        agent: submission.agent,
        idempotencyKey: submission.idempotencyKey,
        storeKey: submission.storeKey,
        market: submission.market.id,
        orderId: submission.orderId,
        expectedStatusId: submission.expectedStatusId,
        statusId: submission.statusId,
        reason: submission.reason,
        createdAt: deps.now(),
        correlationId: submission.correlationId,
      });
      // A concurrent request with the same key got there first: this one is a replay after all.
      if (!created) return replay(record, submission);
      return run(record, submission);
    },

    async finishLanded(olderThanMs) {
      const stuck = await deps.repo.listLandedBefore(deps.now() - olderThanMs, 50);
      let finished = 0;
      for (const record of stuck) {
        const kept = readKeptAnswer(record.answer);
        if (kept?.kind !== 'landed') continue;
        await audit(record, kept);
        finished += 1;
      }
      return finished;
    },
  };
}

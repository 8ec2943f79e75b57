import { randomUUID } from 'node:crypto';
import type { CallOptions, InvalidRecord } from '../bigcommerce/index.js';
import { createDeadline } from '../core/deadline.js';
import type { ContextDeps, RequestScope } from './context-deps.js';

export interface InvalidRecordSink {
  /** Pass to every BigCommerce call of the load. */
  readonly callOptions: CallOptions;
  /** How many records were skipped so far. */
  count(): number;
  /** The id this load filed its skipped records under, or null while none were skipped. */
  loadId(): string | null;
}

/**
 * The options for one upstream load's BigCommerce calls: its deadline, its correlation id, its invalid records.
 *
 * DESIGN §7 "nothing lost": a record that fails validation is skipped, and an admin can find it in the error
 * log under the correlation id the agent sees. Only ids and zod issues are stored, never record contents.
 *
 * One sink per upstream load. A load's result is shared (single-flight, then the cache), so its records are
 * filed once, under the first caller's correlation id and the load's id; every request that uses the result
 * later files its own correlation id as a ref to the load (see `fileRefs`), so each agent's id finds them.
 */
export function createInvalidRecordSink(
  deps: Pick<ContextDeps, 'errorLog' | 'now' | 'requestBudgetMs'>,
  scope: RequestScope,
): InvalidRecordSink {
  let skipped = 0;
  let loadId: string | null = null;
  const onInvalidRecord = (record: InvalidRecord): void => {
    skipped += 1;
    loadId ??= randomUUID();
    scope.log.warn(
      {
        correlationId: scope.correlationId,
        storeKey: record.storeKey,
        resource: record.resource,
        id: record.id,
      },
      'skipped an invalid BigCommerce record',
    );
    deps.errorLog
      .record({
        correlationId: scope.correlationId,
        storeKey: record.storeKey,
        resource: record.resource,
        recordId: record.id,
        issues: record.issues,
        createdAt: deps.now(),
        loadId,
      })
      .catch((error: unknown) => {
        // A full or locked database must not fail the view the record was skipped to save.
        scope.log.warn({ err: error }, 'could not write the error log');
      });
  };
  return {
    // The load's own deadline, not the first caller's: later callers sharing the load have their own.
    callOptions: {
      signal: createDeadline(deps.requestBudgetMs),
      correlationId: scope.correlationId,
      onInvalidRecord,
    },
    count: () => skipped,
    loadId: () => loadId,
  };
}

/**
 * Files the request's correlation id under the loads (with skipped records) whose results it used. Never
 * fails the request; costs nothing when no record was skipped.
 */
export function fileRefs(
  deps: Pick<ContextDeps, 'errorLog' | 'now'>,
  scope: RequestScope,
  loadIds: Iterable<string | null>,
): void {
  const ids = [...loadIds].filter((id): id is string => id !== null);
  if (ids.length === 0) return;
  deps.errorLog.addRefs(scope.correlationId, ids, deps.now()).catch((error: unknown) => {
    scope.log.warn({ err: error }, 'could not write the error log');
  });
}

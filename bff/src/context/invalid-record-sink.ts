import type { CallOptions, InvalidRecord } from '../bigcommerce/index.js';
import type { ContextDeps, RequestScope } from './context-deps.js';

export interface InvalidRecordSink {
  /** Pass to every BigCommerce call of the request. */
  readonly callOptions: CallOptions;
  /** How many records were skipped so far. */
  count(): number;
}

/**
 * DESIGN §7 "nothing lost": a record that fails validation is skipped, and an admin can find it in the error
 * log under the correlation id the agent sees. Only ids and zod issues are stored, never record contents.
 */
export function createInvalidRecordSink(
  deps: Pick<ContextDeps, 'errorLog' | 'now'>,
  scope: RequestScope,
): InvalidRecordSink {
  let skipped = 0;
  const onInvalidRecord = (record: InvalidRecord): void => {
    skipped += 1;
    scope.log.warn(
      {
        correlationId: scope.correlationId,
        storeKey: record.storeKey,
        resource: record.resource,
        id: record.id,
      },
      'skipped an invalid BigCommerce record',
    );
    try {
      deps.errorLog.record({
        correlationId: scope.correlationId,
        storeKey: record.storeKey,
        resource: record.resource,
        recordId: record.id,
        issues: record.issues,
        createdAt: deps.now(),
      });
    } catch (error) {
      // A full or locked database must not fail the view the record was skipped to save.
      scope.log.warn({ err: error }, 'could not write the error log');
    }
  };
  return {
    callOptions: { signal: scope.signal, correlationId: scope.correlationId, onInvalidRecord },
    count: () => skipped,
  };
}

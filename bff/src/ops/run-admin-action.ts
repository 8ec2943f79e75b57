import type { AdminAction } from '../../../shared/admin.js';
import { AppError, isAppError } from '../core/app-error.js';
import type { Logger } from '../core/logger.js';
import type { ErrorLogRepo } from '../store/index.js';
import { plural } from './describe.js';
import type { OpsActionResult } from './ops-providers.js';
import type { OpsRegistry } from './ops-registry.js';

export interface AdminActionDeps {
  registry: OpsRegistry;
  errorLog: Pick<ErrorLogRepo, 'record'>;
  logger: Logger;
  now: () => number;
}

export interface AdminActionRequest {
  storeKey: string;
  action: AdminAction;
  correlationId: string;
}

export interface AdminActionAnswer extends OpsActionResult {
  at: number;
}

/** The error log's `resource` for an operator action: the console's log shows them next to the failures. */
export const ADMIN_ACTION_RESOURCE = 'admin_action';

function unavailable(what: string, room: string): AppError {
  return new AppError('action_unavailable', {
    message: `${what} needs the ${room} room, which is not running in this deployment.`,
  });
}

async function perform(registry: OpsRegistry, request: AdminActionRequest): Promise<OpsActionResult> {
  const { storeKey, correlationId } = request;
  switch (request.action) {
    case 'run-delta': {
      if (!registry.sync) throw unavailable('Running a delta', 'sync');
      return registry.sync.runDeltaNow(storeKey, { correlationId });
    }
    case 'repair-webhooks': {
      if (!registry.sync) throw unavailable('Repairing webhooks', 'sync');
      return registry.sync.repairWebhooks(storeKey, { correlationId });
    }
    case 'retry-notes': {
      if (!registry.notes) throw unavailable('Retrying notes', 'notes');
      const requeued = await registry.notes.retryFailed(storeKey);
      return {
        outcome: 'done',
        message:
          requeued === 0
            ? 'There were no failed notes to retry.'
            : `${plural(requeued, 'failed note')} queued again; the worker writes ${requeued === 1 ? 'it' : 'them'} now.`,
      };
    }
  }
}

/**
 * Runs an operator action on one store and audits it, whatever happens: the error log (which the console
 * shows, by correlation ID) and the log get one entry per action with its outcome, refusals and failures
 * included.
 */
export function createAdminActions(deps: AdminActionDeps) {
  const logger = deps.logger.child({ room: 'ops' });

  async function audit(request: AdminActionRequest, issues: Record<string, unknown>): Promise<void> {
    try {
      await deps.errorLog.record({
        correlationId: request.correlationId,
        storeKey: request.storeKey,
        resource: ADMIN_ACTION_RESOURCE,
        recordId: request.action,
        issues,
        createdAt: deps.now(),
      });
    } catch (error) {
      // The action happened; a full disk must not turn its answer into a failure. The log line below remains.
      logger.error({ err: error, action: request.action }, 'could not audit an admin action');
    }
  }

  return {
    async run(request: AdminActionRequest): Promise<AdminActionAnswer> {
      if (!deps.registry.storeKeys.includes(request.storeKey)) {
        throw new AppError('not_found', { message: `No store "${request.storeKey}" is configured.` });
      }
      const fields = {
        action: request.action,
        storeKey: request.storeKey,
        correlationId: request.correlationId,
      };
      let result: OpsActionResult;
      try {
        result = await perform(deps.registry, request);
      } catch (error) {
        const code = isAppError(error) ? error.code : 'internal_error';
        const message = error instanceof Error ? error.message : String(error);
        await audit(request, { outcome: isAppError(error) ? 'refused' : 'failed', code, message });
        logger.warn({ ...fields, code }, 'admin action not done');
        throw error;
      }
      await audit(request, { outcome: result.outcome, message: result.message });
      logger.info({ ...fields, outcome: result.outcome }, `admin action: ${result.message}`);
      return { ...result, at: deps.now() };
    },
  };
}

export type AdminActions = ReturnType<typeof createAdminActions>;

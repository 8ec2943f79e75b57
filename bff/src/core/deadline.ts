import { AppError } from './app-error.js';

/** The request's time ran out before BigCommerce answered (DESIGN §5: 504 upstream_timeout). */
export class DeadlineError extends AppError {
  constructor(budgetMs: number) {
    super('upstream_timeout', { details: { budgetMs } });
    this.name = 'DeadlineError';
  }
}

/**
 * A signal that aborts after `budgetMs` with a DeadlineError as its reason, so whatever was waiting on it
 * fails with the catalog's 504 (AbortSignal.timeout would give a bare DOMException). The timer never keeps
 * the process alive.
 */
export function createDeadline(budgetMs: number): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineError(budgetMs)), budgetMs);
  timer.unref();
  controller.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return controller.signal;
}

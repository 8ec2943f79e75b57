import { AppError } from './app-error.js';

/** The request's time ran out before BigCommerce answered (DESIGN §5: 504 upstream_timeout). */
export class DeadlineError extends AppError {
  constructor(budgetMs: number) {
    super('upstream_timeout', { details: { budgetMs } });
    this.name = 'DeadlineError';
  }
}

/** When each deadline signal fires: it says how urgent the work on it is (see deadlineOf). */
const deadlines = new WeakMap<AbortSignal, number>();

/**
 * When `signal` (made by createDeadline) fires, in epoch ms; undefined for any other signal or none. The
 * BigCommerce throttle serves the earliest deadline first when the store's quota runs short, so the views that
 * started first answer instead of every view running out of time.
 */
export function deadlineOf(signal: AbortSignal | undefined): number | undefined {
  return signal === undefined ? undefined : deadlines.get(signal);
}

/**
 * A signal that aborts after `budgetMs` with a DeadlineError as its reason, so whatever was waiting on it
 * fails with the catalog's 504 (AbortSignal.timeout would give a bare DOMException). The timer never keeps
 * the process alive.
 */
export function createDeadline(budgetMs: number): AbortSignal {
  const controller = new AbortController();
  deadlines.set(controller.signal, Date.now() + budgetMs);
  const timer = setTimeout(() => controller.abort(new DeadlineError(budgetMs)), budgetMs);
  timer.unref();
  controller.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return controller.signal;
}

import type { AdminStatusResponse } from '../../../shared/admin.js';
import { gatherStoreFacts, type FactsDeps, type StoreFacts } from './gather-store-facts.js';
import { judgeStore, type Judgement } from './judge-store.js';
import { lagSecondsOf, toStoreStatus } from './to-store-status.js';

export interface StoreReport {
  key: string;
  label: string;
  facts: StoreFacts;
  judgement: Judgement;
}

/** Every store at one moment: what the console's JSON and the alerting metrics are both made of. */
export interface OpsReport {
  at: number;
  stores: StoreReport[];
}

export interface StatusServiceDeps extends FactsDeps {
  stores: readonly { key: string; label: string }[];
  sandbox: boolean;
}

export interface StatusService {
  /** Gathers every store's facts (probing idle or failing stores), samples the minute series, judges. */
  report(): Promise<OpsReport>;
  /** The report as `GET /api/v1/admin/status` answers it. */
  status(): Promise<AdminStatusResponse>;
  /** Resolves once no report is being gathered (shutdown waits for it before the database closes). */
  idle(): Promise<void>;
}

export function createStatusService(deps: StatusServiceDeps): StatusService {
  let inFlight: Promise<OpsReport> | null = null;

  async function gather(): Promise<OpsReport> {
    const syncStates = await deps.repos.syncState.list();
    const stores = await Promise.all(
      deps.stores.map(async (store) => {
        const facts = await gatherStoreFacts(deps, store.key, syncStates);
        sample(facts);
        return { ...store, facts, judgement: judgeStore(facts) };
      }),
    );
    return { at: deps.now(), stores };
  }

  /** The gauges of the chart: whoever looks (console, scrape, the minute timer) fills the current minute. */
  function sample(facts: StoreFacts): void {
    const series = deps.registry.seriesOf(facts.storeKey);
    if (!series) return;
    series.set(facts.at, 'lagSeconds', lagSecondsOf(facts));
    series.set(facts.at, 'notesQueued', facts.notes.queued);
    const push = facts.push.facts;
    series.set(facts.at, 'pushQueued', push?.enabled ? push.queued : null);
  }

  function report(): Promise<OpsReport> {
    // A console refresh and a scrape at the same moment share one round of queries and probes.
    inFlight ??= gather().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  return {
    report,
    async idle() {
      await inFlight?.catch(() => undefined);
    },
    async status() {
      const { at, stores } = await report();
      return {
        generatedAt: new Date(at).toISOString(),
        sandbox: deps.sandbox,
        rooms: { sync: deps.registry.sync !== null, push: deps.registry.push !== null },
        stores: stores.map(({ key, label, facts, judgement }) =>
          toStoreStatus(
            { key, label },
            facts,
            judgement,
            deps.registry.seriesOf(key)?.window(facts.at) ?? [],
          ),
        ),
      };
    },
  };
}

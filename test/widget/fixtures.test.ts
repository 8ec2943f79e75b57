import { expect } from '@open-wc/testing';
import { ContextResponse } from '../../shared/context.js';
import { CustomerSearchResponse, LinkResponse } from '../../shared/customers.js';
import { ErrorBody } from '../../shared/errors.js';
import { NoteResponse } from '../../shared/notes.js';
import { OrderDetail } from '../../shared/order.js';
import { SessionResponse } from '../../shared/session.js';
import { StatusChangeResponse } from '../../shared/status-change.js';
import * as f from './fixtures.js';

describe('test fixtures', () => {
  it('pass the shared contract schemas, so the widget is tested with data the BFF can really send', () => {
    const checks: [string, { safeParse(data: unknown): { success: boolean } }, unknown][] = [
      ['session', SessionResponse, f.session],
      ['context', ContextResponse, f.context],
      ['no-match context', ContextResponse, f.noMatchContext],
      ['guest context', ContextResponse, f.guestContext],
      ['order detail', OrderDetail, f.orderDetail],
      ['bare order', OrderDetail, f.bareOrder],
      ['queued note', NoteResponse, f.note('queued')],
      ['written note', NoteResponse, f.note('written')],
      ['search result', CustomerSearchResponse, f.searchResult],
      ['link', LinkResponse, f.linkResponse],
      ['error body', ErrorBody, f.errorBody('upstream_unavailable')],
      ['status session', SessionResponse, f.statusSession],
      ['awaiting order', OrderDetail, f.awaitingOrder],
      ['status changed', StatusChangeResponse, f.statusChanged],
      ['order changed', ErrorBody, f.orderChangedBody()],
    ];
    const failing = checks
      .filter(([, schema, data]) => !schema.safeParse(data).success)
      .map(([name]) => name);
    expect(failing).to.deep.equal([]);
  });
});

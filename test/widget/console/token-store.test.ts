import { expect } from '@open-wc/testing';
import { createTokenStore, takePrefilledToken } from '../../../widget/src/console/token-store.js';
import { memoryTokens } from './console-fixtures.js';

describe('the console’s token store', () => {
  afterEach(() => sessionStorage.removeItem('oc-admin-token'));

  it('keeps the token in sessionStorage for the tab, and forgets it', () => {
    const store = createTokenStore();
    store.save('admin-token-0123456789');

    expect(sessionStorage.getItem('oc-admin-token')).to.equal('admin-token-0123456789');
    expect(store.read()).to.equal('admin-token-0123456789');
    store.forget();
    expect(store.read()).to.equal(null);
  });

  it('takes a token handed over in the page, removes the tag, and leaves the address alone when it is the console’s', () => {
    const meta = document.createElement('meta');
    meta.name = 'oc-admin-token';
    meta.content = 'sandbox-admin-token-123456';
    document.head.append(meta);
    const tokens = memoryTokens();
    const here = new URL(window.location.href);

    const token = takePrefilledToken(tokens, here);

    expect(token).to.equal('sandbox-admin-token-123456');
    expect(tokens.value).to.equal('sandbox-admin-token-123456');
    expect(document.querySelector('meta[name="oc-admin-token"]')).to.equal(null);
    expect(window.location.href).to.equal(here.href);
  });

  it('takes nothing when nothing was handed over', () => {
    const tokens = memoryTokens('kept-token-0123456789');

    expect(takePrefilledToken(tokens, new URL(window.location.href))).to.equal(null);
    expect(tokens.value).to.equal('kept-token-0123456789');
  });
});

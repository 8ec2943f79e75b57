import { expect } from '@open-wc/testing';
import { isWidgetPage } from '../../widget/src/widget-page.js';

describe('isWidgetPage', () => {
  const bundleDir = new URL('https://orders.example.com/widget/');

  it('is true only for the page served beside the bundle', () => {
    expect(isWidgetPage({ origin: 'https://orders.example.com', pathname: '/widget/' }, bundleDir)).to.equal(
      true,
    );
  });

  it('is false for a desk page on another origin, or another path on ours', () => {
    const cases = [
      { origin: 'https://desk.example.de', pathname: '/widget/' },
      { origin: 'https://desk.example.de', pathname: '/iagent/ticket.jsf' },
      { origin: 'https://orders.example.com', pathname: '/demo' },
      { origin: 'https://orders.example.com', pathname: '/widget/order-context.js' },
      { origin: 'https://orders.example.com', pathname: '/' },
    ];
    for (const location of cases)
      expect(isWidgetPage(location, bundleDir), location.pathname).to.equal(false);
  });

  it('follows a proxy path prefix', () => {
    const prefixed = new URL('https://desk.example.de/order-context/widget/');
    expect(
      isWidgetPage({ origin: 'https://desk.example.de', pathname: '/order-context/widget/' }, prefixed),
    ).to.equal(true);
    expect(isWidgetPage({ origin: 'https://desk.example.de', pathname: '/widget/' }, prefixed)).to.equal(
      false,
    );
  });
});

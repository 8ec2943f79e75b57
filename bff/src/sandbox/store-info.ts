// GET /v2/store for a sandbox store, from its region profile.
import type { RegionProfile } from './seed-catalog.js';
import type { SandboxStoreSpec } from './sandbox-store-spec.js';
import type { RawStoreInfo } from './types.js';

export function createStoreInfo(spec: SandboxStoreSpec, profile: RegionProfile): RawStoreInfo {
  const s = profile.store;
  return {
    id: spec.hash,
    account_uuid: `00000000-0000-4000-a000-${String(Math.abs(spec.seed)).padStart(12, '0')}`,
    domain: s.domain,
    secure_url: `https://${s.domain}`,
    control_panel_base_url: `https://store-${spec.hash}.mybigcommerce.com`,
    status: 'live',
    name: `${s.name} (${spec.label})`,
    first_name: s.ownerFirst,
    last_name: s.ownerLast,
    address: s.address,
    country: s.country,
    country_code: s.countryCode,
    phone: s.phone,
    admin_email: `admin@${s.domain}`,
    order_email: `orders@${s.domain}`,
    timezone: {
      name: s.timezone.name,
      raw_offset: s.timezone.rawOffset,
      dst_offset: s.timezone.dstOffset,
      dst_correction: true,
      date_format: { display: 'jS M Y', export: 'M jS Y', extended_display: 'M jS Y @ g:i A' },
    },
    language: s.language,
    currency: s.currency,
    currency_symbol: s.currencySymbol,
    decimal_separator: s.decimalSeparator,
    thousands_separator: s.thousandsSeparator,
    decimal_places: 2,
    currency_symbol_location: s.symbolLocation,
    weight_units: s.weightUnits,
    dimension_units: s.dimensionUnits,
    plan_name: 'Plus',
    plan_level: 'Plus',
    plan_is_trial: false,
    industry: s.industry,
    is_price_entered_with_tax: s.priceEnteredWithTax,
    store_id: 1_000_000 + Math.abs(spec.seed),
    default_channel_id: 1,
    default_site_id: 1000,
    features: { stencil_enabled: true, sitewidehttps_enabled: true, checkout_type: 'optimized' },
  };
}

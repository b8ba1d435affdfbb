/**
 * Ids the contract's examples use (openapi/components/examples, parameter examples), given to
 * demo records of the matching kind so every documented request works against the stub as
 * written. The rest of the demo data keeps its generated ids.
 */
export const DOCUMENTED_IDS = {
  /** The first three products (Marine Collagen 500 g at 49.00, 1 kg, Vitamin C + Zinc). */
  products: ['prd_3Gt8Vn1Xc5B', 'prd_9Wq2Er5Ty7U', 'prd_6Kc1Dw8Hs2M'],
  /** The first two customers (Dana Whitfield, Marcus Lee). */
  customers: ['cus_4Fh7Jk2Lp9Q', 'cus_8Pq3Rs6Tu1V'],
  /** The newest order, pending: it can be updated and cancelled. */
  order: 'ord_8x2Kq9Lm3Np',
  /** The first two approved commissions not yet paid out: a payout can take them. */
  commissions: ['com_7Jk1Lz5Xc3V', 'com_4Ed8Rf2Tg6Y'],
  /** The order the first of {@link DOCUMENTED_IDS.commissions} was earned on. */
  commissionOrder: 'ord_5Tb7Yn2Mk8Lq',
  /** The first commission of the paid payout, and the order it was earned on. */
  paidCommission: 'com_2Vb6Nm9Qw3E',
  paidCommissionOrder: 'ord_3Rt6Yu9Io2P',
  /** The paid payout. */
  payout: 'pay_9Mn4Bv6Cx2Z',
  /** The restocks of the first two products. */
  adjustments: ['adj_1Qa7Sd3Fg9H', 'adj_6Hj2Kl8Zx4C'],
  /** The "Warehouse sync" (live) and "Staging integration" (test) demo keys. */
  apiKey: 'key_6Yb3Nm8Kd2S',
  testApiKey: 'key_3Cx9Vb2Nm7Q',
  /** The demo account's owner (Avery Chen). */
  owner: 'usr_5Rt9Yu2Io4P',
  /** A disabled webhook endpoint (no deliveries leave the stub). */
  webhook: 'whk_2Lp8Zx4Cv6B',
} as const;

/** Catalogue rows: name, SKU, price in cents, description, active. */
export const PRODUCTS: readonly [string, string, number, string | null, boolean][] = [
  [
    'Marine Collagen Peptides 500 g',
    'RGN-COLL-500',
    4900,
    'Hydrolysed type I and III collagen, unflavoured.',
    true,
  ],
  ['Marine Collagen Peptides 1 kg', 'RGN-COLL-1K', 8900, 'The 500 g formula in a family size pouch.', true],
  [
    'Vitamin C + Zinc Complex 90 caps',
    'RGN-VITC-90',
    1900,
    'Buffered vitamin C with zinc bisglycinate.',
    true,
  ],
  [
    'Omega-3 Fish Oil 120 softgels',
    'RGN-OMG3-120',
    2900,
    'EPA and DHA from wild anchovy, IFOS certified.',
    true,
  ],
  ['Magnesium Glycinate 180 caps', 'RGN-MAG-180', 2400, 'Gentle, highly absorbable magnesium.', true],
  ['Hyaluronic Acid Serum 30 ml', 'RGN-HA-30', 3900, 'Multi-weight hyaluronic acid for daily use.', true],
  ['Recovery Protein Vanilla 1 kg', 'RGN-PROT-VAN', 5400, 'Whey isolate with added leucine.', true],
  ['Turmeric Curcumin 60 caps', 'RGN-TURM-60', 2200, null, true],
  ['Joint Support Glucosamine 120 tabs', 'RGN-JNT-120', 3400, 'Glucosamine, chondroitin and MSM.', true],
  ['Sleep Support 60 caps', 'RGN-SLP-60', 2600, 'Melatonin-free blend with L-theanine.', true],
  [
    'Electrolyte Hydration Mix 30 sachets',
    'RGN-ELEC-30',
    2800,
    'Sodium, potassium and magnesium, no sugar.',
    true,
  ],
  ['Bone Broth Powder 450 g', 'RGN-BROTH-450', 4400, 'Discontinued; kept for order history.', false],
];

/** Customer rows: name, email, phone, street, city, postal code. */
export const CUSTOMERS: readonly [string, string, string | null, string, string, string][] = [
  ['Dana Whitfield', 'dana.whitfield@example.com', '+12065550142', '410 Terry Ave N', 'Seattle', '98109'],
  ['Marcus Lee', 'marcus.lee@example.com', '+14155550177', '1 Market St', 'San Francisco', '94105'],
  ['Priya Raman', 'priya.raman@example.com', null, '350 5th Ave', 'New York', '10118'],
  ['Jonas Becker', 'jonas.becker@example.com', '+13125550110', '233 S Wacker Dr', 'Chicago', '60606'],
  ['Sofia Alvarez', 'sofia.alvarez@example.com', '+13055550163', '1111 Lincoln Rd', 'Miami Beach', '33139'],
  ['Kenji Sato', 'kenji.sato@example.com', null, '600 Congress Ave', 'Austin', '78701'],
  ['Amara Okafor', 'amara.okafor@example.com', '+16175550121', '100 Summer St', 'Boston', '02110'],
  ['Lucas Moreau', 'lucas.moreau@example.com', '+15035550188', '1120 NW Couch St', 'Portland', '97209'],
  ['Hannah Kim', 'hannah.kim@example.com', '+13035550135', '1700 Lincoln St', 'Denver', '80203'],
  ['Omar Haddad', 'omar.haddad@example.com', null, '201 Spear St', 'San Francisco', '94105'],
];

/** US state of each city of {@link CUSTOMERS}. */
export const REGIONS: Readonly<Record<string, string>> = {
  Seattle: 'WA',
  'San Francisco': 'CA',
  'New York': 'NY',
  Chicago: 'IL',
  'Miami Beach': 'FL',
  Austin: 'TX',
  Boston: 'MA',
  Portland: 'OR',
  Denver: 'CO',
};

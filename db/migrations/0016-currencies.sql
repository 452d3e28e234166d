-- 0016: the currencies a fee may be given in are the current ISO 4217
-- currencies, each once. Funds codes, precious metals, bond-market and
-- accounting units, the test and "no currency" codes, and the second code
-- of a currency that has two (VED beside VES) were never a fee's currency:
-- their validity ends before any period, so no form offers them. The ones
-- replaced since (HRK by EUR, SLL by SLE, CUC, ZWL by ZWG, BGN by EUR,
-- ANG by XCG) end on the day they went; older periods keep them. Rows
-- stay, so stored data and its exports keep their codes.
UPDATE codes SET valid_to = '1999-12-31'
  WHERE list = 'currency' AND code IN ('BOV', 'CHE', 'CHW', 'CLF', 'COU',
    'MXV', 'USN', 'UYI', 'UYW', 'VED', 'XAG', 'XAU', 'XBA', 'XBB', 'XBC',
    'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX');
UPDATE codes SET valid_to = '2021-06-30' WHERE list = 'currency' AND code = 'CUC';
UPDATE codes SET valid_to = '2022-12-31' WHERE list = 'currency' AND code = 'HRK';
UPDATE codes SET valid_to = '2023-12-31' WHERE list = 'currency' AND code = 'SLL';
UPDATE codes SET valid_to = '2024-08-31' WHERE list = 'currency' AND code = 'ZWL';
UPDATE codes SET valid_to = '2025-12-31' WHERE list = 'currency' AND code = 'BGN';
UPDATE codes SET valid_to = '2026-03-31' WHERE list = 'currency' AND code = 'ANG';
INSERT IGNORE INTO codes (list, code, label, sort, valid_from) VALUES
  ('currency', 'ZWG', 'Zimbabwe Gold', 0, '2024-06-25'),
  ('currency', 'XCG', 'Caribbean Guilder', 0, '2025-03-31');

-- First the US dollar and the euro, then the currencies of the Bali
-- Process members and the world's other main ones, by name, then the rest.
UPDATE codes SET sort = 4 WHERE list = 'currency';
UPDATE codes SET sort = 3 WHERE list = 'currency' AND code IN ('AED', 'AFN',
  'AUD', 'BDT', 'BND', 'BTN', 'CAD', 'CHF', 'CNY', 'FJD', 'GBP', 'HKD',
  'IDR', 'INR', 'IQD', 'IRR', 'JOD', 'JPY', 'KHR', 'KPW', 'KRW', 'LAK',
  'LKR', 'MMK', 'MNT', 'MOP', 'MVR', 'MYR', 'NPR', 'NZD', 'PGK', 'PHP',
  'PKR', 'SBD', 'SGD', 'SYP', 'THB', 'TOP', 'TRY', 'VND', 'VUV', 'WST',
  'XPF');
UPDATE codes SET sort = 2 WHERE list = 'currency' AND code = 'EUR';
UPDATE codes SET sort = 1 WHERE list = 'currency' AND code = 'USD';

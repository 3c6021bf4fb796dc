-- A fill's price per litre is in the user's currency: 1900 rand for 70 litres is 27.143 a
-- litre, 4200 rupees for 40 litres is 105. The action checks the price against a ceiling
-- for the user's currency (tools/wheels/fuel.py); the column only keeps out what no
-- currency's pump shows.
ALTER TABLE fuel_logs DROP CONSTRAINT IF EXISTS fuel_logs_price_per_litre_check;
ALTER TABLE fuel_logs ALTER COLUMN price_per_litre TYPE numeric(12, 3);
ALTER TABLE fuel_logs ADD CONSTRAINT fuel_logs_price_per_litre_check
    CHECK (price_per_litre > 0 AND price_per_litre <= 100000);

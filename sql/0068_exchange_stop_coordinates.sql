-- The coordinates of an exchange activity's stops (docs/exchange.md): optional, both or
-- neither, in degrees (WGS 84). The stops' map places a stop by them when it has them, by its
-- city otherwise.
ALTER TABLE exchange_stops ADD COLUMN lat REAL CHECK (lat BETWEEN -90 AND 90);
ALTER TABLE exchange_stops ADD COLUMN lon REAL CHECK (lon BETWEEN -180 AND 180);

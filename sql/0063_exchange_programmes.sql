-- The annual programmes of the exchange module's agreements (docs/exchange.md): an agreement
-- holds, per year, the items its parties planned (a visit, a festival, a joint concert), each
-- in a month, with the office answerable (owner), a status and, once done, the exchange
-- activity that did it. A planned item whose month has passed is an alert
-- (programme_overdue).
CREATE TABLE exchange_programme_items (
    id           {{id}},
    agreement_id INTEGER NOT NULL REFERENCES exchange_agreements(id),
    division     {{code}} NOT NULL REFERENCES divisions(code),
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    month        INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    title        TEXT NOT NULL,
    owner        TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'dropped')),
    activity_id  INTEGER REFERENCES exchange_activities(id),
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) {{strict}};
CREATE INDEX exchange_programme_items_agreement
    ON exchange_programme_items(agreement_id, year, month);
CREATE INDEX exchange_programme_items_planned ON exchange_programme_items(status, year, month);
CREATE INDEX exchange_programme_items_activity ON exchange_programme_items(activity_id);

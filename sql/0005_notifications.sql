-- Notifications: the in-app inbox (notifications), the events waiting to go out to webhooks
-- (outbox), and the webhooks themselves. A notification and its outbox row are written in
-- the transaction of the change that causes them, so an event is never lost between the
-- change and its delivery: the delivery thread sends what the outbox holds until it is
-- delivered or has used up its attempts.

CREATE TABLE notifications (
    id          {{id}},
    user_id     INTEGER NOT NULL REFERENCES users(id),
    kind        TEXT NOT NULL CHECK (kind IN ('booking.confirmed', 'booking.promoted',
                 'session.reminder', 'session.cancelled', 'session.changed')),
    booking_id  INTEGER REFERENCES bookings(id),
    session_id  INTEGER,
    activity_id INTEGER,
    params      TEXT,
    created_at  INTEGER NOT NULL,
    read_at     INTEGER
) {{strict}};
CREATE INDEX notifications_user ON notifications(user_id, id);
-- what must not repeat: one confirmation, promotion, reminder, cancellation per booking
-- (a session may change more than once)
CREATE UNIQUE INDEX notifications_once ON notifications(booking_id, kind)
    WHERE kind <> 'session.changed';

CREATE TABLE outbox (
    id              {{id}},
    kind            TEXT NOT NULL,
    division        {{code}} NOT NULL,
    payload         TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    delivered_at    INTEGER,
    last_error      TEXT
) {{strict}};
-- next_attempt_at is NULL once the attempts are used up
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE delivered_at IS NULL;

CREATE TABLE webhooks (
    id         {{id}},
    url        TEXT NOT NULL,
    secret     TEXT NOT NULL,
    division   {{code}} NOT NULL REFERENCES divisions(code),
    kinds      TEXT,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL
) {{strict}};
CREATE INDEX webhooks_division ON webhooks(division);

-- which webhook has had which event: a retry goes only to those that have not
CREATE TABLE webhook_deliveries (
    outbox_id    INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
    webhook_id   INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    delivered_at INTEGER NOT NULL,
    PRIMARY KEY (outbox_id, webhook_id)
) {{strict}};
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries(webhook_id);

-- The points supermarket (积分超市) of the volunteers: reward items with their stock, the
-- redemptions of them, and the coordinators' awards of points. Points themselves live in the
-- ledger (sql/0029_ledger.sql), book 'points': nothing here holds a balance.
--
-- An item is a pool of the seat inventory (core/seats.h): stock is its capacity, taken the
-- redemptions that hold a piece of it; a redemption takes one with the guarded update
-- `taken = taken + 1 WHERE taken + 1 <= stock`, in the same transaction as its ledger entry
-- (entry_id: the debit from the person to 'redemptions'). A cancelled redemption gives its
-- piece back and names the reversing entry (refund_id). One live (confirmed, not yet
-- collected) redemption per person and item: rewards_redemptions_one.
--
-- An award is one decision of a coordinator (so many points to these volunteers, for this
-- reason); each volunteer's points are one ledger entry whose ref is the award.

CREATE TABLE rewards_items (
    id          {{id}},
    org_id      INTEGER NOT NULL REFERENCES volunteer_orgs(id),
    division    {{code}} NOT NULL REFERENCES divisions(code),
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL CHECK (kind IN ('ticket', 'book', 'course_place', 'priority_booking',
                                              'other')),
    cost        INTEGER NOT NULL CHECK (cost > 0),
    stock       INTEGER NOT NULL CHECK (stock >= 0),
    taken       INTEGER NOT NULL DEFAULT 0 CHECK (taken >= 0),
    place       TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'withdrawn')),
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (taken <= stock)
) {{strict}};
CREATE INDEX rewards_items_division ON rewards_items(division, id);

CREATE TABLE rewards_redemptions (
    id           {{id}},
    item_id      INTEGER NOT NULL REFERENCES rewards_items(id),
    user_id      INTEGER NOT NULL REFERENCES users(id),
    cost         INTEGER NOT NULL CHECK (cost > 0),
    code         TEXT NOT NULL UNIQUE,
    status       TEXT NOT NULL CHECK (status IN ('confirmed', 'collected', 'cancelled')),
    entry_id     INTEGER NOT NULL DEFAULT 0,
    refund_id    INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    collected_by INTEGER REFERENCES users(id),
    collected_at INTEGER
) {{strict}};
CREATE UNIQUE INDEX rewards_redemptions_one ON rewards_redemptions(item_id, user_id)
    WHERE status = 'confirmed';
CREATE INDEX rewards_redemptions_user ON rewards_redemptions(user_id, id);

CREATE TABLE rewards_awards (
    id         {{id}},
    org_id     INTEGER NOT NULL REFERENCES volunteer_orgs(id),
    division   {{code}} NOT NULL REFERENCES divisions(code),
    amount     INTEGER NOT NULL CHECK (amount > 0),
    reason     TEXT NOT NULL,
    people     INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
) {{strict}};
CREATE INDEX rewards_awards_division ON rewards_awards(division, id);

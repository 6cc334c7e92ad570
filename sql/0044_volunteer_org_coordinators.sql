-- Coordinators tied to organisations, and organisations archived (src/mod/volunteers/
-- org_coordinators.c, docs/volunteers.md "Who coordinates" and "Removing an organisation").
-- A volunteer_coordinator writes on an organisation's records (its teams, projects, shifts,
-- hours, pairings, certificates) only when a row here names them for that organisation (a team
-- is coordinated through its organisation); district and city admins keep their division's
-- scope. Rows are added and removed by admins; a removal deletes the row, and the audit log
-- keeps who added and removed whom.
CREATE TABLE volunteer_org_coordinators (
    org_id   INTEGER NOT NULL REFERENCES volunteer_orgs(id),
    user_id  INTEGER NOT NULL REFERENCES users(id),
    added_by INTEGER REFERENCES users(id),
    added_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, user_id)
) {{strict}};
CREATE INDEX volunteer_org_coordinators_user ON volunteer_org_coordinators(user_id, org_id);

-- An archived organisation (or team) is out of every list and takes no new project or team;
-- its rows stay, so the ledger entries and certificates that name it stay verifiable.
ALTER TABLE volunteer_orgs ADD COLUMN archived_at INTEGER;
ALTER TABLE volunteer_orgs ADD COLUMN archived_by INTEGER REFERENCES users(id);

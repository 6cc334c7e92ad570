-- Publication of linkage programmes (docs/linkage.md, "Public pages"): the owner's staff publish
-- a programme (its themes, stages, participants and activities appear on /linkage), and later
-- its results (the ranking and the commendations). Times in ms since the epoch; NULL: not
-- published. Results are published only after the programme (the rules check it).
ALTER TABLE linkage_programmes ADD COLUMN published_at INTEGER;
ALTER TABLE linkage_programmes ADD COLUMN results_published_at INTEGER;

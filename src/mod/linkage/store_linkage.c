/* store_linkage: programmes, participants, plans, activities, the rubric, scores and
 * commendations of the linkage module (linkage_store.h). */
#include "mod/linkage/linkage_store.h"
#include "db/store_util.h"

/* the owner types of an activity's media (linkage.c) */
#define MEDIA_TYPES "('linkage_media_programme', 'linkage_media_photo', 'linkage_media_video')"

#define PROG_COLS                                                                                  \
    "id, division, title, year, description, themes, weight_participant, weight_sessions,"         \
    " coalesce(created_by, 0), created_at, updated_at, coalesce(published_at, 0),"                 \
    " coalesce(results_published_at, 0)"

static void fill_programme(arena *a, db_stmt *st, lk_programme *p)
{
    p->id = db_col_int(st, 0);
    p->division = col_str(a, st, 1);
    p->title = col_str(a, st, 2);
    p->year = (int)db_col_int(st, 3);
    p->description = col_str(a, st, 4);
    p->themes = col_str(a, st, 5);
    p->weight_participant = (int)db_col_int(st, 6);
    p->weight_sessions = (int)db_col_int(st, 7);
    p->created_by = db_col_int(st, 8);
    p->created_at = db_col_int(st, 9);
    p->updated_at = db_col_int(st, 10);
    p->published_at = db_col_int(st, 11);
    p->results_published_at = db_col_int(st, 12);
}

int store_lk_programme_create(db *c, const lk_programme *p, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO linkage_programmes(division, title, year, description, themes,"
                 " weight_participant, weight_sessions, created_by, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "ttittiiIii", p->division, p->title, (int64_t)p->year, p->description, p->themes,
                 (int64_t)p->weight_participant, (int64_t)p->weight_sessions, p->created_by, now,
                 now),
        id);
}

int store_lk_programme_get(db *c, arena *a, int64_t id, lk_programme *out)
{
    db_stmt *st = db_query(c, "SELECT " PROG_COLS " FROM linkage_programmes WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_programme, out);
}

int store_lk_programme_list(db *c, arena *a, int64_t before, int limit, lk_programme **out,
                            size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " PROG_COLS " FROM linkage_programmes WHERE (? = 0 OR id < ?)"
                           " ORDER BY id DESC LIMIT ?",
                           "iii", before, before, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, lk_programme, fill_programme, out, n);
}

int store_lk_programme_list_published(db *c, arena *a, int64_t before, int limit,
                                      lk_programme **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " PROG_COLS " FROM linkage_programmes"
                           " WHERE published_at IS NOT NULL AND (? = 0 OR id < ?)"
                           " ORDER BY id DESC LIMIT ?",
                           "iii", before, before, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, lk_programme, fill_programme, out, n);
}

int store_lk_programme_publish(db *c, int64_t id, int results, int64_t now)
{
    if (results)
        return db_run(c,
                      "UPDATE linkage_programmes SET results_published_at ="
                      " coalesce(results_published_at, ?) WHERE id = ?",
                      "ii", now, id);
    return db_run(c,
                  "UPDATE linkage_programmes SET published_at = coalesce(published_at, ?)"
                  " WHERE id = ?",
                  "ii", now, id);
}

int store_lk_stage_set(db *c, int64_t programme_id, const lk_stage *s)
{
    return db_run(c,
                  "INSERT INTO linkage_stages(programme_id, stage, starts_on, due_on)"
                  " VALUES (?, ?, ?, ?) ON CONFLICT (programme_id, stage) DO UPDATE"
                  " SET starts_on = excluded.starts_on, due_on = excluded.due_on",
                  "itt"
                  "t",
                  programme_id, s->stage, s->starts_on, s->due_on);
}

static void fill_stage(arena *a, db_stmt *st, lk_stage *s)
{
    s->stage = col_str(a, st, 0);
    s->starts_on = db_col_null(st, 1) ? NULL : col_str(a, st, 1);
    s->due_on = col_str(a, st, 2);
}

int store_lk_stages(db *c, arena *a, int64_t programme_id, lk_stage **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT stage, starts_on, due_on FROM linkage_stages"
                           " WHERE programme_id = ? ORDER BY due_on, stage",
                           "i", programme_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, lk_stage, fill_stage, out, n);
}

int store_lk_participant_add(db *c, int64_t programme_id, const char *division, int64_t now,
                             int64_t *id)
{
    return insert_returning_id(db_query(c,
                                        "INSERT INTO linkage_participants(programme_id, division,"
                                        " created_at) VALUES (?, ?, ?) RETURNING id",
                                        "iti", programme_id, division, now),
                               id);
}

static void fill_participant(arena *a, db_stmt *st, lk_participant *p)
{
    p->id = db_col_int(st, 0);
    p->programme_id = db_col_int(st, 1);
    p->division = col_str(a, st, 2);
    p->name = col_str(a, st, 3);
    p->self_text = db_col_null(st, 4) ? NULL : col_str(a, st, 4);
    p->self_score = (int)db_col_int(st, 5);
    p->self_at = db_col_int(st, 6);
}

int store_lk_participants(db *c, arena *a, int64_t programme_id, lk_participant **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT p.id, p.programme_id, p.division, coalesce(d.name, ''),"
                           " p.self_text, coalesce(p.self_score, 0), coalesce(p.self_at, 0)"
                           " FROM linkage_participants p LEFT JOIN divisions d"
                           " ON d.code = p.division WHERE p.programme_id = ? ORDER BY p.division",
                           "i", programme_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, lk_participant, fill_participant, out, n);
}

int store_lk_self_set(db *c, int64_t participant_id, const char *text, int score, int64_t by,
                      int64_t now)
{
    return db_run(c,
                  "UPDATE linkage_participants SET self_text = ?, self_score = ?, self_by = ?,"
                  " self_at = ? WHERE id = ?",
                  "tiIii", text, (int64_t)score, by, now, participant_id);
}

#define PLAN_COLS                                                                                  \
    "l.id, l.programme_id, l.participant_id, p.division, l.title, l.content, l.status,"            \
    " coalesce(l.submitted_by, 0), l.submitted_at, l.updated_at"                                   \
    " FROM linkage_plans l JOIN linkage_participants p ON p.id = l.participant_id"

static void fill_plan(arena *a, db_stmt *st, lk_plan *p)
{
    p->id = db_col_int(st, 0);
    p->programme_id = db_col_int(st, 1);
    p->participant_id = db_col_int(st, 2);
    p->division = col_str(a, st, 3);
    p->title = col_str(a, st, 4);
    p->content = col_str(a, st, 5);
    p->status = col_str(a, st, 6);
    p->submitted_by = db_col_int(st, 7);
    p->submitted_at = db_col_int(st, 8);
    p->updated_at = db_col_int(st, 9);
}

int store_lk_plan_by_participant(db *c, arena *a, int64_t participant_id, lk_plan *out)
{
    db_stmt *st =
        db_query(c, "SELECT " PLAN_COLS " WHERE l.participant_id = ?", "i", participant_id);
    return STORE_ONE(a, st, fill_plan, out);
}

int store_lk_plan_get(db *c, arena *a, int64_t id, lk_plan *out)
{
    db_stmt *st = db_query(c, "SELECT " PLAN_COLS " WHERE l.id = ?", "i", id);
    return STORE_ONE(a, st, fill_plan, out);
}

int store_lk_plan_create(db *c, const lk_plan *p, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO linkage_plans(programme_id, participant_id, title, content,"
                 " submitted_by, submitted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                 " RETURNING id",
                 "iittIii", p->programme_id, p->participant_id, p->title, p->content,
                 p->submitted_by, now, now),
        id);
}

int store_lk_plan_update(db *c, int64_t id, const char *title, const char *content, int64_t by,
                         int64_t now)
{
    return db_run(c,
                  "UPDATE linkage_plans SET title = ?, content = ?, submitted_by = ?,"
                  " submitted_at = ?, updated_at = ? WHERE id = ?",
                  "ttIiii", title, content, by, now, now, id);
}

int store_lk_plan_status(db *c, int64_t id, const char *status, int64_t now)
{
    return db_run(c, "UPDATE linkage_plans SET status = ?, updated_at = ? WHERE id = ?", "tii",
                  status, now, id);
}

int store_lk_plans(db *c, arena *a, int64_t programme_id, lk_plan **out, size_t *n)
{
    db_stmt *st = db_query(c, "SELECT " PLAN_COLS " WHERE l.programme_id = ? ORDER BY p.division",
                           "i", programme_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, lk_plan, fill_plan, out, n);
}

#define ACT_COLS                                                                                   \
    "x.id, x.programme_id, x.plan_id, x.kind, x.theme, x.title, x.starts_on, x.ends_on, x.host,"   \
    " coalesce(d.name, ''), x.summary, coalesce(x.summary_at, 0), coalesce(x.chased_at, 0),"       \
    " coalesce(x.created_by, 0), x.created_at,"                                                    \
    " (SELECT count(*) FROM attachments m WHERE m.owner_type IN " MEDIA_TYPES ""                   \
    " AND m.owner_id = x.id)"                                                                      \
    " FROM linkage_activities x LEFT JOIN divisions d ON d.code = x.host"

static void fill_activity(arena *a, db_stmt *st, lk_activity *x)
{
    x->id = db_col_int(st, 0);
    x->programme_id = db_col_int(st, 1);
    x->plan_id = db_col_int(st, 2);
    x->kind = col_str(a, st, 3);
    x->theme = col_str(a, st, 4);
    x->title = col_str(a, st, 5);
    x->starts_on = col_str(a, st, 6);
    x->ends_on = col_str(a, st, 7);
    x->host = col_str(a, st, 8);
    x->host_name = col_str(a, st, 9);
    x->summary = col_str(a, st, 10);
    x->summary_at = db_col_int(st, 11);
    x->chased_at = db_col_int(st, 12);
    x->created_by = db_col_int(st, 13);
    x->created_at = db_col_int(st, 14);
    x->nmedia = db_col_int(st, 15);
}

int store_lk_activity_create(db *c, const lk_activity *x, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO linkage_activities(programme_id, plan_id, kind, theme, title,"
                 " starts_on, ends_on, host, created_by, created_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "iittttttIi", x->programme_id, x->plan_id, x->kind, x->theme, x->title,
                 x->starts_on, x->ends_on, x->host, x->created_by, now),
        id);
}

int store_lk_activity_get(db *c, arena *a, int64_t id, lk_activity *out)
{
    db_stmt *st = db_query(c, "SELECT " ACT_COLS " WHERE x.id = ?", "i", id);
    return STORE_ONE(a, st, fill_activity, out);
}

int store_lk_activities(db *c, arena *a, int64_t programme_id, lk_activity **out, size_t *n)
{
    db_stmt *st =
        db_query(c, "SELECT " ACT_COLS " WHERE x.programme_id = ? ORDER BY x.starts_on, x.id", "i",
                 programme_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, lk_activity, fill_activity, out, n);
}

int store_lk_guest_add(db *c, int64_t activity_id, const char *division)
{
    return db_run(c,
                  "INSERT INTO linkage_activity_guests(activity_id, division) VALUES (?, ?)"
                  " ON CONFLICT DO NOTHING",
                  "it", activity_id, division);
}

static void fill_guest(arena *a, db_stmt *st, lk_guest *g)
{
    g->activity_id = db_col_int(st, 0);
    g->division = col_str(a, st, 1);
    g->name = col_str(a, st, 2);
}

int store_lk_guests(db *c, arena *a, int64_t programme_id, lk_guest **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT g.activity_id, g.division, coalesce(d.name, '')"
                           " FROM linkage_activity_guests g"
                           " JOIN linkage_activities x ON x.id = g.activity_id"
                           " LEFT JOIN divisions d ON d.code = g.division"
                           " WHERE x.programme_id = ? ORDER BY g.activity_id, g.division",
                           "i", programme_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, lk_guest, fill_guest, out, n);
}

int store_lk_summary_set(db *c, int64_t activity_id, const char *summary, int64_t now)
{
    return db_run(c, "UPDATE linkage_activities SET summary = ?, summary_at = ? WHERE id = ?",
                  "tii", summary, now, activity_id);
}

int store_lk_missing_materials(db *c, arena *a, const char *last_day, int64_t chased_before,
                               lk_activity **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " ACT_COLS
                           " WHERE x.ends_on <= ? AND (x.chased_at IS NULL OR x.chased_at < ?)"
                           " AND (x.summary = '' OR NOT EXISTS (SELECT 1 FROM attachments m"
                           " WHERE m.owner_type IN " MEDIA_TYPES " AND m.owner_id = x.id))"
                           " ORDER BY x.id LIMIT 500",
                           "ti", last_day, chased_before);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, lk_activity, fill_activity, out, n);
}

int store_lk_chased(db *c, int64_t activity_id, int64_t now)
{
    return db_run(c, "UPDATE linkage_activities SET chased_at = ? WHERE id = ?", "ii", now,
                  activity_id);
}

static void fill_id(arena *a, db_stmt *st, int64_t *id)
{
    (void)a;
    *id = db_col_int(st, 0);
}

int store_lk_host_staff(db *c, arena *a, const char *division, int64_t **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT DISTINCT g.user_id FROM role_grants g"
                           " JOIN users u ON u.id = g.user_id WHERE u.status = 'active'"
                           " AND g.division = ? AND g.role IN ('district_admin', 'city_admin')"
                           " ORDER BY g.user_id",
                           "t", division);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, int64_t, fill_id, out, n);
}

int store_lk_agreement_create(db *c, int64_t activity_id, const char *text, const char *signed_on,
                              int64_t now, int64_t *id)
{
    return insert_returning_id(db_query(c,
                                        "INSERT INTO linkage_agreements(activity_id, text,"
                                        " signed_on, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                                        "itti", activity_id, text, signed_on, now),
                               id);
}

int store_lk_agreement_member_add(db *c, int64_t agreement_id, const char *division)
{
    return db_run(c,
                  "INSERT INTO linkage_agreement_members(agreement_id, division) VALUES (?, ?)"
                  " ON CONFLICT DO NOTHING",
                  "it", agreement_id, division);
}

static void fill_agreement(arena *a, db_stmt *st, lk_agreement *g)
{
    g->id = db_col_int(st, 0);
    g->activity_id = db_col_int(st, 1);
    g->text = col_str(a, st, 2);
    g->signed_on = col_str(a, st, 3);
}

int store_lk_agreements(db *c, arena *a, int64_t programme_id, lk_agreement **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT g.id, g.activity_id, g.text, g.signed_on FROM linkage_agreements"
                           " g JOIN linkage_activities x ON x.id = g.activity_id"
                           " WHERE x.programme_id = ? ORDER BY g.id",
                           "i", programme_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, lk_agreement, fill_agreement, out, n);
}

int store_lk_agreement_members(db *c, arena *a, int64_t programme_id, lk_guest **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT m.agreement_id, m.division, coalesce(d.name, '')"
                           " FROM linkage_agreement_members m"
                           " JOIN linkage_agreements g ON g.id = m.agreement_id"
                           " JOIN linkage_activities x ON x.id = g.activity_id"
                           " LEFT JOIN divisions d ON d.code = m.division"
                           " WHERE x.programme_id = ? ORDER BY m.agreement_id, m.division",
                           "i", programme_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, lk_guest, fill_guest, out, n);
}

int store_lk_criteria_clear(db *c, int64_t programme_id)
{
    return db_run(c, "DELETE FROM linkage_criteria WHERE programme_id = ?", "i", programme_id);
}

int store_lk_criterion_add(db *c, int64_t programme_id, const lk_criterion *k, int ord)
{
    return db_run(c,
                  "INSERT INTO linkage_criteria(programme_id, target, name, weight, ord)"
                  " VALUES (?, ?, ?, ?, ?)",
                  "ittii", programme_id, k->target, k->name, (int64_t)k->weight, (int64_t)ord);
}

static void fill_criterion(arena *a, db_stmt *st, lk_criterion *k)
{
    k->id = db_col_int(st, 0);
    k->target = col_str(a, st, 1);
    k->name = col_str(a, st, 2);
    k->weight = (int)db_col_int(st, 3);
}

int store_lk_criteria(db *c, arena *a, int64_t programme_id, lk_criterion **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT id, target, name, weight FROM linkage_criteria"
                           " WHERE programme_id = ? ORDER BY target, ord",
                           "i", programme_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, lk_criterion, fill_criterion, out, n);
}

int store_lk_score_count(db *c, int64_t programme_id, int64_t *n)
{
    return store_one_int(db_query(c, "SELECT count(*) FROM linkage_scores WHERE programme_id = ?",
                                  "i", programme_id),
                         n);
}

int store_lk_scores_clear(db *c, const char *target, int64_t subject_id, int64_t expert_id)
{
    return db_run(c,
                  "DELETE FROM linkage_scores WHERE target = ? AND subject_id = ?"
                  " AND expert_id = ?",
                  "tii", target, subject_id, expert_id);
}

int store_lk_score_add(db *c, int64_t programme_id, const lk_score *s, int64_t now)
{
    return db_run(c,
                  "INSERT INTO linkage_scores(programme_id, target, subject_id, expert_id,"
                  " criterion_id, score, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  "itiiiiti", programme_id, s->target, s->subject_id, s->expert_id, s->criterion_id,
                  (int64_t)s->score, s->comment, now);
}

static void fill_score(arena *a, db_stmt *st, lk_score *s)
{
    s->target = col_str(a, st, 0);
    s->subject_id = db_col_int(st, 1);
    s->expert_id = db_col_int(st, 2);
    s->criterion_id = db_col_int(st, 3);
    s->score = (int)db_col_int(st, 4);
    s->comment = col_str(a, st, 5);
}

int store_lk_scores(db *c, arena *a, int64_t programme_id, lk_score **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT target, subject_id, expert_id, criterion_id, score, comment"
                           " FROM linkage_scores WHERE programme_id = ?"
                           " ORDER BY target, subject_id, expert_id, criterion_id",
                           "i", programme_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, lk_score, fill_score, out, n);
}

int store_lk_commendation_add(db *c, int64_t programme_id, int64_t participant_id,
                              const char *title, const char *citation, int64_t by, int64_t now,
                              int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO linkage_commendations(programme_id, participant_id, title,"
                 " citation, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                 "iittIi", programme_id, participant_id, title, citation, by, now),
        id);
}

static void fill_commendation(arena *a, db_stmt *st, lk_commendation *k)
{
    k->id = db_col_int(st, 0);
    k->participant_id = db_col_int(st, 1);
    k->division = col_str(a, st, 2);
    k->title = col_str(a, st, 3);
    k->citation = col_str(a, st, 4);
    k->created_at = db_col_int(st, 5);
}

int store_lk_commendations(db *c, arena *a, int64_t programme_id, lk_commendation **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT k.id, k.participant_id, p.division, k.title, k.citation,"
                           " k.created_at FROM linkage_commendations k"
                           " JOIN linkage_participants p ON p.id = k.participant_id"
                           " WHERE k.programme_id = ? ORDER BY k.id",
                           "i", programme_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, lk_commendation, fill_commendation, out, n);
}

/*
 * store_posts: posts at venues, applications to them, pairings of teams with venues and the
 * insurance of projects (sql/0037_volunteer_posts.sql). One live application per volunteer and
 * post is the partial unique index's; a decision changes only a pending row.
 */
#include <stdio.h>
#include <string.h>

#include "db/store_util.h"
#include "mod/volunteers/posts_store.h"

int store_post_venue(db *c, arena *a, int64_t venue_id, const char **division, const char **name)
{
    db_stmt *st = db_query(c, "SELECT division, name FROM venues WHERE id = ?", "i", venue_id);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1) {
        *division = col_str(a, st, 0);
        *name = col_str(a, st, 1);
    }
    db_done(st);
    return rc == 1 ? (arena_failed(a) ? WY_NOMEM : WY_OK) : rc == 0 ? WY_NOTFOUND : rc;
}

#define POST_COLS                                                                                  \
    "p.id, p.venue_id, v.name, p.division, p.title, p.skills, p.description, p.wanted,"            \
    " p.schedule, p.status, coalesce(p.created_by, 0), p.created_at, p.updated_at,"                \
    " (SELECT count(*) FROM volunteer_post_applications g WHERE g.post_id = p.id"                  \
    "  AND g.status = 'accepted'),"                                                                \
    " (SELECT count(*) FROM volunteer_post_applications g WHERE g.post_id = p.id"                  \
    "  AND g.status = 'pending')"
#define POST_FROM " FROM volunteer_posts p JOIN venues v ON v.id = p.venue_id"

static void fill_post(arena *a, db_stmt *st, volunteer_post *p)
{
    p->id = db_col_int(st, 0);
    p->venue_id = db_col_int(st, 1);
    p->venue_name = col_str(a, st, 2);
    p->division = col_str(a, st, 3);
    p->title = col_str(a, st, 4);
    p->skills = col_str(a, st, 5);
    p->description = col_str(a, st, 6);
    p->wanted = (int)db_col_int(st, 7);
    p->schedule = col_str(a, st, 8);
    p->status = col_str(a, st, 9);
    p->created_by = db_col_int(st, 10);
    p->created_at = db_col_int(st, 11);
    p->updated_at = db_col_int(st, 12);
    p->accepted = (int)db_col_int(st, 13);
    p->pending = (int)db_col_int(st, 14);
}

int store_post_create(db *c, const volunteer_post *p, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO volunteer_posts(venue_id, division, title, skills, description,"
                 " wanted, schedule, created_by, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "ittttitIii", p->venue_id, p->division, p->title, p->skills, p->description,
                 (int64_t)p->wanted, p->schedule, p->created_by, now, now),
        id);
}

int store_post_get(db *c, arena *a, int64_t id, volunteer_post *out)
{
    db_stmt *st = db_query(c, "SELECT " POST_COLS POST_FROM " WHERE p.id = ?", "i", id);
    return STORE_ONE(a, st, fill_post, out);
}

int store_post_list(db *c, arena *a, const char *prefix, int64_t venue_id, int all, int64_t before,
                    int limit, volunteer_post **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " POST_COLS POST_FROM
                           " WHERE p.division >= ? AND p.division < ? AND (? = 0 OR p.venue_id = ?)"
                           " AND (? = 1 OR p.status = 'open') AND (? = 0 OR p.id < ?)"
                           " ORDER BY p.id DESC LIMIT ?",
                           "ttiiiiii", prefix ? prefix : "", prefix_end(a, prefix), venue_id,
                           venue_id, (int64_t)(all ? 1 : 0), before, before, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, volunteer_post, fill_post, out, n);
}

int store_post_update(db *c, const volunteer_post *p, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE volunteer_posts SET title = ?, skills = ?, description = ?, wanted = ?,"
                    " schedule = ?, updated_at = ? WHERE id = ?",
                    "tttitii", p->title, p->skills, p->description, (int64_t)p->wanted, p->schedule,
                    now, p->id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_post_reopen(db *c, int64_t id, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE volunteer_posts SET status = 'open', updated_at = ?"
                    " WHERE id = ? AND status = 'closed'",
                    "ii", now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_post_close(db *c, arena *a, int64_t id, int64_t now, int64_t **apps, int64_t **users,
                     size_t *n)
{
    *n = 0;
    int rc = db_run(c,
                    "UPDATE volunteer_posts SET status = 'closed', updated_at = ?"
                    " WHERE id = ? AND status = 'open'",
                    "ii", now, id);
    if (rc != WY_OK)
        return rc;
    if (db_changes(c) == 0)
        return WY_NOTFOUND;
    db_stmt *st = db_query(c,
                           "UPDATE volunteer_post_applications SET status = 'declined',"
                           " decided_at = ?, updated_at = ? WHERE post_id = ? AND"
                           " status = 'pending' RETURNING id, user_id",
                           "iii", now, now, id);
    return store_two_ints(st, a, apps, users, n);
}

int store_post_apply(db *c, int64_t post_id, int64_t volunteer_id, int64_t user_id,
                     const char *note, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO volunteer_post_applications(post_id, volunteer_id, user_id, note,"
                 " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                 "iiitii", post_id, volunteer_id, user_id, note, now, now),
        id);
}

#define APP_COLS                                                                                   \
    "g.id, g.post_id, g.volunteer_id, g.user_id, g.status, g.note, coalesce(g.decided_by, 0),"     \
    " coalesce(g.decided_at, 0), g.created_at, g.updated_at, p.title, p.division, v.real_name,"    \
    " u.phone"
#define APP_FROM                                                                                   \
    " FROM volunteer_post_applications g JOIN volunteer_posts p ON p.id = g.post_id"               \
    " JOIN volunteers v ON v.id = g.volunteer_id JOIN users u ON u.id = g.user_id"

static void fill_app(arena *a, db_stmt *st, post_application *g)
{
    g->id = db_col_int(st, 0);
    g->post_id = db_col_int(st, 1);
    g->volunteer_id = db_col_int(st, 2);
    g->user_id = db_col_int(st, 3);
    g->status = col_str(a, st, 4);
    g->note = col_str(a, st, 5);
    g->decided_by = db_col_int(st, 6);
    g->decided_at = db_col_int(st, 7);
    g->created_at = db_col_int(st, 8);
    g->updated_at = db_col_int(st, 9);
    g->post_title = col_str(a, st, 10);
    g->division = col_str(a, st, 11);
    g->real_name = col_str(a, st, 12);
    g->phone = col_str(a, st, 13);
}

int store_post_application_get(db *c, arena *a, int64_t id, post_application *out)
{
    db_stmt *st = db_query(c, "SELECT " APP_COLS APP_FROM " WHERE g.id = ?", "i", id);
    return STORE_ONE(a, st, fill_app, out);
}

int store_post_application_set(db *c, int64_t id, const char *to, int64_t by, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE volunteer_post_applications SET status = ?, decided_by = ?,"
                    " decided_at = ?, updated_at = ? WHERE id = ? AND status = 'pending'",
                    "tIiii", to, by, now, now, id);
    if (rc != WY_OK)
        return rc;
    return db_changes(c) ? WY_OK : WY_NOTFOUND;
}

int store_post_applications(db *c, arena *a, int64_t post_id, const char *status,
                            post_application **out, size_t *n)
{
    const char *s = status ? status : "";
    db_stmt *st = db_query(c,
                           "SELECT " APP_COLS APP_FROM
                           " WHERE g.post_id = ? AND (? = '' OR g.status = ? OR (? = 'live' AND"
                           " g.status IN ('pending', 'accepted')))"
                           " ORDER BY g.status = 'pending' DESC, g.id LIMIT 500",
                           "ittt", post_id, s, s, s);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, post_application, fill_app, out, n);
}

int store_post_application_live(db *c, arena *a, int64_t post_id, int64_t user_id,
                                post_application *out)
{
    db_stmt *st = db_query(c,
                           "SELECT " APP_COLS APP_FROM " WHERE g.post_id = ? AND g.user_id = ?"
                           " AND g.status IN ('pending', 'accepted')",
                           "ii", post_id, user_id);
    return STORE_ONE(a, st, fill_app, out);
}

/* ---- pairings ---- */

#define PAIR_COLS                                                                                  \
    "r.id, r.org_id, o.name, r.venue_id, v.name, r.division, r.starts_on, r.ends_on, r.note,"      \
    " r.created_at, r.updated_at"
#define PAIR_FROM                                                                                  \
    " FROM volunteer_pairings r JOIN volunteer_orgs o ON o.id = r.org_id"                          \
    " JOIN venues v ON v.id = r.venue_id"

static void fill_pairing(arena *a, db_stmt *st, volunteer_pairing *p)
{
    p->id = db_col_int(st, 0);
    p->org_id = db_col_int(st, 1);
    p->org_name = col_str(a, st, 2);
    p->venue_id = db_col_int(st, 3);
    p->venue_name = col_str(a, st, 4);
    p->division = col_str(a, st, 5);
    p->starts_on = col_str(a, st, 6);
    p->ends_on = col_str(a, st, 7);
    p->note = col_str(a, st, 8);
    p->created_at = db_col_int(st, 9);
    p->updated_at = db_col_int(st, 10);
}

int store_pairing_create(db *c, const volunteer_pairing *p, int64_t by, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO volunteer_pairings(org_id, venue_id, division, starts_on, ends_on,"
                 " note, created_by, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "iittttIii", p->org_id, p->venue_id, p->division, p->starts_on, p->ends_on,
                 p->note, by, now, now),
        id);
}

int store_pairing_get(db *c, arena *a, int64_t id, volunteer_pairing *out)
{
    db_stmt *st = db_query(c, "SELECT " PAIR_COLS PAIR_FROM " WHERE r.id = ?", "i", id);
    return STORE_ONE(a, st, fill_pairing, out);
}

int store_pairing_end(db *c, int64_t id, const char *ends_on, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE volunteer_pairings SET ends_on = ?, updated_at = ?"
                    " WHERE id = ? AND ends_on IS NULL",
                    "tii", ends_on, now, id);
    if (rc != WY_OK)
        return rc;
    return db_changes(c) ? WY_OK : WY_NOTFOUND;
}

int store_pairing_list(db *c, arena *a, int64_t venue_id, int64_t org_id, volunteer_pairing **out,
                       size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " PAIR_COLS PAIR_FROM " WHERE (? = 0 OR r.venue_id = ?)"
                           " AND (? = 0 OR r.org_id = ?) ORDER BY r.id DESC LIMIT 200",
                           "iiii", venue_id, venue_id, org_id, org_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, volunteer_pairing, fill_pairing, out, n);
}

/* ---- insurance ---- */

int store_insurance_put(db *c, const project_insurance *in, int64_t now)
{
    return db_run(c,
                  "INSERT INTO volunteer_project_insurance(project_id, insurer, policy_no,"
                  " cover_from, cover_to, summary, recorded_by, updated_at)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id) DO UPDATE SET"
                  " insurer = excluded.insurer, policy_no = excluded.policy_no,"
                  " cover_from = excluded.cover_from, cover_to = excluded.cover_to,"
                  " summary = excluded.summary, recorded_by = excluded.recorded_by,"
                  " updated_at = excluded.updated_at",
                  "itttttIi", in->project_id, in->insurer, in->policy_no, in->cover_from,
                  in->cover_to, in->summary, in->recorded_by, now);
}

static void fill_insurance(arena *a, db_stmt *st, project_insurance *r)
{
    r->project_id = db_col_int(st, 0);
    r->insurer = col_str(a, st, 1);
    r->policy_no = col_str(a, st, 2);
    r->cover_from = col_str(a, st, 3);
    r->cover_to = col_str(a, st, 4);
    r->summary = col_str(a, st, 5);
    r->recorded_by = db_col_int(st, 6);
    r->updated_at = db_col_int(st, 7);
}

int store_insurance_get(db *c, arena *a, int64_t project_id, project_insurance *out)
{
    db_stmt *st = db_query(c,
                           "SELECT project_id, insurer, policy_no, cover_from, cover_to, summary,"
                           " coalesce(recorded_by, 0), updated_at FROM volunteer_project_insurance"
                           " WHERE project_id = ?",
                           "i", project_id);
    return STORE_ONE(a, st, fill_insurance, out);
}

static void fill_venue(arena *a, db_stmt *st, post_venue *v)
{
    v->id = db_col_int(st, 0);
    v->name = col_str(a, st, 1);
    v->division = col_str(a, st, 2);
}

int store_post_venues(db *c, arena *a, const char *prefix, int limit, post_venue **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT id, name, division FROM venues WHERE division >= ? AND"
                           " division < ? ORDER BY division, name, id LIMIT ?",
                           "tti", prefix ? prefix : "", prefix_end(a, prefix), (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, post_venue, fill_venue, out, n);
}

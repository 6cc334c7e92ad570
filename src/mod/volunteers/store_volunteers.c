/* store_volunteers: organisations, teams and volunteers' profiles (志愿者). */
#include "mod/volunteers/volunteer_store.h"
#include "db/store_util.h"

#define ORG_COLS                                                                                   \
    "id, coalesce(parent_id, 0), division, name, description, coalesce(created_by, 0), "           \
    "created_at,"                                                                                  \
    " coalesce(archived_at, 0)"

static void fill_org(arena *a, db_stmt *st, volunteer_org *o)
{
    o->id = db_col_int(st, 0);
    o->parent_id = db_col_int(st, 1);
    o->division = col_str(a, st, 2);
    o->name = col_str(a, st, 3);
    o->description = col_str(a, st, 4);
    o->created_by = db_col_int(st, 5);
    o->created_at = db_col_int(st, 6);
    o->archived_at = db_col_int(st, 7);
}

int store_volunteer_org_create(db *c, const volunteer_org *o, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO volunteer_orgs(parent_id, division, name, description, created_by,"
                 " created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "Itttiii", o->parent_id, o->division, o->name, o->description, o->created_by, now,
                 now),
        id);
}

int store_volunteer_org_get(db *c, arena *a, int64_t id, volunteer_org *out)
{
    db_stmt *st = db_query(c, "SELECT " ORG_COLS " FROM volunteer_orgs WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_org, out);
}

int store_volunteer_org_update(db *c, const volunteer_org *o, int64_t now)
{
    int rc = db_run(
        c, "UPDATE volunteer_orgs SET name = ?, description = ?, updated_at = ? WHERE id = ?",
        "ttii", o->name, o->description, now, o->id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_volunteer_org_list(db *c, arena *a, const char *prefix, int64_t after, int limit,
                             volunteer_org **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " ORG_COLS " FROM volunteer_orgs"
                 " WHERE division >= ? AND division < ? AND id > ? AND archived_at IS NULL"
                 " ORDER BY id LIMIT ?",
                 "ttii", prefix ? prefix : "", prefix_end(a, prefix), after, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, volunteer_org, fill_org, out, n);
}

/* Every organisation is its own root; a team's root is its parent. */
#define ORG_ROOT "coalesce(o.parent_id, o.id)"

int store_volunteer_org_archive(db *c, int64_t id, int64_t by, int64_t now)
{
    /* the organisation and its teams, together */
    int rc = db_run(c,
                    "UPDATE volunteer_orgs SET archived_at = ?, archived_by = ?, updated_at = ?"
                    " WHERE (id = ? OR parent_id = ?) AND archived_at IS NULL",
                    "iIiii", now, by, now, id, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_volunteer_org_open_work(db *c, int64_t id, int64_t now, int64_t *projects,
                                  int64_t *shifts)
{
    int rc = store_one_int(db_query(c,
                                    "SELECT count(*) FROM volunteer_projects p"
                                    " JOIN volunteer_orgs o ON o.id = p.org_id"
                                    " WHERE " ORG_ROOT " = ? AND p.status = 'pending'",
                                    "i", id),
                           projects);
    if (rc == WY_OK)
        rc = store_one_int(db_query(c,
                                    "SELECT count(*) FROM volunteer_shifts s"
                                    " JOIN volunteer_projects p ON p.id = s.project_id"
                                    " JOIN volunteer_orgs o ON o.id = p.org_id"
                                    " WHERE " ORG_ROOT " = ? AND s.status = 'open'"
                                    " AND s.ends_at > ?",
                                    "ii", id, now),
                           shifts);
    return rc;
}

int store_org_coordinator_add(db *c, int64_t org_id, int64_t user_id, int64_t by, int64_t now)
{
    int rc = db_run(c,
                    "INSERT INTO volunteer_org_coordinators(org_id, user_id, added_by, added_at)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    "iiIi", org_id, user_id, by, now);
    return rc == WY_OK && db_changes(c) == 0 ? WY_CONSTRAINT : rc;
}

int store_org_coordinator_remove(db *c, int64_t org_id, int64_t user_id)
{
    int rc = db_run(c, "DELETE FROM volunteer_org_coordinators WHERE org_id = ? AND user_id = ?",
                    "ii", org_id, user_id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

static void fill_coordinator(arena *a, db_stmt *st, org_coordinator *k)
{
    k->org_id = db_col_int(st, 0);
    k->user_id = db_col_int(st, 1);
    k->name = col_str(a, st, 2);
    k->phone = col_str(a, st, 3);
    k->added_by = db_col_int(st, 4);
    k->added_at = db_col_int(st, 5);
}

int store_org_coordinator_list(db *c, arena *a, int64_t org_id, org_coordinator **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT k.org_id, k.user_id, u.name, u.phone, coalesce(k.added_by, 0),"
                 " k.added_at FROM volunteer_org_coordinators k"
                 " JOIN users u ON u.id = k.user_id WHERE k.org_id = ? ORDER BY k.added_at,"
                 " k.user_id LIMIT 200",
                 "i", org_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, org_coordinator, fill_coordinator, out, n);
}

int store_org_coordinates(db *c, int64_t org_id, int64_t user_id, int *yes)
{
    int64_t n = 0;
    int rc = store_one_int(db_query(c,
                                    "SELECT count(*) FROM volunteer_orgs o"
                                    " JOIN volunteer_org_coordinators k ON k.org_id = " ORG_ROOT
                                    " WHERE o.id = ? AND k.user_id = ?",
                                    "ii", org_id, user_id),
                           &n);
    *yes = rc == WY_OK && n > 0;
    return rc;
}

#define VOL_COLS                                                                                   \
    "v.id, v.user_id, v.real_name, u.phone, v.birth_date, v.skills, v.availability, v.areas,"      \
    " v.division, v.guardian_name, v.guardian_phone, v.guardian_consent, v.created_at"

static void fill_volunteer(arena *a, db_stmt *st, volunteer *v)
{
    v->id = db_col_int(st, 0);
    v->user_id = db_col_int(st, 1);
    v->real_name = col_str(a, st, 2);
    v->phone = col_str(a, st, 3);
    v->birth_date = col_str(a, st, 4);
    v->skills = col_str(a, st, 5);
    v->availability = col_str(a, st, 6);
    v->areas = col_str(a, st, 7);
    v->division = col_str(a, st, 8);
    v->guardian_name = db_col_null(st, 9) ? NULL : col_str(a, st, 9);
    v->guardian_phone = db_col_null(st, 10) ? NULL : col_str(a, st, 10);
    v->guardian_consent = db_col_null(st, 11) ? NULL : col_str(a, st, 11);
    v->created_at = db_col_int(st, 12);
    v->no_shows = 0;
}

int store_volunteer_create(db *c, const volunteer *v, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO volunteers(user_id, real_name, birth_date, skills, availability,"
                 " areas, division, guardian_name, guardian_phone, guardian_consent, created_at,"
                 " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "itttttttttii", v->user_id, v->real_name, v->birth_date, v->skills,
                 v->availability, v->areas, v->division, v->guardian_name, v->guardian_phone,
                 v->guardian_consent, now, now),
        id);
}

int store_volunteer_update(db *c, const volunteer *v, int64_t now)
{
    return db_run(c,
                  "UPDATE volunteers SET real_name = ?, birth_date = ?, skills = ?,"
                  " availability = ?, areas = ?, division = ?, guardian_name = ?,"
                  " guardian_phone = ?, guardian_consent = ?, updated_at = ? WHERE user_id = ?",
                  "tttttttttii", v->real_name, v->birth_date, v->skills, v->availability, v->areas,
                  v->division, v->guardian_name, v->guardian_phone, v->guardian_consent, now,
                  v->user_id);
}

int store_volunteer_by_user(db *c, arena *a, int64_t user_id, volunteer *out)
{
    db_stmt *st = db_query(c,
                           "SELECT " VOL_COLS " FROM volunteers v JOIN users u ON u.id = v.user_id"
                           " WHERE v.user_id = ?",
                           "i", user_id);
    return STORE_ONE(a, st, fill_volunteer, out);
}

int store_volunteer_get(db *c, arena *a, int64_t id, volunteer *out)
{
    db_stmt *st = db_query(c,
                           "SELECT " VOL_COLS " FROM volunteers v JOIN users u ON u.id = v.user_id"
                           " WHERE v.id = ?",
                           "i", id);
    return STORE_ONE(a, st, fill_volunteer, out);
}

static void fill_listed(arena *a, db_stmt *st, volunteer *v)
{
    fill_volunteer(a, st, v);
    v->no_shows = db_col_int(st, 13);
}

int store_volunteer_list(db *c, arena *a, const char *prefix, const char *skill, int64_t after,
                         int limit, volunteer **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " VOL_COLS ","
                           /* a page of 20: each volunteer's own sign-ups, volunteer_signups_user */
                           " (SELECT count(*) FROM volunteer_signups g WHERE g.user_id = v.user_id"
                           "  AND g.status = 'no_show' AND g.excused_at IS NULL)"
                           " FROM volunteers v JOIN users u ON u.id = v.user_id"
                           " WHERE v.division >= ? AND v.division < ? AND v.id > ?"
                           " AND (CAST(? AS TEXT) IS NULL OR v.skills LIKE '%,' || ? || ',%')"
                           " ORDER BY v.id LIMIT ?",
                           "ttitti", prefix ? prefix : "", prefix_end(a, prefix), after, skill,
                           skill, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, volunteer, fill_listed, out, n);
}

#define PROJECT_COLS                                                                               \
    "id, org_id, division, title, description, status, coalesce(created_by, 0), created_at,"       \
    " coalesce(published_at, 0)"

static void fill_project(arena *a, db_stmt *st, volunteer_project *p)
{
    p->id = db_col_int(st, 0);
    p->org_id = db_col_int(st, 1);
    p->division = col_str(a, st, 2);
    p->title = col_str(a, st, 3);
    p->description = col_str(a, st, 4);
    p->status = col_str(a, st, 5);
    p->created_by = db_col_int(st, 6);
    p->created_at = db_col_int(st, 7);
    p->published_at = db_col_int(st, 8);
}

int store_volunteer_project_create(db *c, const volunteer_project *p, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO volunteer_projects(org_id, division, title, description, created_by,"
                 " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "itttiii", p->org_id, p->division, p->title, p->description, p->created_by, now,
                 now),
        id);
}

int store_volunteer_project_get(db *c, arena *a, int64_t id, volunteer_project *out)
{
    db_stmt *st =
        db_query(c, "SELECT " PROJECT_COLS " FROM volunteer_projects WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_project, out);
}

int store_volunteer_project_update(db *c, int64_t id, const char *title, const char *description,
                                   int64_t now)
{
    int rc = db_run(c,
                    "UPDATE volunteer_projects SET title = ?, description = ?, updated_at = ?"
                    " WHERE id = ? AND status IN ('draft', 'rejected')",
                    "ttii", title, description, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_volunteer_project_revise(db *c, int64_t id, const char *title, const char *description,
                                   int64_t now)
{
    int rc = db_run(c,
                    "UPDATE volunteer_projects SET title = ?, description = ?, updated_at = ?"
                    " WHERE id = ? AND status = 'published'",
                    "ttii", title, description, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_volunteer_project_set_status(db *c, int64_t id, const char *status, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE volunteer_projects SET status = ?, updated_at = ?,"
                    " published_at = CASE WHEN ? = 'published' THEN ? ELSE published_at END"
                    " WHERE id = ?",
                    "titii", status, now, status, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_volunteer_project_list(db *c, arena *a, const char *prefix, const char *status,
                                 int64_t before, int limit, volunteer_project **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " PROJECT_COLS " FROM volunteer_projects"
                 " WHERE (CAST(? AS TEXT) IS NULL OR status = ?) AND division >= ? AND division < ?"
                 " AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?",
                 "ttttiii", status, status, prefix ? prefix : "", prefix_end(a, prefix), before,
                 before, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, volunteer_project, fill_project, out, n);
}

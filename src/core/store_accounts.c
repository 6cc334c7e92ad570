/* store_accounts: users, role grants and sessions. */
#include <stdio.h>

#include "core/store.h"
#include "db/store_util.h"

#define USER_COLS "id, phone, name, password_hash, division, status, created_at, activated_at"

static void fill_user(arena *a, db_stmt *st, account *u)
{
    u->id = db_col_int(st, 0);
    u->phone = col_str(a, st, 1);
    u->name = col_str(a, st, 2);
    u->password_hash = col_str(a, st, 3);
    u->division = col_str(a, st, 4);
    u->status = col_str(a, st, 5);
    u->created_at = db_col_int(st, 6);
    u->activated_at = db_col_null(st, 7) ? 0 : db_col_int(st, 7);
}

static int one_row(arena *a, db_stmt *st, account *out)
{
    return STORE_ONE(a, st, fill_user, out);
}

int store_user_by_phone(db *c, arena *a, const char *phone, account *out)
{
    return one_row(a, db_query(c, "SELECT " USER_COLS " FROM users WHERE phone = ?", "t", phone),
                   out);
}

int store_user_by_id(db *c, arena *a, int64_t id, account *out)
{
    return one_row(a, db_query(c, "SELECT " USER_COLS " FROM users WHERE id = ?", "i", id), out);
}

int store_user_set_password(db *c, int64_t id, const char *pwhash, int64_t now)
{
    int rc = db_run(c, "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", "tii",
                    pwhash, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_user_reset_password(db *c, int64_t id, const char *pwhash, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE users SET password_hash = ?, activated_at = coalesce(activated_at, ?),"
                    " updated_at = ? WHERE id = ?",
                    "tiii", pwhash, now, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_user_list(db *c, arena *a, const char *prefix, int with_unplaced, const char *q,
                    int64_t after, int limit, account **out, size_t *n)
{
    const char *like = q && *q ? like_contains(a, q) : NULL;
    if (q && *q && !like)
        return WY_NOMEM;
    db_stmt *st = db_query(c,
                           "SELECT " USER_COLS " FROM users WHERE id > ?"
                           " AND (? = '' OR (division >= ? AND division < ?)"
                           "      OR (? = 1 AND division IS NULL))"
                           " AND (CAST(? AS TEXT) IS NULL OR name LIKE ?" LIKE_ESCAPE
                           " OR phone LIKE ?" LIKE_ESCAPE ")"
                           " ORDER BY id LIMIT ?",
                           "itttittti", after, prefix ? prefix : "", prefix ? prefix : "",
                           prefix_end(a, prefix), (int64_t)(with_unplaced != 0), like, like, like,
                           (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, account, fill_user, out, n);
}

static void fill_grant(arena *a, db_stmt *st, role_grant *g)
{
    g->id = db_col_int(st, 0);
    g->user_id = db_col_int(st, 1);
    g->role = col_str(a, st, 2);
    g->division = col_str(a, st, 3);
}

int store_user_create(db *c, const char *phone, const char *name, const char *pwhash,
                      const char *division, int64_t now, int64_t *id)
{
    return insert_returning_id(db_query(c,
                                        "INSERT INTO users(phone, name, password_hash, division,"
                                        " created_at, updated_at, activated_at)"
                                        " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                        "ttttiii", phone, name, pwhash, division, now, now, now),
                               id);
}

int store_user_create_pending(db *c, const char *phone, const char *name, const char *division,
                              int64_t now, int64_t *id)
{
    /* no password: nothing verifies against an empty hash */
    return insert_returning_id(db_query(c,
                                        "INSERT INTO users(phone, name, password_hash, division,"
                                        " created_at, updated_at) VALUES (?, ?, '', ?, ?, ?)"
                                        " RETURNING id",
                                        "tttii", phone, name, division, now, now),
                               id);
}

int store_role_grant(db *c, int64_t user_id, const char *role, const char *division,
                     int64_t granted_by, int64_t now, int64_t *id)
{
    return insert_returning_id(db_query(c,
                                        "INSERT INTO role_grants(user_id, role, division,"
                                        " granted_by, created_at) VALUES (?, ?, ?, ?, ?)"
                                        " RETURNING id",
                                        "ittIi", user_id, role, division, granted_by, now),
                               id);
}

int store_role_revoke(db *c, int64_t grant_id)
{
    int rc = db_run(c, "DELETE FROM role_grants WHERE id = ?", "i", grant_id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_role_get(db *c, arena *a, int64_t grant_id, role_grant *out)
{
    db_stmt *st = db_query(c, "SELECT id, user_id, role, division FROM role_grants WHERE id = ?",
                           "i", grant_id);
    return STORE_ONE(a, st, fill_grant, out);
}

int store_roles_of(db *c, arena *a, int64_t user_id, role_grant **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT id, user_id, role, division FROM role_grants"
                           " WHERE user_id = ? ORDER BY division, role",
                           "i", user_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, role_grant, fill_grant, out, n);
}

int store_login_create(db *c, const char *token_hash, int64_t user_id, int64_t now,
                       int64_t expires_at, const char *ip)
{
    return db_run(c,
                  "INSERT INTO sessions(token_hash, user_id, created_at, expires_at, ip)"
                  " VALUES (?, ?, ?, ?, ?)",
                  "tiiit", token_hash, user_id, now, expires_at, ip);
}

int store_login_user(db *c, const char *token_hash, int64_t now, int64_t *user_id,
                     int64_t *expires_at)
{
    db_stmt *st =
        db_query(c,
                 "SELECT s.user_id, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id"
                 " WHERE s.token_hash = ? AND s.expires_at > ? AND u.status = 'active'"
                 " AND u.activated_at IS NOT NULL",
                 "ti", token_hash, now);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1) {
        *user_id = db_col_int(st, 0);
        *expires_at = db_col_int(st, 1);
    }
    db_done(st);
    return rc == 1 ? WY_OK : rc == 0 ? WY_NOTFOUND : rc;
}

int store_login_delete(db *c, const char *token_hash)
{
    return db_run(c, "DELETE FROM sessions WHERE token_hash = ?", "t", token_hash);
}

int store_login_delete_user(db *c, int64_t user_id, const char *keep_hash)
{
    return db_run(c, "DELETE FROM sessions WHERE user_id = ? AND token_hash <> coalesce(?, '')",
                  "it", user_id, keep_hash);
}

int store_login_purge(db *c, int64_t now)
{
    return db_run(c, "DELETE FROM sessions WHERE expires_at <= ?", "i", now);
}

/* ---- private calendar feeds ---- */

int store_calendar_feed_get(db *c, int64_t user_id, int64_t *created_at)
{
    db_stmt *st =
        db_query(c, "SELECT created_at FROM calendar_feeds WHERE user_id = ?", "i", user_id);
    if (!st)
        return WY_ERR;
    int s = db_step(st);
    if (s == 1 && created_at)
        *created_at = db_col_int(st, 0);
    db_done(st);
    return s == 1 ? WY_OK : s == 0 ? WY_NOTFOUND : s;
}

int store_calendar_feed_set(db *c, int64_t user_id, const char *token_hash, int64_t now)
{
    return db_run(c,
                  "INSERT INTO calendar_feeds(user_id, token_hash, created_at) VALUES (?, ?, ?)"
                  " ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash,"
                  " created_at = excluded.created_at",
                  "iti", user_id, token_hash, now);
}

int store_calendar_feed_user(db *c, const char *token_hash, int64_t *user_id)
{
    db_stmt *st = db_query(c,
                           "SELECT f.user_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id"
                           " WHERE f.token_hash = ? AND u.status = 'active'"
                           " AND u.activated_at IS NOT NULL",
                           "t", token_hash);
    if (!st)
        return WY_ERR;
    int s = db_step(st);
    if (s == 1)
        *user_id = db_col_int(st, 0);
    db_done(st);
    return s == 1 ? WY_OK : s == 0 ? WY_NOTFOUND : s;
}

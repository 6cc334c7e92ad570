/*
 * store_auth: one-time codes, rate counters and the login throttle. Each operation that
 * counts reads the count in the statement that changes it (an upsert or an UPDATE with
 * RETURNING), which locks the row on PostgreSQL until the transaction ends; on SQLite a
 * write transaction holds the database's one write lock. So parallel requests are counted
 * one after the other, never all against the same old count.
 */
#include "core/store.h"
#include "db/store_util.h"

/* ---- one-time codes ---- */

int store_phone_code_put(db *c, const char *phone, const char *purpose, const char *code_hash,
                         int64_t now, int64_t expires_at, const char *name, const char *pwhash,
                         const char *division)
{
    return db_run(c,
                  "INSERT INTO phone_codes(phone, purpose, code_hash, tries, created_at,"
                  " expires_at, name, password_hash, division) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)"
                  " ON CONFLICT (phone, purpose) DO UPDATE SET code_hash = excluded.code_hash,"
                  " tries = 0, created_at = excluded.created_at, expires_at = excluded.expires_at,"
                  " name = excluded.name, password_hash = excluded.password_hash,"
                  " division = excluded.division",
                  "tttiittt", phone, purpose, code_hash, now, expires_at, name, pwhash, division);
}

int store_phone_code_try(db *c, arena *a, const char *phone, const char *purpose, int64_t now,
                         int max_tries, phone_code *out)
{
    db_stmt *st = db_query(c,
                           "UPDATE phone_codes SET tries = tries + 1"
                           " WHERE phone = ? AND purpose = ? AND expires_at > ? AND tries < ?"
                           " RETURNING code_hash, tries, name, password_hash, division",
                           "ttii", phone, purpose, now, (int64_t)max_tries);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1) {
        out->code_hash = col_str(a, st, 0);
        out->tries = (int)db_col_int(st, 1);
        out->name = col_str(a, st, 2);
        out->password_hash = col_str(a, st, 3);
        out->division = col_str(a, st, 4);
    }
    db_done(st);
    return rc == 1 ? (out->code_hash ? WY_OK : WY_NOMEM) : rc == 0 ? WY_NOTFOUND : rc;
}

int store_phone_code_take(db *c, const char *phone, const char *purpose, const char *code_hash,
                          int64_t now)
{
    int rc = db_run(c,
                    "DELETE FROM phone_codes WHERE phone = ? AND purpose = ? AND code_hash = ?"
                    " AND expires_at > ?",
                    "ttti", phone, purpose, code_hash, now);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_phone_codes_purge(db *c, int64_t now)
{
    return db_run(c, "DELETE FROM phone_codes WHERE expires_at <= ?", "i", now);
}

/* ---- rate counters: each window begins with its first event ---- */

int store_rate_hit(db *c, const char *key, int64_t now, int64_t window_ms, int64_t *count,
                   int64_t *window_start)
{
    int64_t open_after = now - window_ms; /* a window that began after this is still on */
    db_stmt *st = db_query(c,
                           "INSERT INTO rate_counters(key, window_start, count) VALUES (?, ?, 1)"
                           " ON CONFLICT (key) DO UPDATE SET count = CASE"
                           " WHEN rate_counters.window_start > ? THEN rate_counters.count + 1"
                           " ELSE 1 END,"
                           " window_start = CASE WHEN rate_counters.window_start > ?"
                           " THEN rate_counters.window_start ELSE excluded.window_start END"
                           " RETURNING count, window_start",
                           "tiii", key, now, open_after, open_after);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1) {
        *count = db_col_int(st, 0);
        *window_start = db_col_int(st, 1);
    }
    db_done(st);
    return rc == 1 ? WY_OK : rc == 0 ? WY_ERR : rc;
}

int store_rate_purge(db *c, int64_t before)
{
    return db_run(c, "DELETE FROM rate_counters WHERE window_start < ?", "i", before);
}

/* ---- login throttling ---- */

int store_login_throttle_lock(db *c, const char *key, login_throttle *out)
{
    /* the update changes nothing, but takes the row's lock (PostgreSQL) and returns it */
    db_stmt *st = db_query(c,
                           "INSERT INTO login_throttle(key, failures, last_at, next_at, refusals)"
                           " VALUES (?, 0, 0, 0, 0)"
                           " ON CONFLICT (key) DO UPDATE SET refusals = login_throttle.refusals"
                           " RETURNING failures, last_at, next_at, refusals",
                           "t", key);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1) {
        out->failures = (int)db_col_int(st, 0);
        out->last_at = db_col_int(st, 1);
        out->next_at = db_col_int(st, 2);
        out->refusals = (int)db_col_int(st, 3);
    }
    db_done(st);
    return rc == 1 ? WY_OK : rc == 0 ? WY_ERR : rc;
}

int store_login_throttle_set(db *c, const char *key, const login_throttle *t)
{
    return db_run(c,
                  "UPDATE login_throttle SET failures = ?, last_at = ?, next_at = ?, refusals = ?"
                  " WHERE key = ?",
                  "iiiit", (int64_t)t->failures, t->last_at, t->next_at, (int64_t)t->refusals, key);
}

int store_login_throttle_clear(db *c, const char *key)
{
    return db_run(c, "DELETE FROM login_throttle WHERE key = ?", "t", key);
}

int store_login_throttle_forgive(db *c, const char *key)
{
    return db_run(
        c, "UPDATE login_throttle SET failures = failures - 1 WHERE key = ? AND failures > 0", "t",
        key);
}

int store_login_throttle_purge(db *c, int64_t before)
{
    return db_run(c, "DELETE FROM login_throttle WHERE last_at < ? AND next_at < ?", "ii", before,
                  before);
}

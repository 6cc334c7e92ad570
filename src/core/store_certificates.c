/* store_certificates: the certificates and certificate_counters tables
 * (core/certificate_store.h). */
#include "core/certificate_store.h"
#include "db/store_util.h"

int store_certificate_counter_lock(db *c, const char *prefix, int year, int64_t *last)
{
    /* the update changes nothing, but takes the row's lock (PostgreSQL) and returns it; on
     * SQLite the write transaction holds the database already */
    db_stmt *st =
        db_query(c,
                 "INSERT INTO certificate_counters(prefix, year, last) VALUES (?, ?, 0)"
                 " ON CONFLICT (prefix, year) DO UPDATE SET last = certificate_counters.last"
                 " RETURNING last",
                 "ti", prefix, (int64_t)year);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1)
        *last = db_col_int(st, 0);
    db_done(st);
    return rc == 1 ? WY_OK : rc == 0 ? WY_ERR : rc;
}

int store_certificate_counter_set(db *c, const char *prefix, int year, int64_t last)
{
    return db_run(c, "UPDATE certificate_counters SET last = ? WHERE prefix = ? AND year = ?",
                  "iti", last, prefix, (int64_t)year);
}

int store_certificate_add(db *c, const certificate *x, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO certificates(number, code, kind, subject_id, holder_id, holder_name,"
                 " title, body, facts, issuer, division, issued_on, issued_at, issued_by)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "tttiItttttttiI", x->number, x->code, x->kind, x->subject_id, x->holder_id,
                 x->holder_name, x->title, x->body ? x->body : "", x->facts ? x->facts : "[]",
                 x->issuer, x->division, x->issued_on, x->issued_at, x->issued_by),
        id);
}

#define CERT_COLS                                                                                  \
    "id, number, code, kind, subject_id, coalesce(holder_id, 0), holder_name, title, body,"        \
    " facts, issuer, division, issued_on, issued_at, coalesce(issued_by, 0), status,"              \
    " coalesce(revoked_at, 0), coalesce(revoked_by, 0), revoke_reason"

static void fill_cert(arena *a, db_stmt *st, certificate *x)
{
    x->id = db_col_int(st, 0);
    x->number = col_str(a, st, 1);
    x->code = col_str(a, st, 2);
    x->kind = col_str(a, st, 3);
    x->subject_id = db_col_int(st, 4);
    x->holder_id = db_col_int(st, 5);
    x->holder_name = col_str(a, st, 6);
    x->title = col_str(a, st, 7);
    x->body = col_str(a, st, 8);
    x->facts = col_str(a, st, 9);
    x->issuer = col_str(a, st, 10);
    x->division = col_str(a, st, 11);
    x->issued_on = col_str(a, st, 12);
    x->issued_at = db_col_int(st, 13);
    x->issued_by = db_col_int(st, 14);
    x->status = col_str(a, st, 15);
    x->revoked_at = db_col_int(st, 16);
    x->revoked_by = db_col_int(st, 17);
    x->revoke_reason = col_str(a, st, 18);
}

int store_certificate_get(db *c, arena *a, int64_t id, certificate *out)
{
    db_stmt *st = db_query(c, "SELECT " CERT_COLS " FROM certificates WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_cert, out);
}

int store_certificate_by_code(db *c, arena *a, const char *code, certificate *out)
{
    db_stmt *st = db_query(c, "SELECT " CERT_COLS " FROM certificates WHERE code = ?", "t", code);
    return STORE_ONE(a, st, fill_cert, out);
}

int store_certificate_valid_of(db *c, arena *a, const char *kind, int64_t subject_id,
                               int64_t holder_id, certificate *out)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " CERT_COLS " FROM certificates WHERE kind = ? AND subject_id = ?"
                 " AND holder_id = ? AND status = 'valid'",
                 "tii", kind, subject_id, holder_id);
    return STORE_ONE(a, st, fill_cert, out);
}

int store_certificates_of_subject(db *c, arena *a, const char *kind, int64_t subject_id,
                                  certificate **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " CERT_COLS " FROM certificates WHERE kind = ? AND subject_id = ?"
                 " ORDER BY id",
                 "ti", kind, subject_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, certificate, fill_cert, out, n);
}

int store_certificates_of_holder(db *c, arena *a, int64_t holder_id, int64_t before, int limit,
                                 certificate **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " CERT_COLS " FROM certificates WHERE holder_id = ? AND id < ?"
                           " ORDER BY id DESC LIMIT ?",
                           "iii", holder_id, before > 0 ? before : INT64_MAX, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, certificate, fill_cert, out, n);
}

int store_certificate_revoke(db *c, int64_t id, int64_t by, const char *reason, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE certificates SET status = 'revoked', revoked_at = ?, revoked_by = ?,"
                    " revoke_reason = ? WHERE id = ? AND status = 'valid'",
                    "iIti", now, by, reason, id);
    if (rc != WY_OK)
        return rc;
    return db_changes(c) == 1 ? WY_OK : WY_NOTFOUND;
}

/* store_ledger: the ledger_entries, ledger_books and ledger_balances tables
 * (core/ledger_store.h). */
#include <stdio.h>
#include <string.h>

#include "core/ledger_store.h"
#include "db/store_util.h"

static const char zero_hash[] = "0000000000000000000000000000000000000000000000000000000000000000";

/* at most LEDGER_HASH_HEX characters of s (verify reads millions: no printf) */
static void copy_hash(char out[LEDGER_HASH_HEX + 1], const char *s)
{
    size_t n = s ? strnlen(s, LEDGER_HASH_HEX) : 0;
    memcpy(out, s ? s : "", n);
    out[n] = '\0';
}

int store_ledger_head_lock(db *c, const char *book, int64_t *seq, char head[LEDGER_HASH_HEX + 1])
{
    /* the update changes nothing, but takes the row's lock (PostgreSQL: a second appender
     * waits here until the first commits, then reads the new head); on SQLite the write
     * transaction holds the database already */
    db_stmt *st = db_query(c,
                           "INSERT INTO ledger_books(book, seq, head) VALUES (?, 0, ?)"
                           " ON CONFLICT (book) DO UPDATE SET seq = ledger_books.seq"
                           " RETURNING seq, head",
                           "tt", book, zero_hash);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1) {
        *seq = db_col_int(st, 0);
        copy_hash(head, db_col_text(st, 1));
    }
    db_done(st);
    return rc == 1 ? WY_OK : rc == 0 ? WY_ERR : rc;
}

int store_ledger_head_set(db *c, const char *book, int64_t seq, const char *head)
{
    return db_run(c, "UPDATE ledger_books SET seq = ?, head = ? WHERE book = ?", "itt", seq, head,
                  book);
}

int store_ledger_head(db *c, const char *book, int64_t *seq, char head[LEDGER_HASH_HEX + 1])
{
    db_stmt *st = db_query(c, "SELECT seq, head FROM ledger_books WHERE book = ?", "t", book);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1) {
        *seq = db_col_int(st, 0);
        copy_hash(head, db_col_text(st, 1));
    }
    db_done(st);
    return rc == 1 ? WY_OK : rc == 0 ? WY_NOTFOUND : rc;
}

int store_ledger_insert(db *c, const ledger_entry *e, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO ledger_entries(book, seq, debit, credit, amount, kind, ref_type,"
                 " ref_id, reverses, unit, recorded_by, created_at, prev_hash, hash)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "tittittiItiitt", e->book, e->seq, e->debit, e->credit, e->amount, e->kind,
                 e->ref_type ? e->ref_type : "", e->ref_id, e->reverses, e->unit ? e->unit : "",
                 e->recorded_by, e->created_at, e->prev_hash, e->hash),
        id);
}

#define ENTRY_COLS                                                                                 \
    "id, book, seq, debit, credit, amount, kind, ref_type, ref_id, coalesce(reverses, 0), unit,"   \
    " recorded_by, created_at, prev_hash, hash"

/* The row's strings as the statement holds them (valid until the next step). */
static void read_entry(db_stmt *st, ledger_entry *e)
{
    e->id = db_col_int(st, 0);
    e->book = db_col_text(st, 1);
    e->seq = db_col_int(st, 2);
    e->debit = db_col_text(st, 3);
    e->credit = db_col_text(st, 4);
    e->amount = db_col_int(st, 5);
    e->kind = db_col_text(st, 6);
    e->ref_type = db_col_text(st, 7);
    e->ref_id = db_col_int(st, 8);
    e->reverses = db_col_int(st, 9);
    e->unit = db_col_text(st, 10);
    e->recorded_by = db_col_int(st, 11);
    e->created_at = db_col_int(st, 12);
    copy_hash(e->prev_hash, db_col_text(st, 13));
    copy_hash(e->hash, db_col_text(st, 14));
}

static void fill_entry(arena *a, db_stmt *st, ledger_entry *e)
{
    read_entry(st, e);
    e->book = col_str(a, st, 1);
    e->debit = col_str(a, st, 3);
    e->credit = col_str(a, st, 4);
    e->kind = col_str(a, st, 6);
    e->ref_type = col_str(a, st, 7);
    e->unit = col_str(a, st, 10);
}

int store_ledger_get(db *c, arena *ar, int64_t id, ledger_entry *out)
{
    db_stmt *st = db_query(c, "SELECT " ENTRY_COLS " FROM ledger_entries WHERE id = ?", "i", id);
    return STORE_ONE(ar, st, fill_entry, out);
}

int store_ledger_reversed_by(db *c, int64_t id, int64_t *by)
{
    *by = 0;
    db_stmt *st = db_query(c, "SELECT id FROM ledger_entries WHERE reverses = ?", "i", id);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1)
        *by = db_col_int(st, 0);
    db_done(st);
    return rc < 0 ? rc : WY_OK;
}

int store_ledger_account_open(db *c, const char *book, const char *account, int negative_ok)
{
    return db_run(c,
                  "INSERT INTO ledger_balances(book, account, balance, negative_ok)"
                  " VALUES (?, ?, 0, ?) ON CONFLICT (book, account)"
                  " DO UPDATE SET negative_ok = excluded.negative_ok",
                  "tti", book, account, (int64_t)(negative_ok != 0));
}

int store_ledger_debit(db *c, const char *book, const char *account, int64_t amount)
{
    int rc = db_run(c,
                    "UPDATE ledger_balances SET balance = balance - ?"
                    " WHERE book = ? AND account = ? AND (negative_ok = 1 OR balance >= ?)",
                    "itti", amount, book, account, amount);
    return rc == WY_OK && db_changes(c) == 0 ? WY_CONSTRAINT : rc;
}

int store_ledger_credit(db *c, const char *book, const char *account, int64_t amount)
{
    return db_run(c,
                  "INSERT INTO ledger_balances(book, account, balance) VALUES (?, ?, ?)"
                  " ON CONFLICT (book, account)"
                  " DO UPDATE SET balance = ledger_balances.balance + excluded.balance",
                  "tti", book, account, amount);
}

int store_ledger_balance(db *c, const char *book, const char *account, int64_t *balance,
                         int *negative_ok)
{
    *balance = 0;
    if (negative_ok)
        *negative_ok = 0;
    db_stmt *st = db_query(c,
                           "SELECT balance, negative_ok FROM ledger_balances"
                           " WHERE book = ? AND account = ?",
                           "tt", book, account);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1) {
        *balance = db_col_int(st, 0);
        if (negative_ok)
            *negative_ok = (int)db_col_int(st, 1);
    }
    db_done(st);
    return rc < 0 ? rc : WY_OK;
}

int store_ledger_scan(db *c, const char *book, int64_t after, int limit, ledger_entry_fn cb,
                      void *ud, size_t *n)
{
    *n = 0;
    db_stmt *st = db_query(c,
                           "SELECT " ENTRY_COLS " FROM ledger_entries"
                           " WHERE book = ? AND seq > ? ORDER BY seq LIMIT ?",
                           "tii", book, after, (int64_t)limit);
    if (!st)
        return WY_ERR;
    int rc;
    while ((rc = db_step(st)) == 1) {
        ledger_entry e;
        read_entry(st, &e);
        ++*n;
        if (cb(&e, ud))
            break;
    }
    db_done(st);
    return rc < 0 ? rc : WY_OK;
}

int store_ledger_balances_scan(db *c, const char *book, const char *after, int limit,
                               ledger_balance_fn cb, void *ud, size_t *n)
{
    *n = 0;
    db_stmt *st = db_query(c,
                           "SELECT account, balance, negative_ok FROM ledger_balances"
                           " WHERE book = ? AND account > ? ORDER BY account LIMIT ?",
                           "tti", book, after, (int64_t)limit);
    if (!st)
        return WY_ERR;
    int rc;
    while ((rc = db_step(st)) == 1) {
        ++*n;
        if (cb(db_col_text(st, 0), db_col_int(st, 1), (int)db_col_int(st, 2), ud))
            break;
    }
    db_done(st);
    return rc < 0 ? rc : WY_OK;
}

/*
 * ledger: the shared mechanism of the append-only, hash-chained, double-entry ledgers
 * (volunteers' hours, points): docs/ledger.md describes the rows, the canonical form that is
 * hashed, the double-entry rules and verification precisely enough for an independent
 * verifier.
 *
 * - A book ("hours", "points") is one chain of entries, seq 1, 2, 3...; each entry moves an
 *   amount (> 0, in the book's smallest unit: minutes, points) from a debit account to a
 *   credit account, with its kind (reason), reference, certifying unit, recorder and time,
 *   and hash = SHA-256 of its canonical form, which includes the previous entry's hash.
 * - Nothing is changed or deleted: a correction is a new entry; a reversal is a new entry
 *   moving the amount back, naming the reversed one (once).
 * - Balances are kept per (book, account) in the same transaction, by a guarded update: an
 *   account may not go below zero unless opened with negative_ok (system accounts such as the
 *   issuer). A balance is read without scanning history.
 * - Appends to a book serialise on the book's head row (docs/ledger.md, "Concurrency").
 *
 * ledger_post and ledger_reverse run inside the caller's write transaction (db_begin_write),
 * so that a module writes its own rows with the entry atomically; a refused posting leaves
 * nothing of itself (a savepoint). ledger_verify runs its own read transaction.
 */
#ifndef WY_LEDGER_H
#define WY_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "core/ledger_store.h"
#include "db/db.h"

/* The version tag that opens every entry's canonical form. */
#define LEDGER_FORMAT "wenyun-ledger/1"

typedef struct ledger_posting {
    const char *book;           /* 1 to LEDGER_NAME_MAX bytes */
    const char *debit, *credit; /* from, to: different, 1 to LEDGER_NAME_MAX bytes */
    int64_t amount;             /* > 0 */
    const char *kind;           /* the reason code, non-empty */
    const char *ref_type;       /* NULL or "": none */
    int64_t ref_id;
    const char *unit;    /* the certifying unit or organisation; NULL or "": none */
    int64_t recorded_by; /* 0: the system */
} ledger_posting;

/* Open an account of book, or change its flag; negative_ok for system accounts (the issuer)
 * that may go below zero. Any other account is opened by its first credit, not negative_ok. */
int ledger_open_account(db *c, const char *book, const char *account, int negative_ok);

/* Append the posting to its book (in the caller's write transaction): debit, credit and the
 * chained entry, out filled (its strings are the posting's). WY_CONSTRAINT when the debit
 * account may not go negative and its balance does not cover the amount (nothing written);
 * WY_ERR for an invalid posting; other wy_rc from the database. */
int ledger_post(db *c, const ledger_posting *p, int64_t now, ledger_entry *out);

/* Append the reversal of entry id of book: the same amount back from its credit to its
 * debit account, with the same reference, reverses = id, kind (NULL: "reverse"), unit (NULL:
 * the reversed entry's) and recorded_by. WY_NOTFOUND when book has no entry id;
 * WY_CONSTRAINT when it is a reversal itself, was reversed already, or the account would go
 * negative (nothing written). out's strings live in ar. */
int ledger_reverse(db *c, arena *ar, const char *book, int64_t id, const char *kind,
                   const char *unit, int64_t recorded_by, int64_t now, ledger_entry *out);

/* An account's balance (0 for an account never seen), read from its row. */
int ledger_balance(db *c, const char *book, const char *account, int64_t *balance);

/* The canonical form of e (with e->prev_hash) as docs/ledger.md defines it: written into buf
 * (n bytes) when it fits; returns its length. */
size_t ledger_canonical(const ledger_entry *e, char *buf, size_t n);
/* hex = lowercase hex SHA-256 of e's canonical form. */
void ledger_hash(const ledger_entry *e, char hex[LEDGER_HASH_HEX + 1]);

typedef struct ledger_report {
    int64_t entries;  /* entries checked */
    int64_t accounts; /* balances checked */
    /* the first problem; problem "" when everything holds:
     *   "seq"       the entry's seq is not the one after the previous entry's
     *   "prev_hash" its prev_hash is not the previous entry's hash (zeros for seq 1)
     *   "hash"      its hash is not the hash of its canonical form
     *   "overdrawn" it takes an account that may not go negative below zero
     *   "head"      the book's head row does not name the last entry
     *   "balance"   an account's stored balance is not the sum of its entries */
    char problem[16];
    int64_t bad_id, bad_seq; /* the entry, for the entry problems */
    char account[128];       /* the account, for "overdrawn" and "balance" */
    int64_t expected, found; /* for "balance" (computed, stored) */
    char detail[256];        /* one line for people */
} ledger_report;

/* Recompute book's chain (every hash) and every balance from its entries, streaming (pages of
 * entries in seq order; memory grows with the number of accounts only). Returns 0 when all
 * holds, 1 when something is broken (r names the first problem), or a wy_rc. Runs in a read
 * transaction of its own (a snapshot on PostgreSQL): call it outside any transaction. Two
 * threads: the caller's reads the pages of entries while a second checks the page before
 * (hashes, chain, accounts) in seq order, so the problem named is the first. */
int ledger_verify(db *c, const char *book, ledger_report *r);
/* The entries (and balances) ledger_verify reads at a time: 20,000; a test makes it small so
 * that a book of a few entries spans many pages. Not thread-safe: set it before verifying. */
extern size_t ledger_verify_page;

#endif

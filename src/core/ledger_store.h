/*
 * ledger_store: the rows of the ledgers' journal (ledger.h, docs/ledger.md) and the store
 * functions over ledger_entries, ledger_books and ledger_balances (store_ledger.c).
 *
 * The store keeps what only the database can keep: one entry per (book, seq); an entry is
 * reversed at most once (a unique column); no entry is ever changed or deleted (triggers);
 * the book's head row is locked before an append (serialising appends to a book); a balance
 * that may not go negative is debited only when it covers the amount (a guarded update).
 * Hashing, the order of the steps and verification are the rules of ledger.c.
 */
#ifndef WY_LEDGER_STORE_H
#define WY_LEDGER_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "util/arena.h"

#define LEDGER_HASH_HEX 64
/* the longest book or account name, in bytes */
#define LEDGER_NAME_MAX 120

typedef struct ledger_entry {
    int64_t id;
    const char *book;
    int64_t seq;                /* position in the book's chain, from 1 */
    const char *debit, *credit; /* the accounts the amount leaves and goes to */
    int64_t amount;             /* > 0, in the book's smallest unit */
    const char *kind;           /* the reason: "earn", "redeem", "gift", "expire", "reverse"... */
    const char *ref_type;       /* what it is about ("" when nothing) */
    int64_t ref_id;             /* 0 when nothing */
    int64_t reverses;           /* the entry it reverses, 0 when none */
    const char *unit;           /* the certifying unit or organisation ("" when none) */
    int64_t recorded_by;        /* the user who recorded it, 0 when the system */
    int64_t created_at;         /* ms since the epoch */
    char prev_hash[LEDGER_HASH_HEX + 1], hash[LEDGER_HASH_HEX + 1]; /* lowercase hex */
} ledger_entry;

/* Lock the head of book's chain for this write transaction (creating it empty: seq 0, the
 * hash of zeros) and read its last seq and hash. */
int store_ledger_head_lock(db *c, const char *book, int64_t *seq, char head[LEDGER_HASH_HEX + 1]);
int store_ledger_head_set(db *c, const char *book, int64_t seq, const char *head);
/* The head as it is, without locking; WY_NOTFOUND for a book with no entry ever. */
int store_ledger_head(db *c, const char *book, int64_t *seq, char head[LEDGER_HASH_HEX + 1]);
int store_ledger_insert(db *c, const ledger_entry *e, int64_t *id);
int store_ledger_get(db *c, arena *ar, int64_t id, ledger_entry *out);
/* Whether entry id was reversed already: the reversing entry's id in *by (0 when not). */
int store_ledger_reversed_by(db *c, int64_t id, int64_t *by);

/* Open an account (or set its flag): negative_ok for system accounts. */
int store_ledger_account_open(db *c, const char *book, const char *account, int negative_ok);
/* Take amount from account: WY_CONSTRAINT when it would go below zero and may not (an
 * account never opened or credited has balance 0 and may not). */
int store_ledger_debit(db *c, const char *book, const char *account, int64_t amount);
/* Give amount to account (opening it, not negative_ok, when new). */
int store_ledger_credit(db *c, const char *book, const char *account, int64_t amount);
/* The balance of an account (0 for one never seen) and its flag. */
int store_ledger_balance(db *c, const char *book, const char *account, int64_t *balance,
                         int *negative_ok);

/* Stream entries of book with seq > after in seq order, at most limit, calling cb for each
 * (the entry's strings live until cb returns); cb returning non-zero stops the scan. The
 * number of entries passed in *n. */
typedef int (*ledger_entry_fn)(const ledger_entry *e, void *ud);
int store_ledger_scan(db *c, const char *book, int64_t after, int limit, ledger_entry_fn cb,
                      void *ud, size_t *n);
/* Stream the balances of book with account > after (""), in account order, at most limit. */
typedef int (*ledger_balance_fn)(const char *account, int64_t balance, int negative_ok, void *ud);
int store_ledger_balances_scan(db *c, const char *book, const char *after, int limit,
                               ledger_balance_fn cb, void *ud, size_t *n);

#endif

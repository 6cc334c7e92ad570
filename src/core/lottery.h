/*
 * lottery: the verifiable lottery (摇号), one mechanism for every module that must share out
 * places fairly when there are more applicants than places: courses use it for enrolment,
 * markets to break ties at a cut-off. It is pure: plain inputs in, results and a draw file
 * out; no store, no clock, no randomness of its own. docs/lottery.md defines every byte of it,
 * so that anyone can check a draw with a verifier of their own.
 *
 * The steps, in the order a module takes them:
 *
 *   1. lottery_prepare(inputs): the applicants (a pseudonymous id each, up to N ranked items,
 *      a priority class per item), the items (id, places), the rules (N, M, the priority rule
 *      in words), the algorithm version and the beacon round fixed in advance. It checks them,
 *      sorts them, writes them canonically and hashes them: the commitment, to publish before
 *      the beacon's round exists.
 *   2. lottery_draw(l, beacon value): once the round is out, the operator enters its value.
 *      seed = SHA-256 of the commitment and the beacon's source, round and value; each
 *      applicant's ticket = SHA-256(seed || id); the rank is the place in ticket order; places
 *      go by applicant-proposing deferred acceptance, each item ordering its applicants by
 *      (priority class, rank); each item gets its waiting list in that order.
 *   3. The results (lottery_applicants, lottery_items) and the draw file (lottery_write): the
 *      inputs, commitment, beacon value, seed, every ticket and rank, every assignment and
 *      waiting list, in one canonical serialisation.
 *
 * lottery_verify takes a draw file, recomputes everything from its inputs and beacon value and
 * compares the file byte for byte with the canonical serialisation of the result: any change
 * of one byte is refused, with a message that says what differs.
 *
 * Memory: a lottery owns its arrays (malloc); lottery_free releases them. Nothing is shared
 * between lotteries, so different threads may run different lotteries.
 */
#ifndef WY_CORE_LOTTERY_H
#define WY_CORE_LOTTERY_H

#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/* The version of the algorithm and of the draw file. A change of any step is a new version. */
#define LOTTERY_ALGORITHM "wenyun-lottery/1"

/* Limits (a larger input is refused, not truncated). */
#define LOTTERY_MAX_APPLICANTS 10000000
#define LOTTERY_MAX_ITEMS      1000000
#define LOTTERY_MAX_CHOICES    32      /* N */
#define LOTTERY_MAX_PLACES     1000000 /* places of one item */
#define LOTTERY_MAX_CLASS      1000000 /* priority classes are 0 .. this; lower goes first */
#define LOTTERY_MAX_ID         64      /* bytes of an applicant's or an item's id */
#define LOTTERY_MAX_TEXT       2000    /* bytes of the title, an item's name, the rule */
#define LOTTERY_MAX_SOURCE     64      /* bytes of the beacon's source name */
#define LOTTERY_MAX_ROUND      9007199254740991ULL /* 2^53 - 1: exact in every JSON reader */
#define LOTTERY_BEACON_MIN     16 /* bytes of a beacon value (drand: 32, NIST: 64) */
#define LOTTERY_BEACON_MAX     256
#define LOTTERY_HASH           32 /* SHA-256 */
#define LOTTERY_HEX            65 /* a hash in lowercase hex, with its NUL */

/*
 * Identifiers (applicants, items) are 1 to LOTTERY_MAX_ID bytes of printable ASCII other than
 * the space, '"' and '\' (0x21-0x7e): a course's "c-1024", an applicant's pseudonym
 * "A7K2-9QXM". An applicant's id must not reveal who they are: it is published.
 * Texts (title, names, the priority rule) are UTF-8 without control characters, up to
 * LOTTERY_MAX_TEXT bytes; NULL is the empty text.
 */

typedef struct lottery_item {
    const char *id;
    const char *name; /* for people reading the draw ("书法入门 周六上午"); NULL: "" */
    int32_t places;   /* 0 .. LOTTERY_MAX_PLACES */
} lottery_item;

typedef struct lottery_entry {
    const char *id;             /* the applicant's pseudonym */
    const char *const *choices; /* item ids, the most wanted first; 1 .. max_choices, distinct */
    size_t nchoices;
    int32_t priority;               /* the applicant's priority class for every choice */
    const int32_t *choice_priority; /* NULL, or one class per choice (overrides priority) */
    int max_places; /* this applicant's limit, 1 .. M, for one who holds places already
                       (first-come courses of the same term); 0: M */
} lottery_entry;

typedef struct lottery_inputs {
    const char *algorithm;     /* LOTTERY_ALGORITHM (NULL means it); another version is refused */
    const char *title;         /* which lottery this is ("2026 春季 公益培训 第一批") */
    int max_choices;           /* N: items an applicant may rank, 1 .. LOTTERY_MAX_CHOICES */
    int max_places;            /* M: places one applicant may get, 1 .. N */
    const char *priority_rule; /* the priority rule in words, as published before the draw */
    const char *beacon_source; /* the randomness beacon: "drand/quicknet", "nist/2.0/chain/2" */
    uint64_t beacon_round;     /* the round fixed in advance, 1 .. LOTTERY_MAX_ROUND */
    const lottery_item *items;
    size_t nitems;
    const lottery_entry *entries; /* in any order: the lottery sorts them by id */
    size_t nentries;
} lottery_inputs;

typedef struct lottery lottery;

/* Check and copy the inputs (nothing of *in is kept), sort them, and compute the commitment.
 * 0 with *out (lottery_free it), or -1 with err saying what is wrong ("applicant A12 ranks
 * item c9 twice"). */
int lottery_prepare(const lottery_inputs *in, lottery **out, char *err, size_t errlen);
void lottery_free(lottery *l);

/* Where the writers send their bytes, in chunks of up to 256 KiB in order: 0, or -1 to stop
 * (the writer then returns -1). */
typedef int (*lottery_sink)(void *user, const char *data, size_t len);

/* The commitment: SHA-256 of the canonical inputs (lottery_write_inputs). */
const uint8_t *lottery_commitment(const lottery *l);
/* The canonical serialisation of the inputs, the bytes the commitment hashes (no newline):
 * 0, or -1 when the sink stopped or memory ran out. */
int lottery_write_inputs(const lottery *l, lottery_sink sink, void *user);

/* Draw with the value of the beacon's round (hex, either case, LOTTERY_BEACON_MIN ..
 * LOTTERY_BEACON_MAX bytes): seed, tickets, ranks, assignment, waiting lists. 0, or -1 with
 * err (a malformed value; out of memory). Drawing again with the same value gives the same
 * results; with another value, the results of that value. */
int lottery_draw(lottery *l, const char *beacon_hex, char *err, size_t errlen);
int lottery_drawn(const lottery *l);

/* ---- the results (after lottery_draw) ---- */

typedef struct lottery_applicant_result {
    const char *id;
    uint8_t ticket[LOTTERY_HASH]; /* SHA-256(seed || id) */
    uint32_t rank;                /* 1 = drawn first */
    uint32_t nassigned;           /* 0 .. the applicant's limit (M, or their own) */
    const uint32_t *assigned;     /* item indexes, in this applicant's order of preference */
} lottery_applicant_result;

typedef struct lottery_item_result {
    const char *id;
    const char *name;
    int32_t places;
    uint32_t nadmitted;       /* <= places */
    const uint32_t *admitted; /* applicant indexes, in this item's order (class, then rank) */
    uint32_t nwaiting;
    const uint32_t *waiting; /* those who ranked it and did not get it, in the same order */
} lottery_item_result;

/* The applicants sorted by id (bytewise), the items sorted by id; the indexes above point
 * into these arrays. Before the draw, tickets, ranks and lists are empty. */
const lottery_applicant_result *lottery_applicants(const lottery *l, size_t *n);
const lottery_item_result *lottery_items(const lottery *l, size_t *n);
/* Applicant indexes in rank order (rank r at [r - 1]); NULL before the draw. */
const uint32_t *lottery_order(const lottery *l);
/* The index of an applicant or an item by id; -1 when there is none. */
long lottery_find_applicant(const lottery *l, const char *id);
long lottery_find_item(const lottery *l, const char *id);
/* The seed (after the draw) and the beacon's value as entered (raw bytes). */
const uint8_t *lottery_seed(const lottery *l);
const uint8_t *lottery_beacon_value(const lottery *l, size_t *len);
/* The inputs as checked: title, rules, beacon (strings owned by the lottery). */
const lottery_inputs *lottery_rules(const lottery *l);

/* ---- the draw file (docs/lottery.md, "The draw file") ---- */

/* The draw file (after the draw): one line of canonical JSON and a newline, streamed to the
 * sink (a hundred megabytes at Shanghai's scale: no buffer of that size is needed). 0, or -1
 * when the sink stopped, memory ran out or the lottery is not drawn. */
int lottery_write_to(const lottery *l, lottery_sink sink, void *user);
/* The same appended to out; -1 (out as it was) when it does not fit out's maximum. */
int lottery_write(const lottery *l, strbuf *out);

/* Read a draw file, or an inputs object alone (lottery_file.c): inputs in any order and
 * spacing, as a module or an operator writes them; the lottery is prepared, not drawn. When
 * the document carries a beacon value (a draw file), it is copied to beacon_hex (NUL-terminated,
 * at least 2 * LOTTERY_BEACON_MAX + 1 bytes), else beacon_hex is "". Of a draw file in its
 * canonical form only the inputs and the beacon value are read (the rest is what a draw
 * recomputes). 0, or -1 with err. */
int lottery_read(const char *buf, size_t len, lottery **out, char *beacon_hex, char *err,
                 size_t errlen);

/* Verify a draw file: LOTTERY_VERIFIED when its results follow from its inputs and it is
 * byte for byte the canonical serialisation of them; LOTTERY_DIFFERS with msg saying the first
 * thing that differs; LOTTERY_UNREADABLE with msg when it is no draw file at all. On success,
 * *out (when out is not NULL) is the recomputed lottery, to lottery_free. */
enum { LOTTERY_VERIFIED = 0, LOTTERY_DIFFERS = 1, LOTTERY_UNREADABLE = 2 };
int lottery_verify(const char *buf, size_t len, lottery **out, char *msg, size_t msglen);

/* ---- the beacon ---- */

/* Where anyone checks a round of a known beacon: the URL, and the member of its JSON answer
 * that holds the value. Known: drand/quicknet and drand/default (the League of Entropy's
 * drand chains), nist/2.0/chain/C (pulse ROUND of chain C of the NIST beacon 2.0). -1 for
 * another source: the lottery takes any source name, and says where to check it elsewhere. */
int lottery_beacon_check(const char *source, uint64_t round, char *url, size_t urlsz,
                         const char **field);
/* For a drand source: the first round out at or after unix time t (seconds), and when it is
 * out. -1 for a source whose rounds do not follow the clock (NIST's pulses may pause). */
int lottery_beacon_round_at(const char *source, int64_t t, uint64_t *round, int64_t *when);

/* Lowercase hex of n bytes into out (2n + 1 bytes). */
void lottery_hex(const uint8_t *bytes, size_t n, char *out);

/* `wenyun lottery ...` (lottery_cli.c): verify, draw, commit, receipt, round. Returns the exit
 * status (0 done or verified, 1 refused or failed, 2 usage). */
int lottery_main(int argc, char **argv);

#endif

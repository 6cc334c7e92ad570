/*
 * workpool: a few threads that run one function over the indices 0..n-1 of a batch, for work
 * that must use every core (hashing imported passwords: argon2id takes a tenth of a second
 * of one core on purpose). The caller's thread works too, and workpool_run returns when the
 * whole batch is done. One batch at a time per pool.
 */
#ifndef WY_WORKPOOL_H
#define WY_WORKPOOL_H

#include <stddef.h>

typedef struct workpool workpool;
typedef void (*work_fn)(size_t i, void *ud);

/* The cores online (at least 1). */
int workpool_cores(void);
/* A pool of nthreads in all, the caller's thread counted (<= 0: one per core); NULL when no
 * thread could be started (workpool_run then works alone on a NULL pool). */
workpool *workpool_new(int nthreads);
/* The threads working on a batch, the caller's included. */
int workpool_size(const workpool *p);
void workpool_run(workpool *p, size_t n, work_fn fn, void *ud);
void workpool_free(workpool *p);

#endif

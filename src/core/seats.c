/* seats: see seats.h. The writer's queue and thread, and the waiting list's promotion. */
#include "core/seats.h"

#include <pthread.h>
#include <unistd.h>

#include "core/store.h"
#include "util/log.h"

/* ---- the waiting list ---- */

int seats_promote(db *c, const seats_store_ops *ops, int64_t pool, int64_t now, int64_t *promoted,
                  size_t max, size_t *npromoted)
{
    return seats_promote_admit(c, ops, NULL, NULL, pool, now, promoted, max, npromoted);
}

int seats_promote_admit(db *c, const seats_store_ops *ops, seats_admit_fn admit, void *ud,
                        int64_t pool, int64_t now, int64_t *promoted, size_t max, size_t *npromoted)
{
    /* in order while the next in line fits: nobody jumps the queue; one that admit refuses
     * leaves it, and the next is first */
    int64_t refused = 0;
    for (;;) {
        int64_t next = 0, need = 0;
        int taken = 0;
        int rc = ops->next_waiting(c, pool, &next, &need);
        if (rc != WY_OK || !next)
            return rc;
        if (admit) {
            int ok = 0;
            if (next == refused) /* refused and still first: it would never end */
                return WY_ERR;
            if ((rc = admit(c, ud, next, now, &ok)) != WY_OK)
                return rc;
            if (!ok) {
                refused = next;
                continue;
            }
        }
        rc = ops->take(c, pool, need, &taken);
        if (rc != WY_OK || !taken)
            return rc;
        rc = ops->confirm(c, next, now);
        if (rc != WY_OK)
            return rc;
        if (*npromoted < max)
            promoted[(*npromoted)++] = next;
    }
}

/* ---- the writer ---- */

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    seats_job *head, *tail;
    size_t len, max_len;
    int stopping, running;
    pthread_t writer;
    store *st;
} Q = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

/* Book a run of jobs of one kind, then answer each (the connection given back first). */
static void run_batch(seats_job *const *jobs, size_t n)
{
    const seats_kind *k = jobs[0]->kind;
    db *c = store_acquire(Q.st);
    int rc = WY_ERR;
    for (int tries = 0; tries < 6; tries++) {
        rc = k->book_batch(c, jobs, n);
        if (rc != WY_RETRY && rc != WY_CONNLOST)
            break;
        usleep(1000u << tries); /* another process holds the write lock: wait a little */
    }
    store_release(Q.st, c);
    if (rc != WY_OK)
        error("%s: a batch of %zu failed (%d)", k->name, n, rc);
    for (size_t i = 0; i < n; i++) {
        jobs[i]->store_rc = rc;
        jobs[i]->done(jobs[i]);
    }
}

static void *writer_main(void *arg)
{
    (void)arg;
    for (;;) {
        seats_job *jobs[SEATS_BATCH_MAX];
        size_t n = 0;
        pthread_mutex_lock(&Q.mu);
        while (!Q.head && !Q.stopping)
            pthread_cond_wait(&Q.cv, &Q.mu);
        if (!Q.head && Q.stopping) {
            pthread_mutex_unlock(&Q.mu);
            break;
        }
        while (Q.head && n < SEATS_BATCH_MAX) {
            jobs[n++] = Q.head;
            Q.head = Q.head->next;
            Q.len--;
        }
        if (!Q.head)
            Q.tail = NULL;
        pthread_mutex_unlock(&Q.mu);
        /* in queue order, a run of one kind at a time: with one kind, the whole batch */
        for (size_t i = 0, j; i < n; i = j) {
            for (j = i + 1; j < n && jobs[j]->kind == jobs[i]->kind; j++)
                ;
            run_batch(jobs + i, j - i);
        }
    }
    return NULL;
}

int seats_writer_start(store *st, size_t queue_max)
{
    Q.st = st;
    Q.max_len = queue_max;
    Q.stopping = 0;
    if (pthread_create(&Q.writer, NULL, writer_main, NULL) != 0)
        return -1;
    Q.running = 1;
    return 0;
}

void seats_writer_stop(void)
{
    if (!Q.running)
        return;
    pthread_mutex_lock(&Q.mu);
    Q.stopping = 1;
    pthread_cond_signal(&Q.cv);
    pthread_mutex_unlock(&Q.mu);
    pthread_join(Q.writer, NULL);
    Q.running = 0;
}

int seats_submit(seats_job *j)
{
    pthread_mutex_lock(&Q.mu);
    if (!Q.running || Q.stopping || Q.len >= Q.max_len) {
        pthread_mutex_unlock(&Q.mu);
        return -1;
    }
    j->next = NULL;
    if (Q.tail)
        Q.tail->next = j;
    else
        Q.head = j;
    Q.tail = j;
    Q.len++;
    pthread_cond_signal(&Q.cv);
    pthread_mutex_unlock(&Q.mu);
    return 0;
}

/* workpool: see workpool.h. */
#include "util/workpool.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

struct workpool {
    pthread_mutex_t mu;
    pthread_cond_t start, done;
    pthread_t *th;
    int nth;      /* threads started (the caller not counted) */
    unsigned gen; /* batches handed out so far */
    int busy;     /* threads still on the current batch */
    int stopping;
    size_t n, next; /* the batch's size and the next index to take */
    work_fn fn;
    void *ud;
};

int workpool_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* Take indices until the batch is used up. */
static void work(workpool *p)
{
    for (;;) {
        pthread_mutex_lock(&p->mu);
        size_t i = p->next < p->n ? p->next++ : p->n;
        pthread_mutex_unlock(&p->mu);
        if (i == p->n)
            return;
        p->fn(i, p->ud);
    }
}

static void *worker(void *arg)
{
    workpool *p = arg;
    unsigned seen = 0;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->gen == seen && !p->stopping)
            pthread_cond_wait(&p->start, &p->mu);
        if (p->stopping)
            break;
        seen = p->gen;
        pthread_mutex_unlock(&p->mu);
        work(p);
        pthread_mutex_lock(&p->mu);
        if (--p->busy == 0)
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

workpool *workpool_new(int nthreads)
{
    if (nthreads <= 0)
        nthreads = workpool_cores();
    workpool *p = calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->start, NULL);
    pthread_cond_init(&p->done, NULL);
    p->th = calloc((size_t)nthreads, sizeof(*p->th));
    for (int i = 0; p->th && i < nthreads - 1; i++) {
        if (pthread_create(&p->th[i], NULL, worker, p) != 0)
            break;
        p->nth++;
    }
    return p;
}

int workpool_size(const workpool *p)
{
    return p ? p->nth + 1 : 1;
}

void workpool_run(workpool *p, size_t n, work_fn fn, void *ud)
{
    if (!p || p->nth == 0) {
        for (size_t i = 0; i < n; i++)
            fn(i, ud);
        return;
    }
    pthread_mutex_lock(&p->mu);
    p->n = n;
    p->next = 0;
    p->fn = fn;
    p->ud = ud;
    p->busy = p->nth;
    p->gen++;
    pthread_cond_broadcast(&p->start);
    pthread_mutex_unlock(&p->mu);
    work(p);
    pthread_mutex_lock(&p->mu);
    while (p->busy > 0)
        pthread_cond_wait(&p->done, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

void workpool_free(workpool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stopping = 1;
    pthread_cond_broadcast(&p->start);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->nth; i++)
        pthread_join(p->th[i], NULL);
    free(p->th);
    pthread_cond_destroy(&p->start);
    pthread_cond_destroy(&p->done);
    pthread_mutex_destroy(&p->mu);
    free(p);
}

/* jobs: see jobs.h. */
#include "domain/jobs.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#include "util/log.h"
#include "util/timeutil.h"

#define JOBS_MAX 32

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct {
        const char *name;
        job_fn fn;
    } job[JOBS_MAX];
    int n;
    int stopping, running;
    pthread_t th;
    store *st;
    const wy_config *cfg;
} J = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

int jobs_register(const char *name, job_fn fn)
{
    pthread_mutex_lock(&J.mu);
    int i = 0;
    while (i < J.n && strcmp(J.job[i].name, name))
        i++;
    if (i == JOBS_MAX) {
        pthread_mutex_unlock(&J.mu);
        return -1;
    }
    J.job[i].name = name;
    J.job[i].fn = fn;
    if (i == J.n)
        J.n++;
    pthread_mutex_unlock(&J.mu);
    return 0;
}

int jobs_run_all(store *st, const wy_config *cfg)
{
    int failed = 0;
    pthread_mutex_lock(&J.mu);
    int n = J.n;
    pthread_mutex_unlock(&J.mu);
    for (int i = 0; i < n; i++) {
        arena a;
        arena_init(&a, (size_t)256 << 20);
        wy_ctx ctx = {
            .c = store_acquire(st), .a = &a, .cfg = cfg, .now = time_now_ms(), .ip = "jobs"};
        db_guard(ctx.c, &a);
        int64_t t0 = time_mono_ms();
        if (J.job[i].fn(&ctx) < 0) {
            failed++;
            error("jobs: %s failed: %s", J.job[i].name,
                  ctx.err.message ? ctx.err.message : "unknown");
        } else {
            log_debug("jobs: %s ran in %lld ms", J.job[i].name, (long long)(time_mono_ms() - t0));
        }
        store_release(st, ctx.c);
        arena_free(&a);
    }
    return failed;
}

static void *jobs_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&J.mu);
    while (!J.stopping) {
        pthread_mutex_unlock(&J.mu);
        jobs_run_all(J.st, J.cfg);
        pthread_mutex_lock(&J.mu);
        if (J.stopping)
            break;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += J.cfg->jobs_interval_s;
        pthread_cond_timedwait(&J.cv, &J.mu, &ts);
    }
    pthread_mutex_unlock(&J.mu);
    return NULL;
}

int jobs_start(store *st, const wy_config *cfg)
{
    J.st = st;
    J.cfg = cfg;
    J.stopping = 0;
    if (pthread_create(&J.th, NULL, jobs_main, NULL) != 0)
        return -1;
    J.running = 1;
    return 0;
}

void jobs_stop(void)
{
    if (!J.running)
        return;
    pthread_mutex_lock(&J.mu);
    J.stopping = 1;
    pthread_cond_signal(&J.cv);
    pthread_mutex_unlock(&J.mu);
    pthread_join(J.th, NULL);
    J.running = 0;
}

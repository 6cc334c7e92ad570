/* jobs: see jobs.h. */
#include "core/jobs.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "util/log.h"
#include "util/timeutil.h"

#define JOBS_MAX          32
#define KINDS_MAX         8
#define JOB_STALE_MS      (10 * 60 * 1000) /* a running job without a heartbeat for this long */
#define JOB_KEEP_MS       ((int64_t)7 * 86400 * 1000)
#define PROGRESS_EVERY_MS 250
#define WORKER_NICE       10 /* the queued jobs' worker, against 0 for the request threads */

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;  /* the periodic thread's sleep */
    pthread_cond_t qcv; /* the worker's sleep */
    struct {
        const char *name;
        job_fn fn;
    } job[JOBS_MAX];
    int n;
    struct {
        const char *kind;
        job_kind_fn fn;
        int flags;
    } kind[KINDS_MAX];
    int nkinds;
    int stopping, running, wake, periodic;
    pthread_t th, worker;
    store *st;
    const wy_config *cfg;
    char runner[128]; /* this process, as recorded on the jobs it takes */
} J = {.mu = PTHREAD_MUTEX_INITIALIZER,
       .cv = PTHREAD_COND_INITIALIZER,
       .qcv = PTHREAD_COND_INITIALIZER};

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

int jobs_register_kind(const char *kind, job_kind_fn fn)
{
    return jobs_register_kind_flags(kind, fn, 0);
}

int jobs_register_kind_flags(const char *kind, job_kind_fn fn, int flags)
{
    pthread_mutex_lock(&J.mu);
    int i = 0;
    while (i < J.nkinds && strcmp(J.kind[i].kind, kind))
        i++;
    if (i == KINDS_MAX) {
        pthread_mutex_unlock(&J.mu);
        return -1;
    }
    J.kind[i].kind = kind;
    J.kind[i].fn = fn;
    J.kind[i].flags = flags;
    if (i == J.nkinds)
        J.nkinds++;
    pthread_mutex_unlock(&J.mu);
    return 0;
}

/* Run job i once with a fresh context; 0 when it ran, -1 when it failed (logged). */
static int run_job(store *st, const wy_config *cfg, const char *name, job_fn fn)
{
    arena a;
    arena_init(&a, (size_t)256 << 20);
    wy_ctx ctx = {.c = store_acquire(st), .a = &a, .cfg = cfg, .now = time_now_ms(), .ip = "jobs"};
    db_guard(ctx.c, &a);
    int64_t t0 = time_mono_ms();
    int rc = fn(&ctx);
    if (rc < 0)
        error("jobs: %s failed: %s", name, ctx.err.message ? ctx.err.message : "unknown");
    else
        log_debug("jobs: %s ran in %lld ms", name, (long long)(time_mono_ms() - t0));
    store_release(st, ctx.c);
    arena_free(&a);
    return rc < 0 ? -1 : 0;
}

int jobs_run_all(store *st, const wy_config *cfg)
{
    int failed = 0;
    pthread_mutex_lock(&J.mu);
    int n = J.n;
    pthread_mutex_unlock(&J.mu);
    for (int i = 0; i < n; i++)
        if (run_job(st, cfg, J.job[i].name, J.job[i].fn) < 0)
            failed++;
    return failed;
}

const char *jobs_name(int i)
{
    pthread_mutex_lock(&J.mu);
    const char *name = i >= 0 && i < J.n ? J.job[i].name : NULL;
    pthread_mutex_unlock(&J.mu);
    return name;
}

int jobs_run_one(store *st, const wy_config *cfg, const char *name)
{
    job_fn fn = NULL;
    pthread_mutex_lock(&J.mu);
    for (int i = 0; i < J.n && !fn; i++)
        if (!strcmp(J.job[i].name, name))
            fn = J.job[i].fn;
    pthread_mutex_unlock(&J.mu);
    if (!fn)
        return -2;
    return run_job(st, cfg, name, fn);
}

/* ---- queued jobs ---- */

/* The flags a kind was registered with here (0 for a kind this process does not run). */
static int kind_flags(const char *kind)
{
    int flags = 0;
    pthread_mutex_lock(&J.mu);
    for (int i = 0; i < J.nkinds; i++)
        if (!strcmp(J.kind[i].kind, kind))
            flags = J.kind[i].flags;
    pthread_mutex_unlock(&J.mu);
    return flags;
}

int jobs_submit(wy_ctx *ctx, const char *kind, const char *params, const char *division,
                int max_active, int64_t *id)
{
    return jobs_submit_file(ctx, kind, params, division, max_active, NULL, id);
}

int jobs_submit_file(wy_ctx *ctx, const char *kind, const char *params, const char *division,
                     int max_active, const char *file, int64_t *id)
{
    int resumes = (kind_flags(kind) & JOB_RESUMES) != 0;
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_job_submit(ctx->c, kind, params, division, ctx->who ? ctx->who->user_id : 0,
                              ctx->now, max_active, resumes, file, id);
    if (rc == WY_CONSTRAINT) {
        tx_end(ctx, -1);
        ctx->err.retry_after_s = 30;
        return wy_fail(ctx, E_UNAVAILABLE, "queue_full",
                       "Too many jobs are waiting; try again in a while.");
    }
    if (tx_end(ctx, rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "job submit")) < 0)
        return -1;
    pthread_mutex_lock(&J.mu);
    J.wake = 1;
    pthread_cond_signal(&J.qcv);
    pthread_mutex_unlock(&J.mu);
    return 0;
}

int jobs_get(wy_ctx *ctx, int64_t id, job_row *out, int64_t *ahead)
{
    int rc = store_job_get(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "job");
    *ahead = 0;
    if (!strcmp(out->status, "queued") && (rc = store_job_position(ctx->c, id, ahead)) != WY_OK)
        return wy_fail_store(ctx, rc, "job position");
    return 0;
}

int jobs_stopping(void)
{
    return __atomic_load_n(&J.stopping, __ATOMIC_RELAXED);
}

/* The worker's last progress write (one worker thread runs one job at a time). */
static __thread int64_t progress_at;
static __thread char progress_stage[32];

void jobs_progress(wy_ctx *ctx, const job_row *job, double progress, const char *stage)
{
    int64_t now = time_now_ms();
    int same = !strncmp(progress_stage, stage, sizeof(progress_stage) - 1);
    if (same && now - progress_at < PROGRESS_EVERY_MS)
        return;
    progress_at = now;
    snprintf(progress_stage, sizeof(progress_stage), "%s", stage);
    if (progress < 0)
        progress = 0;
    if (progress > 1)
        progress = 1;
    int rc = store_job_progress(ctx->c, job->id, progress, stage, now);
    if (rc != WY_OK)
        log_warn("jobs: progress of job %lld not recorded (%d)", (long long)job->id, rc);
}

int jobs_save(wy_ctx *ctx, const job_row *job, double progress, const char *state)
{
    if (progress < 0)
        progress = 0;
    if (progress > 1)
        progress = 1;
    int rc = store_job_save(ctx->c, job->id, progress, state, time_now_ms());
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "job save");
}

/* Take one queued job this process can run and run it; 1 when one ran, 0 when none waits. */
static int run_one(store *st, const wy_config *cfg)
{
    pthread_mutex_lock(&J.mu);
    int nk = J.nkinds;
    pthread_mutex_unlock(&J.mu);
    for (int k = 0; k < nk; k++) {
        arena a;
        arena_init(&a, (size_t)2 << 30); /* a member import holds its whole file */
        wy_ctx ctx = {.c = store_acquire(st), .a = &a, .cfg = cfg, .ip = "jobs"};
        db_guard(ctx.c, &a);
        job_row job;
        int rc = store_job_claim(ctx.c, &a, J.kind[k].kind, J.runner, time_now_ms(), &job);
        if (rc != WY_OK) {
            if (rc != WY_NOTFOUND)
                log_warn("jobs: cannot take a %s job (%d)", J.kind[k].kind, rc);
            store_release(st, ctx.c);
            arena_free(&a);
            continue;
        }
        ctx.now = time_now_ms();
        progress_at = 0;
        progress_stage[0] = '\0';
        int64_t t0 = time_mono_ms();
        char *result = NULL;
        int ok = J.kind[k].fn(&ctx, &job, &result) == 0 && result;
        const char *why = ok ? NULL : ctx.err.message ? ctx.err.message : "The job failed.";
        if (!ok && jobs_stopping()) { /* given up as the server stops: another run takes it */
            rc = store_job_requeue(ctx.c, job.id);
            log_info("jobs: %s job %lld goes back to the queue: the server is stopping", job.kind,
                     (long long)job.id);
            store_release(st, ctx.c);
            arena_free(&a);
            return 1;
        }
        rc = store_job_finish(ctx.c, job.id, ok ? result : NULL, why, time_now_ms());
        if (rc != WY_OK)
            error("jobs: the end of %s job %lld not recorded (%d)", job.kind, (long long)job.id,
                  rc);
        log_info("jobs: %s job %lld %s in %lld ms%s%s", job.kind, (long long)job.id,
                 ok ? "done" : "failed", (long long)(time_mono_ms() - t0), ok ? "" : ": ",
                 ok ? "" : why);
        store_release(st, ctx.c);
        arena_free(&a);
        return 1;
    }
    return 0;
}

int jobs_run_queued(store *st, const wy_config *cfg)
{
    if (!J.runner[0]) {
        char host[64] = "";
        gethostname(host, sizeof(host) - 1);
        snprintf(J.runner, sizeof(J.runner), "%s:%d", host, (int)getpid());
    }
    int n = 0;
    while (run_one(st, cfg))
        n++;
    return n;
}

int jobs_housekeeping(wy_ctx *ctx)
{
    int64_t stale, requeued;
    int rc = store_job_stale(ctx->c, ctx->now - JOB_STALE_MS, ctx->now, &stale, &requeued);
    if (rc == WY_OK && stale)
        log_warn("jobs: %lld running job(s) had no heartbeat for %d minutes: marked failed",
                 (long long)stale, JOB_STALE_MS / 60000);
    if (rc == WY_OK && requeued)
        log_warn("jobs: %lld running job(s) had no heartbeat for %d minutes: back to the queue,"
                 " to resume",
                 (long long)requeued, JOB_STALE_MS / 60000);
    if (rc == WY_OK)
        rc = store_job_purge(ctx->c, ctx->now - JOB_KEEP_MS);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "jobs housekeeping");
}

static void *worker_main(void *arg)
{
    (void)arg;
    /* Queued jobs are long computations (a siting runs for seconds to minutes): the worker
     * gives way to the threads that answer requests, so that on a machine of few cores a
     * running job does not slow the pages. A nice value is per thread on Linux; where it
     * cannot be set the worker runs at the process's priority. */
    if (setpriority(PRIO_PROCESS, (id_t)gettid(), WORKER_NICE) != 0)
        log_warn("jobs: the worker's priority could not be lowered; it runs at the process's");
    pthread_mutex_lock(&J.mu);
    while (!J.stopping) {
        J.wake = 0;
        pthread_mutex_unlock(&J.mu);
        int ran = run_one(J.st, J.cfg);
        pthread_mutex_lock(&J.mu);
        if (ran || J.stopping || J.wake)
            continue;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        int64_t ns = ts.tv_nsec + (int64_t)J.cfg->jobs_poll_ms * 1000000;
        ts.tv_sec += ns / 1000000000;
        ts.tv_nsec = ns % 1000000000;
        pthread_cond_timedwait(&J.qcv, &J.mu, &ts);
    }
    pthread_mutex_unlock(&J.mu);
    return NULL;
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
    char host[64] = "";
    gethostname(host, sizeof(host) - 1);
    snprintf(J.runner, sizeof(J.runner), "%s:%d", host, (int)getpid());
    J.periodic = cfg->jobs_periodic; /* else cron runs `wenyun jobs --once` or --run NAME */
    if (J.periodic && pthread_create(&J.th, NULL, jobs_main, NULL) != 0)
        return -1;
    if (pthread_create(&J.worker, NULL, worker_main, NULL) != 0) {
        pthread_mutex_lock(&J.mu);
        J.stopping = 1;
        pthread_cond_signal(&J.cv);
        pthread_mutex_unlock(&J.mu);
        if (J.periodic)
            pthread_join(J.th, NULL);
        return -1;
    }
    J.running = 1;
    return 0;
}

void jobs_stop(void)
{
    if (!J.running)
        return;
    pthread_mutex_lock(&J.mu);
    __atomic_store_n(&J.stopping, 1, __ATOMIC_RELAXED);
    pthread_cond_signal(&J.cv);
    pthread_cond_signal(&J.qcv);
    pthread_mutex_unlock(&J.mu);
    if (J.periodic)
        pthread_join(J.th, NULL);
    pthread_join(J.worker, NULL);
    J.running = 0;
}

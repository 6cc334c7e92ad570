/*
 * Tests of the queued jobs (src/domain/jobs.c, src/store/store_jobs.c): the bound on active
 * jobs, one worker per job, progress and results, a kind's failure kept as the job's error,
 * jobs left running by a server that stopped, and the purge of old jobs; a member import
 * runs through the same queue and resumes where another kind fails.
 */
#include "testlib.h"

#include "core/jobs.h"
#include "core/member_import.h"

static int runs;

static int ok_job(wy_ctx *ctx, const job_row *job, char **result)
{
    runs++;
    jobs_progress(ctx, job, 0.5, "half");
    job_row now;
    assert_int_equal(store_job_get(ctx->c, ctx->a, job->id, &now), WY_OK);
    assert_string_equal(now.status, "running");
    assert_true(now.progress == 0.5);
    assert_string_equal(now.stage, "half");
    *result = arena_sprintf(ctx->a, "{\"params\":%s}", job->params);
    return 0;
}

static int bad_job(wy_ctx *ctx, const job_row *job, char **result)
{
    (void)job;
    (void)result;
    runs++;
    return wy_fail(ctx, E_INVALID, "nope", "The job failed.");
}

static void test_queue(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    tdb_as(t, "13900000001");
    assert_int_equal(jobs_register_kind("test_ok", ok_job), 0);
    assert_int_equal(jobs_register_kind("test_bad", bad_job), 0);

    /* at most two active of a kind; another kind has its own count */
    int64_t a, b, c, d;
    assert_int_equal(jobs_submit(ctx, "test_ok", "{\"n\":1}", "5104", 2, &a), 0);
    assert_int_equal(jobs_submit(ctx, "test_ok", "{\"n\":2}", NULL, 2, &b), 0);
    assert_int_equal(jobs_submit(ctx, "test_ok", "{\"n\":3}", NULL, 2, &c), -1);
    assert_int_equal(ctx->err.cls, E_UNAVAILABLE);
    assert_string_equal(ctx->err.code, "queue_full");
    assert_true(ctx->err.retry_after_s > 0);
    assert_int_equal(jobs_submit(ctx, "test_bad", "{}", NULL, 2, &d), 0);

    job_row j;
    int64_t ahead;
    assert_int_equal(jobs_get(ctx, b, &j, &ahead), 0);
    assert_string_equal(j.status, "queued");
    assert_int_equal(ahead, 1);
    assert_int_equal(j.created_by, t->who.user_id);
    assert_string_equal(j.params, "{\"n\":2}");
    assert_null(j.division);
    assert_int_equal(jobs_get(ctx, a, &j, &ahead), 0);
    assert_string_equal(j.division, "5104");
    assert_int_equal(ahead, 0);

    /* a claimed job is nobody else's */
    job_row c1, c2;
    assert_int_equal(store_job_claim(ctx->c, ctx->a, "test_ok", "one", ctx->now, &c1), WY_OK);
    assert_int_equal(c1.id, a);
    assert_string_equal(c1.status, "running");
    assert_int_equal(store_job_claim(ctx->c, ctx->a, "test_ok", "two", ctx->now, &c2), WY_OK);
    assert_int_equal(c2.id, b);
    assert_int_equal(store_job_claim(ctx->c, ctx->a, "test_ok", "three", ctx->now, &c2),
                     WY_NOTFOUND);
    /* while both run, the queue is full; a job whose heartbeat stopped is failed */
    assert_int_equal(jobs_submit(ctx, "test_ok", "{}", NULL, 2, &c), -1);
    assert_int_equal(store_job_progress(ctx->c, b, 0.25, "reach", ctx->now + 60000), WY_OK);
    t->ctx.now += 11 * 60 * 1000;
    assert_int_equal(jobs_housekeeping(ctx), 0);
    assert_int_equal(jobs_get(ctx, a, &j, &ahead), 0);
    assert_string_equal(j.status, "failed");
    assert_non_null(strstr(j.error, "interrupted"));
    assert_int_equal(jobs_get(ctx, b, &j, &ahead), 0);
    assert_string_equal(j.status, "running"); /* its heartbeat is recent */
    assert_true(j.progress == 0.25);
    assert_int_equal(store_job_finish(ctx->c, b, "{}", NULL, ctx->now), WY_OK);
    /* the end of a job that was failed meanwhile changes nothing */
    assert_int_equal(store_job_finish(ctx->c, a, "{\"late\":1}", NULL, ctx->now), WY_OK);
    assert_int_equal(jobs_get(ctx, a, &j, &ahead), 0);
    assert_string_equal(j.status, "failed");
    assert_null(j.result);

    /* the worker's loop, run here: the queued jobs, oldest first */
    assert_int_equal(jobs_submit(ctx, "test_ok", "{\"n\":4}", NULL, 2, &c), 0);
    runs = 0;
    assert_int_equal(jobs_run_queued(t->st, &t->cfg), 2);
    assert_int_equal(runs, 2);
    assert_int_equal(jobs_get(ctx, c, &j, &ahead), 0);
    assert_string_equal(j.status, "done");
    assert_true(j.progress == 1);
    assert_string_equal(j.result, "{\"params\":{\"n\":4}}");
    assert_true(j.started_at > 0 && j.finished_at >= j.started_at);
    assert_int_equal(jobs_get(ctx, d, &j, &ahead), 0);
    assert_string_equal(j.status, "failed");
    assert_string_equal(j.error, "The job failed.");
    assert_null(j.result);
    assert_int_equal(jobs_run_queued(t->st, &t->cfg), 0);

    /* finished jobs are kept a week */
    t->ctx.now = time_now_ms() + (int64_t)8 * 86400 * 1000;
    assert_int_equal(jobs_housekeeping(ctx), 0);
    assert_int_equal(jobs_get(ctx, c, &j, &ahead), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    tdb_close(t);
}

/* A member import is a queued job like any other: the same claim, heartbeat and housekeeping;
 * only its kind resumes where a siting run fails. */
static void test_import_is_a_job(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    tdb_as(t, "13900000001");
    assert_int_equal(jobs_register_kind("test_ok", ok_job), 0);
    const char csv[] = "13722260001,甲,,citizen,510402001\n"
                       "13722260002,乙,,citizen,510402001\n";
    int64_t imp, other;
    assert_int_equal(account_import_submit(ctx, csv, sizeof(csv) - 1, 0, &imp), 0);
    assert_int_equal(jobs_submit(ctx, "test_ok", "{}", NULL, 2, &other), 0);
    job_row j;
    int64_t ahead;
    assert_int_equal(jobs_get(ctx, imp, &j, &ahead), 0);
    assert_string_equal(j.kind, "account_import");
    assert_string_equal(j.status, "queued");
    const char *file;
    assert_int_equal(store_job_file(ctx->c, ctx->a, imp, &file), WY_OK);

    /* both taken by servers that then went away */
    int64_t long_ago = ctx->now - 3600 * 1000;
    job_row c1, c2;
    assert_int_equal(store_job_claim(ctx->c, ctx->a, "account_import", "gone:1", long_ago, &c1),
                     WY_OK);
    assert_int_equal(store_job_claim(ctx->c, ctx->a, "test_ok", "gone:2", long_ago, &c2), WY_OK);
    assert_int_equal(c1.id, imp);
    assert_int_equal(c2.id, other);
    assert_int_equal(jobs_housekeeping(ctx), 0);
    assert_int_equal(jobs_get(ctx, other, &j, &ahead), 0);
    assert_string_equal(j.status, "failed");
    assert_int_equal(jobs_get(ctx, imp, &j, &ahead), 0);
    assert_string_equal(j.status, "queued");
    assert_null(j.error);

    /* the generic worker takes it up again and runs it to its end */
    assert_int_equal(jobs_run_queued(t->st, &t->cfg), 1);
    assert_int_equal(jobs_get(ctx, imp, &j, &ahead), 0);
    assert_string_equal(j.status, "done");
    assert_true(j.progress == 1);
    assert_string_equal(j.result,
                        "{\"rows_total\":2,\"rows_done\":2,\"accepted\":2,\"rejected\":0}");
    /* its file is gone with it */
    assert_int_equal(store_job_file(ctx->c, ctx->a, imp, &file), WY_NOTFOUND);
    account_import_job ij;
    import_line *ls;
    size_t n;
    assert_int_equal(account_import_get(ctx, imp, 0, 10, &ij, &ls, &n), 0);
    assert_int_equal(ij.accepted, 2);
    assert_int_equal(n, 2);
    /* and the import endpoint shows no other kind of job */
    assert_int_equal(account_import_get(ctx, other, 0, 10, &ij, &ls, &n), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);

    /* a week later the housekeeping deletes it with its lines */
    ctx->now = time_now_ms() + (int64_t)8 * 86400 * 1000;
    assert_int_equal(jobs_housekeeping(ctx), 0);
    assert_int_equal(jobs_get(ctx, imp, &j, &ahead), -1);
    assert_int_equal(store_import_lines(ctx->c, ctx->a, imp, 0, 10, &ls, &n), WY_OK);
    assert_int_equal(n, 0);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_queue),
        cmocka_unit_test(test_import_is_a_job),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

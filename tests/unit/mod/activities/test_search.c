/* Search of activities in the store: the dialect blocks of migrations, substring matches of
 * 1, 2 and 3+ characters (Chinese and Latin, any case, % and _ taken literally), the order
 * (title matches first, then the soonest session), the keyset cursor, and the query plans:
 * three characters or more go through the trigram index (FTS5 on SQLite, pg_trgm on
 * PostgreSQL). */
#include "testlib.h"

#include <math.h>

#include "mod/activities/activity.h"
#include "db/migrate.h"

static void test_migrate_blocks(void **state)
{
    (void)state;
    const char *sql = "A {{sqlite}}X {{id}}{{end}}B{{postgres}}Y INTEGER{{end}} C";
    char *s = migrate_render(sql, DB_SQLITE), *p = migrate_render(sql, DB_POSTGRES);
    assert_string_equal(s, "A X INTEGER PRIMARY KEYB C");
    assert_string_equal(p, "A BY BIGINT C");
    free(s);
    free(p);
    /* an unclosed block is left for the database to refuse */
    s = migrate_render("{{sqlite}}X", DB_POSTGRES);
    assert_string_equal(s, "{{sqlite}}X");
    free(s);
}

static int64_t add(tdb *t, const char *title, const char *description, int64_t starts,
                   const char *status)
{
    activity a = {.title = title,
                  .category = "performance",
                  .division = "510402001",
                  .description = description,
                  .lon = NAN,
                  .lat = NAN,
                  .created_by = t->who.user_id};
    int64_t id, sid;
    assert_int_equal(store_activity_create(t->ctx.c, &a, t->ctx.now, &id), WY_OK);
    activity_session s = {
        .activity_id = id, .starts_at = starts, .ends_at = starts + 3600000, .capacity = 10};
    assert_int_equal(store_activity_session_create(t->ctx.c, &s, &sid), WY_OK);
    assert_int_equal(store_activity_set_status(t->ctx.c, id, status, t->ctx.now), WY_OK);
    return id;
}

/* The demo publishes activities too: found() reports those from this id on. */
static int64_t first_id;

/* The ids found for q, in order, as "1,2,3". */
static const char *found(tdb *t, const char *q)
{
    activity_filter f = {.q = q, .status = "published", .soon_from = t->ctx.now, .limit = 100};
    activity_hit *h;
    size_t n;
    assert_int_equal(store_activity_list(t->ctx.c, t->ctx.a, &f, &h, &n), WY_OK);
    char *out = arena_strdup(t->ctx.a, "");
    for (size_t i = 0; i < n; i++)
        if (h[i].a.id >= first_id)
            out = arena_sprintf(t->ctx.a, "%s%s%lld", out, *out ? "," : "", (long long)h[i].a.id);
    return out;
}

static void test_substring_search(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, "13900000005");
    int64_t day = 86400000, now = t->ctx.now;
    int64_t jj = add(t, "京剧名段欣赏", "国粹", now + 5 * day, "published");
    first_id = jj;
    int64_t cj = add(t, "川剧变脸", "含京剧选段", now + 1 * day, "published");
    int64_t la = add(t, "Calligraphy Workshop", "Learn BRUSH writing", now + 2 * day, "published");
    int64_t pc = add(t, "特价100%_演出", "a_b", now + 3 * day, "published");
    add(t, "京剧草稿", "", now + day, "draft");
    char buf[128];
    /* 2 characters: the title match first, then by the soonest session */
    snprintf(buf, sizeof(buf), "%lld,%lld", (long long)jj, (long long)cj);
    assert_string_equal(found(t, "京剧"), buf);
    /* 1 character */
    assert_string_equal(found(t, "剧"),
                        arena_sprintf(t->ctx.a, "%lld,%lld", (long long)cj, (long long)jj));
    /* 3+ characters, through the index */
    assert_string_equal(found(t, "京剧名段"), arena_sprintf(t->ctx.a, "%lld", (long long)jj));
    assert_string_equal(found(t, "京剧选段"), arena_sprintf(t->ctx.a, "%lld", (long long)cj));
    /* Latin, any case */
    assert_string_equal(found(t, "calligraphy"), arena_sprintf(t->ctx.a, "%lld", (long long)la));
    assert_string_equal(found(t, "brush"), arena_sprintf(t->ctx.a, "%lld", (long long)la));
    assert_string_equal(found(t, "cA"), arena_sprintf(t->ctx.a, "%lld", (long long)la));
    /* % and _ are characters, not wildcards */
    assert_string_equal(found(t, "%"), arena_sprintf(t->ctx.a, "%lld", (long long)pc));
    assert_string_equal(found(t, "_"), arena_sprintf(t->ctx.a, "%lld", (long long)pc));
    assert_string_equal(found(t, "0%_"), arena_sprintf(t->ctx.a, "%lld", (long long)pc));
    assert_string_equal(found(t, "a%b"), "");
    assert_string_equal(found(t, "\"剧"), "");
    /* an edit is searchable at once (the triggers, on SQLite) */
    activity a;
    assert_int_equal(store_activity_get(t->ctx.c, t->ctx.a, la, &a), WY_OK);
    a.title = "书法工作坊";
    assert_int_equal(store_activity_update(t->ctx.c, &a, now), WY_OK);
    assert_string_equal(found(t, "calligraphy"), "");
    assert_string_equal(found(t, "书法工作"), arena_sprintf(t->ctx.a, "%lld", (long long)la));
    tdb_close(t);
}

static void test_plans(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, "13900000005");
    add(t, "京剧名段欣赏", "国粹", t->ctx.now + 86400000, "published");
    int pg = db_get_dialect(t->ctx.c) == DB_POSTGRES;
    if (pg) /* a handful of rows: make the planner show what it would do with many */
        assert_int_equal(db_exec(t->ctx.c, "SET enable_seqscan = off"), WY_OK);
    activity_filter f = {.q = "京剧名段", .status = "published", .limit = 20};
    const char *plan;
    assert_int_equal(store_activity_search_plan(t->ctx.c, t->ctx.a, &f, &plan), WY_OK);
    print_message("%s\n", plan);
    assert_non_null(strstr(plan, pg ? "activities_text_trgm" : "activities_fts VIRTUAL TABLE"));
    f.q = "京剧"; /* below a trigram: no index can help */
    assert_int_equal(store_activity_search_plan(t->ctx.c, t->ctx.a, &f, &plan), WY_OK);
    if (!pg)
        assert_null(strstr(plan, "activities_fts"));
    tdb_close(t);
}

/* Paging by (title rank, soonest, id) gives every match once. */
static void test_cursor(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, "13900000005");
    int64_t day = 86400000;
    for (int i = 0; i < 13; i++) /* equal starts too, so that the id decides */
        add(t, i % 2 ? "园林音乐会" : "夜游", i % 2 ? "" : "园林音乐会后",
            t->ctx.now + (i % 4) * day, "published");
    activity_query q = {.q = "音乐会", .limit = 4};
    size_t total = 0;
    int64_t seen[32];
    const char *next = NULL;
    do {
        activity_view *v;
        size_t n;
        q.cursor = next;
        assert_int_equal(activity_search(&t->ctx, &q, &v, &n, &next), 0);
        for (size_t i = 0; i < n; i++) {
            for (size_t k = 0; k < total; k++)
                assert_true(seen[k] != v[i].a.id);
            seen[total++] = v[i].a.id;
        }
    } while (next && total < 32);
    assert_int_equal(total, 13);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_migrate_blocks),
        cmocka_unit_test(test_substring_search),
        cmocka_unit_test(test_plans),
        cmocka_unit_test(test_cursor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

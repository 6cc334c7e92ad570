/* Tests of the module descriptors (src/mod/module.h, modules.c) and of the settings a module
 * declares (util/config.c: config_declare, config_module_*). */
#include "mod/module.h"
#include "util/config.h"

#include "testlib.h"
#include "mod/venues/venue_store.h"

/* A module of tomorrow declares its keys; config.[ch] know nothing of them. */
static const config_key test_keys[] = {
    {"lottery", "draws_per_day", CONFIG_INT, "3", 1, 10, "draws a day"},
    {"lottery", "open", CONFIG_BOOL, "false", 0, 0, "whether the lottery runs"},
    {"lottery", "share", CONFIG_DBL, "0.5", 0, 1, "the share drawn"},
    {"lottery", "title", CONFIG_STR, "", 0, 0, "the banner"},
};

static void test_declared_settings(void **state)
{
    (void)state;
    char err[256];
    wy_config c;
    config_defaults(&c);
    assert_int_equal(config_set(&c, "lottery", "draws_per_day", "4", err, sizeof(err)), -1);
    assert_string_equal(err, "unknown setting lottery.draws_per_day");
    assert_int_equal(config_declare(test_keys, 4, err, sizeof(err)), 0);
    assert_int_equal(config_declare(test_keys, 4, err, sizeof(err)), 0); /* the same again */
    /* the defaults until set */
    assert_int_equal(config_module_int(&c, "lottery", "draws_per_day"), 3);
    assert_int_equal(config_module_bool(&c, "lottery", "open"), 0);
    assert_true(config_module_dbl(&c, "lottery", "share") == 0.5);
    assert_string_equal(config_module_str(&c, "lottery", "title"), "");
    /* checked as declared */
    assert_int_equal(config_set(&c, "lottery", "draws_per_day", "11", err, sizeof(err)), -1);
    assert_string_equal(err, "lottery.draws_per_day wants a whole number from 1 to 10, not '11'");
    assert_int_equal(config_set(&c, "lottery", "draws_per_day", "2x", err, sizeof(err)), -1);
    assert_int_equal(config_set(&c, "lottery", "open", "maybe", err, sizeof(err)), -1);
    assert_int_equal(config_set(&c, "lottery", "share", "1.5", err, sizeof(err)), -1);
    assert_int_equal(config_module_int(&c, "lottery", "draws_per_day"), 3);
    assert_int_equal(config_set(&c, "lottery", "draws_per_day", "7", err, sizeof(err)), 0);
    assert_int_equal(config_set(&c, "lottery", "open", "yes", err, sizeof(err)), 0);
    assert_int_equal(config_set(&c, "lottery", "share", "0.25", err, sizeof(err)), 0);
    assert_int_equal(config_set(&c, "lottery", "title", "摇号", err, sizeof(err)), 0);
    assert_int_equal(config_set(&c, "lottery", "draws_per_day", "8", err, sizeof(err)), 0);
    assert_int_equal(config_module_int(&c, "lottery", "draws_per_day"), 8);
    assert_int_equal(c.nmodule, 4); /* set twice, kept once */
    assert_int_equal(config_module_bool(&c, "lottery", "open"), 1);
    assert_true(config_module_dbl(&c, "lottery", "share") == 0.25);
    assert_string_equal(config_module_str(&c, "lottery", "title"), "摇号");
    /* the value travels with a copy of the settings (app_init copies them) */
    wy_config copy = c;
    assert_int_equal(config_module_int(&copy, "lottery", "draws_per_day"), 8);
    /* a key of the built-in table, or one declared by two modules, is refused */
    static const config_key clash[] = {{"server", "threads", CONFIG_INT, "1", 1, 2, "x"}};
    assert_int_equal(config_declare(clash, 1, err, sizeof(err)), -1);
    static const config_key twice[] = {{"lottery", "open", CONFIG_BOOL, "true", 0, 0, "x"}};
    assert_int_equal(config_declare(twice, 1, err, sizeof(err)), -1);
    /* a default that fails its own check is refused */
    static const config_key bad[] = {{"lottery", "bad", CONFIG_INT, "0", 1, 2, "x"}};
    assert_int_equal(config_declare(bad, 1, err, sizeof(err)), -1);
    assert_int_equal(config_set(&c, "lottery", "bad", "1", err, sizeof(err)), -1);
}

/* The notices module's key, from a config file. */
static void test_module_settings_from_file(void **state)
{
    (void)state;
    char err[256];
    assert_int_equal(modules_declare_settings(err, sizeof(err)), 0);
    wy_config c;
    config_defaults(&c);
    assert_int_equal(config_module_int(&c, "notices", "page_size"), 20);
    char path[] = "/tmp/wy-modules-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    static const char ini[] = "[server]\nthreads = 3\n[notices]\npage_size = 7\n";
    assert_int_equal(write(fd, ini, sizeof(ini) - 1), (ssize_t)(sizeof(ini) - 1));
    close(fd);
    assert_int_equal(config_load(&c, path, err, sizeof(err)), 0);
    assert_int_equal(c.threads, 3);
    assert_int_equal(config_module_int(&c, "notices", "page_size"), 7);
    FILE *f = fopen(path, "w");
    fputs("[notices]\npage_size = 500\n", f);
    fclose(f);
    assert_int_equal(config_load(&c, path, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "notices.page_size wants a whole number from 1 to 100"));
    unlink(path);
}

/* Every descriptor is well formed: names unique, links and jobs complete. */
static void test_descriptors(void **state)
{
    (void)state;
    size_t n;
    const wy_module *const *m = modules_all(&n);
    assert_true(n >= 10);
    int notice_type = 0;
    for (size_t i = 0; i < n; i++) {
        assert_non_null(m[i]->name);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(m[i]->name, m[j]->name);
        for (size_t j = 0; j < m[i]->nnav; j++) {
            assert_non_null(m[i]->nav[j].href);
            assert_non_null(m[i]->nav[j].label);
            assert_true(m[i]->nav[j].perm > PERM_UNSET && m[i]->nav[j].perm < PERM_COUNT);
        }
        for (size_t j = 0; j < m[i]->njobs; j++)
            assert_true(!m[i]->jobs[j].fn != !m[i]->jobs[j].kind_fn);
        for (size_t j = 0; j < m[i]->nreview_types; j++) {
            assert_ptr_equal(review_type_find(m[i]->review_types[j]->name),
                             m[i]->review_types[j]); /* registered by app_domain_init */
            notice_type |= !strcmp(m[i]->review_types[j]->name, "notice");
        }
        if (m[i]->start)
            assert_non_null(m[i]->stop);
    }
    assert_true(notice_type);
}

/* The venues' indicator on the demo data. */
static void test_indicator_venues(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    size_t n;
    const wy_module *const *m = modules_all(&n);
    const wy_indicator *ind = NULL;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m[i]->nindicators; j++)
            if (!strcmp(m[i]->indicators[j].code, "venues.count"))
                ind = &m[i]->indicators[j];
    assert_non_null(ind);
    double city, district, before;
    int64_t now = time_now_ms() + 1000;
    assert_int_equal(ind->compute(&t->ctx, "5104", 0, now, &city), 0);
    assert_int_equal(ind->compute(&t->ctx, "510402", 0, now, &district), 0);
    assert_int_equal(ind->compute(&t->ctx, "5104", 0, 1, &before), 0);
    venue_filter f = {.prefix = "5104", .limit = 1000};
    venue *vs;
    size_t nv;
    assert_int_equal(store_venue_list(t->ctx.c, t->ctx.a, &f, &vs, &nv), WY_OK);
    size_t open = 0;
    for (size_t i = 0; i < nv; i++)
        open += !strcmp(vs[i].status, "open");
    assert_true(city > 0);
    assert_true(city == (double)open);
    assert_true(district <= city);
    assert_true(before == 0);
    tdb_close(t);
}

int main(void)
{
    app_domain_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_declared_settings),
        cmocka_unit_test(test_module_settings_from_file),
        cmocka_unit_test(test_descriptors),
        cmocka_unit_test(test_indicator_venues),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

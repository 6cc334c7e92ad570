/*
 * The API description served at /api/v1/openapi.json (assembled at build time from the
 * modules' fragments, web/api.h) against the route table: every API route is described, with
 * its path parameters spelled as in the table, and every operation described is a route. Each
 * module's fragment describes that module's own API routes.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "http/router.h"
#include "mod/module.h"
#include "web/api.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h> /* after the domain headers: it defines a fail() macro */

static const char *const methods[] = {"get",  "put",     "post",  "delete",
                                      "head", "options", "patch", "trace"};

static void lower(const char *in, char *out, size_t n)
{
    size_t k = 0;
    for (; in[k] && k < n - 1; k++)
        out[k] = (char)(in[k] | 0x20);
    out[k] = '\0';
}

static int is_method(const char *key)
{
    for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
        if (!strcmp(key, methods[i]))
            return 1;
    return 0;
}

/* Every route of t[0..n) with ROUTE_API is an operation of paths, and every operation of
 * paths is one of those routes. Returns the number of mismatches, each printed. */
static int compare(json_t *paths, const route *t, size_t n, const char *what)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(t[i].flags & ROUTE_API))
            continue;
        char method[16];
        lower(t[i].method, method, sizeof(method));
        if (!json_object_get(json_object_get(paths, t[i].pattern), method)) {
            fprintf(stderr, "%s lacks %s %s\n", what, t[i].method, t[i].pattern);
            bad++;
        }
    }
    const char *path, *key;
    json_t *item, *op;
    json_object_foreach(paths, path, item)
    {
        json_object_foreach(item, key, op)
        {
            if (!is_method(key))
                continue;
            int found = 0;
            for (size_t i = 0; i < n && !found; i++) {
                char method[16];
                lower(t[i].method, method, sizeof(method));
                found =
                    (t[i].flags & ROUTE_API) && !strcmp(t[i].pattern, path) && !strcmp(method, key);
            }
            if (!found) {
                fprintf(stderr, "%s describes %s %s, which is no API route\n", what, key, path);
                bad++;
            }
        }
    }
    return bad;
}

static json_t *served_document(void)
{
    json_error_t e;
    json_t *doc = json_loadb(wy_openapi_json, wy_openapi_json_len, 0, &e);
    if (!doc)
        fprintf(stderr, "openapi.json: %s (line %d)\n", e.text, e.line);
    return doc;
}

static void test_document_describes_the_routes(void **state)
{
    (void)state;
    json_t *doc = served_document();
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.0.3");
    json_t *paths = json_object_get(doc, "paths");
    assert_true(json_is_object(paths));
    size_t n;
    const route *t = routes_table(&n);
    assert_int_equal(compare(paths, t, n, "openapi.json"), 0);
    json_decref(doc);
}

/* The check itself: a route the document does not describe, and an operation no route
 * serves, are both caught. */
static void test_mismatch_is_caught(void **state)
{
    (void)state;
    json_t *doc = served_document();
    assert_non_null(doc);
    json_t *paths = json_object_get(doc, "paths");
    size_t n;
    const route *t = routes_table(&n);
    int before = compare(paths, t, n, "openapi.json");
    /* a route the document lacks */
    json_t *op =
        json_incref(json_object_get(json_object_get(paths, "/api/v1/venues/{id}"), "patch"));
    assert_non_null(op);
    json_object_del(json_object_get(paths, "/api/v1/venues/{id}"), "patch");
    assert_int_equal(compare(paths, t, n, "openapi.json (on purpose)"), before + 1);
    /* the same operation under a path parameter spelled otherwise */
    json_object_set_new(paths, "/api/v1/venues/{venue_id}", json_pack("{s:o}", "patch", op));
    assert_int_equal(compare(paths, t, n, "openapi.json (on purpose)"), before + 2);
    json_decref(doc);
}

/* A module describes its own routes in its own folder. */
static void test_each_module_describes_its_routes(void **state)
{
    (void)state;
    size_t nm;
    const wy_module *const *mods = modules_all(&nm);
    int bad = 0;
    for (size_t i = 0; i < nm; i++) {
        const wy_module *m = mods[i];
        int api = 0;
        for (size_t k = 0; k < m->nroutes; k++)
            api |= (m->routes[k].flags & ROUTE_API) != 0;
        if (!m->openapi) {
            if (api)
                fprintf(stderr, "module %s has API routes but no openapi fragment\n", m->name);
            bad += api;
            continue;
        }
        char file[1024];
        snprintf(file, sizeof(file), "%s/%s", WY_SOURCE_DIR, m->openapi);
        json_error_t e;
        json_t *frag = json_load_file(file, 0, &e);
        if (!frag) {
            fprintf(stderr, "%s: %s (line %d)\n", file, e.text, e.line);
            bad++;
            continue;
        }
        json_t *paths = json_object_get(frag, "paths");
        json_t *none = json_object();
        bad += compare(paths ? paths : none, m->routes, m->nroutes, m->openapi);
        json_decref(none);
        json_decref(frag);
    }
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_document_describes_the_routes),
        cmocka_unit_test(test_mismatch_is_caught),
        cmocka_unit_test(test_each_module_describes_its_routes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

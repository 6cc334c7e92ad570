/*
 * test_svgmap: the maps of the page kit (web/svgmap.h). Prepared outlines draw exactly what the
 * geometries drawn one by one draw; a prepared set is kept and shared for the same geometries,
 * and never stands in for changed ones; a set a page holds outlives its eviction.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/svgmap.h"

#include <cmocka.h>

static const char *const square =
    "{\"type\":\"Polygon\",\"coordinates\":[[[101.7,26.5],[101.8,26.5],[101.8,26.6],[101.7,26.6],"
    "[101.7,26.5]]]}";
static const char *const two =
    "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[101.8,26.5],[101.9,26.5],[101.9,26.55],"
    "[101.8,26.5]]],[[[101.85,26.6],[101.95,26.62],[101.9,26.7],[101.85,26.6]]]]}";
static const char *const point = "{\"type\":\"Point\",\"coordinates\":[101.75,26.55]}";

/* The map of geoms drawn one by one, as the pages did before outlines were prepared. */
static char *draw_plain(const char *const *geoms, size_t n)
{
    html h;
    html_init(&h);
    bbox all;
    bbox_init(&all);
    for (size_t i = 0; i < n; i++)
        bbox_add_geojson(&all, geoms[i]);
    svgmap m;
    svgmap_begin(&m, &h, &all, 800, "map");
    for (size_t i = 0; i < n; i++)
        svgmap_geometry(&m, geoms[i], "c", "t");
    for (size_t i = 0; i < n; i++) {
        bbox b;
        bbox_init(&b);
        bbox_add_geojson(&b, geoms[i]);
        if (!b.empty)
            svgmap_label(&m, (b.min_lon + b.max_lon) / 2, (b.min_lat + b.max_lat) / 2, "l", "k");
    }
    svgmap_end(&m, "credit");
    return sb_detach(&h.sb, NULL); /* the caller frees it */
}

static char *draw_prepared(const svgmap_outlines *o)
{
    html h;
    html_init(&h);
    svgmap m;
    svgmap_begin_outlines(&m, &h, o, "map");
    for (size_t i = 0; i < o->n; i++)
        svgmap_draw_outline(&m, o, i, "c", "t");
    for (size_t i = 0; i < o->n; i++)
        svgmap_outline_label(&m, o, i, "l", "k");
    svgmap_end(&m, "credit");
    return sb_detach(&h.sb, NULL);
}

static void test_prepared_draws_the_same(void **state)
{
    (void)state;
    const char *const geoms[] = {square, two, point};
    const svgmap_outlines *o = svgmap_outlines_get(geoms, 3, 800);
    assert_non_null(o);
    assert_int_equal(o->n, 3);
    assert_false(o->empty);
    assert_string_equal(o->item[2].d, ""); /* a point: an empty path, as svgmap_geometry */
    assert_true(o->item[2].has_label);
    char *plain = draw_plain(geoms, 3), *prepared = draw_prepared(o);
    assert_non_null(strstr(plain, "<path class=\"c\" fill-rule=\"evenodd\" d=\"M"));
    assert_string_equal(prepared, plain);
    free(plain);
    free(prepared);
    svgmap_outlines_release(o);
}

static void test_kept_and_never_stale(void **state)
{
    (void)state;
    const char *const geoms[] = {square, two};
    const svgmap_outlines *a = svgmap_outlines_get(geoms, 2, 800);
    const svgmap_outlines *b = svgmap_outlines_get(geoms, 2, 800);
    assert_ptr_equal(a, b); /* prepared once, shared */
    /* an outline changed (a point moved): prepared again, drawn as it is now */
    char moved[512];
    snprintf(moved, sizeof(moved), "%s", square);
    char *p = strstr(moved, "101.8,26.6");
    assert_non_null(p);
    memcpy(p, "101.9,26.7", 10);
    const char *const changed[] = {moved, two};
    const svgmap_outlines *c = svgmap_outlines_get(changed, 2, 800);
    assert_ptr_not_equal(c, a);
    assert_string_not_equal(c->item[0].d, a->item[0].d);
    char *plain = draw_plain(changed, 2), *prepared = draw_prepared(c);
    assert_string_equal(prepared, plain);
    free(plain);
    free(prepared);
    /* another width is another frame */
    const svgmap_outlines *d = svgmap_outlines_get(geoms, 2, 400);
    assert_ptr_not_equal(d, a);
    assert_true(d->frame.width == 400);
    svgmap_outlines_release(a);
    svgmap_outlines_release(b);
    svgmap_outlines_release(c);
    svgmap_outlines_release(d);
}

static void test_held_set_outlives_eviction(void **state)
{
    (void)state;
    const char *const geoms[] = {two};
    const svgmap_outlines *held = svgmap_outlines_get(geoms, 1, 800);
    char *before = draw_prepared(held);
    /* more distinct sets than are kept: the held one is replaced in the list */
    for (int i = 0; i < 2 * SVGMAP_OUTLINES_KEPT; i++) {
        const char *const one[] = {square};
        const svgmap_outlines *o = svgmap_outlines_get(one, 1, 100 + i);
        assert_non_null(o);
        svgmap_outlines_release(o);
    }
    char *after = draw_prepared(held); /* still whole (ASan would say otherwise) */
    assert_string_equal(after, before);
    svgmap_outlines_release(held);
    const svgmap_outlines *again = svgmap_outlines_get(geoms, 1, 800);
    char *again_text = draw_prepared(again);
    assert_string_equal(again_text, before);
    svgmap_outlines_release(again);
    free(before);
    free(after);
    free(again_text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prepared_draws_the_same),
        cmocka_unit_test(test_kept_and_never_stale),
        cmocka_unit_test(test_held_set_outlives_eviction),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

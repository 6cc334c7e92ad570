/*
 * fuzz_standard_table: a standard's table as POST /api/v1/standards/import reads it
 * (stdimport_buffer, src/mod/assessments/standardimport.c): CSV, or an Excel workbook when the
 * input starts like a zip (src/util/xlsxread.c). A table either cannot be read (a message says
 * why) or is read to a report that keeps its promises: every row reported with a kind, the
 * refused ones counted and each with its reason, every item with a title and 0.1 to 1000
 * points in tenths, a source only with a positive full_at, each grade once with a known name,
 * the total the sum of the items' points.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mod/assessments/standardimport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* two sources exist, as if registered */
static int source_ok(const char *name)
{
    return !strcmp(name, "venue.area_m2") || !strcmp(name, "activities.sessions");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 18)
        return 0;
    arena a;
    arena_init(&a, 64 << 20);
    stdimport im;
    char err[256] = "";
    int rc = stdimport_buffer(&a, (const char *)data, size, source_ok, &im, err, sizeof(err));
    if (rc != 0) {
        if (!err[0])
            abort();
        arena_free(&a);
        return 0;
    }
    size_t refused = 0, items = 0, grades = 0;
    for (size_t i = 0; i < im.nrows; i++) {
        const stdimport_row *r = &im.rows[i];
        if (r->line < 1 || r->kind > STDROW_REFUSED)
            abort();
        if ((r->kind == STDROW_REFUSED) != (r->problem != NULL))
            abort();
        refused += r->kind == STDROW_REFUSED;
        items += r->kind == STDROW_ITEM;
        grades += r->kind == STDROW_GRADE;
    }
    if (refused != im.nrefused || items != im.nitems || grades != im.ngrades || im.ngrades > 4)
        abort();
    double total = 0;
    for (size_t i = 0; i < im.nitems; i++) {
        const stdimport_item *it = &im.items[i];
        if (!it->title || !*it->title || !it->section || !it->number || !it->evidence ||
            !it->source)
            abort();
        if (!(it->max_points >= 0.1 && it->max_points <= 1000) ||
            fabs(it->max_points * 10 - round(it->max_points * 10)) > 1e-6)
            abort();
        if (*it->source && (!source_ok(it->source) || !(it->full_at > 0)))
            abort();
        total += it->max_points;
    }
    if (fabs(total - im.total) > 1e-6)
        abort();
    for (size_t i = 0; i < im.ngrades; i++) {
        const char *g = im.grades[i].grade;
        if (strcmp(g, "special") && strcmp(g, "1") && strcmp(g, "2") && strcmp(g, "3"))
            abort();
        for (size_t k = 0; k < i; k++)
            if (!strcmp(g, im.grades[k].grade))
                abort();
    }
    arena_free(&a);
    return 0;
}

/*
 * fuzz_task_table: a plan's task table as `wenyun tasks import` and POST /api/v1/plans/import
 * read it (taskimport_buffer, src/mod/tasks/taskimport.c): CSV, or an Excel workbook when the
 * input starts like a zip (src/util/xlsxread.c), with the counties of a city for 各县（区）.
 * A table either cannot be read (a message says why) or is read to a report that keeps its
 * promises: every row reported once with a kind, every task made by a row, every part after the
 * task it continues, every deadline a valid date or none, every unit named and in the city or
 * one of its counties.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mod/tasks/taskimport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const taskimport_county counties[] = {
    {"510402", "东区"},   {"510403", "西区"},   {"510411", "仁和区"},
    {"510421", "米易县"}, {"510422", "盐边县"},
};

static int date_ok(const char *d)
{
    int y, m, dd;
    char tail;
    return strlen(d) == 10 && sscanf(d, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) == 3 && y >= 1900 &&
           y <= 2199 && m >= 1 && m <= 12 && dd >= 1 && dd <= 31;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 18)
        return 0;
    arena a;
    arena_init(&a, 64 << 20);
    taskimport im;
    char err[256] = "";
    int rc = taskimport_buffer(&a, (const char *)data, size, counties, 5, &im, err, sizeof(err));
    if (rc != 0) {
        if (!err[0])
            abort();
        arena_free(&a);
        return 0;
    }
    if (!im.header_found)
        abort();
    size_t refused = 0;
    for (size_t i = 0; i < im.nrows; i++) {
        const taskimport_row *r = &im.rows[i];
        if (r->line < 1)
            abort();
        if (r->kind == TI_ROW_REFUSED)
            refused++;
        if ((r->kind == TI_ROW_TASK || r->kind == TI_ROW_PART || r->kind == TI_ROW_MERGED) &&
            (r->task < 0 || (size_t)r->task >= im.ntasks))
            abort();
        if (r->kind == TI_ROW_REFUSED && r->task != -1)
            abort();
        if (r->nnotes > sizeof(r->notes) / sizeof(r->notes[0]))
            abort();
    }
    if (refused != im.nrefused)
        abort();
    for (size_t i = 0; i < im.ntasks; i++) {
        const taskimport_task *t = &im.tasks[i];
        if (!t->title || !t->number || !*t->number || !t->section || !t->content)
            abort();
        if (t->deadline.date && !date_ok(t->deadline.date))
            abort();
        if (t->deadline.understood != (t->deadline.date != NULL || t->deadline.ongoing))
            abort();
        for (int role = 0; role < 2; role++) {
            const taskimport_unit *u = role ? t->coop : t->lead;
            size_t n = role ? t->ncoop : t->nlead;
            for (size_t k = 0; k < n; k++) {
                if (!u[k].name || !*u[k].name || !u[k].division)
                    abort();
                int known = !*u[k].division;
                for (size_t c = 0; c < 5 && !known; c++)
                    known = !strcmp(u[k].division, counties[c].code);
                if (!known)
                    abort();
            }
        }
    }
    arena_free(&a);
    return 0;
}

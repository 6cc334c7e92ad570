/* standardimport: see standardimport.h. */
#include "mod/assessments/standardimport.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/csvread.h"
#include "util/xlsxread.h"

#define N_(s) s /* a msgid, translated where the report is shown */

enum { C_SECTION, C_NUMBER, C_TITLE, C_POINTS, C_EVIDENCE, C_SOURCE, C_FULL, C_COUNT };

static const char *const names[C_COUNT][4] = {
    {"章节", "section", "类别", NULL},          {"序号", "编号", "number", NULL},
    {"评估项目", "项目", "item", "评估内容"},   {"分值", "points", "满分", NULL},
    {"佐证材料", "evidence", "评估要求", NULL}, {"数据来源", "source", NULL, NULL},
    {"满分标准", "full_at", NULL, NULL},
};

typedef struct reader {
    arena *a;
    stdimport *im;
    stdimport_source_fn source_ok;
    int col[C_COUNT];
    int have_header;
    const char *section;
    size_t cap_rows, cap_items;
    int failed; /* the arena ran out */
} reader;

const char *stdimport_kind_name(stdimport_kind k)
{
    static const char *const n[] = {"header", "section", "item", "grade", "blank", "refused"};
    return k <= STDROW_REFUSED ? n[k] : "refused";
}

/* the cell, trimmed of ASCII and ideographic spaces, in the arena */
static const char *cell(reader *r, const csv_row *row, int c)
{
    int i = r->col[c];
    if (i < 0 || (size_t)i >= row->n)
        return "";
    const char *s = row->f[i];
    size_t n = strlen(s);
    for (;;) {
        if (n && isspace((unsigned char)*s)) {
            s++;
            n--;
        } else if (n >= 3 && !memcmp(s, "\xe3\x80\x80", 3)) {
            s += 3;
            n -= 3;
        } else
            break;
    }
    for (;;) {
        if (n && isspace((unsigned char)s[n - 1]))
            n--;
        else if (n >= 3 && !memcmp(s + n - 3, "\xe3\x80\x80", 3))
            n -= 3;
        else
            break;
    }
    char *o = arena_alloc(r->a, n + 1);
    if (!o) {
        r->failed = 1;
        return "";
    }
    memcpy(o, s, n);
    o[n] = 0;
    return o;
}

static int header_of(reader *r, const csv_row *row)
{
    int found = 0;
    for (int c = 0; c < C_COUNT; c++)
        r->col[c] = -1;
    for (size_t i = 0; i < row->n; i++) {
        const char *f = row->f[i];
        while (*f == ' ')
            f++;
        for (int c = 0; c < C_COUNT; c++)
            for (int k = 0; k < 4 && names[c][k]; k++)
                if (r->col[c] < 0 && !strcmp(f, names[c][k]))
                    r->col[c] = (int)i;
    }
    found = r->col[C_TITLE] >= 0 && r->col[C_POINTS] >= 0;
    return found;
}

/* 0.1 to 1000 with at most one decimal (max 0: 0 allowed, for a grade's least total) */
static int points_of(const char *s, double min, double *out)
{
    if (!*s)
        return -1;
    char *end;
    double v = strtod(s, &end);
    if (*end || !isfinite(v) || v < min || v > 1000)
        return -1;
    double tenths = v * 10;
    if (fabs(tenths - round(tenths)) > 1e-6)
        return -1;
    *out = round(tenths) / 10;
    return 0;
}

static const char *grade_of(const char *s)
{
    static const char *const map[][2] = {
        {"特级", "special"}, {"special", "special"}, {"一级", "1"}, {"1", "1"}, {"二级", "2"},
        {"2", "2"},          {"三级", "3"},          {"3", "3"}};
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (!strcmp(s, map[i][0]))
            return map[i][1];
    return NULL;
}

static int grow(reader *r, void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t ncap = *cap ? 2 * *cap : 32;
    void *w = arena_alloc(r->a, ncap * size);
    if (!w) {
        r->failed = 1;
        return -1;
    }
    if (n)
        memcpy(w, *v, n * size);
    *v = w;
    *cap = ncap;
    return 0;
}

static int text_ok(const char *s)
{
    return utf8_length(s) <= STDIMPORT_MAX_TEXT;
}

static void refuse(stdimport_row *rw, stdimport *im, const char *problem, const char *detail)
{
    rw->kind = STDROW_REFUSED;
    rw->problem = problem;
    rw->detail = detail ? detail : "";
    im->nrefused++;
}

static int row_fn(const csv_row *row, void *user)
{
    reader *r = user;
    stdimport *im = r->im;
    if (grow(r, (void **)&im->rows, &r->cap_rows, im->nrows, sizeof(stdimport_row)) < 0)
        return 1;
    stdimport_row *rw = &im->rows[im->nrows++];
    *rw = (stdimport_row){.line = row->line, .kind = STDROW_BLANK};
    if (row->bad_utf8) {
        refuse(rw, im, N_("The row is not UTF-8 text: save the file as CSV UTF-8."), "");
        return 0;
    }
    if (!r->have_header) {
        if (header_of(r, row))
            r->have_header = 1, rw->kind = STDROW_HEADER;
        return 0; /* a title line above the header: blank */
    }
    const char *sec = cell(r, row, C_SECTION), *num = cell(r, row, C_NUMBER),
               *title = cell(r, row, C_TITLE), *pts = cell(r, row, C_POINTS),
               *evid = cell(r, row, C_EVIDENCE), *src = cell(r, row, C_SOURCE),
               *full = cell(r, row, C_FULL);
    if (r->failed)
        return 1;
    if (!text_ok(sec) || !text_ok(num) || !text_ok(title) || !text_ok(evid) || !text_ok(src)) {
        refuse(rw, im, N_("A cell is longer than 500 characters."), "");
        return 0;
    }
    if (!*sec && !*num && !*title && !*pts && !*evid && !*src && !*full)
        return 0;
    /* the header repeated (a page break in the source document) */
    int c = r->col[C_TITLE];
    if (c >= 0 && (size_t)c < row->n && header_of(&(reader){.col = {0}}, row)) {
        rw->kind = STDROW_HEADER;
        return 0;
    }
    if (!strcmp(sec, "等级") || !strcmp(sec, "grade")) {
        const char *g = grade_of(title);
        double min;
        if (!g) {
            refuse(rw, im, N_("A grade is 特级, 一级, 二级 or 三级 (special, 1, 2 or 3)."), title);
            return 0;
        }
        if (points_of(pts, 0, &min) < 0) {
            refuse(rw, im, N_("A grade's least total is a number from 0 to 1000."), pts);
            return 0;
        }
        for (size_t i = 0; i < im->ngrades; i++)
            if (!strcmp(im->grades[i].grade, g)) {
                refuse(rw, im, N_("This grade is given twice."), title);
                return 0;
            }
        im->grades[im->ngrades++] = (stdimport_grade){g, min, row->line};
        rw->kind = STDROW_GRADE;
        return 0;
    }
    if (*sec && !*title && !*pts) {
        r->section = sec;
        rw->kind = STDROW_SECTION;
        return 0;
    }
    if (*sec)
        r->section = sec;
    stdimport_item it = {.section = r->section ? r->section : "",
                         .number = num,
                         .title = title,
                         .evidence = evid,
                         .source = src,
                         .line = row->line};
    if (!*title) {
        refuse(rw, im, N_("An item says what it asks (评估项目)."), "");
        return 0;
    }
    if (points_of(pts, 0.1, &it.max_points) < 0) {
        refuse(rw, im,
               N_("An item's points are a number from 0.1 to 1000 with at most one decimal."), pts);
        return 0;
    }
    if (*src && (!r->source_ok || !r->source_ok(src))) {
        refuse(rw, im, N_("No such source of wenyun's records."), src);
        return 0;
    }
    if (*full) {
        char *end;
        it.full_at = strtod(full, &end);
        if (*end || !isfinite(it.full_at) || it.full_at <= 0 || it.full_at > 1e9) {
            refuse(rw, im, N_("The figure that earns the full points is a positive number."), full);
            return 0;
        }
    }
    if (*src && !*full) {
        refuse(rw, im,
               N_("An item drawn from a source says the figure that earns the full points."), src);
        return 0;
    }
    if (im->nitems == STDIMPORT_MAX_ITEMS) {
        refuse(rw, im, N_("A standard has at most 500 items."), "");
        return 0;
    }
    if (grow(r, (void **)&im->items, &r->cap_items, im->nitems, sizeof(stdimport_item)) < 0)
        return 1;
    im->items[im->nitems++] = it;
    im->total += it.max_points;
    rw->kind = STDROW_ITEM;
    return 0;
}

int stdimport_buffer(arena *a, const char *data, size_t len, stdimport_source_fn source_ok,
                     stdimport *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    reader r = {.a = a, .im = out, .source_ok = source_ok};
    int res = xlsx_sniff(data, len) ? xlsx_read_buffer(data, len, row_fn, &r, err, errlen)
                                    : csv_read_buffer(data, len, row_fn, &r, err, errlen);
    if (r.failed) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (res < 0)
        return -1;
    if (!r.have_header) {
        snprintf(err, errlen, "no header row naming 评估项目 (item) and 分值 (points)");
        return -1;
    }
    return 0;
}

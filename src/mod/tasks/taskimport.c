/* taskimport: the reading of a plan's task table (taskimport.h). */
#include "mod/tasks/taskimport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xlsxread.h"

#ifndef N_
#define N_(s) s
#endif

/* ---- text ---- */

/* The length of a whitespace character at s (ASCII, U+3000 ideographic space, U+00A0), or 0. */
static size_t space_at(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (*u == ' ' || *u == '\t' || *u == '\r' || *u == '\n' || *u == '\v' || *u == '\f')
        return 1;
    if (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80)
        return 3;
    if (u[0] == 0xc2 && u[1] == 0xa0)
        return 2;
    return 0;
}

/* s without the whitespace at its ends, in a. */
static const char *trim(arena *a, const char *s)
{
    if (!s)
        return "";
    size_t k;
    while ((k = space_at(s)))
        s += k;
    size_t n = strlen(s), end = 0;
    for (size_t i = 0; i < n;) {
        size_t sp = space_at(s + i);
        if (sp) {
            i += sp;
        } else {
            i++;
            while (i < n && (s[i] & 0xc0) == 0x80)
                i++;
            end = i;
        }
    }
    return arena_strndup(a, s, end);
}

/* s with every whitespace removed and fullwidth digits and letters made ASCII, in a (the names
 * of units and the deadlines have no spaces of their own: those are line breaks of Word). */
static char *squeeze(arena *a, const char *s)
{
    size_t n = strlen(s);
    char *out = arena_alloc(a, n + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        size_t sp = space_at(s + i);
        const unsigned char *u = (const unsigned char *)s + i;
        if (sp) {
            i += sp;
        } else if (u[0] == 0xef && u[1] == 0xbc && u[2] >= 0x90 && u[2] <= 0x99) { /* ０-９ */
            *o++ = (char)('0' + (u[2] - 0x90));
            i += 3;
        } else if (u[0] == 0xef && u[1] == 0xbc && u[2] == 0x8e) { /* ． */
            *o++ = '.';
            i += 3;
        } else {
            *o++ = s[i++];
        }
    }
    *o = '\0';
    return out;
}

static int starts(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

/* ---- deadlines ---- */

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

static int read_int(const char **p, int maxdigits)
{
    int v = 0, k = 0;
    while (k < maxdigits && **p >= '0' && **p <= '9') {
        v = v * 10 + (**p - '0');
        (*p)++;
        k++;
    }
    return k ? v : -1;
}

/* 一..十二 (the months and quarters as words) at *p: the number, the pointer moved; -1. */
static int read_cn_number(const char **p)
{
    static const char *const w[] = {"十二", "十一", "十", "一", "二", "三",
                                    "四",   "五",   "六", "七", "八", "九"};
    static const int v[] = {12, 11, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
        if (starts(*p, w[i])) {
            *p += strlen(w[i]);
            return v[i];
        }
    return -1;
}

/* A date read at p, where a year starts; into best when later. */
static void date_at(const char *p, char best[11])
{
    int y = read_int(&p, 4), m = 12, d = 31;
    if (y < 1900 || y > 2199)
        return;
    if (starts(p, "年")) {
        p += strlen("年");
        int q = -1, mm;
        const char *r = p;
        if (starts(r, "上半年")) {
            m = 6;
        } else if (starts(r, "第") || strstr(r, "季度") == r + 1 || strstr(r, "季度") == r + 3) {
            if (starts(r, "第"))
                r += strlen("第");
            q = (*r >= '1' && *r <= '4') ? (*r++ - '0') : read_cn_number(&r);
            if (q >= 1 && q <= 4 && (starts(r, "季度") || starts(r, "季")))
                m = q * 3;
        } else if ((mm = read_int(&r, 2)) > 0 || (mm = read_cn_number(&r)) > 0) {
            if (mm >= 1 && mm <= 12 && starts(r, "月")) {
                m = mm;
                r += strlen("月");
                int dd = read_int(&r, 2);
                if (dd >= 1 && (starts(r, "日") || starts(r, "号")))
                    d = dd;
                else if (starts(r, "上旬"))
                    d = 10;
                else if (starts(r, "中旬"))
                    d = 20;
                else
                    d = 0; /* the month's end */
            }
        }
    } else if (*p == '.' || *p == '-' || *p == '/') {
        char sep = *p++;
        int mm = read_int(&p, 2);
        if (mm >= 1 && mm <= 12) {
            m = mm;
            d = 0;
            if (*p == sep) {
                p++;
                int dd = read_int(&p, 2);
                if (dd >= 1)
                    d = dd;
            }
        }
    }
    if (d == 0 || d > days_in(y, m))
        d = days_in(y, m);
    char buf[48];
    snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    if (strcmp(buf, best) > 0)
        memcpy(best, buf, 11);
}

/* An Excel date serial (days since 1899-12-30), as a workbook's date cell holds it. */
static int excel_serial(const char *s, char out[11])
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || v < 20000 || v > 80000)
        return 0;
    long days = (long)v; /* 1899-12-30 + days */
    int y = 1899, m = 12, d = 30;
    long left = days;
    /* to 1900-01-01 first, then whole years and months */
    left -= 2;
    y = 1900;
    m = 1;
    d = 1;
    for (;;) {
        int yl = ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 366 : 365;
        if (left < yl)
            break;
        left -= yl;
        y++;
    }
    while (left >= days_in(y, m)) {
        left -= days_in(y, m);
        m++;
    }
    d += (int)left;
    char buf[48];
    snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    memcpy(out, buf, 11);
    return 1;
}

void taskimport_deadline_parse(arena *a, const char *text, taskimport_deadline *out)
{
    memset(out, 0, sizeof(*out));
    out->rhythm = "";
    char *s = squeeze(a, text ? text : "");
    if (!s || !*s)
        return;
    char best[11] = "";
    if (!excel_serial(s, best))
        for (const char *p = s; *p; p++)
            if ((p == s || p[-1] < '0' || p[-1] > '9') && p[0] >= '1' && p[0] <= '2' &&
                p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' && p[3] >= '0' &&
                p[3] <= '9' && (p[4] < '0' || p[4] > '9'))
                date_at(p, best);
    if (strstr(s, "每月"))
        out->rhythm = "monthly";
    else if (strstr(s, "每季度") || strstr(s, "每季"))
        out->rhythm = "quarterly";
    else if (strstr(s, "每半年"))
        out->rhythm = "half_yearly";
    else if (strstr(s, "每年") || strstr(s, "年度"))
        out->rhythm = "yearly";
    if (strstr(s, "持续") || strstr(s, "长期") || strstr(s, "常态") || strstr(s, "逐年") ||
        (*out->rhythm && !best[0]))
        out->ongoing = 1;
    if (best[0])
        out->date = arena_strdup(a, best);
    out->understood = out->date || out->ongoing;
}

/* ---- units ---- */

static const char *const county_prefixes[] = {"各县（区）", "各县(区)", "各区（县）", "各区(县)",
                                              "各县区",     "各区县",   "县（区）",   "县(区)",
                                              "区（县）",   "区(县)",   "县区",       "区县"};

static const char *county_prefix(const char *item)
{
    for (size_t i = 0; i < sizeof(county_prefixes) / sizeof(county_prefixes[0]); i++)
        if (starts(item, county_prefixes[i]))
            return item + strlen(county_prefixes[i]);
    return NULL;
}

/* The separators between units: 、 ， ； , ; and line breaks. */
static size_t separator_at(const char *s)
{
    static const char *const seps[] = {"、", "，", "；", ",", ";", "\n", "\r"};
    for (size_t i = 0; i < sizeof(seps) / sizeof(seps[0]); i++)
        if (starts(s, seps[i]))
            return strlen(seps[i]);
    return 0;
}

static int add_unit(arena *a, taskimport_unit *out, size_t max, size_t *n, const char *name,
                    const char *division)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp(out[i].name, name) && !strcmp(out[i].division, division))
            return 0;
    if (*n >= max)
        return -1;
    out[*n].name = arena_strdup(a, name);
    out[*n].division = division;
    (*n)++;
    return 0;
}

int taskimport_units_parse(arena *a, const char *cell, const taskimport_county *counties,
                           size_t ncounties, taskimport_unit *out, size_t max, size_t *n,
                           int *counties_used)
{
    *n = 0;
    int carry = 0; /* a 县（区） prefix carries over to the names that follow it */
    const char *p = cell ? cell : "";
    while (*p) {
        const char *start = p;
        size_t sep;
        while (*p && !(sep = separator_at(p)))
            p++;
        char *item = squeeze(a, arena_strndup(a, start, (size_t)(p - start)));
        if (*p)
            p += separator_at(p);
        if (!item)
            return -1;
        if (!*item)
            continue;
        const char *rest = county_prefix(item);
        const char *own = NULL; /* the county this name starts with */
        for (size_t i = 0; i < ncounties && !rest; i++)
            if (starts(item, counties[i].name))
                own = counties[i].code;
        if (rest)
            carry = 1;
        else if (carry && !own && !starts(item, "市") && !starts(item, "省") && !starts(item, "各"))
            rest = item;
        else
            carry = 0;
        if (rest && ncounties) {
            *counties_used = 1;
            for (size_t i = 0; i < ncounties; i++) {
                const char *name = arena_sprintf(a, "%s%s", counties[i].name, rest);
                if (!name || add_unit(a, out, max, n, name, counties[i].code) < 0)
                    return -1;
            }
        } else if (add_unit(a, out, max, n, item, own ? own : "") < 0) {
            return -1;
        }
    }
    return 0;
}

/* ---- the table ---- */

enum { COL_NUMBER, COL_TITLE, COL_CONTENT, COL_DEADLINE, COL_LEAD, COL_COOP, NCOLS };

static const char *const header_names[NCOLS][8] = {
    [COL_NUMBER] = {"序号", "编号", "序", NULL},
    [COL_TITLE] = {"工作任务", "重点任务", "主要任务", "任务名称", "工作事项", "任务", "工作目标",
                   NULL},
    [COL_CONTENT] = {"具体内容", "主要内容", "工作内容", "具体措施", "任务内容", "具体任务",
                     "工作措施", NULL},
    [COL_DEADLINE] = {"时间节点", "完成时限", "完成时间", "时限", "时间安排", "时间要求",
                      "完成时间节点", NULL},
    [COL_LEAD] = {"牵头单位", "牵头部门", "责任单位", "主责单位", "牵头责任单位", NULL},
    [COL_COOP] = {"配合单位", "配合部门", "协同单位", "参与单位", "协助单位", "配合责任单位", NULL},
};

struct taskimport_reader {
    arena *a;
    const taskimport_county *counties;
    size_t ncounties;
    taskimport *im;
    size_t tasks_alloc, rows_alloc;
    int col[NCOLS];
    const char *section;
    int prev_was_task; /* the row above made, continued or joined a task */
    int group;         /* the task the current 工作任务 started, -1 */
    int parts;         /* the parts of that task so far (1: only itself) */
    int auto_number;   /* tasks numbered by the table's order so far */
    int failed;
    char err[160];
};

/* Which column a header cell names, or -1. */
static int header_col(arena *a, const char *cell)
{
    char *s = squeeze(a, cell);
    for (int c = 0; s && c < NCOLS; c++)
        for (size_t i = 0; header_names[c][i]; i++)
            if (!strcmp(s, header_names[c][i]))
                return c;
    return -1;
}

/* Is the row a header? Its columns in col (-1 for those it lacks). */
static int header_of(arena *a, const csv_row *row, int col[NCOLS])
{
    for (int c = 0; c < NCOLS; c++)
        col[c] = -1;
    for (size_t i = 0; i < row->n; i++) {
        int c = header_col(a, row->f[i]);
        if (c >= 0 && col[c] < 0)
            col[c] = (int)i;
    }
    return (col[COL_TITLE] >= 0 || col[COL_CONTENT] >= 0) &&
           (col[COL_LEAD] >= 0 || col[COL_DEADLINE] >= 0);
}

taskimport_reader *taskimport_begin(arena *a, const taskimport_county *counties, size_t ncounties,
                                    taskimport *im)
{
    memset(im, 0, sizeof(*im));
    taskimport_reader *r = arena_alloc(a, sizeof(*r));
    if (!r)
        return NULL;
    r->a = a;
    r->counties = counties;
    r->ncounties = ncounties;
    r->im = im;
    r->section = "";
    r->group = -1;
    return r;
}

static void *grow(arena *a, void *old, size_t size, size_t n, size_t *alloc)
{
    if (n < *alloc)
        return old;
    size_t na = *alloc ? *alloc * 2 : 64;
    void *nw = arena_alloc(a, na * size);
    if (!nw)
        return NULL;
    if (old)
        memcpy(nw, old, n * size);
    *alloc = na;
    return nw;
}

static taskimport_row *new_row(taskimport_reader *r, int line, taskimport_kind kind)
{
    taskimport *im = r->im;
    taskimport_row *rows = grow(r->a, im->rows, sizeof(*rows), im->nrows, &r->rows_alloc);
    if (!rows)
        return NULL;
    im->rows = rows;
    taskimport_row *row = &rows[im->nrows++];
    memset(row, 0, sizeof(*row));
    row->line = line;
    row->kind = kind;
    row->task = -1;
    return row;
}

static void note(taskimport_reader *r, taskimport_row *row, taskimport_note_code code,
                 const char *detail)
{
    if (row->nnotes < sizeof(row->notes) / sizeof(row->notes[0])) {
        row->notes[row->nnotes].code = code;
        row->notes[row->nnotes].detail = detail ? detail : "";
        row->nnotes++;
    }
    if (code == TI_NOTE_NO_TASK_ABOVE || code == TI_NOTE_TOO_MANY_UNITS ||
        code == TI_NOTE_BAD_UTF8 || code == TI_NOTE_NO_TEXT || code == TI_NOTE_TOO_MANY_FIELDS)
        return;
    r->im->nwarnings++;
}

static void refuse(taskimport_reader *r, taskimport_row *row, taskimport_note_code code,
                   const char *detail)
{
    row->kind = TI_ROW_REFUSED;
    row->task = -1;
    note(r, row, code, detail);
    r->im->nrefused++;
    r->prev_was_task = 0;
}

static const char *cell(taskimport_reader *r, const csv_row *row, int c)
{
    int i = r->col[c];
    return i >= 0 && (size_t)i < row->n ? trim(r->a, row->f[i]) : "";
}

/* The units of a cell into (out, n); -1 (the row refused) when too many. */
static int units_of(taskimport_reader *r, taskimport_row *rr, const char *text,
                    taskimport_unit **out, size_t *n)
{
    taskimport_unit buf[TASKIMPORT_MAX_UNITS];
    int used = 0;
    if (taskimport_units_parse(r->a, text, r->counties, r->ncounties, buf, TASKIMPORT_MAX_UNITS, n,
                               &used) < 0) {
        refuse(r, rr, TI_NOTE_TOO_MANY_UNITS, text);
        return -1;
    }
    if (used)
        note(r, rr, TI_NOTE_COUNTIES, text);
    *out = *n ? arena_alloc(r->a, *n * sizeof(**out)) : NULL;
    if (*n && !*out)
        return -1;
    if (*n)
        memcpy(*out, buf, *n * sizeof(**out));
    return 0;
}

/* Append the units of (add, nadd) that (*have, *n) lacks. */
static int join_units(arena *a, taskimport_unit **have, size_t *n, const taskimport_unit *add,
                      size_t nadd)
{
    if (!nadd)
        return 0;
    taskimport_unit *u = arena_alloc(a, (*n + nadd) * sizeof(*u));
    if (!u)
        return -1;
    if (*n)
        memcpy(u, *have, *n * sizeof(*u));
    size_t k = *n;
    for (size_t i = 0; i < nadd; i++) {
        int dup = 0;
        for (size_t j = 0; j < k && !dup; j++)
            dup = !strcmp(u[j].name, add[i].name) && !strcmp(u[j].division, add[i].division);
        if (!dup)
            u[k++] = add[i];
    }
    *have = u;
    *n = k;
    return 0;
}

static taskimport_task *new_task(taskimport_reader *r)
{
    taskimport *im = r->im;
    taskimport_task *t = grow(r->a, im->tasks, sizeof(*t), im->ntasks, &r->tasks_alloc);
    if (!t)
        return NULL;
    im->tasks = t;
    memset(&t[im->ntasks], 0, sizeof(*t));
    return &t[im->ntasks++];
}

static int data_row(taskimport_reader *r, const csv_row *row)
{
    arena *a = r->a;
    taskimport *im = r->im;
    const char *number = cell(r, row, COL_NUMBER), *title = cell(r, row, COL_TITLE),
               *content = cell(r, row, COL_CONTENT), *deadline = cell(r, row, COL_DEADLINE),
               *lead = cell(r, row, COL_LEAD), *coop = cell(r, row, COL_COOP);
    if (arena_failed(a))
        return -1;
    if (!*number && !*title && !*content && !*deadline && !*lead && !*coop)
        return 0; /* a row of other columns only, or blank */
    taskimport_row *rr = new_row(r, row->line, TI_ROW_TASK);
    if (!rr)
        return -1;
    if (row->bad_utf8) {
        refuse(r, rr, TI_NOTE_BAD_UTF8, "");
        return 0;
    }
    if (row->too_many) {
        refuse(r, rr, TI_NOTE_TOO_MANY_FIELDS, "");
        return 0;
    }
    /* a heading: nothing but a number or a title */
    if (!*content && !*deadline && !*lead && !*coop) {
        rr->kind = TI_ROW_SECTION;
        r->section = *number && *title ? arena_sprintf(a, "%s %s", number, title)
                     : *number         ? number
                                       : title;
        r->prev_was_task = 0;
        r->group = -1;
        return r->section ? 0 : -1;
    }
    taskimport_unit *lu, *cu;
    size_t nl, nc;
    if (units_of(r, rr, lead, &lu, &nl) < 0 || units_of(r, rr, coop, &cu, &nc) < 0)
        return arena_failed(a) ? -1 : 0;
    taskimport_task *above = r->prev_was_task && im->ntasks ? &im->tasks[im->ntasks - 1] : NULL;

    if (!*number && !*title && !*content) { /* the row above's, continued (merged cells) */
        if (!above) {
            refuse(r, rr, TI_NOTE_NO_TASK_ABOVE, "");
            return 0;
        }
        rr->kind = TI_ROW_MERGED;
        rr->task = (int)im->ntasks - 1;
        if (join_units(a, &above->lead, &above->nlead, lu, nl) < 0 ||
            join_units(a, &above->coop, &above->ncoop, cu, nc) < 0)
            return -1;
        if (*deadline && !above->deadline.understood) {
            above->deadline_text = deadline;
            taskimport_deadline_parse(a, deadline, &above->deadline);
        }
        return 0;
    }

    int part = !*number && !*title; /* 工作任务 empty: a part of the task above */
    if (part && (r->group < 0 || !above)) {
        refuse(r, rr, TI_NOTE_NO_TASK_ABOVE, content);
        return 0;
    }
    taskimport_task *t = new_task(r);
    if (!t)
        return -1;
    above = r->prev_was_task && im->ntasks >= 2 ? &im->tasks[im->ntasks - 2] : NULL;
    rr->task = (int)im->ntasks - 1;
    t->row = row->line;
    t->section = r->section;
    t->content = content;
    if (part) {
        taskimport_task *g = &im->tasks[r->group];
        rr->kind = TI_ROW_PART;
        note(r, rr, TI_NOTE_TITLE_INHERITED, g->title);
        if (r->parts == 1) /* the first part takes its number now that there are two */
            g->number = arena_sprintf(a, "%s.1", g->number);
        r->parts++;
        const char *base = g->number;
        size_t bl = strlen(base) - 2; /* without ".1" */
        t->number = arena_sprintf(a, "%.*s.%d", (int)bl, base, r->parts);
        t->title = g->title;
    } else {
        if (!*title && !*content) {
            im->ntasks--;
            refuse(r, rr, TI_NOTE_NO_TEXT, number);
            return 0;
        }
        t->title = *title ? title : content;
        if (*title && !strcmp(title, content))
            t->content = "";
        if (*number) {
            t->number = number;
        } else {
            t->number = arena_sprintf(a, "%d", r->auto_number + 1);
            note(r, rr, TI_NOTE_NUMBER_GIVEN, t->number);
        }
        r->auto_number++;
        r->group = (int)im->ntasks - 1;
        r->parts = 1;
    }
    /* 时间节点 and 牵头单位 merged with the row above: the row above's */
    if (*deadline) {
        t->deadline_text = deadline;
        taskimport_deadline_parse(a, deadline, &t->deadline);
        if (!t->deadline.understood)
            note(r, rr, TI_NOTE_DEADLINE_UNKNOWN, deadline);
    } else if (above) {
        t->deadline_text = above->deadline_text;
        t->deadline = above->deadline;
        note(r, rr, TI_NOTE_DEADLINE_INHERITED, above->deadline_text);
    } else {
        t->deadline_text = "";
        taskimport_deadline_parse(a, "", &t->deadline);
        note(r, rr, TI_NOTE_DEADLINE_MISSING, "");
    }
    t->lead = lu;
    t->nlead = nl;
    t->coop = cu;
    t->ncoop = nc;
    if (!nl && above && above->nlead) {
        t->lead = above->lead;
        t->nlead = above->nlead;
        if (!nc) {
            t->coop = above->coop;
            t->ncoop = above->ncoop;
        }
        note(r, rr, TI_NOTE_LEAD_INHERITED, "");
    } else if (!nl) {
        note(r, rr, TI_NOTE_NO_LEAD, "");
    }
    r->prev_was_task = 1;
    return arena_failed(a) ? -1 : 0;
}

int taskimport_row_fn(const csv_row *row, void *user)
{
    taskimport_reader *r = user;
    if (r->failed)
        return 1;
    if (r->im->nrows >= TASKIMPORT_MAX_ROWS) {
        snprintf(r->err, sizeof(r->err), "the table has more than %d rows", TASKIMPORT_MAX_ROWS);
        r->failed = 1;
        return 1;
    }
    int col[NCOLS];
    if (header_of(r->a, row, col)) {
        taskimport_row *rr =
            new_row(r, row->line, r->im->header_found ? TI_ROW_REPEATED : TI_ROW_HEADER);
        if (!rr)
            goto nomem;
        if (!r->im->header_found)
            memcpy(r->col, col, sizeof(col));
        /* a repeated header is a page break: a merged cell above it goes on below it, so
         * the row above stays the task before the break */
        r->im->header_found = 1;
        return 0;
    }
    if (!r->im->header_found) {
        if (!new_row(r, row->line, TI_ROW_PREAMBLE))
            goto nomem;
        return 0;
    }
    if (data_row(r, row) < 0)
        goto nomem;
    return 0;
nomem:
    snprintf(r->err, sizeof(r->err), "the table is too large to read");
    r->failed = 1;
    return 1;
}

int taskimport_end(taskimport_reader *r, char *err, size_t errlen)
{
    if (r->failed) {
        snprintf(err, errlen, "%s", r->err);
        return -1;
    }
    if (!r->im->header_found) {
        snprintf(err, errlen,
                 "no header row: the table needs a row naming its columns (工作任务 or 具体内容, "
                 "and 牵头单位 or 时间节点)");
        return -1;
    }
    return 0;
}

int taskimport_buffer(arena *a, const char *data, size_t len, const taskimport_county *counties,
                      size_t ncounties, taskimport *im, char *err, size_t errlen)
{
    taskimport_reader *r = taskimport_begin(a, counties, ncounties, im);
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int res = xlsx_sniff(data, len) ? xlsx_read_buffer(data, len, taskimport_row_fn, r, err, errlen)
                                    : csv_read_buffer(data, len, taskimport_row_fn, r, err, errlen);
    if (res < 0)
        return -1;
    return taskimport_end(r, err, errlen);
}

const char *taskimport_kind_name(taskimport_kind k)
{
    static const char *const names[] = {
        [TI_ROW_PREAMBLE] = "preamble",
        [TI_ROW_HEADER] = "header",
        [TI_ROW_REPEATED] = "header_repeated",
        [TI_ROW_SECTION] = "section",
        [TI_ROW_TASK] = "task",
        [TI_ROW_PART] = "part",
        [TI_ROW_MERGED] = "merged",
        [TI_ROW_REFUSED] = "refused",
    };
    return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

const char *taskimport_note_name(taskimport_note_code c)
{
    static const char *const names[] = {
        [TI_NOTE_DEADLINE_INHERITED] = "deadline_inherited",
        [TI_NOTE_DEADLINE_UNKNOWN] = "deadline_unknown",
        [TI_NOTE_DEADLINE_MISSING] = "deadline_missing",
        [TI_NOTE_COUNTIES] = "counties_expanded",
        [TI_NOTE_NO_LEAD] = "no_lead_unit",
        [TI_NOTE_TITLE_INHERITED] = "title_inherited",
        [TI_NOTE_NO_TASK_ABOVE] = "no_task_above",
        [TI_NOTE_TOO_MANY_UNITS] = "too_many_units",
        [TI_NOTE_BAD_UTF8] = "bad_utf8",
        [TI_NOTE_NUMBER_GIVEN] = "numbered",
        [TI_NOTE_NO_TEXT] = "no_text",
        [TI_NOTE_LEAD_INHERITED] = "lead_inherited",
        [TI_NOTE_TOO_MANY_FIELDS] = "too_many_fields",
    };
    return (unsigned)c < sizeof(names) / sizeof(names[0]) && names[c] ? names[c] : "?";
}

const char *taskimport_note_message(taskimport_note_code c)
{
    static const char *const msgs[] = {
        [TI_NOTE_DEADLINE_INHERITED] = N_("No 时间节点: the row above's deadline (a merged cell)."),
        [TI_NOTE_DEADLINE_UNKNOWN] = N_("No date read from the 时间节点; it is kept as written."),
        [TI_NOTE_DEADLINE_MISSING] = N_("No 时间节点 and no row above to take it from."),
        [TI_NOTE_COUNTIES] = N_("县（区） expanded to one unit per county-level division."),
        [TI_NOTE_NO_LEAD] = N_("No 牵头单位."),
        [TI_NOTE_TITLE_INHERITED] = N_("No 工作任务: a part of the task above."),
        [TI_NOTE_NO_TASK_ABOVE] = N_("It continues a task, but there is none above it."),
        [TI_NOTE_TOO_MANY_UNITS] = N_("A cell names too many units."),
        [TI_NOTE_BAD_UTF8] = N_("The row is not UTF-8 text (save the file as CSV UTF-8)."),
        [TI_NOTE_NUMBER_GIVEN] = N_("No 序号: numbered in the table's order."),
        [TI_NOTE_NO_TEXT] = N_("Neither 工作任务 nor 具体内容."),
        [TI_NOTE_LEAD_INHERITED] = N_("No 牵头单位: the row above's units (a merged cell)."),
        [TI_NOTE_TOO_MANY_FIELDS] = N_("The row has more columns than a table can have."),
    };
    return (unsigned)c < sizeof(msgs) / sizeof(msgs[0]) && msgs[c] ? msgs[c] : "";
}

const char *taskimport_kind_message(taskimport_kind k)
{
    static const char *const msgs[] = {
        [TI_ROW_PREAMBLE] = N_("Before the header: skipped."),
        [TI_ROW_HEADER] = N_("The header."),
        [TI_ROW_REPEATED] = N_("The header again (a page break): skipped."),
        [TI_ROW_SECTION] = N_("A heading: the tasks below stand under it."),
        [TI_ROW_TASK] = N_("A task."),
        [TI_ROW_PART] = N_("A part of the task above."),
        [TI_ROW_MERGED] = N_("No task of its own: its units joined the row above's."),
        [TI_ROW_REFUSED] = N_("Cannot be read."),
    };
    return (unsigned)k < sizeof(msgs) / sizeof(msgs[0]) ? msgs[k] : "";
}

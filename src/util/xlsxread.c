/*
 * xlsxread: libzip and expat do the reading; this file follows the workbook to its first
 * sheet (workbook.xml's first <sheet>, through workbook.xml.rels), gathers the shared strings
 * and turns the sheet's <row>/<c> elements into rows of fields (xlsxread.h).
 */
#include "util/xlsxread.h"

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util/strbuf.h"

#define XLSX_MAX_STRINGS 1000000
#define XLSX_MAX_PATH    256

int xlsx_sniff(const char *data, size_t len)
{
    return len >= 4 && !memcmp(data, "PK\3\4", 4);
}

/* The element's name without its namespace prefix ("x:row" is "row"). */
static const char *local(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (!strcmp(local(atts[i]), name))
            return atts[i + 1];
    return NULL;
}

/* The whole part name of the package, NUL-terminated, in *out (free it): 0, 1 when the part is
 * absent, -1 with err otherwise. */
static int read_part(zip_t *za, const char *name, char **out, size_t *outlen, char *err,
                     size_t errlen)
{
    zip_stat_t sb;
    *out = NULL;
    zip_stat_init(&sb);
    if (zip_stat(za, name, 0, &sb) < 0)
        return 1;
    if (!(sb.valid & ZIP_STAT_SIZE) || sb.size > XLSX_MAX_PART) {
        snprintf(err, errlen, "the workbook's part %s is larger than %zu MiB unpacked", name,
                 XLSX_MAX_PART >> 20);
        return -1;
    }
    zip_file_t *f = zip_fopen(za, name, 0);
    char *buf = f ? malloc((size_t)sb.size + 1) : NULL;
    if (!f || !buf) {
        snprintf(err, errlen, "the workbook's part %s cannot be read", name);
        free(buf);
        if (f)
            zip_fclose(f);
        return -1;
    }
    zip_int64_t got = 0;
    while ((zip_uint64_t)got < sb.size) {
        zip_int64_t r = zip_fread(f, buf + got, sb.size - (zip_uint64_t)got);
        if (r <= 0)
            break;
        got += r;
    }
    int closed = zip_fclose(f); /* always: a short read leaves the file open otherwise */
    int bad = (zip_uint64_t)got != sb.size || closed != 0;
    if (bad) {
        snprintf(err, errlen, "the workbook's part %s is damaged", name);
        free(buf);
        return -1;
    }
    buf[got] = '\0';
    *out = buf;
    *outlen = (size_t)got;
    return 0;
}

/* Parse an XML part with these handlers; -1 with err when it is not well-formed. */
static int parse(const char *name, const char *xml, size_t len, void *user,
                 XML_StartElementHandler start, XML_EndElementHandler end,
                 XML_CharacterDataHandler text, int (*failed)(void *), char *err, size_t errlen)
{
    XML_Parser p = XML_ParserCreate("UTF-8");
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    XML_SetUserData(p, user);
    XML_SetElementHandler(p, start, end);
    if (text)
        XML_SetCharacterDataHandler(p, text);
    int ok = XML_Parse(p, xml, (int)len, 1) == XML_STATUS_OK;
    if (!ok && !failed(user))
        snprintf(err, errlen, "the workbook's part %s is not well-formed XML (line %lu: %s)", name,
                 (unsigned long)XML_GetCurrentLineNumber(p), XML_ErrorString(XML_GetErrorCode(p)));
    XML_ParserFree(p);
    return ok ? 0 : -1;
}

/* ---- workbook.xml and its relationships: where the first sheet is ---- */

typedef struct finder {
    char rid[XLSX_MAX_PATH];    /* the first sheet's relationship id */
    char target[XLSX_MAX_PATH]; /* its part, as the relationship names it */
    int found, stop;
} finder;

static int finder_failed(void *u)
{
    return ((finder *)u)->stop;
}

static void on_workbook(void *u, const char *el, const char **atts)
{
    finder *f = u;
    const char *id;
    if (!f->found && !strcmp(local(el), "sheet") && (id = attr(atts, "id")) &&
        strlen(id) < sizeof(f->rid)) {
        strcpy(f->rid, id);
        f->found = 1;
    }
}

static void on_rel(void *u, const char *el, const char **atts)
{
    finder *f = u;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
    if (!f->target[0] && !strcmp(local(el), "Relationship") && id && target &&
        !strcmp(id, f->rid) && strlen(target) < sizeof(f->target))
        strcpy(f->target, target);
}

static void on_none(void *u, const char *el)
{
    (void)u;
    (void)el;
}

/* The first sheet's part name in path ("xl/worksheets/sheet1.xml"). */
static int first_sheet(zip_t *za, char *path, size_t n, char *err, size_t errlen)
{
    finder f;
    memset(&f, 0, sizeof(f));
    char *xml;
    size_t len;
    int r = read_part(za, "xl/workbook.xml", &xml, &len, err, errlen);
    if (r != 0) {
        if (r > 0)
            snprintf(err, errlen, "not an Excel workbook (.xlsx): it has no xl/workbook.xml");
        return -1;
    }
    r = parse("xl/workbook.xml", xml, len, &f, on_workbook, on_none, NULL, finder_failed, err,
              errlen);
    free(xml);
    if (r < 0)
        return -1;
    if (f.found && read_part(za, "xl/_rels/workbook.xml.rels", &xml, &len, err, errlen) == 0) {
        r = parse("xl/_rels/workbook.xml.rels", xml, len, &f, on_rel, on_none, NULL, finder_failed,
                  err, errlen);
        free(xml);
        if (r < 0)
            return -1;
    }
    if (!f.target[0]) /* no relationship to follow: where every producer puts it */
        snprintf(path, n, "xl/worksheets/sheet1.xml");
    else if (f.target[0] == '/')
        snprintf(path, n, "%s", f.target + 1);
    else
        snprintf(path, n, "xl/%s", f.target);
    return 0;
}

/* ---- sharedStrings.xml: <si> with <t>, or runs <r><t> (phonetic <rPh> left out) ---- */

typedef struct shared {
    char **s;
    size_t n, alloc;
    strbuf cur;
    int in_si, in_t, in_rph, stop;
} shared;

static int shared_failed(void *u)
{
    return ((shared *)u)->stop;
}

static void ss_start(void *u, const char *el, const char **atts)
{
    shared *ss = u;
    const char *l = local(el);
    (void)atts;
    if (!strcmp(l, "si")) {
        ss->in_si = 1;
        sb_reset(&ss->cur);
    } else if (!strcmp(l, "rPh")) {
        ss->in_rph = 1;
    } else if (!strcmp(l, "t")) {
        ss->in_t = 1;
    }
}

static void ss_end(void *u, const char *el)
{
    shared *ss = u;
    const char *l = local(el);
    if (!strcmp(l, "t")) {
        ss->in_t = 0;
    } else if (!strcmp(l, "rPh")) {
        ss->in_rph = 0;
    } else if (!strcmp(l, "si") && ss->in_si && !ss->stop) {
        ss->in_si = 0;
        if (ss->n == ss->alloc) {
            size_t na = ss->alloc ? ss->alloc * 2 : 256;
            char **ns = na <= XLSX_MAX_STRINGS ? realloc(ss->s, na * sizeof(*ns)) : NULL;
            if (!ns) {
                ss->stop = 1;
                return;
            }
            ss->s = ns;
            ss->alloc = na;
        }
        char *copy = strdup(ss->cur.buf);
        if (!copy) {
            ss->stop = 1;
            return;
        }
        ss->s[ss->n++] = copy;
    }
}

static void ss_text(void *u, const char *s, int len)
{
    shared *ss = u;
    if (ss->in_si && ss->in_t && !ss->in_rph && !ss->stop && sb_add(&ss->cur, s, (size_t)len) < 0)
        ss->stop = 1;
}

static void shared_free(shared *ss)
{
    for (size_t i = 0; i < ss->n; i++)
        free(ss->s[i]);
    free(ss->s);
    sb_release(&ss->cur);
}

/* ---- the sheet ---- */

typedef struct sheet {
    const shared *ss;
    strbuf field[CSV_MAX_FIELDS];
    size_t ncols; /* columns used in the current row */
    int too_many;
    int row_no, next_row;
    int col;   /* the current cell's column, -1: beyond CSV_MAX_FIELDS */
    char type; /* 's' shared, 'i' inline, 'b' boolean, 'n' other */
    strbuf val;
    int in_v, in_t, in_cell, in_row;
    csv_row_fn fn;
    void *user;
    int stop;    /* the callback's value */
    int failure; /* out of memory or a bad reference: err is set */
    char *err;
    size_t errlen;
    XML_Parser p;
} sheet;

/* "BC12" -> column 54 (0-based), or -1 when there are no letters */
static int column_of(const char *ref)
{
    long c = 0;
    int any = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
        c = c * 26 + (*ref - 'A' + 1);
        any = 1;
        if (c > 1 << 20)
            return 1 << 20;
    }
    return any ? (int)(c - 1) : -1;
}

static void halt(sheet *sh)
{
    XML_StopParser(sh->p, XML_FALSE);
}

static void sh_start(void *u, const char *el, const char **atts)
{
    sheet *sh = u;
    const char *l = local(el);
    if (!strcmp(l, "row")) {
        const char *r = attr(atts, "r");
        long n = r ? strtol(r, NULL, 10) : 0;
        sh->row_no = n > 0 && n < 1 << 24 ? (int)n : sh->next_row;
        sh->next_row = sh->row_no + 1;
        for (size_t i = 0; i < sh->ncols; i++)
            sb_reset(&sh->field[i]);
        sh->ncols = 0;
        sh->too_many = 0;
        sh->col = -1;
        sh->in_row = 1;
    } else if (!strcmp(l, "c") && sh->in_row) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t");
        int c = r ? column_of(r) : -1;
        if (c < 0)
            c = (int)sh->ncols;
        if (c >= CSV_MAX_FIELDS) {
            sh->too_many = 1;
            c = -1;
        }
        sh->col = c;
        sh->type = !t                        ? 'n'
                   : !strcmp(t, "s")         ? 's'
                   : !strcmp(t, "b")         ? 'b'
                   : !strcmp(t, "inlineStr") ? 'i'
                                             : 'n';
        sb_reset(&sh->val);
        sh->in_cell = 1;
    } else if (sh->in_cell && !strcmp(l, "v")) {
        sh->in_v = 1;
    } else if (sh->in_cell && !strcmp(l, "t")) {
        sh->in_t = 1;
    }
}

static void put_cell(sheet *sh)
{
    int c = sh->col;
    if (c < 0)
        return;
    const char *text = sh->val.buf;
    if (sh->type == 's') {
        char *end;
        long i = strtol(sh->val.buf, &end, 10);
        if (end == sh->val.buf || *end || i < 0 || (size_t)i >= sh->ss->n) {
            snprintf(sh->err, sh->errlen,
                     "row %d of the sheet names a shared string that does not exist", sh->row_no);
            sh->failure = 1;
            halt(sh);
            return;
        }
        text = sh->ss->s[i];
    } else if (sh->type == 'b') {
        text = !strcmp(sh->val.buf, "1") ? "TRUE" : "FALSE";
    }
    for (size_t i = sh->ncols; i <= (size_t)c; i++)
        sb_reset(&sh->field[i]);
    if ((size_t)c + 1 > sh->ncols)
        sh->ncols = (size_t)c + 1;
    sb_reset(&sh->field[c]);
    if (sb_adds(&sh->field[c], text) < 0) {
        snprintf(sh->err, sh->errlen, "row %d of the sheet is too large", sh->row_no);
        sh->failure = 1;
        halt(sh);
    }
}

static void sh_end(void *u, const char *el)
{
    sheet *sh = u;
    const char *l = local(el);
    if (!strcmp(l, "v")) {
        sh->in_v = 0;
    } else if (!strcmp(l, "t")) {
        sh->in_t = 0;
    } else if (!strcmp(l, "c") && sh->in_cell) {
        sh->in_cell = 0;
        put_cell(sh);
    } else if (!strcmp(l, "row") && sh->in_row) {
        sh->in_row = 0;
        int any = 0;
        for (size_t i = 0; i < sh->ncols && !any; i++)
            for (const char *p = sh->field[i].buf; *p && !any; p++)
                any = *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n';
        if (!any && !sh->too_many)
            return;
        csv_row row;
        memset(&row, 0, sizeof(row));
        for (size_t i = 0; i < sh->ncols; i++)
            row.f[i] = sh->field[i].buf;
        row.n = sh->ncols;
        row.line = sh->row_no;
        row.too_many = sh->too_many;
        int r = sh->fn(&row, sh->user);
        if (r) {
            sh->stop = r;
            halt(sh);
        }
    }
}

static void sh_text(void *u, const char *s, int len)
{
    sheet *sh = u;
    /* a number or a shared string's index is in <v>; an inline string's text in <is><t> */
    if (sh->in_cell && (sh->in_v || (sh->in_t && sh->type == 'i')) &&
        sb_add(&sh->val, s, (size_t)len) < 0) {
        snprintf(sh->err, sh->errlen, "a cell in row %d of the sheet is too large", sh->row_no);
        sh->failure = 1;
        halt(sh);
    }
}

int xlsx_read_buffer(const char *data, size_t len, csv_row_fn fn, void *user, char *err,
                     size_t errlen)
{
    if (!xlsx_sniff(data, len)) {
        snprintf(err, errlen, "not an Excel workbook (.xlsx): not a zip archive");
        return -1;
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!za) {
        snprintf(err, errlen, "not an Excel workbook (.xlsx): %s", zip_error_strerror(&ze));
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return -1;
    }
    zip_error_fini(&ze);

    int res = -1;
    char path[XLSX_MAX_PATH + 8], *xml = NULL;
    size_t xlen;
    shared ss;
    memset(&ss, 0, sizeof(ss));
    sb_init(&ss.cur, XLSX_MAX_PART);
    sheet sh;
    memset(&sh, 0, sizeof(sh));
    for (size_t i = 0; i < CSV_MAX_FIELDS; i++)
        sb_init(&sh.field[i], XLSX_MAX_PART);
    sb_init(&sh.val, XLSX_MAX_PART);

    if (first_sheet(za, path, sizeof(path), err, errlen) < 0)
        goto out;
    int r = read_part(za, "xl/sharedStrings.xml", &xml, &xlen, err, errlen);
    if (r < 0)
        goto out;
    if (r == 0) {
        r = parse("xl/sharedStrings.xml", xml, xlen, &ss, ss_start, ss_end, ss_text, shared_failed,
                  err, errlen);
        free(xml);
        xml = NULL;
        if (ss.stop) {
            snprintf(err, errlen, "the workbook's shared strings are too many or too large");
            goto out;
        }
        if (r < 0)
            goto out;
    }
    r = read_part(za, path, &xml, &xlen, err, errlen);
    if (r != 0) {
        if (r > 0)
            snprintf(err, errlen, "the workbook has no sheet %s", path);
        goto out;
    }
    sh.ss = &ss;
    sh.fn = fn;
    sh.user = user;
    sh.err = err;
    sh.errlen = errlen;
    sh.next_row = 1;
    sh.p = XML_ParserCreate("UTF-8");
    if (!sh.p) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    XML_SetUserData(sh.p, &sh);
    XML_SetElementHandler(sh.p, sh_start, sh_end);
    XML_SetCharacterDataHandler(sh.p, sh_text);
    int ok = XML_Parse(sh.p, xml, (int)xlen, 1) == XML_STATUS_OK;
    if (sh.stop)
        res = sh.stop;
    else if (sh.failure)
        res = -1;
    else if (!ok)
        snprintf(err, errlen, "the workbook's part %s is not well-formed XML (line %lu: %s)", path,
                 (unsigned long)XML_GetCurrentLineNumber(sh.p),
                 XML_ErrorString(XML_GetErrorCode(sh.p)));
    else
        res = 0;
    XML_ParserFree(sh.p);
out:
    free(xml);
    shared_free(&ss);
    for (size_t i = 0; i < CSV_MAX_FIELDS; i++)
        sb_release(&sh.field[i]);
    sb_release(&sh.val);
    zip_discard(za);
    return res;
}

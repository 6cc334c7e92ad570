/*
 * indicators: the catalogue, targets, reported values with their evidence, and the values
 * and status of indicators (indicators.h). Computed values come from the module that owns the
 * data, found by code in the modules' descriptors; they are cached in indicator_values with
 * the time and a hash of the figures.
 */
#include "mod/indicators/indicators.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/attachment.h"
#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "util/csvread.h" /* utf8_valid */
#include "util/csvwrite.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#define CACHE_TTL_DEFAULT_S  300
#define EVIDENCE_MAX_DEFAULT (10 * 1024 * 1024)
#define EVIDENCE_PER_REPORT  10
#define EVIDENCE_OWNER       "indicator_report" /* the owner type of its attachments */

/* ---- catalogue -------------------------------------------------------------------------- */

const wy_indicator *ind_source_of(const char *code)
{
    return indicator_find(code);
}

int ind_catalogue(wy_ctx *ctx, ind_def **out, size_t *n)
{
    int rc = store_ind_defs(ctx->c, ctx->a, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "indicator catalogue");
}

int ind_def_get(wy_ctx *ctx, const char *code, ind_def *out)
{
    int rc = code && *code ? store_ind_def_get(ctx->c, ctx->a, code, out) : WY_NOTFOUND;
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "unknown_indicator", "No such indicator.");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "indicator");
}

int ind_def_applies(const ind_def *d, const char *division)
{
    const char *level = division_level_name(division_level_of(division));
    size_t n = strlen(level);
    if (!n)
        return 0;
    for (const char *p = d->levels; (p = strstr(p, level)); p += n)
        if ((p == d->levels || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
            return 1;
    return 0;
}

int ind_visible(wy_ctx *ctx, const ind_def *d, const char *division)
{
    /* no principal: the command line, trusted as every rule trusts it */
    return !ctx->who || d->is_public || authz_allows(ctx->who, PERM_INDICATORS_READ, division);
}

/* The division named by the caller, in its short form, checked to exist. */
static int load_division(wy_ctx *ctx, const char *code, char out[DIVISION_CODE_MAX])
{
    if (!code || !*code)
        return wy_fail_field(ctx, E_INVALID, "bad_division", "Name a division.", "division");
    if (division_normalize(code, out) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    division d;
    int rc = store_division_get(ctx->c, ctx->a, out, &d);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_NOTFOUND, "unknown_division", "No such division.", "division");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "division");
}

/* ---- targets ---------------------------------------------------------------------------- */

static int text_ok(const char *s, size_t max)
{
    return !s || (utf8_valid(s, strlen(s)) && utf8_length(s) <= max);
}

int ind_target_set(wy_ctx *ctx, const char *code, const char *division, const char *period,
                   double target, int baseline_year, double baseline, int recurring,
                   const char *note, ind_target *out)
{
    ind_def d;
    ind_period p;
    char div[DIVISION_CODE_MAX];
    if (ind_def_get(ctx, code, &d) < 0 || load_division(ctx, division, div) < 0 ||
        ind_period_parse(ctx, period, &p) < 0)
        return -1;
    if (!isfinite(target))
        return wy_fail_field(ctx, E_INVALID, "bad_target", "A target is a number.", "target");
    if (baseline_year && (baseline_year < 1900 || baseline_year > 2999 || baseline_year > p.year))
        return wy_fail_field(ctx, E_INVALID, "bad_baseline_year",
                             "A baseline year is a year up to the target's.", "baseline_year");
    if (!isnan(baseline) && !isfinite(baseline))
        return wy_fail_field(ctx, E_INVALID, "bad_baseline", "A baseline is a number.", "baseline");
    if (baseline_year && isnan(baseline))
        return wy_fail_field(ctx, E_INVALID, "bad_baseline",
                             "A baseline year needs its baseline value.", "baseline");
    if (!text_ok(note, 500))
        return wy_fail_field(ctx, E_INVALID, "bad_note", "A note has at most 500 characters.",
                             "note");
    if (authz_require(ctx, PERM_INDICATORS_MANAGE, div) < 0)
        return -1;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    ind_target *old;
    size_t nold;
    const char *before = NULL;
    int res = 0;
    if ((rc = store_ind_targets(ctx->c, ctx->a, d.code, div, &old, &nold)) != WY_OK)
        res = wy_fail_store(ctx, rc, "targets");
    for (size_t i = 0; res == 0 && i < nold; i++)
        if (!strcmp(old[i].period, p.text))
            before = arena_sprintf(ctx->a, "%g", old[i].target);
    ind_target t = {.code = d.code,
                    .division = arena_strdup(ctx->a, div),
                    .period = arena_strdup(ctx->a, p.text),
                    .recurring = recurring != 0,
                    .baseline_year = baseline_year,
                    .baseline = baseline,
                    .target = target,
                    .note = note && *note ? note : NULL,
                    .set_by = ctx->who ? ctx->who->user_id : 0,
                    .set_at = ctx->now};
    if (res == 0 && (rc = store_ind_target_put(ctx->c, &t, &t.id)) != WY_OK)
        res = wy_fail_store(ctx, rc, "target");
    if (res == 0)
        res = audit_add(ctx, "indicator.target", "indicator_target", t.id, div, before,
                        arena_sprintf(ctx->a, "%g", target),
                        arena_sprintf(ctx->a, "%s %s", d.code, p.text));
    if (tx_end(ctx, res) < 0)
        return -1;
    if (out)
        *out = t;
    return 0;
}

int ind_targets(wy_ctx *ctx, const char *code, const char *division, ind_target **out, size_t *n)
{
    ind_def d;
    char div[DIVISION_CODE_MAX];
    if (ind_def_get(ctx, code, &d) < 0 || load_division(ctx, division, div) < 0)
        return -1;
    if (!ind_visible(ctx, &d, div))
        return wy_fail(ctx, E_NOTFOUND, "unknown_indicator", "No such indicator.");
    int rc = store_ind_targets(ctx->c, ctx->a, d.code, div, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "targets");
}

/* The end of a baseline year: the baseline stands then. */
static int64_t baseline_end(int year)
{
    ind_period y;
    char text[8];
    snprintf(text, sizeof(text), "%04d", year);
    return ind_period_parse_text(text, &y) == 0 ? y.to : 0;
}

static int kind_matches(const ind_def *d, const ind_period *p)
{
    return !strcmp(d->period_kind, "deadline") ||
           !strcmp(d->period_kind, p->kind == IND_YEAR      ? "year"
                                   : p->kind == IND_QUARTER ? "quarter"
                                                            : "month");
}

int ind_target_for(wy_ctx *ctx, const ind_def *d, const char *division, const ind_period *p,
                   ind_target *out)
{
    ind_target *ts;
    size_t n;
    int rc = store_ind_targets(ctx->c, ctx->a, d->code, division, &ts, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "targets");
    const ind_target *best = NULL;
    int64_t best_to = 0;
    for (size_t i = 0; i < n; i++) {
        ind_period tp;
        if (ind_period_parse_text(ts[i].period, &tp) < 0)
            continue;
        if (!strcmp(tp.text, p->text)) {
            *out = ts[i];
            return 1;
        }
        if (tp.to < p->to)
            continue;
        /* nor before its plan began: a period that ends by the end of the baseline year */
        if (ts[i].baseline_year && p->to <= baseline_end(ts[i].baseline_year))
            continue;
        /* a recurring target holds for each period of the indicator's kind up to its end; a
         * stock or "by the deadline" target, for every period before its deadline */
        int holds = ts[i].recurring
                        ? kind_matches(d, p)
                        : !strcmp(d->measure, "stock") || !strcmp(d->period_kind, "deadline");
        if (holds && (!best || tp.to < best_to || (tp.to == best_to && best->recurring))) {
            best = &ts[i];
            best_to = tp.to;
        }
    }
    if (!best)
        return 0;
    *out = *best;
    return 1;
}

/* ---- reported values -------------------------------------------------------------------- */

static int64_t evidence_max(wy_ctx *ctx)
{
    int64_t v = ctx->cfg ? config_module_int(ctx->cfg, "indicators", "evidence_max_bytes") : 0;
    return v > 0 ? v : EVIDENCE_MAX_DEFAULT;
}

static int check_file(wy_ctx *ctx, const ind_file *f)
{
    attachment_file af = {f->name, f->content_type, f->data, f->len};
    return attachment_check(ctx, &af, evidence_max(ctx), "evidence");
}

/* Store one file of report r (inside the caller's transaction). */
static int store_file(wy_ctx *ctx, int64_t report_id, const char *division, const ind_file *f,
                      ind_evidence *out)
{
    attachment_file af = {f->name, f->content_type, f->data, f->len};
    return attachment_add_tx(ctx, EVIDENCE_OWNER, report_id, division, &af, out);
}

int ind_report_add(wy_ctx *ctx, const char *code, const char *division, const char *period,
                   double value, const char *note, const ind_file *files, size_t nfiles,
                   ind_report *out)
{
    ind_def d;
    ind_period p;
    char div[DIVISION_CODE_MAX];
    if (ind_def_get(ctx, code, &d) < 0 || load_division(ctx, division, div) < 0 ||
        ind_period_parse(ctx, period, &p) < 0)
        return -1;
    if (strcmp(d.source, "reported"))
        return wy_fail(ctx, E_RULE, "not_reported",
                       "This indicator is computed from wenyun's records; it is not entered by "
                       "hand.");
    if (!kind_matches(&d, &p))
        return wy_fail_field(ctx, E_INVALID, "wrong_period_kind",
                             "This indicator is counted over another kind of period.", "period");
    if (!isfinite(value))
        return wy_fail_field(ctx, E_INVALID, "bad_value", "A value is a number.", "value");
    if (!text_ok(note, 2000))
        return wy_fail_field(ctx, E_INVALID, "bad_note", "A note has at most 2000 characters.",
                             "note");
    if (nfiles > EVIDENCE_PER_REPORT)
        return wy_fail_field(ctx, E_INVALID, "too_many_files", "At most 10 files back one value.",
                             "evidence");
    for (size_t i = 0; i < nfiles; i++)
        if (check_file(ctx, &files[i]) < 0)
            return -1;
    if (authz_require(ctx, PERM_INDICATORS_MANAGE, div) < 0)
        return -1;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = 0;
    ind_report cur, r = {.code = d.code,
                         .division = arena_strdup(ctx->a, div),
                         .period = arena_strdup(ctx->a, p.text),
                         .value = value,
                         .note = note && *note ? note : NULL,
                         .entered_by = ctx->who ? ctx->who->user_id : 0,
                         .entered_by_name = ctx->who ? ctx->who->name : NULL,
                         .entered_at = ctx->now,
                         .current = 1};
    rc = store_ind_report_current(ctx->c, ctx->a, d.code, div, p.text, &cur);
    if (rc == WY_OK)
        r.supersedes = cur.id;
    else if (rc != WY_NOTFOUND)
        res = wy_fail_store(ctx, rc, "report");
    if (res == 0 && (rc = store_ind_report_add(ctx->c, &r, &r.id)) != WY_OK)
        res = wy_fail_store(ctx, rc, "report");
    if (res == 0 && nfiles) {
        r.evidence = arena_alloc(ctx->a, nfiles * sizeof(*r.evidence));
        if (!r.evidence)
            res = check_mem(ctx);
    }
    for (size_t i = 0; res == 0 && i < nfiles; i++)
        if ((res = store_file(ctx, r.id, r.division, &files[i], &r.evidence[i])) == 0)
            r.nevidence++;
    if (res == 0)
        res = audit_add(
            ctx, r.supersedes ? "indicator.correct" : "indicator.report", "indicator_report", r.id,
            div, r.supersedes ? arena_sprintf(ctx->a, "%g", cur.value) : NULL,
            arena_sprintf(ctx->a, "%g", value), arena_sprintf(ctx->a, "%s %s", d.code, p.text));
    if (tx_end(ctx, res) < 0)
        return -1;
    if (out)
        *out = r;
    return 0;
}

int ind_evidence_add(wy_ctx *ctx, int64_t report_id, const ind_file *f, ind_evidence *out)
{
    if (check_file(ctx, f) < 0)
        return -1;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    ind_report r;
    ind_evidence *have;
    size_t n = 0;
    int res = 0;
    rc = store_ind_report_get(ctx->c, ctx->a, report_id, &r);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "report");
    if (res == 0)
        res = authz_require(ctx, PERM_INDICATORS_MANAGE, r.division);
    if (res == 0)
        res = attachment_list(ctx, EVIDENCE_OWNER, report_id, &have, &n);
    if (res == 0 && n >= EVIDENCE_PER_REPORT)
        res = wy_fail(ctx, E_RULE, "too_many_files", "At most 10 files back one value.");
    if (res == 0)
        res = store_file(ctx, report_id, r.division, f, out);
    if (res == 0)
        res = audit_add(ctx, "indicator.evidence", "indicator_report", report_id, r.division, NULL,
                        f->name, arena_sprintf(ctx->a, "%s %s", r.code, r.period));
    return tx_end(ctx, res);
}

int ind_evidence_get(wy_ctx *ctx, int64_t id, ind_evidence *out, const char **data, size_t *len)
{
    if (attachment_get(ctx, id, out, data, len) < 0)
        return -1;
    if (strcmp(out->owner_type, EVIDENCE_OWNER)) /* another module's file */
        return wy_fail(ctx, E_NOTFOUND, "not_found", "No such file.");
    return authz_require(ctx, PERM_INDICATORS_READ, out->division);
}

int ind_history(wy_ctx *ctx, const char *code, const char *division, const char *period,
                ind_report **out, size_t *n)
{
    ind_def d;
    ind_period p;
    char div[DIVISION_CODE_MAX];
    if (ind_def_get(ctx, code, &d) < 0 || load_division(ctx, division, div) < 0 ||
        ind_period_parse(ctx, period, &p) < 0 || authz_require(ctx, PERM_INDICATORS_READ, div) < 0)
        return -1;
    int rc = store_ind_reports(ctx->c, ctx->a, d.code, div, p.text, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "history");
    for (size_t i = 0; i < *n; i++)
        if (attachment_list(ctx, EVIDENCE_OWNER, (*out)[i].id, &(*out)[i].evidence,
                            &(*out)[i].nevidence) < 0)
            return -1;
    return 0;
}

/* ---- values ----------------------------------------------------------------------------- */

static const char *figures_hash(wy_ctx *ctx, const char *code, const char *div, const char *period,
                                double v)
{
    char buf[160];
    unsigned char h[crypto_hash_sha256_BYTES];
    int n = snprintf(buf, sizeof(buf), "%s|%s|%s|%.17g", code, div, period, v);
    crypto_hash_sha256(h, (const unsigned char *)buf, (size_t)n);
    char *hex = arena_alloc(ctx->a, 2 * sizeof(h) + 1);
    return hex ? sodium_bin2hex(hex, 2 * sizeof(h) + 1, h, sizeof(h)) : NULL;
}

const char *ind_snapshot_hash(wy_ctx *ctx, const ind_value *v, size_t n)
{
    crypto_hash_sha256_state s;
    crypto_hash_sha256_init(&s);
    for (size_t i = 0; i < n; i++) {
        char buf[200];
        int k = snprintf(buf, sizeof(buf), "%s|%s|%s|%.17g|%.17g\n", v[i].def.code, v[i].division,
                         v[i].period, v[i].value, v[i].has_target ? v[i].target.target : NAN);
        crypto_hash_sha256_update(&s, (const unsigned char *)buf, (size_t)k);
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&s, h);
    char *hex = arena_alloc(ctx->a, 2 * sizeof(h) + 1);
    return hex ? sodium_bin2hex(hex, 2 * sizeof(h) + 1, h, sizeof(h)) : NULL;
}

static int64_t cache_ttl_ms(wy_ctx *ctx)
{
    int64_t v = ctx->cfg ? config_module_int(ctx->cfg, "indicators", "cache_ttl_s") : 0;
    return (v > 0 ? v : CACHE_TTL_DEFAULT_S) * 1000;
}

/* The value of d for (div, p) into v; *dirty when it was computed afresh (to be cached). */
static int value_of(wy_ctx *ctx, const ind_def *d, const char *div, const ind_period *p,
                    const ind_opts *o, ind_value *v, int *dirty)
{
    *dirty = 0;
    memset(v, 0, sizeof(*v));
    v->def = *d;
    v->division = div;
    v->period = arena_strdup(ctx->a, p->text);
    v->value = NAN;
    v->projected = NAN;
    if (!strcmp(d->source, "reported")) {
        ind_report r;
        int rc = store_ind_report_current(ctx->c, ctx->a, d->code, div, p->text, &r);
        if (rc == WY_OK) {
            v->value = r.value;
            v->computed_at = r.entered_at;
            v->report_id = r.id;
        } else if (rc != WY_NOTFOUND) {
            return wy_fail_store(ctx, rc, "report");
        }
        v->provided = 1;
    } else {
        const wy_indicator *src = ind_source_of(d->code);
        v->provided = src && src->compute;
        if (v->provided) {
            ind_cached c;
            int rc = o && o->recompute
                         ? WY_NOTFOUND
                         : store_ind_cached_get(ctx->c, ctx->a, d->code, div, p->text, &c);
            if (rc == WY_OK &&
                (c.computed_at >= p->to || ctx->now - c.computed_at < cache_ttl_ms(ctx))) {
                v->value = c.value;
                v->computed_at = c.computed_at;
                v->hash = c.hash;
            } else if (rc != WY_OK && rc != WY_NOTFOUND) {
                return wy_fail_store(ctx, rc, "cached value");
            } else {
                double x = NAN;
                if (src->compute(ctx, div, p->from, p->to, &x) < 0)
                    return -1;
                v->value = isfinite(x) ? x : NAN;
                v->computed_at = ctx->now;
                v->hash = figures_hash(ctx, d->code, div, p->text, v->value);
                *dirty = 1;
            }
        }
    }
    if (isnan(v->value))
        v->computed_at = 0;
    int t = ind_target_for(ctx, d, div, p, &v->target);
    if (t < 0)
        return -1;
    v->has_target = t;
    ind_trend tr = {.value = v->value, .target = NAN, .baseline = NAN, .from = p->from};
    tr.at = ctx->now < p->to ? ctx->now : p->to;
    tr.flow = !strcmp(d->measure, "flow");
    if (t) {
        ind_period tp;
        tr.target = v->target.target;
        tr.baseline = v->target.baseline;
        tr.base_at = v->target.baseline_year ? baseline_end(v->target.baseline_year) : 0;
        /* a recurring target ends with each period; another with its own */
        tr.deadline =
            v->target.recurring || ind_period_parse_text(v->target.period, &tp) < 0 ? p->to : tp.to;
        v->deadline = tr.deadline;
    }
    v->status = ind_judge(&tr, &v->projected);
    return 0;
}

/* Write the values computed afresh to the cache, in one transaction. A failure leaves the
 * cache as it was: the values are right all the same, and are computed again next time. */
static void cache_put(wy_ctx *ctx, const ind_value *v, const int *dirty, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += dirty[i] != 0;
    if (!k || store_begin(ctx->c, 1) != WY_OK)
        return;
    int rc = WY_OK;
    for (size_t i = 0; rc == WY_OK && i < n; i++)
        if (dirty[i]) {
            /* when it was computed, even for no data (whose computed_at is shown as none) */
            ind_cached c = {v[i].value, ctx->now, v[i].hash ? v[i].hash : ""};
            rc = store_ind_cached_put(ctx->c, v[i].def.code, v[i].division, v[i].period, &c);
        }
    if (rc == WY_OK)
        rc = store_commit(ctx->c);
    if (rc != WY_OK)
        store_rollback(ctx->c);
}

static int check_recompute(wy_ctx *ctx, const ind_opts *o, const char *div)
{
    return o && o->recompute && ctx->who ? authz_require(ctx, PERM_INDICATORS_MANAGE, div) : 0;
}

int ind_value_get(wy_ctx *ctx, const char *code, const char *division, const char *period,
                  const ind_opts *o, ind_value *out)
{
    ind_def d;
    ind_period p;
    char div[DIVISION_CODE_MAX];
    if (ind_def_get(ctx, code, &d) < 0 || load_division(ctx, division, div) < 0 ||
        ind_period_parse(ctx, period, &p) < 0)
        return -1;
    if (!ind_visible(ctx, &d, div))
        return wy_fail(ctx, E_NOTFOUND, "unknown_indicator", "No such indicator.");
    if (check_recompute(ctx, o, div) < 0)
        return -1;
    int dirty;
    if (value_of(ctx, &d, arena_strdup(ctx->a, div), &p, o, out, &dirty) < 0)
        return -1;
    cache_put(ctx, out, &dirty, 1);
    return 0;
}

/* The values of one (already checked) division. */
static int values_of(wy_ctx *ctx, const ind_def *defs, size_t ndefs, const char *div,
                     const ind_period *p, const ind_opts *o, ind_value **out, size_t *n)
{
    ind_value *v = arena_alloc(ctx->a, (ndefs ? ndefs : 1) * sizeof(*v));
    int *dirty = arena_alloc(ctx->a, (ndefs ? ndefs : 1) * sizeof(*dirty));
    if (!v || !dirty)
        return check_mem(ctx) < 0 ? -1 : wy_fail(ctx, E_INTERNAL, "internal", "Out of memory.");
    size_t k = 0;
    for (size_t i = 0; i < ndefs; i++) {
        if (!ind_def_applies(&defs[i], div) || !ind_visible(ctx, &defs[i], div))
            continue;
        if (value_of(ctx, &defs[i], div, p, o, &v[k], &dirty[k]) < 0)
            return -1;
        k++;
    }
    cache_put(ctx, v, dirty, k);
    *out = v;
    *n = k;
    return 0;
}

int ind_values(wy_ctx *ctx, const char *division, const char *period, const ind_opts *o,
               ind_value **out, size_t *n)
{
    ind_period p;
    char div[DIVISION_CODE_MAX];
    ind_def *defs;
    size_t ndefs;
    if (load_division(ctx, division, div) < 0 || ind_period_parse(ctx, period, &p) < 0 ||
        check_recompute(ctx, o, div) < 0 || ind_catalogue(ctx, &defs, &ndefs) < 0)
        return -1;
    return values_of(ctx, defs, ndefs, arena_strdup(ctx->a, div), &p, o, out, n);
}

int ind_refresh_job(wy_ctx *ctx)
{
    int64_t per_tick = ctx->cfg ? config_module_int(ctx->cfg, "indicators", "refresh_per_tick") : 0;
    if (per_tick <= 0)
        return 0;
    /* refreshed a little before they would expire: two runs of the job ahead */
    int64_t interval = ctx->cfg && ctx->cfg->jobs_interval_s > 0 ? ctx->cfg->jobs_interval_s : 60;
    int64_t ahead = 2 * interval * 1000, ttl = cache_ttl_ms(ctx);
    int64_t before = ctx->now - (ttl > ahead ? ttl - ahead : 0);
    ind_period cur[3];
    ind_period_at(IND_YEAR, ctx->now, &cur[0]);
    ind_period_at(IND_QUARTER, ctx->now, &cur[1]);
    ind_period_at(IND_MONTH, ctx->now, &cur[2]);
    const char *const periods[3] = {cur[0].text, cur[1].text, cur[2].text};
    ind_stale *st;
    size_t n;
    int rc = store_ind_cached_stale(ctx->c, ctx->a, periods, before, (int)per_tick, &st, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "stale values");
    ind_opts o = {.recompute = 1};
    for (size_t i = 0; i < n; i++) {
        ind_value *v;
        size_t nv;
        /* no principal: the job computes every indicator of the division */
        if (ind_values(ctx, st[i].division, st[i].period, &o, &v, &nv) < 0)
            return -1;
    }
    return (int)n;
}

int ind_series(wy_ctx *ctx, const char *code, const char *division, const char *first,
               const char *last, ind_value **out, size_t *n)
{
    ind_def d;
    ind_period p, end;
    char div[DIVISION_CODE_MAX];
    if (ind_def_get(ctx, code, &d) < 0 || load_division(ctx, division, div) < 0 ||
        ind_period_parse(ctx, first, &p) < 0 || ind_period_parse(ctx, last, &end) < 0)
        return -1;
    if (!ind_visible(ctx, &d, div))
        return wy_fail(ctx, E_NOTFOUND, "unknown_indicator", "No such indicator.");
    if (p.kind != end.kind || end.from < p.from)
        return wy_fail_field(ctx, E_INVALID, "bad_period",
                             "A series runs from a period to a later one of the same kind.",
                             "period");
    ind_value *v = arena_alloc(ctx->a, IND_SERIES_MAX * sizeof(*v));
    int *dirty = arena_alloc(ctx->a, IND_SERIES_MAX * sizeof(*dirty));
    if (!v || !dirty)
        return check_mem(ctx) < 0 ? -1 : wy_fail(ctx, E_INTERNAL, "internal", "Out of memory.");
    const char *dv = arena_strdup(ctx->a, div);
    size_t k = 0;
    for (;;) {
        if (k == IND_SERIES_MAX)
            return wy_fail_field(ctx, E_INVALID, "bad_period", "A series has at most 120 periods.",
                                 "period");
        if (value_of(ctx, &d, dv, &p, NULL, &v[k], &dirty[k]) < 0)
            return -1;
        k++;
        if (p.from >= end.from)
            break;
        ind_period_at(p.kind, p.to, &p);
    }
    cache_put(ctx, v, dirty, k);
    *out = v;
    *n = k;
    return 0;
}

int ind_records(wy_ctx *ctx, const char *code, const char *division, const char *period,
                int64_t after, int limit, wy_record **out, size_t *n)
{
    ind_def d;
    ind_period p;
    char div[DIVISION_CODE_MAX];
    if (ind_def_get(ctx, code, &d) < 0 || load_division(ctx, division, div) < 0 ||
        ind_period_parse(ctx, period, &p) < 0)
        return -1;
    if (!ind_visible(ctx, &d, div))
        return wy_fail(ctx, E_NOTFOUND, "unknown_indicator", "No such indicator.");
    const wy_indicator *src = ind_source_of(d.code);
    if (strcmp(d.source, "computed"))
        return wy_fail(ctx, E_RULE, "no_records",
                       "This indicator is entered by hand: its evidence is in its history, not "
                       "in records.");
    if (!src || !src->records)
        return wy_fail(ctx, E_RULE, "no_records",
                       "No list of records is behind this indicator's value (yet).");
    *out = NULL;
    *n = 0;
    return src->records(ctx, arena_strdup(ctx->a, div), p.from, p.to, after, limit, out, n);
}

/* ---- exports ---------------------------------------------------------------------------- */

int ind_export(wy_ctx *ctx, const char *code, const char *period, ind_export_row **out, size_t *n)
{
    ind_period p;
    char div[DIVISION_CODE_MAX];
    ind_def *defs;
    size_t ndefs, nkids = 0;
    division self, *kids = NULL;
    if (load_division(ctx, code, div) < 0 || ind_period_parse(ctx, period, &p) < 0 ||
        ind_catalogue(ctx, &defs, &ndefs) < 0)
        return -1;
    int rc = store_division_get(ctx->c, ctx->a, div, &self);
    if (rc == WY_OK)
        rc = store_division_children(ctx->c, ctx->a, div, &kids, &nkids);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "divisions");
    size_t cap = (nkids + 1) * (ndefs ? ndefs : 1), k = 0;
    ind_export_row *rows = arena_alloc(ctx->a, cap * sizeof(*rows));
    if (!rows)
        return check_mem(ctx) < 0 ? -1 : wy_fail(ctx, E_INTERNAL, "internal", "Out of memory.");
    for (size_t i = 0; i <= nkids; i++) {
        const division *dv = i == 0 ? &self : &kids[i - 1];
        ind_value *v;
        size_t nv;
        if (values_of(ctx, defs, ndefs, dv->code, &p, NULL, &v, &nv) < 0)
            return -1;
        for (size_t j = 0; j < nv; j++)
            rows[k++] = (ind_export_row){dv->code, dv->name, v[j]};
    }
    *out = rows;
    *n = k;
    return 0;
}

int ind_export_csv(wy_ctx *ctx, const char *division, const char *period, strbuf *out)
{
    ind_export_row *rows;
    size_t n;
    if (ind_export(ctx, division, period, &rows, &n) < 0)
        return -1;
    csvw w;
    csvw_begin(&w, out);
    static const char *const head[] = {
        "division", "division_name", "period",    "code",     "name",        "name_en",
        "unit",     "attribute",     "source",    "value",    "target",      "baseline_year",
        "baseline", "status",        "projected", "deadline", "computed_at",
    };
    for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++)
        csvw_text(&w, head[i]);
    csvw_row_end(&w);
    for (size_t i = 0; i < n; i++) {
        const ind_value *v = &rows[i].v;
        char at[40] = "", dl[40] = "";
        if (v->computed_at)
            time_format_rfc3339(v->computed_at, at, sizeof(at), 0);
        if (v->deadline)
            time_format_rfc3339(v->deadline, dl, sizeof(dl), 0);
        csvw_text(&w, rows[i].division);
        csvw_text(&w, rows[i].division_name);
        csvw_text(&w, v->period);
        csvw_text(&w, v->def.code);
        csvw_text(&w, v->def.name_zh);
        csvw_text(&w, v->def.name_en);
        csvw_text(&w, v->def.unit);
        csvw_text(&w, v->def.attribute);
        csvw_text(&w, v->def.source);
        csvw_real(&w, v->value, 2);
        csvw_real(&w, v->has_target ? v->target.target : NAN, 2);
        if (v->has_target && v->target.baseline_year)
            csvw_int(&w, v->target.baseline_year);
        else
            csvw_text(&w, NULL);
        csvw_real(&w, v->has_target ? v->target.baseline : NAN, 2);
        csvw_text(&w, ind_status_name(v->status));
        csvw_real(&w, v->projected, 2);
        csvw_text(&w, dl);
        csvw_text(&w, at);
        csvw_row_end(&w);
    }
    if (csvw_finish(&w) < 0)
        return wy_fail(ctx, E_UNAVAILABLE, "export_too_large", "The export is too large.");
    return 0;
}

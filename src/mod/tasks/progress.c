/* progress: see progress.h. */
#include "mod/tasks/progress.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "mod/indicators/indicators.h"
#include "mod/tasks/tasks.h"
#include "util/config.h"
#include "util/csvread.h"

#define DAY_MS (24LL * 3600 * 1000)

static const char *const statuses[] = {"open", "in_progress", "done", "cancelled", NULL};

static int status_known(const char *s)
{
    for (size_t i = 0; s && statuses[i]; i++)
        if (!strcmp(s, statuses[i]))
            return 1;
    return 0;
}

static int closed(const char *status)
{
    return !strcmp(status, "done") || !strcmp(status, "cancelled");
}

static int text_ok(const char *s, size_t min, size_t max)
{
    if (!s)
        return min == 0;
    size_t len = strlen(s);
    if (!utf8_valid(s, len))
        return 0;
    size_t n = utf8_length(s);
    return n >= min && n <= max;
}

/* ---- periods ---------------------------------------------------------------------------- */

void progress_period_at(const char *rhythm, int ongoing, int64_t ms, char out[16])
{
    time_t t = (time_t)(ms / 1000) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    /* years of four digits: the formats below fit 16 bytes */
    int y = (tm.tm_year + 1900) % 10000, m = (tm.tm_mon % 12) + 1;
    if (y < 0)
        y = 0;
    if (m < 1)
        m = 1;
    const char *r = rhythm ? rhythm : "";
    if (!strcmp(r, "quarterly"))
        snprintf(out, 16, "%04d-Q%d", y, (m - 1) / 3 + 1);
    else if (!strcmp(r, "half_yearly"))
        snprintf(out, 16, "%04d-H%d", y, m <= 6 ? 1 : 2);
    else if (!strcmp(r, "yearly") || (ongoing && !strcmp(r, "")))
        snprintf(out, 16, "%04d", y);
    else
        snprintf(out, 16, "%04d-%02d", y, m);
}

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

int progress_period_valid(const char *rhythm, int ongoing, const char *period)
{
    char sample[16];
    progress_period_at(rhythm, ongoing, 0, sample);
    size_t len = strlen(period);
    if (len != strlen(sample) || !digits(period, 4))
        return 0;
    int y = (period[0] - '0') * 1000 + (period[1] - '0') * 100 + (period[2] - '0') * 10 +
            (period[3] - '0');
    if (y < 1949 || y > 2200)
        return 0;
    if (len == 4)
        return 1;
    if (period[4] != '-')
        return 0;
    if (sample[5] == 'Q')
        return period[5] == 'Q' && period[6] >= '1' && period[6] <= '4';
    if (sample[5] == 'H')
        return period[5] == 'H' && (period[6] == '1' || period[6] == '2');
    if (!digits(period + 5, 2))
        return 0;
    int m = (period[5] - '0') * 10 + (period[6] - '0');
    return m >= 1 && m <= 12;
}

/* ---- who is who on a task --------------------------------------------------------------- */

static int load_task(wy_ctx *ctx, int64_t id, task_full *f)
{
    int rc = store_task_get(ctx->c, ctx->a, id, f);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "No such task.");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "task");
}

typedef struct standing {
    int64_t lead, coop; /* the caller's units on the task (0: none) */
    int manager;
} standing;

static int standing_of(wy_ctx *ctx, const task_full *f, standing *s)
{
    memset(s, 0, sizeof(*s));
    if (!ctx->who)
        return wy_fail(ctx, E_UNAUTH, "unauthorized", "Please log in first.");
    s->manager = authz_allows(ctx->who, PERM_TASKS_MANAGE, f->division);
    int rc = store_task_member_units(ctx->c, f->t.id, ctx->who->user_id, &s->lead, &s->coop);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "units");
}

static int not_on_task(wy_ctx *ctx)
{
    return wy_fail(ctx, E_FORBIDDEN, "not_on_task",
                   "Only the members of the task's units and the plan's managers may do this.");
}

/* ---- units and their members ------------------------------------------------------------ */

int progress_unit_list(wy_ctx *ctx, const char *division, int64_t after, int limit, unit_row **out,
                       size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    int rc = store_unit_list(ctx->c, ctx->a, div, after, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "units");
}

static int load_unit_managed(wy_ctx *ctx, int64_t unit, unit_row *u)
{
    int rc = store_unit_get(ctx->c, ctx->a, unit, u);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "No such unit.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "unit");
    return ctx->who ? authz_require(ctx, PERM_TASKS_MANAGE, u->division) : 0;
}

int progress_unit_members(wy_ctx *ctx, int64_t unit, unit_row *u, unit_member_row **out, size_t *n)
{
    if (load_unit_managed(ctx, unit, u) < 0)
        return -1;
    int rc = store_unit_members(ctx->c, ctx->a, unit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "members");
}

int progress_unit_member_add(wy_ctx *ctx, int64_t unit, int64_t user_id, const char *phone,
                             int64_t *added)
{
    unit_row u;
    if (load_unit_managed(ctx, unit, &u) < 0)
        return -1;
    account acc;
    int rc = user_id > 0       ? store_user_by_id(ctx->c, ctx->a, user_id, &acc)
             : phone && *phone ? store_user_by_phone(ctx->c, ctx->a, phone, &acc)
                               : WY_CONSTRAINT;
    if (rc == WY_CONSTRAINT)
        return wy_fail_field(ctx, E_INVALID, "bad_user", "Name the account: user_id or phone.",
                             "user_id");
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_NOTFOUND, "unknown_user", "No such account.", "user_id");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "account");
    int staff = 0;
    rc = store_user_is_staff(ctx->c, acc.id, &staff);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "account");
    if (!staff)
        return wy_fail_field(ctx, E_RULE, "not_staff",
                             "A unit's members are active staff accounts (with a role other than "
                             "citizen).",
                             "user_id");
    if (tx_begin(ctx) < 0)
        return -1;
    rc = store_unit_member_add(ctx->c, unit, acc.id, ctx->who ? ctx->who->user_id : 0, ctx->now);
    int res = 0;
    if (rc == WY_CONSTRAINT)
        res = wy_fail_field(ctx, E_CONFLICT, "already_member",
                            "The account is a member of the unit already.", "user_id");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "member");
    if (res == 0) {
        char to[32];
        snprintf(to, sizeof to, "%lld", (long long)acc.id);
        res = audit_add(ctx, "unit.member_add", "unit", unit, u.division, NULL, to, NULL);
    }
    *added = acc.id;
    return tx_end(ctx, res);
}

int progress_unit_member_remove(wy_ctx *ctx, int64_t unit, int64_t user_id)
{
    unit_row u;
    if (load_unit_managed(ctx, unit, &u) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_unit_member_remove(ctx->c, unit, user_id);
    int res = 0;
    if (rc == WY_NOTFOUND)
        res = wy_fail(ctx, E_NOTFOUND, "not_member", "The account is no member of the unit.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "member");
    if (res == 0) {
        char from[32];
        snprintf(from, sizeof from, "%lld", (long long)user_id);
        res = audit_add(ctx, "unit.member_remove", "unit", unit, u.division, from, NULL, NULL);
    }
    return tx_end(ctx, res);
}

/* ---- indicators of a task --------------------------------------------------------------- */

/* The share of the year gone at now, and the expected value pro rata: from the baseline (or 0)
 * to the target over the year. Lagging when the actual is on the wrong side of it. */
static void judge_pro_rata(const ind_value *v, int64_t now, task_indicator_view *iv)
{
    iv->actual = v->value;
    iv->target = v->has_target ? v->target.target : NAN;
    iv->expected = NAN;
    iv->lagging = 0;
    iv->status = ind_status_name(v->status);
    if (!v->has_target || isnan(v->value))
        return;
    ind_period y;
    ind_period_at(IND_YEAR, now, &y);
    double share = (double)(now - y.from) / (double)(y.to - y.from);
    if (share < 0)
        share = 0;
    if (share > 1)
        share = 1;
    double base = isnan(v->target.baseline) ? 0 : v->target.baseline;
    iv->expected = base + (iv->target - base) * share;
    iv->lagging = iv->target >= base ? v->value < iv->expected : v->value > iv->expected;
}

/* The standing of code for the plan's division this year (no error: what cannot be known is
 * shown unknown). */
static int indicator_view(wy_ctx *ctx, const char *code, const char *division,
                          task_indicator_view *iv)
{
    memset(iv, 0, sizeof(*iv));
    iv->code = code;
    iv->actual = iv->target = iv->expected = NAN;
    iv->status = "no_data";
    ind_period y;
    ind_period_at(IND_YEAR, ctx->now, &y);
    iv->year = y.year;
    ind_def d;
    if (ind_def_get(ctx, code, &d) < 0) {
        if (ctx->err.cls != E_NOTFOUND)
            return -1;
        memset(&ctx->err, 0, sizeof(ctx->err));
        return 0;
    }
    iv->known = 1;
    iv->name_zh = d.name_zh;
    iv->name_en = d.name_en;
    iv->unit = d.unit;
    iv->visible = ind_visible(ctx, &d, division);
    if (!iv->visible)
        return 0;
    ind_value v;
    ind_opts o = {0};
    if (ind_value_get(ctx, code, division, y.text, &o, &v) < 0) {
        if (ctx->err.cls == E_INTERNAL || ctx->err.cls == E_UNAVAILABLE)
            return -1;
        memset(&ctx->err, 0, sizeof(ctx->err));
        return 0;
    }
    judge_pro_rata(&v, ctx->now, iv);
    return 0;
}

/* ---- a task ----------------------------------------------------------------------------- */

int progress_task_get(wy_ctx *ctx, int64_t id, task_detail *out)
{
    memset(out, 0, sizeof(*out));
    if (load_task(ctx, id, &out->f) < 0)
        return -1;
    int rc = store_plan_task_units_of(ctx->c, ctx->a, &id, 1, &out->units, &out->nunits);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "units");
    progress_period_at(out->f.t.rhythm, out->f.t.ongoing, ctx->now, out->period);
    if (ctx->who) {
        standing s;
        if (standing_of(ctx, &out->f, &s) < 0)
            return -1;
        out->manager = s.manager;
        out->lead = s.lead;
        out->cooperating = s.coop;
        out->insider = s.manager || s.lead || s.coop;
    }
    if (out->insider) {
        rc = store_task_status_history(ctx->c, ctx->a, id, &out->history, &out->nhistory);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "history");
    }
    const char **codes;
    size_t nc;
    rc = store_task_indicators(ctx->c, ctx->a, id, &codes, &nc);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "indicators");
    out->inds = arena_alloc(ctx->a, (nc + 1) * sizeof(*out->inds));
    if (!out->inds)
        return check_mem(ctx);
    for (size_t i = 0; i < nc; i++)
        if (indicator_view(ctx, codes[i], out->f.division, &out->inds[i]) < 0)
            return -1;
    out->ninds = nc;
    return 0;
}

int progress_task_status(wy_ctx *ctx, int64_t id, const char *status, const char *note,
                         task_full *out)
{
    if (!status_known(status))
        return wy_fail_field(ctx, E_INVALID, "bad_status",
                             "A status is open, in_progress, done or cancelled.", "status");
    if (!text_ok(note, 0, PROGRESS_NOTE_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_note", "A note has at most 1000 characters.",
                             "note");
    if (load_task(ctx, id, out) < 0)
        return -1;
    standing s;
    if (standing_of(ctx, out, &s) < 0)
        return -1;
    if (!s.manager && !s.lead)
        return s.coop ? wy_fail(ctx, E_FORBIDDEN, "not_lead",
                                "Only the lead unit's members and the plan's managers change a "
                                "task's status.")
                      : not_on_task(ctx);
    if (!strcmp(out->t.status, status))
        return wy_fail_field(ctx, E_CONFLICT, "no_change", "The task has this status already.",
                             "status");
    if (tx_begin(ctx) < 0)
        return -1;
    const char *from = out->t.status;
    int rc = store_task_set_status(ctx->c, id, from, status, note ? note : "", ctx->who->user_id,
                                   ctx->now);
    int res = 0;
    if (rc == WY_CONSTRAINT)
        res = wy_fail(ctx, E_CONFLICT, "changed", "The task's status changed meanwhile: reload.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "status");
    if (res == 0)
        res = audit_add(ctx, "plan_task.status", "plan_task", id, out->division, from, status,
                        note && *note ? note : NULL);
    if (res == 0) {
        out->t.status = arena_strdup(ctx->a, status);
        out->t.updated_at = ctx->now;
    }
    return tx_end(ctx, res);
}

/* ---- reports and contributions ---------------------------------------------------------- */

int progress_report_add(wy_ctx *ctx, int64_t task, const progress_report_input *in,
                        task_report_row *out)
{
    task_full f;
    if (load_task(ctx, task, &f) < 0)
        return -1;
    standing s;
    if (standing_of(ctx, &f, &s) < 0)
        return -1;
    if (!s.lead)
        return s.coop || s.manager ? wy_fail(ctx, E_FORBIDDEN, "not_lead",
                                             "Only the lead unit's members write a task's reports.")
                                   : not_on_task(ctx);
    char period[16];
    progress_period_at(f.t.rhythm, f.t.ongoing, ctx->now, period);
    if (in->period && *in->period) {
        if (strlen(in->period) >= sizeof period ||
            !progress_period_valid(f.t.rhythm, f.t.ongoing, in->period))
            return wy_fail_field(ctx, E_INVALID, "bad_period",
                                 "A report's period is one of the task's: 2026-03 (monthly), "
                                 "2026-Q1, 2026-H1 or 2026, as its rhythm says.",
                                 "period");
        if (strcmp(in->period, period) > 0)
            return wy_fail_field(ctx, E_RULE, "future_period",
                                 "A report is for the current period or one before it.", "period");
        snprintf(period, sizeof period, "%s", in->period);
    }
    if (!in->text || !text_ok(in->text, 1, PROGRESS_TEXT_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_text",
                             "A report says what was done in 1 to 5000 characters.", "text");
    if (in->percent < 0 || in->percent > 100)
        return wy_fail_field(ctx, E_INVALID, "bad_percent",
                             "The percent complete is a whole number from 0 to 100.", "percent");
    if (in->status && *in->status && !status_known(in->status))
        return wy_fail_field(ctx, E_INVALID, "bad_status",
                             "A status is open, in_progress, done or cancelled.", "status");
    if (closed(f.t.status))
        return wy_fail(ctx, E_RULE, "task_closed", "The task is done or cancelled.");
    *out = (task_report_row){.task_id = task,
                             .unit_id = s.lead,
                             .period = arena_strdup(ctx->a, period),
                             .body = in->text,
                             .percent = in->percent,
                             .proposed_status = in->status ? in->status : "",
                             .created_by = ctx->who->user_id,
                             .created_at = ctx->now};
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_task_report_add(ctx->c, out, &out->id);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "report");
    if (res == 0)
        res =
            audit_add(ctx, "task_report.create", "plan_task", task, f.division, NULL, period, NULL);
    /* The lead unit's members may change the status (progress_task_status), so the status a
     * report proposes is applied with it, as a line of the history noted with the report's
     * period; without one, the first report of an open task says the work has begun. */
    int proposed = in->status && *in->status;
    const char *to = proposed ? in->status : !strcmp(f.t.status, "open") ? "in_progress" : NULL;
    if (res == 0 && to && strcmp(to, f.t.status)) {
        rc = store_task_set_status(ctx->c, task, f.t.status, to, proposed ? period : "",
                                   ctx->who->user_id, ctx->now);
        if (rc == WY_CONSTRAINT)
            res =
                wy_fail(ctx, E_CONFLICT, "changed", "The task's status changed meanwhile: reload.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "status");
        if (res == 0 && proposed)
            res = audit_add(ctx, "plan_task.status", "plan_task", task, f.division, f.t.status, to,
                            period);
    }
    if (tx_end(ctx, res) < 0)
        return -1;
    /* with its unit's and author's names; the report stands whether or not they are read */
    if (store_task_report_get(ctx->c, ctx->a, out->id, out) != WY_OK) {
        out->unit_name = "";
        out->author = ctx->who->name;
    }
    return 0;
}

int progress_contribution_add(wy_ctx *ctx, int64_t task, const char *text,
                              task_contribution_row *out)
{
    task_full f;
    if (load_task(ctx, task, &f) < 0)
        return -1;
    standing s;
    if (standing_of(ctx, &f, &s) < 0)
        return -1;
    if (!s.coop)
        return s.lead || s.manager ? wy_fail(ctx, E_FORBIDDEN, "not_cooperating",
                                             "Contributions are the cooperating units' members'.")
                                   : not_on_task(ctx);
    if (!text || !text_ok(text, 1, PROGRESS_TEXT_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_text",
                             "A contribution says what was done in 1 to 5000 characters.", "text");
    if (closed(f.t.status))
        return wy_fail(ctx, E_RULE, "task_closed", "The task is done or cancelled.");
    char period[16];
    progress_period_at(f.t.rhythm, f.t.ongoing, ctx->now, period);
    *out = (task_contribution_row){.task_id = task,
                                   .unit_id = s.coop,
                                   .period = arena_strdup(ctx->a, period),
                                   .body = text,
                                   .created_by = ctx->who->user_id,
                                   .created_at = ctx->now};
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_task_contribution_add(ctx->c, out, &out->id);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "contribution");
    if (res == 0)
        res = audit_add(ctx, "task_contribution.create", "plan_task", task, f.division, NULL,
                        period, NULL);
    if (tx_end(ctx, res) < 0)
        return -1;
    unit_row u;
    if (store_unit_get(ctx->c, ctx->a, s.coop, &u) == WY_OK)
        out->unit_name = u.name;
    out->author = ctx->who->name;
    return 0;
}

#define OWNER_PHOTO "task_report_photo"
#define OWNER_FILE  "task_report_file"

int progress_reports_of(wy_ctx *ctx, int64_t task, progress_reports *out)
{
    memset(out, 0, sizeof(*out));
    if (load_task(ctx, task, &out->f) < 0)
        return -1;
    standing s;
    if (standing_of(ctx, &out->f, &s) < 0)
        return -1;
    if (!s.manager && !s.lead && !s.coop)
        return not_on_task(ctx);
    out->manager = s.manager;
    int rc = store_task_reports(ctx->c, ctx->a, task, &out->reports, &out->nreports);
    if (rc == WY_OK)
        rc = store_task_contributions(ctx->c, ctx->a, task, &out->contribs, &out->ncontribs);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "reports");
    out->files = arena_alloc(ctx->a, (out->nreports + 1) * sizeof(*out->files));
    if (!out->files)
        return check_mem(ctx);
    for (size_t i = 0; i < out->nreports; i++) {
        progress_report_files *pf = &out->files[i];
        pf->report_id = out->reports[i].id;
        attachment *ph, *fi;
        size_t nph, nfi;
        if (attachment_list(ctx, OWNER_PHOTO, pf->report_id, &ph, &nph) < 0 ||
            attachment_list(ctx, OWNER_FILE, pf->report_id, &fi, &nfi) < 0)
            return -1;
        pf->files = arena_alloc(ctx->a, (nph + nfi + 1) * sizeof(*pf->files));
        if (!pf->files)
            return check_mem(ctx);
        memcpy(pf->files, ph, nph * sizeof(*ph));
        memcpy(pf->files + nph, fi, nfi * sizeof(*fi));
        pf->n = nph + nfi;
    }
    return 0;
}

int progress_attachment_add(wy_ctx *ctx, int64_t report, const char *kind, const attachment_file *f,
                            attachment *out)
{
    int photo = kind && !strcmp(kind, "photo");
    if (!photo && !(kind && !strcmp(kind, "file")))
        return wy_fail_field(ctx, E_INVALID, "bad_kind", "An attachment is a photo or a file.",
                             "kind");
    task_report_row r;
    int rc = store_task_report_get(ctx->c, ctx->a, report, &r);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "No such report.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "report");
    task_full t;
    if (load_task(ctx, r.task_id, &t) < 0)
        return -1;
    standing s;
    if (standing_of(ctx, &t, &s) < 0)
        return -1;
    if (s.lead != r.unit_id) {
        return s.lead || s.coop || s.manager
                   ? wy_fail(ctx, E_FORBIDDEN, "not_lead",
                             "Only the members of the report's unit add its files.")
                   : not_on_task(ctx);
    }
    int64_t max = config_module_int(ctx->cfg, "tasks", "attachment_max_kib") * 1024;
    if ((photo ? attachment_check_image(ctx, f, max, "file")
               : attachment_check(ctx, f, max, "file")) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    int res = attachment_add_tx(ctx, photo ? OWNER_PHOTO : OWNER_FILE, report, t.division, f, out);
    if (res == 0)
        res = audit_add(ctx, "task_report.attachment", "task_report", report, t.division, NULL,
                        kind, f->name);
    return tx_end(ctx, res);
}

int progress_attachment_get(wy_ctx *ctx, int64_t id, attachment *out, const char **data,
                            size_t *len)
{
    if (attachment_get(ctx, id, out, data, len) < 0)
        return -1;
    if (strcmp(out->owner_type, OWNER_PHOTO) && strcmp(out->owner_type, OWNER_FILE))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    task_report_row r;
    int rc = store_task_report_get(ctx->c, ctx->a, out->owner_id, &r);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "report");
    task_full t;
    if (load_task(ctx, r.task_id, &t) < 0)
        return -1;
    standing s;
    if (standing_of(ctx, &t, &s) < 0)
        return -1;
    return s.manager || s.lead || s.coop ? 0 : not_on_task(ctx);
}

/* ---- what a unit owes ------------------------------------------------------------------- */

static int days_between(const char *from, const char *to)
{
    struct tm a = {0}, b = {0};
    if (sscanf(from, "%d-%d-%d", &a.tm_year, &a.tm_mon, &a.tm_mday) != 3 ||
        sscanf(to, "%d-%d-%d", &b.tm_year, &b.tm_mon, &b.tm_mday) != 3)
        return 0;
    a.tm_year -= 1900;
    b.tm_year -= 1900;
    a.tm_mon--;
    b.tm_mon--;
    return (int)((timegm(&b) - timegm(&a)) / 86400);
}

static int owed_of(wy_ctx *ctx, int64_t user, int64_t unit, owed_task **out, size_t *n)
{
    owed_task_row *rows;
    size_t nr;
    int rc = store_owed_tasks(ctx->c, ctx->a, user, unit, 500, &rows, &nr);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "tasks");
    owed_task *o = arena_alloc(ctx->a, (nr + 1) * sizeof(*o));
    if (!o)
        return check_mem(ctx);
    char today[11];
    tasks_date_of(ctx->now, today);
    for (size_t i = 0; i < nr; i++) {
        owed_task *x = &o[i];
        memset(x, 0, sizeof(*x));
        x->r = rows[i];
        const plan_task_row *t = &rows[i].f.t;
        int open = !closed(t->status);
        if (t->deadline) {
            x->has_deadline = 1;
            x->days_left = days_between(today, t->deadline);
            x->overdue = open && x->days_left < 0;
        }
        progress_period_at(t->rhythm, t->ongoing, ctx->now, x->period);
        x->report_due =
            open && t->ongoing && !strcmp(rows[i].role, "lead") &&
            (!rows[i].last_report_period || strcmp(rows[i].last_report_period, x->period) < 0);
    }
    *out = o;
    *n = nr;
    return 0;
}

int progress_my_tasks(wy_ctx *ctx, owed_task **out, size_t *n)
{
    if (!ctx->who)
        return wy_fail(ctx, E_UNAUTH, "unauthorized", "Please log in first.");
    return owed_of(ctx, ctx->who->user_id, 0, out, n);
}

int progress_unit_tasks(wy_ctx *ctx, int64_t unit, owed_task **out, size_t *n)
{
    unit_row u;
    if (load_unit_managed(ctx, unit, &u) < 0)
        return -1;
    return owed_of(ctx, 0, unit, out, n);
}

/* ---- indicators ------------------------------------------------------------------------- */

static int load_task_managed(wy_ctx *ctx, int64_t task, task_full *f)
{
    if (load_task(ctx, task, f) < 0)
        return -1;
    return ctx->who ? authz_require(ctx, PERM_TASKS_MANAGE, f->division) : 0;
}

int progress_indicator_add(wy_ctx *ctx, int64_t task, const char *code)
{
    task_full f;
    if (!code || !*code || strlen(code) > 64)
        return wy_fail_field(ctx, E_INVALID, "bad_code", "Name an indicator by its code.", "code");
    if (load_task_managed(ctx, task, &f) < 0)
        return -1;
    ind_def d;
    if (ind_def_get(ctx, code, &d) < 0) {
        if (ctx->err.cls == E_NOTFOUND)
            return wy_fail_field(ctx, E_INVALID, "unknown_indicator",
                                 "No indicator of the catalogue has this code.", "code");
        return -1;
    }
    if (tx_begin(ctx) < 0)
        return -1;
    int rc =
        store_task_indicator_add(ctx->c, task, d.code, ctx->who ? ctx->who->user_id : 0, ctx->now);
    int res = 0;
    if (rc == WY_CONSTRAINT)
        res = wy_fail_field(ctx, E_CONFLICT, "already_linked",
                            "The task has this indicator already.", "code");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "indicator");
    if (res == 0)
        res = audit_add(ctx, "plan_task.indicator_add", "plan_task", task, f.division, NULL, d.code,
                        NULL);
    return tx_end(ctx, res);
}

int progress_indicator_remove(wy_ctx *ctx, int64_t task, const char *code)
{
    task_full f;
    if (!code || !*code)
        return wy_fail_field(ctx, E_INVALID, "bad_code", "Name an indicator by its code.", "code");
    if (load_task_managed(ctx, task, &f) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_task_indicator_remove(ctx->c, task, code);
    int res = 0;
    if (rc == WY_NOTFOUND)
        res = wy_fail(ctx, E_NOTFOUND, "not_linked", "The task has no such indicator.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "indicator");
    if (res == 0)
        res = audit_add(ctx, "plan_task.indicator_remove", "plan_task", task, f.division, code,
                        NULL, NULL);
    return tx_end(ctx, res);
}

/* ---- an indicator as the job sees it ---------------------------------------------------- */

int progress_indicator_view(wy_ctx *ctx, const char *code, const char *division,
                            task_indicator_view *iv)
{
    return indicator_view(ctx, code, division, iv);
}

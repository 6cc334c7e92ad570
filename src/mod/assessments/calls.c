/* calls: see calls.h. */
#include "mod/assessments/calls.h"

#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "mod/assessments/assessments.h"
#include "mod/venues/venue.h"
#include "util/csvread.h"
#include "util/timeutil.h"

static int text_ok(const char *s, size_t min, size_t max)
{
    if (!s)
        return min == 0;
    return utf8_valid(s, strlen(s)) && utf8_length(s) >= min && utf8_length(s) <= max;
}

static int64_t me(const wy_ctx *ctx)
{
    return ctx->who ? ctx->who->user_id : 0;
}

int call_create(wy_ctx *ctx, const call_row *r, int64_t *id)
{
    char div[DIVISION_CODE_MAX];
    if (!r->division || division_normalize(r->division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (!text_ok(r->title, 1, 200))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 200 characters.",
                             "title");
    if (r->year < 1990 || r->year > 2100)
        return wy_fail_field(ctx, E_INVALID, "bad_year", "The year is from 1990 to 2100.", "year");
    if (r->quota < 1 || r->quota > 1000)
        return wy_fail_field(ctx, E_INVALID, "bad_quota", "A call awards 1 to 1000.", "quota");
    if (r->deadline <= ctx->now)
        return wy_fail_field(ctx, E_INVALID, "bad_deadline", "The deadline is in the future.",
                             "deadline");
    division d;
    int rc = store_division_get(ctx->c, ctx->a, div, &d);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_division", "No such division.", "division");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "division");
    if (ctx->who && authz_require(ctx, PERM_ASSESSMENTS_MANAGE, div) < 0)
        return -1;
    call_row w = *r;
    w.division = div;
    w.created_by = me(ctx);
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    rc = store_call_create(ctx->c, &w, ctx->now, id);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "call");
    else
        res = audit_add(ctx, "assessment_call.create", "assessment_call", *id, div, NULL, "open",
                        r->title);
    return tx_end(ctx, res);
}

int call_list(wy_ctx *ctx, const char *division, int64_t before, int limit, call_row **out,
              size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    int rc = store_call_list(ctx->c, ctx->a, div, before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "calls");
}

int call_get(wy_ctx *ctx, int64_t id, call_row *out, call_app_row **apps, size_t *napps)
{
    int rc = store_call_get(ctx->c, ctx->a, id, out);
    if (rc == WY_OK)
        rc = store_call_apps(ctx->c, ctx->a, id, apps, napps);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "call");
}

/* Does ctx->who hold venue_manage through a grant strictly above div (a recommendation)? */
static int recommends(const wy_ctx *ctx, const char *div)
{
    for (size_t i = 0; ctx->who && i < ctx->who->ngrants; i++) {
        const role_grant *g = &ctx->who->grants[i];
        if (authz_role_carries(role_parse(g->role), PERM_VENUE_MANAGE) &&
            division_contains(g->division, div) && strlen(g->division) < strlen(div))
            return 1;
    }
    return 0;
}

int call_apply(wy_ctx *ctx, int64_t call_id, int64_t venue_id, const char *statement, int64_t *id)
{
    if (!text_ok(statement, 0, 2000))
        return wy_fail_field(ctx, E_INVALID, "bad_statement",
                             "A statement has at most 2000 characters.", "statement");
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    call_row k;
    venue v;
    int rc = store_call_get(ctx->c, ctx->a, call_id, &k);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "call");
    else if (venue_brief(ctx, venue_id, &v) < 0)
        res = ctx->err.cls == E_NOTFOUND
                  ? wy_fail_field(ctx, E_INVALID, "unknown_venue", "No such venue.", "venue_id")
                  : -1;
    else if (ctx->who && authz_require(ctx, PERM_VENUE_MANAGE, v.division) < 0)
        res = -1;
    else if (!division_contains(k.division, v.division))
        res = wy_fail_field(ctx, E_RULE, "venue_out_of_area",
                            "The venue is not in the call's division.", "venue_id");
    else if (strcmp(k.status, "open"))
        res = wy_fail(ctx, E_CONFLICT, "call_closed", "The call's awards are announced.");
    else if (ctx->now > k.deadline)
        res = wy_fail(ctx, E_RULE, "deadline_passed",
                      "The deadline of the call has passed: applications are closed.");
    if (res == 0) {
        call_app_row r = {.call_id = call_id,
                          .venue_id = venue_id,
                          .division = v.division,
                          .kind = recommends(ctx, v.division) ? "recommended" : "applied",
                          .statement = statement ? statement : "",
                          .created_by = me(ctx)};
        rc = store_call_app_create(ctx->c, &r, ctx->now, id);
        if (rc == WY_CONSTRAINT)
            res = wy_fail_field(ctx, E_CONFLICT, "already_applied",
                                "This venue is already an application to the call.", "venue_id");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "application");
        else
            res = audit_add(ctx, "call_application.create", "call_application", *id, v.division,
                            NULL, r.kind, k.title);
    }
    return tx_end(ctx, res);
}

static int valid_day(const char *s)
{
    char buf[40];
    int64_t ms;
    if (!s || strlen(s) != 10)
        return 0;
    snprintf(buf, sizeof(buf), "%sT00:00:00+08:00", s);
    return time_parse_rfc3339(buf, &ms) == 0;
}

int call_visit(wy_ctx *ctx, int64_t app_id, const char *day, const char *visitors)
{
    if (!valid_day(day))
        return wy_fail_field(ctx, E_INVALID, "bad_date", "A day is YYYY-MM-DD.", "visit_on");
    if (!text_ok(visitors, 1, 200))
        return wy_fail_field(ctx, E_INVALID, "bad_visitors",
                             "The visitors are named in 1 to 200 characters.", "visitors");
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    call_app_row p;
    call_row k;
    int rc = store_call_app_get(ctx->c, ctx->a, app_id, &p);
    if (rc == WY_OK)
        rc = store_call_get(ctx->c, ctx->a, p.call_id, &k);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "application");
    else if (ctx->who && authz_require(ctx, PERM_ASSESSMENTS_MANAGE, k.division) < 0)
        res = -1;
    else if (strcmp(k.status, "open"))
        res = wy_fail(ctx, E_CONFLICT, "call_closed", "The call's awards are announced.");
    else if ((rc = store_call_app_visit(ctx->c, app_id, day, visitors)) != WY_OK)
        res = wy_fail_store(ctx, rc, "application");
    else
        res = audit_add(ctx, "call_application.visit", "call_application", app_id, p.division,
                        p.visit_on, day, visitors);
    return tx_end(ctx, res);
}

int call_announce(wy_ctx *ctx, int64_t call_id, const int64_t *awarded, size_t n)
{
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    call_row k;
    call_app_row *apps = NULL;
    size_t na = 0;
    int rc = store_call_get(ctx->c, ctx->a, call_id, &k);
    if (rc == WY_OK)
        rc = store_call_apps(ctx->c, ctx->a, call_id, &apps, &na);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "call");
    else if (ctx->who && authz_require(ctx, PERM_ASSESSMENTS_MANAGE, k.division) < 0)
        res = -1;
    else if (strcmp(k.status, "open"))
        res = wy_fail(ctx, E_CONFLICT, "call_closed", "The call's awards are announced.");
    else if (n > (size_t)k.quota)
        res =
            wy_fail_field(ctx, E_RULE, "over_quota", "More awards than the call gives.", "awarded");
    for (size_t i = 0; res == 0 && i < n; i++) {
        const call_app_row *p = NULL;
        for (size_t j = 0; j < na; j++)
            if (apps[j].id == awarded[i])
                p = &apps[j];
        for (size_t j = 0; j < i; j++)
            if (awarded[j] == awarded[i])
                p = NULL;
        if (!p)
            res = wy_fail_field(ctx, E_INVALID, "bad_application",
                                "An award names an application of this call, once.", "awarded");
        else if (!p->visit_on)
            res = wy_fail_field(ctx, E_RULE, "visit_required",
                                "An application is awarded after its site visit.", "awarded");
    }
    for (size_t j = 0; res == 0 && j < na; j++) {
        int won = 0;
        for (size_t i = 0; i < n; i++)
            won |= awarded[i] == apps[j].id;
        rc = store_call_app_set_status(ctx->c, apps[j].id, won ? "awarded" : "not_awarded");
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "application");
        else
            res = assessments_tell_applicant(ctx, &k, &apps[j], won);
    }
    if (res == 0 && (rc = store_call_announce(ctx->c, call_id, ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "call");
    if (res == 0) {
        char detail[64];
        snprintf(detail, sizeof(detail), "%zu awarded of %zu", n, na);
        res = audit_add(ctx, "assessment_call.announce", "assessment_call", call_id, k.division,
                        "open", "announced", detail);
    }
    return tx_end(ctx, res);
}

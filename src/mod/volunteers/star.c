/* star: see star.h. */
#include "mod/volunteers/star.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "core/ledger.h"
#include "core/workday.h"
#include "util/config.h"
#include "util/csvread.h"

const int64_t star_national_hours[STAR_LEVELS] = {100, 300, 600, 1000, 1500};

const notify_kind star_kind_granted = {"volunteer_star.granted", 0};
const notify_kind star_kind_refused = {"volunteer_star.refused", 0};
const notify_kind star_kind_revoked = {"volunteer_star.revoked", 0};

static int text_ok(const char *s, size_t min, size_t max)
{
    if (!s)
        return min == 0;
    size_t n = strlen(s);
    if (!utf8_valid(s, n))
        return 0;
    size_t len = utf8_length(s);
    return len >= min && len <= max;
}

int star_thresholds_for(wy_ctx *ctx, const char *division, star_thresholds *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_star_thresholds_nearest(ctx->c, division ? division : "", out->hours, out->from);
    if (rc == WY_NOTFOUND) {
        memcpy(out->hours, star_national_hours, sizeof(out->hours));
        out->from[0] = '\0';
        return 0;
    }
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "star thresholds");
}

typedef struct levels_scan {
    wy_ctx *ctx;
    int64_t *counts;
    char division[DIVISION_CODE_MAX]; /* of the thresholds below */
    star_thresholds t;
    int failed;
} levels_scan;

static int count_one(void *ud, int64_t volunteer_id, const char *division, int64_t minutes)
{
    levels_scan *s = ud;
    (void)volunteer_id;
    /* volunteers come in division order: the thresholds are looked up once per division */
    if (strcmp(division, s->division) != 0) {
        if (star_thresholds_for(s->ctx, division, &s->t) < 0) {
            s->failed = 1;
            return 1;
        }
        snprintf(s->division, sizeof(s->division), "%s", division);
    }
    s->counts[star_level_for(&s->t, minutes)]++;
    return 0;
}

int star_levels_count(wy_ctx *ctx, const char *division, int64_t counts[STAR_LEVELS + 1])
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (ctx->who) { /* without a division: the caller's widest subtree */
        if (!div[0]) {
            const char *scope = authz_scope(ctx->who, PERM_VOLUNTEERS_MANAGE);
            if (!scope)
                return authz_require(ctx, PERM_VOLUNTEERS_MANAGE, NULL);
            snprintf(div, sizeof(div), "%s", scope);
        }
        if (authz_require(ctx, PERM_VOLUNTEERS_MANAGE, div) < 0)
            return -1;
    }
    memset(counts, 0, (STAR_LEVELS + 1) * sizeof(*counts));
    levels_scan s = {.ctx = ctx, .counts = counts};
    int rc = store_star_hours_scan(ctx->c, ctx->a, div, count_one, &s);
    if (s.failed)
        return -1;
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "star levels");
}

int star_thresholds_set(wy_ctx *ctx, const char *code, const int64_t hours[STAR_LEVELS])
{
    char div[DIVISION_CODE_MAX];
    if (division_normalize(code, div) < 0 || (strlen(div) != 2 && strlen(div) != 4))
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "Thresholds are set by a province or a city (2 or 4 digits).",
                             "division");
    for (int i = 0; i < STAR_LEVELS; i++)
        if (hours[i] < 1 || hours[i] > 100000 || (i && hours[i] <= hours[i - 1]))
            return wy_fail_field(ctx, E_INVALID, "bad_hours",
                                 "Five thresholds in hours, each above the one before, 1 to "
                                 "100000.",
                                 "hours");
    if (authz_require(ctx, PERM_VOLUNTEERS_MANAGE, div) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    division d;
    int rc = store_division_get(ctx->c, ctx->a, div, &d);
    int res = rc == WY_OK         ? 0
              : rc == WY_NOTFOUND ? wy_fail_field(ctx, E_INVALID, "unknown_division",
                                                  "No such division.", "division")
                                  : wy_fail_store(ctx, rc, "division");
    int64_t old[STAR_LEVELS];
    int had = 0;
    if (res == 0) {
        rc = store_star_thresholds_get(ctx->c, div, old);
        had = rc == WY_OK;
        if (rc != WY_OK && rc != WY_NOTFOUND)
            res = wy_fail_store(ctx, rc, "star thresholds");
    }
    if (res == 0) {
        rc = store_star_thresholds_put(ctx->c, div, hours, ctx->who->user_id, ctx->now);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "star thresholds");
    }
    if (res == 0) {
        const char *from =
            had ? arena_sprintf(ctx->a, "%lld/%lld/%lld/%lld/%lld", (long long)old[0],
                                (long long)old[1], (long long)old[2], (long long)old[3],
                                (long long)old[4])
                : NULL;
        const char *to = arena_sprintf(ctx->a, "%lld/%lld/%lld/%lld/%lld", (long long)hours[0],
                                       (long long)hours[1], (long long)hours[2],
                                       (long long)hours[3], (long long)hours[4]);
        res = audit_add(ctx, "volunteer_stars.thresholds", "division", 0, div, from, to, NULL);
    }
    return tx_end(ctx, res);
}

int star_level_for(const star_thresholds *t, int64_t minutes)
{
    int level = 0;
    for (int i = 0; i < STAR_LEVELS; i++)
        if (minutes >= t->hours[i] * 60)
            level = i + 1;
    return level;
}

int star_notice_end(wy_ctx *ctx, int64_t now, int days, int64_t *end)
{
    return workday_add(ctx, now, days, end);
}

static int hours_of(wy_ctx *ctx, int64_t user_id, int64_t *minutes)
{
    char acct[32];
    snprintf(acct, sizeof acct, "u:%lld", (long long)user_id);
    int rc = ledger_balance(ctx->c, STAR_HOURS_BOOK, acct, minutes);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "hours balance");
}

static int level_of(wy_ctx *ctx, int64_t volunteer_id, int *level)
{
    int rc = store_star_level_get(ctx->c, volunteer_id, level);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "star level");
}

/* The open application of a volunteer (id 0: none). */
static int open_of(wy_ctx *ctx, int64_t user_id, star_application *out)
{
    star_application *as;
    size_t n;
    memset(out, 0, sizeof(*out));
    int rc = store_star_application_list(ctx->c, ctx->a, "notice", "", user_id, 0, 1, &as, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "star application");
    if (n)
        *out = as[0];
    return 0;
}

static int standing_of(wy_ctx *ctx, star_standing *out)
{
    if (hours_of(ctx, out->v.user_id, &out->minutes) < 0 ||
        star_thresholds_for(ctx, out->v.division, &out->t) < 0 ||
        level_of(ctx, out->v.id, &out->level) < 0 || open_of(ctx, out->v.user_id, &out->open) < 0)
        return -1;
    out->qualified = star_level_for(&out->t, out->minutes);
    int above = out->level > out->qualified ? out->level : out->qualified;
    out->next_hours = above < STAR_LEVELS ? out->t.hours[above] : 0;
    return 0;
}

int star_mine(wy_ctx *ctx, star_standing *out)
{
    memset(out, 0, sizeof(*out));
    if (!ctx->who || !ctx->who->user_id)
        return wy_fail(ctx, E_UNAUTH, "unauthenticated", "Please log in first.");
    int rc = store_volunteer_by_user(ctx->c, ctx->a, ctx->who->user_id, &out->v);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "not_registered",
                       "This account is not registered as a volunteer.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "volunteer");
    return standing_of(ctx, out);
}

int star_apply(wy_ctx *ctx, int64_t volunteer_id, int level, int64_t *id)
{
    if (!ctx->who || !ctx->who->user_id)
        return wy_fail(ctx, E_UNAUTH, "unauthenticated", "Please log in first.");
    if (level < 1 || level > STAR_LEVELS)
        return wy_fail_field(ctx, E_INVALID, "bad_level", "A star level is 1 to 5.", "level");
    if (tx_begin(ctx) < 0)
        return -1;
    star_standing s;
    memset(&s, 0, sizeof(s));
    int rc = volunteer_id ? store_volunteer_get(ctx->c, ctx->a, volunteer_id, &s.v)
                          : store_volunteer_by_user(ctx->c, ctx->a, ctx->who->user_id, &s.v);
    int res = 0;
    if (rc == WY_NOTFOUND)
        res = volunteer_id ? wy_fail_field(ctx, E_INVALID, "unknown_volunteer",
                                           "No such volunteer.", "volunteer_id")
                           : wy_fail(ctx, E_NOTFOUND, "not_registered",
                                     "This account is not registered as a volunteer.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "volunteer");
    if (res == 0 && s.v.user_id != ctx->who->user_id)
        res = authz_require(ctx, PERM_VOLUNTEERS_MANAGE, s.v.division);
    if (res == 0)
        res = standing_of(ctx, &s);
    if (res == 0 && s.open.id)
        res = wy_fail(ctx, E_CONFLICT, "open_application",
                      "There is an application for a star level in its notice already.");
    if (res == 0 && level <= s.level)
        res = wy_fail(ctx, E_CONFLICT, "already_level",
                      "The volunteer holds this star level or a higher one already.");
    if (res == 0 && level > s.qualified)
        res = wy_fail_field(ctx, E_RULE, "not_qualified",
                            "The verified service hours do not reach this star level.", "level");
    int64_t org = 0, org_minutes = 0;
    if (res == 0) {
        rc = store_star_main_org(ctx->c, s.v.user_id, &org, &org_minutes);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "hours");
    }
    if (res == 0) {
        int days = (int)config_module_int(ctx->cfg, "volunteers", "star_notice_days");
        star_application a = {.volunteer_id = s.v.id,
                              .user_id = s.v.user_id,
                              .division = s.v.division,
                              .level = level,
                              .minutes = s.minutes,
                              .org_id = org,
                              .applied_by = ctx->who->user_id,
                              .notice_until = 0};
        if (star_notice_end(ctx, ctx->now, days, &a.notice_until) < 0)
            res = -1;
        else if ((rc = store_star_application_create(ctx->c, &a, ctx->now, id)) == WY_CONSTRAINT)
            res = wy_fail(ctx, E_CONFLICT, "open_application",
                          "There is an application for a star level in its notice already.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "star application");
    }
    if (res == 0)
        res = audit_add(ctx, "volunteer_star.apply", "volunteer_star_application", *id,
                        s.v.division, NULL, arena_sprintf(ctx->a, "%d", level), NULL);
    return tx_end(ctx, res);
}

int star_application_get(wy_ctx *ctx, int64_t id, star_application *out)
{
    int rc = store_star_application_get(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "star application");
    /* on notice: public; decided: its volunteer and the coordinators only */
    if (!strcmp(out->status, "notice") || (ctx->who && ctx->who->user_id == out->user_id) ||
        authz_allows(ctx->who, PERM_VOLUNTEERS_MANAGE, out->division))
        return 0;
    return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
}

int star_application_list(wy_ctx *ctx, const char *status, const char *division, int64_t after,
                          int limit, star_application **out, size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    const char *st = status && *status ? status : "notice";
    if (strcmp(st, "notice") && strcmp(st, "granted") && strcmp(st, "refused") &&
        strcmp(st, "revoked"))
        return wy_fail_field(ctx, E_INVALID, "bad_status",
                             "A status is notice, granted, refused or revoked.", "status");
    if (division && *division) {
        if (division_normalize(division, div) < 0)
            return wy_fail_field(ctx, E_INVALID, "bad_division",
                                 "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    } else if (strcmp(st, "notice")) {
        const char *scope = authz_scope(ctx->who, PERM_VOLUNTEERS_MANAGE);
        if (!scope)
            return authz_require(ctx, PERM_VOLUNTEERS_MANAGE, NULL);
        snprintf(div, sizeof div, "%s", scope);
    }
    if (strcmp(st, "notice") && authz_require(ctx, PERM_VOLUNTEERS_MANAGE, div) < 0)
        return -1;
    int rc = store_star_application_list(ctx->c, ctx->a, st, div, 0, after, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "star applications");
}

int star_object(wy_ctx *ctx, int64_t id, const char *reason, int64_t *objection_id)
{
    if (!ctx->who || !ctx->who->user_id)
        return wy_fail(ctx, E_UNAUTH, "unauthenticated", "Please log in first.");
    if (!text_ok(reason, 1, STAR_REASON_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_reason", "A reason has 1 to 500 characters.",
                             "reason");
    if (tx_begin(ctx) < 0)
        return -1;
    star_application a;
    int rc = store_star_application_get(ctx->c, ctx->a, id, &a);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "star application");
    if (res == 0 && (strcmp(a.status, "notice") || ctx->now >= a.notice_until))
        res = wy_fail(ctx, E_CONFLICT, "notice_closed",
                      "Objections are taken only while the notice lasts.");
    if (res == 0) {
        rc = store_star_objection_create(ctx->c, id, ctx->who->user_id, reason, ctx->now,
                                         objection_id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "objection");
    }
    if (res == 0)
        res = audit_add(ctx, "volunteer_star.object", "volunteer_star_application", id, a.division,
                        NULL, NULL, reason);
    return tx_end(ctx, res);
}

int star_objections(wy_ctx *ctx, int64_t id, star_objection **out, size_t *n)
{
    star_application a;
    if (star_application_get(ctx, id, &a) < 0 ||
        authz_require(ctx, PERM_VOLUNTEERS_MANAGE, a.division) < 0)
        return -1;
    int rc = store_star_objection_list(ctx->c, ctx->a, id, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "objections");
}

static int tell(wy_ctx *ctx, const notify_kind *kind, const star_application *a, const char *reason)
{
    json_t *p = json_pack("{s:I,s:i,s:s}", "application_id", (json_int_t)a->id, "level", a->level,
                          "reason", reason ? reason : "");
    char *text = p ? json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(p);
    if (!text)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    notify_msg m = {.kind = kind,
                    .user_id = a->user_id,
                    .subject_type = "volunteer_star_application",
                    .subject_id = a->id,
                    .title = arena_sprintf(ctx->a, "%d", a->level),
                    .href = "/me/volunteer-star",
                    .division = a->division,
                    .params = text};
    int res = notify_send(ctx, &m, NULL);
    free(text);
    return res;
}

int star_decide(wy_ctx *ctx, int64_t id, const char *decision, const char *objections,
                const char *note, const char **status)
{
    int grant = decision && !strcmp(decision, "grant");
    if (!grant && !(decision && !strcmp(decision, "refuse")))
        return wy_fail_field(ctx, E_INVALID, "bad_decision", "A decision is grant or refuse.",
                             "decision");
    if (objections && *objections && strcmp(objections, "upheld") &&
        strcmp(objections, "dismissed"))
        return wy_fail_field(ctx, E_INVALID, "bad_objections",
                             "Objections are upheld or dismissed.", "objections");
    if (!text_ok(note, grant ? 0 : 1, STAR_REASON_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_note",
                             "A refusal says why, in 1 to 500 characters.", "note");
    if (tx_begin(ctx) < 0)
        return -1;
    star_application a;
    int rc = store_star_application_get(ctx->c, ctx->a, id, &a);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "star application");
    if (res == 0)
        res = authz_require(ctx, PERM_VOLUNTEERS_MANAGE, a.division);
    if (res == 0 && (ctx->who->user_id == a.user_id || ctx->who->user_id == a.applied_by))
        res = wy_fail(ctx, E_FORBIDDEN, "own_application",
                      "Nobody decides an application of their own or one they made.");
    if (res == 0 && strcmp(a.status, "notice"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state", "The application is decided already.");
    if (res == 0 && ctx->now < a.notice_until) {
        ctx->err.opens_at = a.notice_until;
        res = wy_fail(ctx, E_CONFLICT, "notice_open",
                      "The application is decided once its public notice has ended.");
    }
    star_objection *os = NULL;
    size_t nos = 0, open = 0;
    if (res == 0) {
        rc = store_star_objection_list(ctx->c, ctx->a, id, &os, &nos);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "objections");
        for (size_t i = 0; res == 0 && i < nos; i++)
            open += !strcmp(os[i].status, "open");
    }
    int upheld = objections && !strcmp(objections, "upheld");
    if (res == 0 && open && !(objections && *objections))
        res = wy_fail_field(ctx, E_RULE, "objections_undecided",
                            "Say whether the objections are upheld or dismissed.", "objections");
    if (res == 0 && open) {
        rc = store_star_objection_close(ctx->c, id, upheld ? "upheld" : "dismissed");
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "objections");
    }
    if (res == 0 && open && upheld)
        grant = 0;
    int64_t minutes = 0;
    if (res == 0 && grant) {
        /* never above what the verified total supports now */
        star_thresholds t;
        if (hours_of(ctx, a.user_id, &minutes) < 0 || star_thresholds_for(ctx, a.division, &t) < 0)
            res = -1;
        else if (star_level_for(&t, minutes) < a.level)
            res = wy_fail(ctx, E_RULE, "not_qualified",
                          "The verified service hours no longer reach this star level: refuse "
                          "it.");
    }
    const char *st = grant ? "granted" : "refused";
    const char *why = note && *note ? note : upheld && open ? "objection upheld" : "";
    if (res == 0) {
        rc = store_star_application_decide(ctx->c, id, st, ctx->who->user_id, why, ctx->now);
        if (rc == WY_CONSTRAINT)
            res = wy_fail(ctx, E_CONFLICT, "bad_state", "The application is decided already.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "star decision");
    }
    if (res == 0 && grant) {
        rc = store_star_level_put(ctx->c, a.volunteer_id, a.user_id, a.division, a.level, id,
                                  ctx->now);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "star level");
    }
    if (res == 0 && grant)
        res = star_certificate_issue_tx(ctx, &a, minutes);
    if (res == 0)
        res = audit_add(ctx, grant ? "volunteer_star.grant" : "volunteer_star.refuse",
                        "volunteer_star_application", id, a.division, "notice", st, why);
    if (res == 0)
        res = tell(ctx, grant ? &star_kind_granted : &star_kind_refused, &a, why);
    if (res == 0 && status)
        *status = st;
    return tx_end(ctx, res);
}

int star_revoke(wy_ctx *ctx, int64_t id, const char *reason)
{
    if (!text_ok(reason, 1, STAR_REASON_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_reason", "A reason has 1 to 500 characters.",
                             "reason");
    if (tx_begin(ctx) < 0)
        return -1;
    star_application a;
    int rc = store_star_application_get(ctx->c, ctx->a, id, &a);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "star application");
    if (res == 0)
        res = authz_require(ctx, PERM_VOLUNTEERS_MANAGE, a.division);
    if (res == 0 && ctx->who->user_id == a.user_id)
        res = wy_fail(ctx, E_FORBIDDEN, "own_application",
                      "Nobody decides an application of their own or one they made.");
    if (res == 0) {
        rc = store_star_application_revoke(ctx->c, id, ctx->who->user_id, reason, ctx->now);
        if (rc == WY_CONSTRAINT)
            res = wy_fail(ctx, E_CONFLICT, "bad_state", "Only a granted level can be revoked.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "star revocation");
    }
    /* the volunteer's level goes to 0 when it was this grant's */
    if (res == 0) {
        rc = store_star_level_clear(ctx->c, a.volunteer_id, id, ctx->now);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "star level");
    }
    if (res == 0)
        res = star_certificate_revoke_tx(ctx, id, reason);
    if (res == 0)
        res = audit_add(ctx, "volunteer_star.revoke", "volunteer_star_application", id, a.division,
                        "granted", "revoked", reason);
    if (res == 0)
        res = tell(ctx, &star_kind_revoked, &a, reason);
    return tx_end(ctx, res);
}

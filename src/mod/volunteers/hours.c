/* hours: see hours.h and docs/volunteers.md, "Hours". */
#include "mod/volunteers/hours.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/account.h"
#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "core/ledger.h"
#include "core/notify.h"
#include "mod/volunteers/shift_store.h"
#include "mod/volunteers/volunteer.h"
#include "util/config.h"
#include "util/csvread.h"
#include "util/csvwrite.h"
#include "util/log.h"
#include "util/timeutil.h"

#define MINUTE_MS ((int64_t)60000)
#define DAY_MS    ((int64_t)86400000)
#define CHINA_MS  ((int64_t)8 * 3600 * 1000)

const notify_kind hours_kind_verified = {"volunteer_hours.verified", 0};
const notify_kind hours_kind_rejected = {"volunteer_hours.rejected", 0};

static int64_t setting(const wy_ctx *ctx, const char *key, int64_t def)
{
    if (!ctx->cfg)
        return def;
    const char *v = config_module_str(ctx->cfg, "volunteers", key);
    return v && *v ? strtoll(v, NULL, 10) : def;
}

void hours_settings_get(const wy_ctx *ctx, hours_settings *s)
{
    s->rounding_minutes = setting(ctx, "rounding_minutes", 15);
    if (s->rounding_minutes < 1)
        s->rounding_minutes = 1;
    s->points_per_hour = setting(ctx, "points_per_hour", 1);
    s->checkin_before = setting(ctx, "checkin_before_minutes", 30);
    s->checkout_after = setting(ctx, "checkout_after_minutes", 120);
    s->report_within_days = setting(ctx, "report_within_days", 90);
}

int64_t hours_round(int64_t minutes, int64_t step)
{
    if (step < 1)
        step = 1;
    return minutes <= 0 ? 0 : minutes / step * step;
}

static int text_ok(const char *s, size_t min, size_t max)
{
    if (!s)
        return min == 0;
    if (!utf8_valid(s, strlen(s)))
        return 0;
    size_t len = utf8_length(s);
    return len >= min && len <= max;
}

static int logged_in(wy_ctx *ctx)
{
    if (!ctx->who || !ctx->who->user_id)
        return wy_fail(ctx, E_UNAUTH, "unauthenticated", "Please log in first.");
    return 0;
}

/* ---- posting ---- */

static const char *kind_of(const char *source)
{
    return !strcmp(source, "checkin") ? "service" : source;
}

/* Post verified record r to the hours ledger, and its points: *entry the hours entry; *extra
 * a sentence for the decision note when a negative correction could not take back all its
 * points (NULL otherwise). */
static int post_record(wy_ctx *ctx, const hours_record *r, int64_t by, int64_t *entry,
                       const char **extra)
{
    char org[40], user[40];
    snprintf(org, sizeof org, "org:%lld", (long long)r->org_id);
    snprintf(user, sizeof user, "u:%lld", (long long)r->user_id);
    *extra = NULL;
    int rc = ledger_open_account(ctx->c, HOURS_BOOK, org, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "hours account");
    int64_t amount = r->minutes > 0 ? r->minutes : -r->minutes;
    ledger_posting p = {.book = HOURS_BOOK,
                        .debit = r->minutes > 0 ? org : user,
                        .credit = r->minutes > 0 ? user : org,
                        .amount = amount,
                        .kind = kind_of(r->source),
                        .ref_type = "volunteer_hours",
                        .ref_id = r->id,
                        .unit = r->org_name,
                        .recorded_by = by};
    ledger_entry e;
    rc = ledger_post(ctx->c, &p, ctx->now, &e);
    if (rc == WY_CONSTRAINT)
        return wy_fail(ctx, E_CONFLICT, "hours_overdrawn",
                       "The volunteer's verified hours do not cover this correction.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "hours ledger");
    *entry = e.id;

    hours_settings s;
    hours_settings_get(ctx, &s);
    int64_t points = amount * s.points_per_hour / 60;
    if (points <= 0)
        return 0;
    rc = ledger_open_account(ctx->c, POINTS_BOOK, "issuer", 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "points account");
    if (r->minutes < 0) {
        /* a points balance never goes below zero: take back what is there */
        int64_t have = 0;
        rc = ledger_balance(ctx->c, POINTS_BOOK, user, &have);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "points balance");
        int64_t take = have < points ? have : points;
        if (take < points)
            *extra = arena_sprintf(ctx->a, "积分仅扣回 %lld 分（应扣 %lld 分，余额不足）",
                                   (long long)take, (long long)points);
        if (take <= 0)
            return 0;
        points = take;
    }
    ledger_posting q = {.book = POINTS_BOOK,
                        .debit = r->minutes > 0 ? "issuer" : user,
                        .credit = r->minutes > 0 ? user : "issuer",
                        .amount = points,
                        .kind = r->minutes > 0 ? "earn_hours" : "correction",
                        .ref_type = "volunteer_hours",
                        .ref_id = r->id,
                        .unit = r->org_name,
                        .recorded_by = by};
    rc = ledger_post(ctx->c, &q, ctx->now, &e);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "points ledger");
}

/* Verify pending record id (read afresh) in the open transaction: post it and decide it. */
static int verify_in_tx(wy_ctx *ctx, int64_t id, int64_t by, const char *note)
{
    hours_record r;
    int rc = store_hours_get(ctx->c, ctx->a, id, &r);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "hours record");
    int64_t entry = 0;
    const char *extra = NULL;
    if (post_record(ctx, &r, by, &entry, &extra) < 0)
        return -1;
    const char *dn = note ? note : "";
    if (extra)
        dn = *dn ? arena_sprintf(ctx->a, "%s；%s", dn, extra) : extra;
    rc = store_hours_decide(ctx->c, id, "verified", by, dn, entry, ctx->now);
    if (rc == WY_CONSTRAINT)
        return wy_fail(ctx, E_CONFLICT, "already_decided", "This record was decided already.");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "hours decide");
}

/* ---- check-in and check-out ---- */

static int shift_fail(wy_ctx *ctx, int rc)
{
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "unknown_code", "No shift has this check-in code.");
    return wy_fail_store(ctx, rc, "shift");
}

int hours_shift_by_code(wy_ctx *ctx, const char *code, hours_shift *out)
{
    if (logged_in(ctx) < 0)
        return -1;
    if (!code || !*code || strlen(code) > 200)
        return wy_fail(ctx, E_NOTFOUND, "unknown_code", "No shift has this check-in code.");
    int rc = store_hours_shift_by_code(ctx->c, ctx->a, code, out);
    return rc == WY_OK ? 0 : shift_fail(ctx, rc);
}

int hours_shift_get(wy_ctx *ctx, int64_t id, hours_shift *out)
{
    int rc = store_hours_shift_get(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "shift");
    /* the roster names the volunteers: the coordinators of the shift's organisation only */
    return volunteer_org_require(ctx, out->org_id, out->division);
}

int hours_shift_roster(wy_ctx *ctx, int64_t id, hours_shift *shift, hours_signup **out, size_t *n)
{
    if (hours_shift_get(ctx, id, shift) < 0)
        return -1;
    int rc = store_hours_shift_signups(ctx->c, ctx->a, id, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "roster");
}

static int do_checkin(wy_ctx *ctx, const hours_shift *sh, const hours_signup *su, int64_t by,
                      hours_scan *out)
{
    hours_settings s;
    hours_settings_get(ctx, &s);
    if (ctx->now < sh->starts_at - s.checkin_before * MINUTE_MS)
        return wy_fail(ctx, E_CONFLICT, "too_early", "Check-in has not opened yet for this shift.");
    if (ctx->now >= sh->ends_at + (by ? s.checkout_after * MINUTE_MS : 0))
        return wy_fail(ctx, E_CONFLICT, "too_late", "The shift is over: check-in has closed.");
    int rc = store_hours_signup_checkin(ctx->c, su->id, by, ctx->now);
    if (rc == WY_CONSTRAINT)
        return wy_fail(ctx, E_CONFLICT, "bad_state", "This sign-up is not confirmed.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "check-in");
    out->action = "checked_in";
    out->signup_id = su->id;
    return audit_add(ctx, "volunteer_signup.check_in", "volunteer_signup", su->id, sh->division,
                     su->status, "checked_in", by ? "by the coordinator" : "by the QR code");
}

static int complete(wy_ctx *ctx, const hours_shift *sh, const hours_signup *su, int64_t by,
                    const char *how, hours_scan *out);

static int do_checkout(wy_ctx *ctx, const hours_shift *sh, const hours_signup *su, int64_t by,
                       hours_scan *out)
{
    hours_settings s;
    hours_settings_get(ctx, &s);
    if (!by && ctx->now > sh->ends_at + s.checkout_after * MINUTE_MS)
        return wy_fail(ctx, E_CONFLICT, "too_late",
                       "Check-out by the code has closed; the coordinator checks you out.");
    return complete(ctx, sh, su, by, by ? ", by the coordinator" : ", by the QR code", out);
}

/* Check out checked-in sign-up su of shift sh now, by by (0: the system), and record its
 * service; how ends the audit line. */
static int complete(wy_ctx *ctx, const hours_shift *sh, const hours_signup *su, int64_t by,
                    const char *how, hours_scan *out)
{
    hours_settings s;
    hours_settings_get(ctx, &s);
    int rc = store_hours_signup_complete(ctx->c, sh->id, su->id, by, ctx->now);
    if (rc == WY_CONSTRAINT)
        return wy_fail(ctx, E_CONFLICT, "bad_state", "This sign-up is not checked in.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "check-out");
    /* actual service time: inside the shift, from check-in to check-out */
    int64_t from = su->checked_in_at > sh->starts_at ? su->checked_in_at : sh->starts_at;
    int64_t to = ctx->now < sh->ends_at ? ctx->now : sh->ends_at;
    int64_t minutes = hours_round(to > from ? (to - from) / MINUTE_MS : 0, s.rounding_minutes);
    out->action = "checked_out";
    out->signup_id = su->id;
    out->minutes = minutes;
    out->record_id = 0;
    if (minutes > 0) {
        hours_record r = {.volunteer_id = su->volunteer_id,
                          .user_id = su->user_id,
                          .org_id = sh->org_id,
                          .project_id = sh->project_id,
                          .shift_id = sh->id,
                          .signup_id = su->id,
                          .source = "checkin",
                          .started_at = from,
                          .ended_at = to,
                          .minutes = minutes,
                          .note = sh->title,
                          .status = "pending"};
        rc = store_hours_insert(ctx->c, &r, ctx->now, &out->record_id);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "hours record");
        if (verify_in_tx(ctx, out->record_id, by, "") < 0)
            return -1;
    }
    return audit_add(ctx, "volunteer_signup.check_out", "volunteer_signup", su->id, sh->division,
                     "checked_in", "completed",
                     arena_sprintf(ctx->a, "%lld minutes%s", (long long)minutes, how));
}

int hours_scan_code(wy_ctx *ctx, const char *code, hours_scan *out)
{
    memset(out, 0, sizeof *out);
    if (hours_shift_by_code(ctx, code, &out->shift) < 0)
        return -1;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = 0;
    hours_signup su;
    if (!strcmp(out->shift.status, "cancelled"))
        res = wy_fail(ctx, E_CONFLICT, "shift_cancelled", "This shift was cancelled.");
    if (res == 0) {
        rc = store_hours_signup_live(ctx->c, ctx->a, out->shift.id, ctx->who->user_id, &su);
        if (rc == WY_NOTFOUND)
            res = wy_fail(ctx, E_CONFLICT, "not_signed_up",
                          "You hold no confirmed sign-up for this shift.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "sign-up");
    }
    if (res == 0)
        res = !strcmp(su.status, "confirmed") ? do_checkin(ctx, &out->shift, &su, 0, out)
                                              : do_checkout(ctx, &out->shift, &su, 0, out);
    return tx_end(ctx, res);
}

static int roster(wy_ctx *ctx, int64_t signup_id, int in, hours_scan *out)
{
    memset(out, 0, sizeof *out);
    if (logged_in(ctx) < 0)
        return -1;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    hours_signup su;
    int res = 0;
    rc = store_hours_signup_get(ctx->c, ctx->a, signup_id, &su);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "sign-up");
    if (res == 0 && (rc = store_hours_shift_get(ctx->c, ctx->a, su.shift_id, &out->shift)) != WY_OK)
        res = wy_fail_store(ctx, rc, "shift");
    if (res == 0)
        res = volunteer_org_require(ctx, out->shift.org_id, out->shift.division);
    if (res == 0 && !strcmp(out->shift.status, "cancelled"))
        res = wy_fail(ctx, E_CONFLICT, "shift_cancelled", "This shift was cancelled.");
    if (res == 0 && su.user_id == ctx->who->user_id)
        res = wy_fail(ctx, E_FORBIDDEN, "own_signup",
                      "Nobody checks themselves in or out on the roster; scan the code.");
    if (res == 0 && in && strcmp(su.status, "confirmed"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state", "This sign-up is not confirmed.");
    if (res == 0 && !in && strcmp(su.status, "checked_in"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state", "This sign-up is not checked in.");
    if (res == 0)
        res = in ? do_checkin(ctx, &out->shift, &su, ctx->who->user_id, out)
                 : do_checkout(ctx, &out->shift, &su, ctx->who->user_id, out);
    return tx_end(ctx, res);
}

int hours_signup_checkin(wy_ctx *ctx, int64_t signup_id, hours_scan *out)
{
    return roster(ctx, signup_id, 1, out);
}

int hours_signup_checkout(wy_ctx *ctx, int64_t signup_id, hours_scan *out)
{
    return roster(ctx, signup_id, 0, out);
}

int hours_signup_excuse(wy_ctx *ctx, int64_t signup_id, const char *reason, hours_signup *out)
{
    if (logged_in(ctx) < 0)
        return -1;
    if (!text_ok(reason, 2, HOURS_NOTE_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_reason",
                             "Say why the no-show is excused in 2 to 500 characters.", "reason");
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    hours_shift sh;
    int res = 0;
    rc = store_hours_signup_get(ctx->c, ctx->a, signup_id, out);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "sign-up");
    if (res == 0 && (rc = store_hours_shift_get(ctx->c, ctx->a, out->shift_id, &sh)) != WY_OK)
        res = wy_fail_store(ctx, rc, "shift");
    if (res == 0)
        res = volunteer_org_require(ctx, sh.org_id, sh.division);
    if (res == 0 && out->user_id == ctx->who->user_id)
        res = wy_fail(ctx, E_FORBIDDEN, "own_signup",
                      "Nobody excuses their own no-show; another coordinator does.");
    if (res == 0 && strcmp(out->status, "no_show"))
        res = wy_fail(ctx, E_CONFLICT, "not_no_show", "Only a no-show can be excused.");
    if (res == 0 && out->excused_at)
        res = wy_fail(ctx, E_CONFLICT, "already_excused", "This no-show has been excused already.");
    if (res == 0) {
        rc = store_hours_signup_excuse(ctx->c, signup_id, ctx->who->user_id, reason, ctx->now);
        if (rc == WY_CONSTRAINT) /* excused meanwhile */
            res = wy_fail(ctx, E_CONFLICT, "already_excused",
                          "This no-show has been excused already.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "excuse");
    }
    if (res == 0)
        res = audit_add(ctx, "volunteer_signup.excuse", "volunteer_signup", signup_id, sh.division,
                        "no_show", "excused", reason);
    if (res == 0) {
        out->excused_at = ctx->now;
        out->excuse = reason;
    }
    return tx_end(ctx, res);
}

/* ---- settling past shifts ---- */

/* What the settlement makes of a live sign-up (docs/volunteers.md, "Settling past shifts"). */
static int settle_one(wy_ctx *ctx, const hours_shift *sh, const hours_signup *su,
                      hours_settled *out)
{
    int rc;
    if (!strcmp(su->status, "checked_in")) {
        /* checked in, never checked out: checked out by the system; the service counts
         * from the check-in to the shift's end, as a check-out after the end would */
        hours_scan scan;
        if (complete(ctx, sh, su, 0, ", settled after the shift", &scan) < 0) {
            if (!ctx->err.code || strcmp(ctx->err.code, "bad_state"))
                return -1;
            /* checked out a moment ago (another server's run, a coordinator): nothing left */
            ctx->err = (wy_error){0};
            return 0;
        }
        rc = store_hours_signup_settled(ctx->c, su->id, ctx->now);
        if (rc == WY_OK)
            rc = store_shift_notify_minutes(ctx->c, &shift_kind_completed, su->user_id, su->id,
                                            sh->id, sh->project_title, sh->starts_at, sh->division,
                                            scan.minutes, ctx->now);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "settle");
        out->completed++;
        return 0;
    }
    const int confirmed = !strcmp(su->status, "confirmed");
    const char *to = confirmed ? "no_show" : "cancelled";
    rc = store_hours_signup_settle(ctx->c, sh->id, su->id, su->status, to,
                                   confirmed ? NULL : "expired", ctx->now);
    if (rc == WY_CONSTRAINT)
        return 0; /* changed by someone a moment ago: nothing left to settle */
    if (rc == WY_OK)
        rc = store_shift_notify(ctx->c, confirmed ? &shift_kind_no_show : &shift_kind_expired,
                                su->user_id, su->id, sh->id, sh->project_title, sh->starts_at,
                                sh->division, ctx->now);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "settle");
    if (confirmed)
        out->no_shows++;
    else
        out->expired++;
    return audit_add(ctx, "volunteer_signup.settle", "volunteer_signup", su->id, sh->division,
                     su->status, confirmed ? "no_show" : "expired", "settled after the shift");
}

int hours_settle(wy_ctx *ctx, hours_settled *out)
{
    memset(out, 0, sizeof *out);
    int64_t grace = setting(ctx, "shift_settle_hours", 24);
    if (grace < 0)
        grace = 0;
    hours_signup *due;
    size_t n = 0;
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    int rc = store_hours_settle_due(ctx->c, ctx->a, ctx->now - grace * 60 * MINUTE_MS,
                                    HOURS_SETTLE_BATCH, &due, &n);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "settle");
    hours_shift sh = {0};
    for (size_t i = 0; res == 0 && i < n; i++) {
        /* due is by sign-up id: the sign-ups of one shift mostly come together */
        if (sh.id != due[i].shift_id &&
            (rc = store_hours_shift_get(ctx->c, ctx->a, due[i].shift_id, &sh)) != WY_OK)
            res = wy_fail_store(ctx, rc, "shift");
        if (res == 0)
            res = settle_one(ctx, &sh, &due[i], out);
    }
    if (tx_end(ctx, res) < 0)
        return -1;
    out->more = n == HOURS_SETTLE_BATCH;
    return 0;
}

int hours_job_settle(wy_ctx *ctx)
{
    hours_settled r;
    if (hours_settle(ctx, &r) < 0)
        return -1;
    int total = r.completed + r.no_shows + r.expired;
    if (total > 0)
        log_info("volunteers: settled %d sign-ups of past shifts (%d completed, %d no-shows, %d "
                 "expired)%s",
                 total, r.completed, r.no_shows, r.expired, r.more ? ", more next time" : "");
    return total;
}

/* ---- reports ---- */

/* ms of YYYY-MM-DD at HH:MM in China time; -1 when either is not a real one. */
static int64_t china_time(const char *date, const char *hm)
{
    int y, mo, d, h, mi;
    char tail;
    if (!date || !hm || strlen(date) != 10 || strlen(hm) != 5 ||
        sscanf(date, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3 ||
        sscanf(hm, "%2d:%2d%c", &h, &mi, &tail) != 2 || hm[2] != ':')
        return -1;
    if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59)
        return -1;
    struct tm tm = {
        .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
    time_t t = timegm(&tm);
    struct tm back;
    gmtime_r(&t, &back);
    if (back.tm_mday != d || back.tm_mon != mo - 1)
        return -1; /* the 31st of a short month */
    return (int64_t)t * 1000 - CHINA_MS;
}

int hours_report(wy_ctx *ctx, int64_t project_id, const char *date, const char *start,
                 const char *end, const char *note, int64_t *id)
{
    volunteer v;
    if (volunteer_me(ctx, &v) < 0)
        return -1;
    hours_settings s;
    hours_settings_get(ctx, &s);
    int64_t day = china_time(date, "00:00");
    if (day < 0 || day > ctx->now || day < ctx->now - s.report_within_days * DAY_MS - DAY_MS)
        return wy_fail_field(ctx, E_INVALID, "bad_date",
                             "The date is a past day written YYYY-MM-DD, not older than reports "
                             "are taken.",
                             "date");
    int64_t from = china_time(date, start), to = china_time(date, end);
    if (from < 0 || to < 0 || to <= from || to > ctx->now)
        return wy_fail_field(ctx, E_INVALID, "bad_time",
                             "Start and end are times HH:MM of that day, the end after the start "
                             "and not in the future.",
                             from < 0 ? "start" : "end");
    int64_t minutes = hours_round((to - from) / MINUTE_MS, s.rounding_minutes);
    if (minutes <= 0)
        return wy_fail_field(ctx, E_INVALID, "bad_time",
                             "The service is shorter than the rounding step of the hours.", "end");
    if (!text_ok(note, 2, HOURS_NOTE_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_note",
                             "Say what was done in 2 to 500 characters.", "note");
    volunteer_project p;
    int rc = store_volunteer_project_get(ctx->c, ctx->a, project_id, &p);
    if (rc == WY_NOTFOUND || (rc == WY_OK && strcmp(p.status, "published")))
        return wy_fail_field(ctx, E_INVALID, "unknown_project", "No such published project.",
                             "project_id");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "project");
    rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    hours_record r = {.volunteer_id = v.id,
                      .user_id = v.user_id,
                      .org_id = p.org_id,
                      .project_id = p.id,
                      .source = "reported",
                      .started_at = from,
                      .ended_at = to,
                      .minutes = minutes,
                      .note = note,
                      .status = "pending",
                      .reported_by = ctx->who->user_id};
    int res = 0;
    rc = store_hours_insert(ctx->c, &r, ctx->now, id);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "hours report");
    if (res == 0)
        res = audit_add(ctx, "volunteer_hours.report", "volunteer_hours", *id, p.division, NULL,
                        "pending", arena_sprintf(ctx->a, "%lld minutes", (long long)minutes));
    return tx_end(ctx, res);
}

/* May the caller act for the record's organisation? */
static int manages(wy_ctx *ctx, const hours_record *r)
{
    return ctx->who && volunteer_org_allows(ctx, r->org_id, r->org_division);
}

int hours_get(wy_ctx *ctx, int64_t id, hours_record *out)
{
    if (logged_in(ctx) < 0)
        return -1;
    int rc = store_hours_get(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "hours record");
    if (out->user_id != ctx->who->user_id && !manages(ctx, out))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return 0;
}

/* Minutes a record holds now: its own when verified, with its verified corrections. */
static int held(wy_ctx *ctx, const hours_record *r, int64_t *out)
{
    int64_t sum = 0;
    int rc = store_hours_corrected(ctx->c, r->id, &sum);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "corrections");
    *out = (!strcmp(r->status, "verified") ? r->minutes : 0) + sum;
    return 0;
}

int hours_correct(wy_ctx *ctx, int64_t record_id, int64_t minutes, const char *note, int64_t *id)
{
    if (logged_in(ctx) < 0)
        return -1;
    if (minutes == 0 || minutes < -100000 || minutes > 100000)
        return wy_fail_field(ctx, E_INVALID, "bad_minutes",
                             "The change is a whole number of minutes, not 0.", "minutes");
    if (!text_ok(note, 2, HOURS_NOTE_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_note", "Say why in 2 to 500 characters.", "note");
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    hours_record r;
    int res = hours_get(ctx, record_id, &r);
    int64_t have = 0;
    if (res == 0 && !strcmp(r.source, "correction"))
        res = wy_fail(ctx, E_CONFLICT, "bad_target",
                      "A correction names the original record, not another correction.");
    if (res == 0 && !strcmp(r.status, "pending"))
        res = wy_fail(ctx, E_CONFLICT, "not_decided",
                      "This record is still pending: it is decided first.");
    if (res == 0)
        res = held(ctx, &r, &have);
    if (res == 0 && minutes < 0 && have + minutes < 0)
        res = wy_fail_field(ctx, E_INVALID, "too_many_minutes",
                            "A correction takes away at most the minutes the record holds.",
                            "minutes");
    if (res == 0) {
        hours_record c = {.volunteer_id = r.volunteer_id,
                          .user_id = r.user_id,
                          .org_id = r.org_id,
                          .project_id = r.project_id,
                          .shift_id = r.shift_id,
                          .source = "correction",
                          .corrects = r.id,
                          .minutes = minutes,
                          .note = note,
                          .status = "pending",
                          .reported_by = ctx->who->user_id};
        rc = store_hours_insert(ctx->c, &c, ctx->now, id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "correction");
    }
    if (res == 0)
        res = audit_add(ctx,
                        r.user_id == ctx->who->user_id ? "volunteer_hours.dispute"
                                                       : "volunteer_hours.correct",
                        "volunteer_hours", *id, r.org_division, NULL, "pending",
                        arena_sprintf(ctx->a, "record %lld, %+lld minutes", (long long)r.id,
                                      (long long)minutes));
    return tx_end(ctx, res);
}

/* Tell the volunteer of the decision on r (read again: the decision note as stored). */
static int tell(wy_ctx *ctx, int64_t id, int verified)
{
    hours_record r;
    int rc = store_hours_get(ctx->c, ctx->a, id, &r);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "hours record");
    json_t *p = json_pack("{s:I,s:s,s:s}", "minutes", (json_int_t)r.minutes, "source", r.source,
                          "note", r.decision_note);
    char *text = p ? json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(p);
    if (!text)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    notify_msg m = {.kind = verified ? &hours_kind_verified : &hours_kind_rejected,
                    .user_id = r.user_id,
                    .subject_type = "volunteer_hours",
                    .subject_id = r.id,
                    .title = *r.project_title ? r.project_title : r.org_name,
                    .href = "/me/volunteer-hours",
                    .at = r.started_at,
                    .division = r.org_division,
                    .params = text};
    int res = notify_send(ctx, &m, NULL);
    free(text);
    return res;
}

int hours_decide(wy_ctx *ctx, int64_t id, int verify, const char *note)
{
    if (logged_in(ctx) < 0)
        return -1;
    if (!text_ok(note, verify ? 0 : 2, HOURS_NOTE_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_note",
                             verify ? "A decision note has at most 500 characters."
                                    : "Say why it is rejected in 2 to 500 characters.",
                             "note");
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    hours_record r;
    int res = 0;
    rc = store_hours_get(ctx->c, ctx->a, id, &r);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "hours record");
    if (res == 0)
        res = volunteer_org_require(ctx, r.org_id, r.org_division);
    if (res == 0 && (r.reported_by == ctx->who->user_id || r.user_id == ctx->who->user_id))
        res = wy_fail(ctx, E_FORBIDDEN, "own_record",
                      "Nobody decides hours they reported or served themselves.");
    if (res == 0 && strcmp(r.status, "pending"))
        res = wy_fail(ctx, E_CONFLICT, "already_decided", "This record was decided already.");
    if (res == 0 && verify && r.minutes < 0) {
        /* what the record holds is read under the hours book's lock, which every verification
         * takes to post: two corrections verified at once cannot both take the same minutes */
        hours_record orig;
        int64_t have = 0, seq;
        char head[LEDGER_HASH_HEX + 1];
        if ((rc = store_ledger_head_lock(ctx->c, HOURS_BOOK, &seq, head)) != WY_OK)
            res = wy_fail_store(ctx, rc, "hours book");
        if (res == 0 && (rc = store_hours_get(ctx->c, ctx->a, r.corrects, &orig)) != WY_OK)
            res = wy_fail_store(ctx, rc, "corrected record");
        if (res == 0)
            res = held(ctx, &orig, &have);
        if (res == 0 && have + r.minutes < 0)
            res = wy_fail(ctx, E_CONFLICT, "too_many_minutes",
                          "The correction would take away more than the record holds now.");
    }
    if (res == 0) {
        if (verify)
            res = verify_in_tx(ctx, id, ctx->who->user_id, note);
        else {
            rc = store_hours_decide(ctx->c, id, "rejected", ctx->who->user_id, note, 0, ctx->now);
            if (rc == WY_CONSTRAINT)
                res =
                    wy_fail(ctx, E_CONFLICT, "already_decided", "This record was decided already.");
            else if (rc != WY_OK)
                res = wy_fail_store(ctx, rc, "hours decide");
        }
    }
    if (res == 0)
        res = tell(ctx, id, verify);
    if (res == 0)
        res = audit_add(ctx, verify ? "volunteer_hours.verify" : "volunteer_hours.reject",
                        "volunteer_hours", id, r.org_division, "pending",
                        verify ? "verified" : "rejected", note);
    return tx_end(ctx, res);
}

int hours_mine(wy_ctx *ctx, int64_t before, int limit, hours_record **out, size_t *n,
               hours_totals *t)
{
    if (logged_in(ctx) < 0)
        return -1;
    int rc = store_hours_by_user(ctx->c, ctx->a, ctx->who->user_id, before, limit, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "hours records");
    if (t) {
        char user[40];
        snprintf(user, sizeof user, "u:%lld", (long long)ctx->who->user_id);
        memset(t, 0, sizeof *t);
        if ((rc = ledger_balance(ctx->c, HOURS_BOOK, user, &t->verified_minutes)) != WY_OK ||
            (rc = ledger_balance(ctx->c, POINTS_BOOK, user, &t->points)) != WY_OK)
            return wy_fail_store(ctx, rc, "balance");
    }
    return 0;
}

int hours_queue(wy_ctx *ctx, const char *division, int64_t after, int limit, hours_record **out,
                size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division) {
        if (division_normalize(division, div) < 0)
            return wy_fail_field(ctx, E_INVALID, "bad_division",
                                 "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    } else {
        const char *scope = ctx->who ? authz_scope(ctx->who, PERM_VOLUNTEERS_MANAGE) : NULL;
        if (!scope)
            return authz_require(ctx, PERM_VOLUNTEERS_MANAGE, NULL);
        snprintf(div, sizeof div, "%s", scope);
    }
    if (authz_require(ctx, PERM_VOLUNTEERS_MANAGE, div) < 0)
        return -1;
    /* an admin over the subtree sees every organisation's; a volunteer_coordinator only those
     * of the organisations they coordinate, whose records they alone may decide */
    int64_t coordinator = volunteer_admin_over(ctx->who, div) ? 0 : ctx->who->user_id;
    int rc = store_hours_pending(ctx->c, ctx->a, div, coordinator, after, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "pending hours");
}

/* ---- the export ---- */

static void when(int64_t ms, char *out, size_t n)
{
    if (!ms) {
        snprintf(out, n, "%s", "");
        return;
    }
    time_t t = (time_t)((ms + CHINA_MS) / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, n, "%Y-%m-%d %H:%M", &tm);
}

int hours_export_csv(wy_ctx *ctx, int64_t org_id, const char *from, const char *to, strbuf *out)
{
    int64_t f = china_time(from, "00:00"), t = china_time(to, "00:00");
    if (f < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_date", "A date is written YYYY-MM-DD.", "from");
    if (t < 0 || t < f || t - f > 3660 * DAY_MS)
        return wy_fail_field(ctx, E_INVALID, "bad_date",
                             "The period ends on or after its start, at most ten years later.",
                             "to");
    t += DAY_MS;
    volunteer_org o;
    int rc = store_volunteer_org_get(ctx->c, ctx->a, org_id, &o);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_org", "No such organisation.", "org_id");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "organisation");
    if (volunteer_org_require(ctx, org_id, o.division) < 0)
        return -1;
    if (audit_personal(ctx, "personal.export", "volunteer_org",
                       arena_sprintf(ctx->a, "%lld", (long long)org_id), o.division,
                       arena_sprintf(ctx->a, "verified volunteer hours %s to %s", from, to)) < 0)
        return -1;
    csvw w;
    csvw_begin(&w, out);
    /* the columns of the national volunteer information system's import of service records */
    static const char *const head[] = {
        "志愿者姓名",       "手机号码", "证件类型", "服务项目名称", "服务开始时间", "服务结束时间",
        "服务时长（小时）", "服务内容", "记录单位", "记录类型",     "记录编号",     "记录日期"};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        csvw_text(&w, head[i]);
    csvw_row_end(&w);
    int64_t after = 0;
    for (;;) {
        hours_record *rs;
        size_t n;
        rc = store_hours_verified_of_org(ctx->c, ctx->a, org_id, f, t, after, 500, &rs, &n);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "hours export");
        for (size_t i = 0; i < n; i++) {
            const hours_record *r = &rs[i];
            char a[32], b[32], d[32];
            when(r->started_at, a, sizeof a);
            when(r->ended_at, b, sizeof b);
            when(r->decided_at, d, sizeof d);
            char phone[PHONE_MASKED_MAX];
            account_mask_phone(r->phone, phone);
            csvw_text(&w, r->real_name);
            csvw_text(&w, phone);
            csvw_text(&w, "");
            csvw_text(&w, r->project_title);
            csvw_text(&w, a);
            csvw_text(&w, b);
            csvw_real(&w, (double)r->minutes / 60.0, 2);
            csvw_text(&w, r->note);
            csvw_text(&w, r->org_name);
            csvw_text(&w, !strcmp(r->source, "checkin")    ? "签到记录"
                          : !strcmp(r->source, "reported") ? "补录"
                                                           : "更正");
            csvw_int(&w, r->id);
            csvw_text(&w, d);
            csvw_row_end(&w);
        }
        if (n < 500)
            break;
        after = rs[n - 1].id;
    }
    return csvw_finish(&w) == 0
               ? 0
               : wy_fail(ctx, E_UNAVAILABLE, "too_large", "The hours export is too large.");
}

/* ---- verify ---- */

static int check_book(wy_ctx *ctx, const char *book, hours_check *out)
{
    ledger_report r;
    int rc = ledger_verify(ctx->c, book, &r);
    out->entries += r.entries;
    out->accounts += r.accounts;
    if (rc == 1) {
        snprintf(out->book, sizeof out->book, "%s", book);
        out->bad_entry = r.bad_id;
        if (r.bad_id && !strstr(r.detail, "entry "))
            snprintf(out->detail, sizeof out->detail, "book %s: entry %lld (seq %lld): %s: %s",
                     book, (long long)r.bad_id, (long long)r.bad_seq, r.problem, r.detail);
        else
            snprintf(out->detail, sizeof out->detail, "book %s: %s", book, r.detail);
        return 1;
    }
    if (rc != 0)
        return wy_fail_store(ctx, rc, "ledger verify");
    return 0;
}

/* Does its entry post record p as hours.c posts it? A sentence saying what differs, or NULL. */
static const char *mismatch(arena *a, const hours_posted *p)
{
    char org[40], user[40];
    snprintf(org, sizeof org, "org:%lld", (long long)p->org_id);
    snprintf(user, sizeof user, "u:%lld", (long long)p->user_id);
    int64_t amount = p->minutes > 0 ? p->minutes : -p->minutes;
    if (!p->found)
        return arena_sprintf(a, "its entry %lld does not exist", (long long)p->entry_id);
    if (strcmp(p->book, HOURS_BOOK))
        return arena_sprintf(a, "its entry %lld is in book %s", (long long)p->entry_id, p->book);
    if (p->amount != amount)
        return arena_sprintf(a, "its entry %lld moves %lld minutes, the record %lld",
                             (long long)p->entry_id, (long long)p->amount, (long long)p->minutes);
    if (strcmp(p->debit, p->minutes > 0 ? org : user) ||
        strcmp(p->credit, p->minutes > 0 ? user : org))
        return arena_sprintf(a, "its entry %lld goes from %s to %s", (long long)p->entry_id,
                             p->debit, p->credit);
    if (strcmp(p->ref_type, "volunteer_hours") || p->ref_id != p->id)
        return arena_sprintf(a, "its entry %lld refers to %s %lld", (long long)p->entry_id,
                             p->ref_type, (long long)p->ref_id);
    return NULL;
}

int hours_verify(wy_ctx *ctx, hours_check *out)
{
    memset(out, 0, sizeof *out);
    int res = check_book(ctx, HOURS_BOOK, out);
    if (res == 0)
        res = check_book(ctx, POINTS_BOOK, out);
    if (res != 0)
        return res;
    int rc = store_begin(ctx->c, 0);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int64_t after = 0;
    arena la; /* a page of records at a time */
    arena_init(&la, 0);
    for (;;) {
        arena_free(&la);
        hours_posted *ps;
        size_t n;
        rc = store_hours_verified_scan(ctx->c, &la, after, 1000, &ps, &n);
        if (rc != WY_OK) {
            res = wy_fail_store(ctx, rc, "hours records");
            break;
        }
        for (size_t i = 0; res == 0 && i < n; i++) {
            const char *why = mismatch(&la, &ps[i]);
            out->records++;
            if (why) {
                snprintf(out->book, sizeof out->book, "records");
                out->bad_record = ps[i].id;
                out->bad_entry = ps[i].entry_id;
                snprintf(out->detail, sizeof out->detail, "hours record %lld: %s",
                         (long long)ps[i].id, why);
                res = 1;
            }
        }
        if (res != 0 || n < 1000)
            break;
        after = ps[n - 1].id;
    }
    /* and no entry of a record beyond those: each verified record has exactly one */
    int64_t records = 0, entries = 0;
    if (res == 0 && (rc = store_hours_posted_counts(ctx->c, &records, &entries)) != WY_OK)
        res = wy_fail_store(ctx, rc, "hours counts");
    if (res == 0 && records != entries) {
        snprintf(out->book, sizeof out->book, "records");
        snprintf(out->detail, sizeof out->detail,
                 "book hours has %lld entries of hours records for %lld verified records",
                 (long long)entries, (long long)records);
        res = 1;
    }
    arena_free(&la);
    tx_end(ctx, res < 0 ? -1 : 0);
    return res;
}

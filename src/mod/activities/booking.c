/* booking: see booking.h. */
#include "mod/activities/booking.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "mod/activities/activity.h"
#include "mod/activities/booking_rules.h"
#include "mod/activities/rating.h"
#include "core/audit.h"
#include "core/authz.h"
#include "core/priority.h"
#include "util/csvread.h"
#include "util/csvwrite.h"
#include "util/log.h"
#include "util/randbuf.h"
#include "util/timeutil.h"

/* The seat writer's kind for bookings: a run of booking jobs, one store_booking_batch. Only
 * the writer's one thread calls it, so the batch's arrays are static (not 90 KB of its
 * stack). */
static int book_batch(db *c, seats_job *const *jobs, size_t n)
{
    static booking_req reqs[SEATS_BATCH_MAX];
    static booking_res res[SEATS_BATCH_MAX];
    if (n > SEATS_BATCH_MAX) /* the writer's batches never are */
        return WY_ERR;
    for (size_t i = 0; i < n; i++)
        reqs[i] = ((booking_job *)jobs[i])->req;
    memset(res, 0, n * sizeof(res[0]));
    int rc = store_booking_batch(c, reqs, n, res);
    for (size_t i = 0; i < n; i++)
        ((booking_job *)jobs[i])->res = res[i];
    return rc;
}

static const seats_kind booking_kind = {"booking", book_batch};

static void booking_job_done(seats_job *sj)
{
    booking_job *j = (booking_job *)sj;
    j->store_rc = sj->store_rc;
    j->done(j);
}

int booking_service_start(store *st, const wy_config *cfg)
{
    return seats_writer_start(st, (size_t)cfg->booking_queue_max);
}

void booking_service_stop(void)
{
    seats_writer_stop();
}

int booking_submit(booking_job *j)
{
    j->base.kind = &booking_kind;
    j->base.done = booking_job_done;
    return seats_submit(&j->base);
}

int booking_busy(wy_ctx *ctx)
{
    wy_fail(ctx, E_UNAVAILABLE, "busy", "Too many people are booking right now; try again soon.");
    ctx->err.retry_after_s = 2;
    return -1;
}

int booking_book_now(wy_ctx *ctx, const booking_req *req, booking_res *res)
{
    int rc = store_booking_batch(ctx->c, req, 1, res);
    if (rc == WY_OK)
        rc = res->rc;
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "booking");
}

static const char *new_code(wy_ctx *ctx)
{
    unsigned char raw[15];
    char out[24];
    randbuf_bytes(raw, sizeof(raw));
    sodium_bin2base64(out, sizeof(out), raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return arena_strdup(ctx->a, out);
}

int booking_priority(wy_ctx *ctx, const activity_session *s, int *hours)
{
    *hours = 0;
    if (!ctx->who || !s->booking_opens_at || ctx->now >= s->booking_opens_at)
        return 0;
    int rc = priority_hours(ctx->c, ctx->who->user_id, s->activity_id, 0, ctx->now, hours);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "priority");
}

int booking_prepare(wy_ctx *ctx, int64_t session_id, const char *const *companions, size_t nc,
                    const char *idem_key, booking_req *req)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    /* the session, the little of its activity that the rules need and the person's count of
     * no-shows that could ban them, in one read */
    const wy_config *cfg = ctx->cfg;
    int64_t ban_span =
        ((int64_t)cfg->booking_no_show_window_days + cfg->booking_ban_days) * 86400000;
    booking_target t;
    int rc = store_booking_target(ctx->c, ctx->a, session_id, ctx->who->user_id,
                                  ctx->now - ban_span, ctx->now, &t);
    activity_session *s = &t.s;
    if (rc == WY_NOTFOUND || (rc == WY_OK && strcmp(t.status, "published")))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "No such session.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "session");
    /* a retry of a request that booked already gets its first answer (from the batch),
     * even when the rules below would now say no */
    if (idem_key && *idem_key) {
        int seen = 0;
        rc = store_booking_idem_seen(ctx->c, ctx->who->user_id, idem_key, session_id, &seen);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "booking");
        if (seen) {
            *req = (booking_req){.session_id = session_id,
                                 .user_id = ctx->who->user_id,
                                 .seats = 1,
                                 .code = new_code(ctx),
                                 .idem_key = arena_strdup(ctx->a, idem_key),
                                 .now = ctx->now};
            return check_mem(ctx); /* the writer has a connection of its own */
        }
    }
    booking_state state = booking_session_state(s, t.waitlist, 1 + (int)nc, ctx->now);
    /* not open yet: a holder of priority booking (core/priority.h) opens earlier. Asked only
     * here, so a request in the open window reads nothing more, and a crowd before the opening
     * of an activity no grant names reads nothing either (the source's cached flag) */
    if (state == BOOKING_NOT_OPEN_YET) {
        int hours;
        if (booking_priority(ctx, s, &hours) < 0)
            return -1;
        if (hours > 0) {
            s->booking_opens_at = booking_opens_for(s, hours);
            state = booking_session_state(s, t.waitlist, 1 + (int)nc, ctx->now);
        }
    }
    if (state != BOOKING_FULL && booking_state_refusal(ctx, s, state) < 0)
        return -1;
    if ((int)nc > t.max_companions)
        return wy_fail_field(ctx, E_RULE, "too_many_companions",
                             "This activity takes fewer companions per booking.", "companions");
    json_t *names = json_array();
    for (size_t i = 0; i < nc; i++) {
        if (!companions[i] || !*companions[i] ||
            !utf8_valid(companions[i], strlen(companions[i])) || utf8_length(companions[i]) > 32) {
            json_decref(names);
            return wy_fail_field(ctx, E_INVALID, "bad_companion",
                                 "Each companion has a name of 1 to 32 characters.", "companions");
        }
        json_array_append_new(names, json_string(companions[i]));
    }
    /* Full, with no waiting list: said at once, not queued. The seat count was read in this
     * request, so the answer is true of a moment it was asked in; a seat freed after that
     * goes to a later request. Under a crowd this is most requests, and they never wait for
     * the writer. */
    if (state == BOOKING_FULL) {
        int live = 0;
        rc = store_booking_live(ctx->c, session_id, ctx->who->user_id, &live);
        json_decref(names);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "booking");
        return booking_refuse(ctx, live ? BOOK_DUPLICATE : BOOK_FULL);
    }
    /* fewer no-shows than the limit cannot make a ban: most people need no second look */
    int64_t banned_until = 0;
    if (t.no_shows >= cfg->booking_no_show_limit &&
        booking_ban_until(ctx, ctx->who->user_id, &banned_until) < 0) {
        json_decref(names);
        return -1;
    }
    if (banned_until) {
        json_decref(names);
        wy_fail(ctx, E_RULE, "banned", "After repeated no-shows you may not book until %s.");
        ctx->err.until = banned_until;
        return -1;
    }
    /* at most booking.max_people_per_day people a day per account: counted by the writer, in
     * the transaction that books (store_booking_batch), where simultaneous requests of one
     * person cannot pass it; a read here first would cost every request a query for what
     * almost nobody hits */
    int64_t day_start = booking_day_start(ctx->now);
    char *js = nc ? json_dumps(names, JSON_COMPACT) : NULL;
    json_decref(names);
    *req = (booking_req){.session_id = session_id,
                         .user_id = ctx->who->user_id,
                         .seats = 1 + (int)nc,
                         .companions = js ? arena_strdup(ctx->a, js) : NULL,
                         .code = new_code(ctx),
                         .idem_key = idem_key && *idem_key ? arena_strdup(ctx->a, idem_key) : NULL,
                         .waitlist_ok = t.waitlist,
                         .now = ctx->now,
                         .max_seats_today = ctx->cfg->booking_max_people_per_day,
                         .day_start = day_start};
    free(js);
    /* the writer writes this with a connection of its own, which the arena does not guard:
     * a request whose code or companions could not be copied is not queued */
    return check_mem(ctx);
}

int booking_cancel(wy_ctx *ctx, int64_t id)
{
    booking b;
    int rc = store_booking_get(ctx->c, ctx->a, id, &b);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "booking");
    if (!ctx->who || b.user_id != ctx->who->user_id)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    activity_session s;
    rc = store_activity_session_get(ctx->c, ctx->a, b.session_id, &s);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "session");
    /* once the session has started a booking stands: whoever did not come is a no-show, and
     * nobody is promoted into a session under way. A deadline only comes earlier. */
    if (ctx->now >= s.starts_at || (s.cancel_deadline && ctx->now > s.cancel_deadline))
        return wy_fail(ctx, E_RULE, "too_late", "The time to cancel this booking has passed.");
    int64_t promoted[64];
    size_t np = 0;
    rc = store_begin(ctx->c, 1);
    if (rc == WY_OK)
        rc = store_booking_cancel(ctx->c, id, ctx->now, promoted, 64, &np);
    /* those promoted are told in the transaction that gives them the seat */
    if (rc == WY_OK && booking_notify_promoted(ctx, promoted, np) < 0) {
        store_rollback(ctx->c);
        return -1;
    }
    if (rc == WY_OK)
        rc = store_commit(ctx->c);
    if (rc != WY_OK) {
        store_rollback(ctx->c);
        if (rc == WY_NOTFOUND)
            return wy_fail(ctx, E_CONFLICT, "not_active", "This booking is not active.");
        return wy_fail_store(ctx, rc, "cancel");
    }
    return 0;
}

int booking_checkin(wy_ctx *ctx, const char *code, int64_t session_id, booking *out)
{
    if (!code || !*code)
        return wy_fail_field(ctx, E_INVALID, "bad_code", "Give the code of the booking.", "code");
    int rc = store_booking_by_code(ctx->c, ctx->a, code, out);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "unknown_code", "No booking has this code.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "booking");
    activity_session s;
    activity a;
    rc = store_activity_session_get(ctx->c, ctx->a, out->session_id, &s);
    if (rc == WY_OK)
        rc = store_activity_get(ctx->c, ctx->a, s.activity_id, &a);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "session");
    if (!activity_managed_by(ctx->who, &a))
        return authz_require(ctx, PERM_PUBLISH, a.division) < 0
                   ? -1
                   : wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
    if (session_id && session_id != out->session_id)
        return wy_fail(ctx, E_CONFLICT, "wrong_session", "This code is for another session.");
    /* a code works at the door of its session only: from a while before it starts (people
     * queue early) until it ends; not next week, and not afterwards to erase a no-show */
    int64_t opens = s.starts_at - (int64_t)ctx->cfg->booking_checkin_early_min * 60000;
    if (ctx->now < opens) {
        ctx->err.opens_at = opens;
        return wy_fail(ctx, E_CONFLICT, "checkin_not_open",
                       "Not yet: check-in for this session has not opened.");
    }
    if (ctx->now >= s.ends_at)
        return wy_fail(ctx, E_CONFLICT, "session_over",
                       "This session is over: check-in has closed.");
    if (!strcmp(out->status, "checked_in"))
        return wy_fail(ctx, E_CONFLICT, "already_checked_in", "This code has been used already.");
    if (strcmp(out->status, "confirmed"))
        return wy_fail(ctx, E_CONFLICT, "not_confirmed", "This booking is not confirmed.");
    /* the booking and its session's count of checked-in seats, together */
    if (tx_begin(ctx) < 0)
        return -1;
    rc = store_booking_checkin(ctx->c, out->id, ctx->now);
    int res = 0;
    if (rc == WY_NOTFOUND) /* checked in by another door a moment ago */
        res = wy_fail(ctx, E_CONFLICT, "already_checked_in", "This code has been used already.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "check-in");
    if (tx_end(ctx, res) < 0)
        return -1;
    out->status = "checked_in";
    return 0;
}

/* ---- attendance ---- */

int booking_sweep_no_shows(wy_ctx *ctx)
{
    int64_t n = 0;
    if (tx_begin(ctx) < 0)
        return -1;
    /* the sessions that ended within the window: the job runs every few minutes, so each
     * session is swept on its first ticks; a confirmed booking of an older session that a
     * stopped server missed counts as a no-show everywhere anyway */
    int rc =
        store_booking_sweep_no_shows(ctx->c, 0, ctx->now - BOOKING_SWEEP_WINDOW_MS, ctx->now, &n);
    if (tx_end(ctx, rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "no-show sweep")) < 0)
        return -1;
    if (n > 0)
        log_info("booking: %lld no-shows marked", (long long)n);
    return (int)n;
}

int64_t booking_ban_end(const int64_t *ends, size_t n, int limit, int64_t window_ms, int64_t ban_ms,
                        int64_t now)
{
    int64_t until = 0;
    if (limit <= 0)
        return 0;
    /* ends is sorted: for each no-show i, the no-shows of its window are ends[lo..i] */
    for (size_t i = 0, lo = 0; i < n; i++) {
        while (ends[lo] <= ends[i] - window_ms)
            lo++;
        if (i - lo + 1 >= (size_t)limit && ends[i] + ban_ms > until)
            until = ends[i] + ban_ms;
    }
    return until > now ? until : 0;
}

int booking_ban_until(wy_ctx *ctx, int64_t user_id, int64_t *until)
{
    const wy_config *cfg = ctx->cfg;
    int64_t window = (int64_t)cfg->booking_no_show_window_days * 86400000;
    int64_t ban = (int64_t)cfg->booking_ban_days * 86400000;
    int64_t *ends;
    size_t n;
    *until = 0;
    if (cfg->booking_no_show_limit <= 0)
        return 0;
    /* a no-show older than window + ban can neither start a ban that lasts till now nor
     * count towards one */
    int rc =
        store_no_show_ends(ctx->c, ctx->a, user_id, ctx->now - window - ban, ctx->now, &ends, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "no-shows");
    *until = booking_ban_end(ends, n, cfg->booking_no_show_limit, window, ban, ctx->now);
    return 0;
}

int booking_staff_session(wy_ctx *ctx, int64_t session_id, activity_session *s, activity *a)
{
    int rc = store_activity_session_get(ctx->c, ctx->a, session_id, s);
    if (rc == WY_OK)
        rc = store_activity_get(ctx->c, ctx->a, s->activity_id, a);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "session");
    if (!activity_managed_by(ctx->who, a))
        return authz_require(ctx, PERM_PUBLISH, a->division) < 0
                   ? -1
                   : wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
    return 0;
}

int booking_excuse(wy_ctx *ctx, int64_t booking_id, const char *reason, booking *out)
{
    activity_session s;
    activity a;
    int rc = store_booking_get(ctx->c, ctx->a, booking_id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "booking");
    if (booking_staff_session(ctx, out->session_id, &s, &a) < 0)
        return -1;
    if (reason && (!utf8_valid(reason, strlen(reason)) || utf8_length(reason) > 500))
        return wy_fail_field(ctx, E_INVALID, "reason_too_long",
                             "A reason has at most 500 characters.", "reason");
    if (tx_begin(ctx) < 0)
        return -1;
    int64_t swept;
    rc = store_booking_sweep_no_shows(ctx->c, out->session_id, 0, ctx->now, &swept);
    if (rc == WY_OK)
        rc = store_booking_excuse(ctx->c, booking_id, ctx->who->user_id, ctx->now);
    int res = 0;
    if (rc == WY_NOTFOUND)
        res = out->excused_at
                  ? wy_fail(ctx, E_CONFLICT, "already_excused",
                            "This no-show has been excused already.")
                  : wy_fail(ctx, E_CONFLICT, "not_no_show", "Only a no-show can be excused.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "excuse");
    if (res == 0) {
        char oid[24];
        snprintf(oid, sizeof(oid), "%lld", (long long)booking_id);
        audit_entry e = {0,
                         ctx->now,
                         ctx->who->user_id,
                         "booking.excuse",
                         "booking",
                         oid,
                         a.division,
                         "no_show",
                         "excused",
                         reason && *reason ? reason : NULL};
        rc = store_audit_add(ctx->c, &e);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "audit");
    }
    if (tx_end(ctx, res) < 0)
        return -1;
    out->status = "no_show";
    out->excused_at = ctx->now;
    return 0;
}

/* The attendance rows for the session's staff, and the record in the audit log that who has
 * read (or exported: action) these names and numbers. */
static int attendance_rows(wy_ctx *ctx, const char *action, int64_t session_id, int64_t after,
                           int limit, activity_session *s, activity *a, attendance_row **rows,
                           size_t *n, session_counts *k)
{
    if (booking_staff_session(ctx, session_id, s, a) < 0)
        return -1;
    int rc =
        store_attendance_of_session(ctx->c, ctx->a, session_id, ctx->now, after, limit, rows, n);
    if (rc == WY_OK && k)
        rc = store_session_counts(ctx->c, session_id, ctx->now, k);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "attendance");
    /* an export says how many rows it carried */
    const char *detail =
        strcmp(action, "personal.export") ? NULL : arena_sprintf(ctx->a, "bookings: %zu", *n);
    return audit_personal(ctx, action, "session", arena_sprintf(ctx->a, "%lld", (long long)s->id),
                          a->division, detail);
}

int booking_attendance(wy_ctx *ctx, int64_t session_id, int64_t after, int limit,
                       activity_session *s, activity *a, attendance_row **rows, size_t *n,
                       session_counts *k)
{
    return attendance_rows(ctx, "personal.read", session_id, after, limit, s, a, rows, n, k);
}

static const char *local_time(arena *a, int64_t ms)
{
    char buf[40];
    if (!ms)
        return NULL;
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    buf[19] = '\0'; /* YYYY-MM-DDTHH:MM:SS, China time */
    buf[10] = ' ';
    return arena_strdup(a, buf);
}

static const char *companion_names(arena *a, const char *js)
{
    json_t *arr = js ? json_loads(js, 0, NULL) : NULL;
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        const char *nm = json_string_value(json_array_get(arr, i));
        if (nm)
            sb_addf(&sb, "%s%s", sb.len ? "; " : "", nm);
    }
    json_decref(arr);
    const char *r = sb.len ? arena_strdup(a, sb.buf) : NULL;
    sb_release(&sb);
    return r;
}

int booking_attendance_csv(wy_ctx *ctx, int64_t session_id, strbuf *out)
{
    activity_session s;
    activity a;
    attendance_row *rows;
    size_t n;
    if (attendance_rows(ctx, "personal.export", session_id, 0, 0, &s, &a, &rows, &n, NULL) < 0)
        return -1;
    csvw w;
    csvw_begin(&w, out);
    /* no booking code: a code is the attendee's ticket, and an exported list of them would
     * check anyone in (the API's lists leave them out too); the booking id identifies */
    static const char *const head[] = {"booking",   "name",          "phone",
                                       "seats",     "companions",    "status",
                                       "booked_at", "checked_in_at", "excused_at"};
    for (size_t k = 0; k < sizeof(head) / sizeof(head[0]); k++)
        csvw_text(&w, head[k]);
    csvw_row_end(&w);
    for (size_t i = 0; i < n; i++) {
        const attendance_row *r = &rows[i];
        char phone[PHONE_MASKED_MAX];
        account_mask_phone(r->phone, phone);
        csvw_int(&w, r->b.id);
        csvw_text(&w, r->name);
        csvw_text(&w, phone);
        csvw_int(&w, r->b.seats);
        csvw_text(&w, companion_names(ctx->a, r->b.companions));
        csvw_text(&w, r->b.status);
        csvw_text(&w, local_time(ctx->a, r->b.created_at));
        csvw_text(&w, local_time(ctx->a, r->b.checked_in_at));
        csvw_text(&w, local_time(ctx->a, r->b.excused_at));
        csvw_row_end(&w);
    }
    if (csvw_finish(&w) < 0)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    return 0;
}

int booking_organiser_overview(wy_ctx *ctx, int64_t after, int limit, organiser_activity **out,
                               size_t *n)
{
    /* every subtree the person publishes in (staff may hold grants in several): a page of
     * each, merged by id */
    const char *scopes[AUTHZ_SCOPES_MAX];
    size_t nscopes = authz_scopes(ctx->who, PERM_PUBLISH, scopes, AUTHZ_SCOPES_MAX);
    if (!nscopes)
        return authz_require(ctx, PERM_PUBLISH, NULL) < 0
                   ? -1
                   : wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
    activity_hit *as = arena_alloc(ctx->a, ((size_t)limit * nscopes + 1) * sizeof(*as));
    size_t na = 0;
    int rc = as ? WY_OK : WY_NOMEM;
    for (size_t k = 0; rc == WY_OK && k < nscopes; k++) {
        activity_filter f = {.prefix = scopes[k], .after = after, .limit = limit};
        activity_hit *part;
        size_t np;
        rc = store_activity_list(ctx->c, ctx->a, &f, &part, &np);
        for (size_t i = 0; rc == WY_OK && i < np; i++) { /* insert by id, once */
            size_t j = na;
            while (j > 0 && as[j - 1].a.id > part[i].a.id)
                j--;
            if (j > 0 && as[j - 1].a.id == part[i].a.id)
                continue;
            memmove(&as[j + 1], &as[j], (na - j) * sizeof(*as));
            as[j] = part[i];
            na++;
        }
    }
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activities");
    if (na > (size_t)limit)
        na = (size_t)limit;
    organiser_activity *v = arena_alloc(ctx->a, (na + 1) * sizeof(*v));
    int64_t *ids = arena_alloc(ctx->a, (na + 1) * sizeof(*ids));
    int64_t *sums = arena_alloc(ctx->a, (na + 1) * sizeof(*sums));
    int64_t *counts = arena_alloc(ctx->a, (na + 1) * sizeof(*counts));
    if (!v || !ids || !sums || !counts)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    for (size_t i = 0; i < na; i++)
        ids[i] = as[i].a.id;
    /* four queries for the page, whatever its length: the activities, their recent and coming
     * sessions (a few each), those sessions' figures grouped, the ratings grouped */
    activity_session *ss = NULL;
    int *totals = NULL;
    size_t ns = 0;
    rc = store_activity_sessions_many(ctx->c, ctx->a, ids, na, ctx->now - BOOKING_SWEEP_WINDOW_MS,
                                      BOOKING_ORGANISER_SESSIONS, &ss, &totals, &ns);
    int64_t *sids = rc == WY_OK ? arena_alloc(ctx->a, (ns + 1) * sizeof(*sids)) : NULL;
    organiser_session *os = sids ? arena_alloc(ctx->a, (ns + 1) * sizeof(*os)) : NULL;
    session_counts *k = os ? arena_alloc(ctx->a, (ns + 1) * sizeof(*k)) : NULL;
    if (rc == WY_OK && !k)
        rc = WY_NOMEM;
    for (size_t j = 0; rc == WY_OK && j < ns; j++)
        sids[j] = ss[j].id;
    if (rc == WY_OK)
        rc = store_session_counts_many(ctx->c, sids, ns, ctx->now, k);
    if (rc == WY_OK)
        rc = store_rating_sums(ctx->c, ACTIVITY_RATING_KIND, ids, na, sums, counts);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "organiser");
    size_t j = 0;
    for (size_t i = 0; i < na; i++) {
        v[i] = (organiser_activity){.a = as[i].a, .rating_sum = sums[i], .rating_count = counts[i]};
        /* sessions come ordered by activity, and activities by id */
        while (j < ns && ss[j].activity_id < ids[i])
            j++;
        v[i].sessions = os + j;
        for (; j < ns && ss[j].activity_id == ids[i]; j++) {
            os[j] = (organiser_session){.s = ss[j], .k = k[j]};
            v[i].sessions_total = (size_t)totals[j];
            v[i].nsessions++;
        }
    }
    *out = v;
    *n = na;
    return 0;
}

/* ---- a person's bookings ---- */

static const char *format_my_cursor(wy_ctx *ctx, const my_booking_key *k)
{
    return arena_sprintf(ctx->a, "%d.%lld.%lld", k->past, (long long)k->when, (long long)k->id);
}

static int parse_my_cursor(const char *c, my_booking_key *k)
{
    char *end;
    if (!c || (c[0] != '0' && c[0] != '1') || c[1] != '.')
        return -1;
    k->past = c[0] - '0';
    k->when = strtoll(c + 2, &end, 10);
    if (*end != '.')
        return -1;
    k->id = strtoll(end + 1, &end, 10);
    return *end || k->id <= 0 ? -1 : 0;
}

int booking_mine(wy_ctx *ctx, const char *cursor, int limit, my_booking **out, size_t *n,
                 const char **next_cursor)
{
    my_booking_key after;
    *next_cursor = NULL;
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    if (cursor && *cursor && parse_my_cursor(cursor, &after) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_cursor", "The cursor is not valid.", "cursor");
    if (limit <= 0)
        limit = 20;
    /* one row more than asked says whether there is a next page */
    int rc = store_bookings_of_user(ctx->c, ctx->a, ctx->who->user_id, ctx->now,
                                    cursor && *cursor ? &after : NULL, limit + 1, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "bookings");
    if (*n > (size_t)limit) {
        *n = (size_t)limit;
        *next_cursor = format_my_cursor(ctx, &(*out)[*n - 1].key);
    }
    return 0;
}

/* ---- telling people (core/notify.h) of what happens to their bookings ---- */

int booking_tell(wy_ctx *ctx, const notify_kind *kind, booking_about *ab, const booking *b,
                 const char *params)
{
    int rc = WY_OK;
    if (ab->session_id != b->session_id)
        rc = store_booking_about(ctx->c, b->session_id, ab);
    if (rc == WY_OK)
        rc = store_booking_notify(ctx->c, kind, ab, b->user_id, b->id, params, ctx->now, NULL);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "notify");
}

int booking_notify_promoted(wy_ctx *ctx, const int64_t *ids, size_t n)
{
    booking_about ab = {0};
    int res = 0;
    for (size_t i = 0; res == 0 && i < n; i++) {
        booking b;
        int rc = store_booking_get(ctx->c, ctx->a, ids[i], &b);
        res = rc == WY_OK ? booking_tell(ctx, &booking_kind_promoted, &ab, &b, NULL)
                          : wy_fail_store(ctx, rc, "promoted booking");
    }
    booking_about_release(&ab);
    return res;
}

int booking_job_reminders(wy_ctx *ctx)
{
    const int64_t day = (int64_t)24 * 3600 * 1000;
    for (int round = 0; round < 100; round++) { /* at most 100 x 200 a run */
        booking *bs;
        size_t n;
        int rc = store_reminders_due(ctx->c, ctx->a, ctx->now, ctx->now + day, 200, &bs, &n);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "reminders");
        if (n == 0)
            return 0;
        if (tx_begin(ctx) < 0)
            return -1;
        booking_about ab = {0}; /* the bookings come by session: read once for each */
        int res = 0;
        for (size_t i = 0; res == 0 && i < n; i++)
            res = booking_tell(ctx, &booking_kind_reminder, &ab, &bs[i], NULL);
        booking_about_release(&ab);
        if (tx_end(ctx, res) < 0)
            return -1;
        if (n < 200)
            return 0;
    }
    return 0;
}

/* market_application: stall-holders' applications, their files, the panel's scores
 * (market.h). */
#include "mod/markets/market.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/account.h"
#include "core/audit.h"
#include "core/authz.h"
#include "util/config.h"
#include "util/csvread.h"

static int text_ok(const char *s, size_t min, size_t max)
{
    if (!s)
        return min == 0;
    size_t n = strlen(s);
    return utf8_valid(s, n) && utf8_length(s) >= min && utf8_length(s) <= max;
}

static int logged_in(wy_ctx *ctx)
{
    return authz_require(ctx, PERM_LOGGED_IN, NULL);
}

static int window_open(const market *m, int64_t now)
{
    return !strcmp(m->status, "published") && now >= m->apply_opens_at && now < m->apply_closes_at;
}

static int check_application(wy_ctx *ctx, const market_application *in, const market_category *cats,
                             size_t ncats)
{
    if (!text_ok(in->stall_name, 1, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_stall_name",
                             "A stall's name has 1 to 100 characters.", "stall_name");
    if (!text_ok(in->contact_name, 1, 32))
        return wy_fail_field(ctx, E_INVALID, "bad_contact_name",
                             "A contact's name has 1 to 32 characters.", "contact_name");
    if (!account_phone_valid(in->contact_phone))
        return wy_fail_field(ctx, E_INVALID, "bad_phone", "A mobile number has 11 digits.",
                             "contact_phone");
    if (!text_ok(in->products, 1, 2000))
        return wy_fail_field(ctx, E_INVALID, "bad_products",
                             "Say what you sell in 1 to 2000 characters.", "products");
    if (!text_ok(in->licence_no, 0, 40))
        return wy_fail_field(ctx, E_INVALID, "bad_licence_no",
                             "A licence number has at most 40 characters.", "licence_no");
    for (size_t i = 0; i < ncats; i++)
        if (!strcmp(cats[i].category, in->category ? in->category : "") && cats[i].quota > 0)
            return 0;
    return wy_fail_field(ctx, E_INVALID, "bad_category",
                         "This market has no places in that category.", "category");
}

int market_apply(wy_ctx *ctx, int64_t market_id, market_application *in, int64_t *id)
{
    if (logged_in(ctx) < 0)
        return -1;
    if (!in->contact_phone || !*in->contact_phone)
        in->contact_phone = ctx->who->phone;
    if (!in->contact_name || !*in->contact_name)
        in->contact_name = ctx->who->name;
    if (tx_begin(ctx) < 0)
        return -1;
    market m;
    market_category *cats;
    size_t ncats = 0;
    int rc = store_market_get(ctx->c, ctx->a, market_id, &m);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "market");
    if (res == 0 && strcmp(m.status, "published"))
        res = wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    if (res == 0 && !window_open(&m, ctx->now))
        res = wy_fail(ctx, E_CONFLICT, "window_closed",
                      "Applications to this market are not open now.");
    if (res == 0 &&
        (rc = store_market_categories(ctx->c, ctx->a, market_id, &cats, &ncats)) != WY_OK)
        res = wy_fail_store(ctx, rc, "categories");
    if (res == 0)
        res = check_application(ctx, in, cats, ncats);
    if (res == 0) {
        unsigned char raw[8];
        randombytes_buf(raw, sizeof(raw));
        char hex[2 * sizeof(raw) + 1];
        sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
        in->pseudonym = arena_sprintf(ctx->a, "m%lld-%s", (long long)market_id, hex);
        in->market_id = market_id;
        in->user_id = ctx->who->user_id;
        rc = store_market_app_create(ctx->c, in, ctx->now, id);
        if (rc == WY_CONSTRAINT)
            res = wy_fail(ctx, E_CONFLICT, "duplicate", "You have applied to this market already.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "application");
    }
    if (res == 0)
        res = audit_add(ctx, "market_application.create", "market_application", *id, m.division,
                        NULL, "draft", in->category);
    return tx_end(ctx, res);
}

/* Load an application of the caller's own, with its market. */
static int load_own(wy_ctx *ctx, int64_t app_id, market_application *a, market *m)
{
    if (logged_in(ctx) < 0)
        return -1;
    int rc = store_market_app_get(ctx->c, ctx->a, app_id, a);
    if (rc == WY_OK && a->user_id != ctx->who->user_id)
        rc = WY_NOTFOUND; /* another person's: it does not exist for the caller */
    if (rc == WY_OK)
        rc = store_market_get(ctx->c, ctx->a, a->market_id, m);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "application");
}

static const char *file_owner_type(const char *kind)
{
    return !kind                      ? NULL
           : !strcmp(kind, "photo")   ? "market_photo"
           : !strcmp(kind, "licence") ? "market_licence"
                                      : NULL;
}

static int image_or_pdf(const char *type, int pdf_too)
{
    return type && (!strcmp(type, "image/jpeg") || !strcmp(type, "image/png") ||
                    !strcmp(type, "image/webp") || (pdf_too && !strcmp(type, "application/pdf")));
}

int market_app_attach(wy_ctx *ctx, int64_t app_id, const char *kind, const attachment_file *f,
                      attachment *out)
{
    const char *owner_type = file_owner_type(kind);
    if (!owner_type)
        return wy_fail_field(ctx, E_INVALID, "bad_kind", "A file is a photo or a licence.", "kind");
    int64_t max = config_module_int(ctx->cfg, "markets", "max_file_kib") * 1024;
    if (attachment_check(ctx, f, max, "file") < 0)
        return -1;
    if (!image_or_pdf(f->content_type, !strcmp(kind, "licence")))
        return wy_fail_field(ctx, E_INVALID, "bad_content_type",
                             "Photos are JPEG, PNG or WebP images; a licence may be a PDF too.",
                             "file");
    if (tx_begin(ctx) < 0)
        return -1;
    market_application a;
    market m;
    int res = load_own(ctx, app_id, &a, &m);
    if (res == 0 && strcmp(a.status, "draft"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state", "Files are added to a draft only.");
    attachment *have;
    size_t nhave = 0;
    if (res == 0 && attachment_list(ctx, owner_type, app_id, &have, &nhave) < 0)
        res = -1;
    if (res == 0 && nhave >= (!strcmp(kind, "photo") ? MARKET_MAX_PHOTOS : 2))
        res = wy_fail_field(ctx, E_RULE, "too_many_files",
                            "An application has at most 6 photos and 2 licence files.", "file");
    if (res == 0)
        res = attachment_add_tx(ctx, owner_type, app_id, m.division, f, out);
    if (res == 0)
        res = audit_add(ctx, "market_application.file", "market_application", app_id, m.division,
                        a.status, a.status, kind);
    return tx_end(ctx, res);
}

int market_app_submit(wy_ctx *ctx, int64_t app_id)
{
    if (tx_begin(ctx) < 0)
        return -1;
    market_application a;
    market m;
    int res = load_own(ctx, app_id, &a, &m);
    if (res == 0 && strcmp(a.status, "draft"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state", "Only a draft can be submitted.");
    if (res == 0 && !window_open(&m, ctx->now))
        res = wy_fail(ctx, E_CONFLICT, "window_closed",
                      "Applications to this market are not open now.");
    if (res == 0 && market_category_index(a.category) == MARKET_FOOD) {
        attachment *lic;
        size_t nlic = 0;
        if (attachment_list(ctx, "market_licence", app_id, &lic, &nlic) < 0)
            res = -1;
        else if (nlic == 0)
            res =
                wy_fail_field(ctx, E_RULE, "licence_required",
                              "A food stall needs its food-business licence attached.", "licence");
    }
    int rc;
    if (res == 0 &&
        (rc = store_market_app_set_status(ctx->c, app_id, "draft", "submitted", ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "application");
    if (res == 0)
        res = audit_add(ctx, "market_application.submit", "market_application", app_id, m.division,
                        "draft", "submitted", NULL);
    return tx_end(ctx, res);
}

/* Free the place of an accepted (or confirmed) application and promote the reserve list of
 * its category in order; inside the caller's transaction. */
static int release_place(wy_ctx *ctx, const market *m, const market_application *a)
{
    int rc = store_market_category_release(ctx->c, m->id, a->category);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "category");
    if (ctx->now >= m->starts_at)
        return 0; /* too late for a reserve to come */
    market_category *cats;
    size_t ncats;
    if ((rc = store_market_categories(ctx->c, ctx->a, m->id, &cats, &ncats)) != WY_OK)
        return wy_fail_store(ctx, rc, "categories");
    for (size_t i = 0; i < ncats; i++) {
        if (strcmp(cats[i].category, a->category))
            continue;
        int64_t promoted[8];
        size_t np = 0;
        rc = seats_promote(ctx->c, &market_reserve_ops, cats[i].id, ctx->now, promoted,
                           sizeof(promoted) / sizeof(promoted[0]), &np);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "promote");
        for (size_t k = 0; k < np && k < sizeof(promoted) / sizeof(promoted[0]); k++) {
            if (audit_add(ctx, "market_application.promote", "market_application", promoted[k],
                          m->division, "reserve", "accepted", a->category) < 0)
                return -1;
            /* a place is theirs now, to confirm before its deadline */
            market_application p;
            if ((rc = store_market_app_get(ctx->c, ctx->a, promoted[k], &p)) != WY_OK)
                return wy_fail_store(ctx, rc, "promoted");
            if (market_tell(ctx, &market_kind_promoted, m, &p, NULL) < 0)
                return -1;
        }
    }
    return 0;
}

int market_app_withdraw(wy_ctx *ctx, int64_t app_id)
{
    if (tx_begin(ctx) < 0)
        return -1;
    market_application a;
    market m;
    int res = load_own(ctx, app_id, &a, &m);
    static const char *const live[] = {"draft", "submitted", "accepted", "confirmed", "reserve"};
    int is_live = 0;
    for (size_t i = 0; res == 0 && i < sizeof(live) / sizeof(live[0]); i++)
        is_live |= !strcmp(a.status, live[i]);
    if (res == 0 && !is_live)
        res = wy_fail(ctx, E_CONFLICT, "bad_state", "This application is over already.");
    if (res == 0 && ctx->now >= m.starts_at)
        res = wy_fail(ctx, E_CONFLICT, "started", "The market has started.");
    /* a submitted application may stand in a tie the draw is committed to */
    if (res == 0 && !strcmp(a.status, "submitted"))
        res = market_draw_pending(ctx, m.id);
    int rc;
    if (res == 0 && (rc = store_market_app_set_status(ctx->c, app_id, a.status, "withdrawn",
                                                      ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "application");
    if (res == 0)
        res = audit_add(ctx, "market_application.withdraw", "market_application", app_id,
                        m.division, a.status, "withdrawn", NULL);
    if (res == 0 && (!strcmp(a.status, "accepted") || !strcmp(a.status, "confirmed")))
        res = release_place(ctx, &m, &a);
    return tx_end(ctx, res);
}

int market_app_confirm(wy_ctx *ctx, int64_t app_id)
{
    if (tx_begin(ctx) < 0)
        return -1;
    market_application a;
    market m;
    int res = load_own(ctx, app_id, &a, &m);
    if (res == 0 && strcmp(a.status, "accepted"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state", "Only an accepted place is confirmed.");
    if (res == 0 && ctx->now >= a.confirm_by)
        res = wy_fail(ctx, E_CONFLICT, "confirm_late", "The time to confirm has passed.");
    int rc;
    if (res == 0 && (rc = store_market_app_set_status(ctx->c, app_id, "accepted", "confirmed",
                                                      ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "application");
    if (res == 0)
        res = audit_add(ctx, "market_application.confirm", "market_application", app_id, m.division,
                        "accepted", "confirmed", NULL);
    return tx_end(ctx, res);
}

int market_lapse_unconfirmed(wy_ctx *ctx, const market *m, int *changed)
{
    market_application *late;
    size_t n;
    int rc = store_market_apps_unconfirmed(ctx->c, ctx->a, m->id, ctx->now, &late, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "unconfirmed");
    for (size_t i = 0; i < n; i++) {
        if ((rc = store_market_app_set_status(ctx->c, late[i].id, "accepted", "lapsed",
                                              ctx->now)) != WY_OK)
            return wy_fail_store(ctx, rc, "lapse");
        if (audit_add(ctx, "market_application.lapse", "market_application", late[i].id,
                      m->division, "accepted", "lapsed", NULL) < 0 ||
            market_tell(ctx, &market_kind_lapsed, m, &late[i], NULL) < 0 ||
            release_place(ctx, m, &late[i]) < 0)
            return -1;
        (*changed)++;
    }
    return 0;
}

static int may_see(wy_ctx *ctx, const market_application *a, const market *m, int *manage,
                   int *panel)
{
    *manage = market_manages(ctx->who, m);
    *panel = market_on_panel(ctx->who, m) && strcmp(a->status, "draft");
    int own = ctx->who && ctx->who->user_id && ctx->who->user_id == a->user_id;
    if (!own && !*manage && !*panel)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return 0;
}

int market_app_get(wy_ctx *ctx, int64_t app_id, market_app_view *out)
{
    memset(out, 0, sizeof(*out));
    if (logged_in(ctx) < 0)
        return -1;
    int rc = store_market_app_get(ctx->c, ctx->a, app_id, &out->a);
    if (rc == WY_OK)
        rc = store_market_get(ctx->c, ctx->a, out->a.market_id, &out->m);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "application");
    int panel;
    if (may_see(ctx, &out->a, &out->m, &out->manage, &panel) < 0)
        return -1;
    out->own = ctx->who->user_id == out->a.user_id;
    if (panel)
        out->excluded = market_reviewer_excluded(ctx->who->user_id, ctx->who->phone, out->a.user_id,
                                                 out->a.contact_phone);
    if (out->manage && !out->own &&
        audit_personal(ctx, "personal.read", "market_application",
                       arena_sprintf(ctx->a, "%lld", (long long)app_id), out->m.division,
                       "stall-holder's contact") < 0)
        return -1;
    if (panel && !out->own && !out->manage) {
        /* the panel judges the offer, not the person: no contact */
        out->a.contact_name = NULL;
        out->a.contact_phone = NULL;
    }
    if ((rc = store_market_record(ctx->c, out->a.user_id, out->m.starts_at, &out->record)) !=
            WY_OK ||
        (rc = store_market_scores(ctx->c, ctx->a, app_id, &out->scores, &out->nscores)) != WY_OK)
        return wy_fail_store(ctx, rc, "application");
    for (size_t i = 0; i < out->nscores; i++)
        if (out->scores[i].reviewer_id == ctx->who->user_id)
            out->scored = 1;
    /* scores are the panel's until the decision: others see them afterwards, a reviewer
     * sees only their own before */
    if (!out->m.decided_at && !out->manage) {
        size_t k = 0;
        for (size_t i = 0; i < out->nscores; i++)
            if (out->scores[i].reviewer_id == ctx->who->user_id)
                out->scores[k++] = out->scores[i];
        out->nscores = k;
    }
    out->may_score = panel && !out->excluded && !out->scored &&
                     !strcmp(out->a.status, "submitted") && !out->m.decided_at;
    if (attachment_list(ctx, "market_photo", app_id, &out->photos, &out->nphotos) < 0 ||
        attachment_list(ctx, "market_licence", app_id, &out->licences, &out->nlicences) < 0)
        return -1;
    return check_mem(ctx);
}

int market_file_get(wy_ctx *ctx, int64_t file_id, attachment *out, const char **data, size_t *len)
{
    if (logged_in(ctx) < 0)
        return -1;
    if (attachment_get(ctx, file_id, out, data, len) < 0)
        return -1;
    if (strcmp(out->owner_type, "market_photo") && strcmp(out->owner_type, "market_licence"))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    market_application a;
    market m;
    int rc = store_market_app_get(ctx->c, ctx->a, out->owner_id, &a);
    if (rc == WY_OK)
        rc = store_market_get(ctx->c, ctx->a, a.market_id, &m);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "application");
    int manage, panel;
    return may_see(ctx, &a, &m, &manage, &panel);
}

int market_my_apps(wy_ctx *ctx, int64_t before, int limit, market_application **out, size_t *n)
{
    if (logged_in(ctx) < 0)
        return -1;
    int rc = store_market_apps_of_user(ctx->c, ctx->a, ctx->who->user_id, before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "applications");
}

int market_apps_list(wy_ctx *ctx, int64_t market_id, int panel, const char *status,
                     const char *category, market_app_row **out, size_t *n)
{
    market m;
    int rc = store_market_get(ctx->c, ctx->a, market_id, &m);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "market");
    if (authz_require(ctx, panel ? PERM_MARKETS_REVIEW : PERM_MARKETS_MANAGE, m.division) < 0)
        return -1;
    if (status && !*status)
        status = NULL;
    if (category && !*category)
        category = NULL;
    if (status && !strcmp(status, "draft"))
        status = "none"; /* drafts are their applicants' own */
    market_application *apps;
    size_t napps;
    if ((rc = store_market_apps(ctx->c, ctx->a, market_id, status, category, &apps, &napps)) !=
        WY_OK)
        return wy_fail_store(ctx, rc, "applications");
    int64_t *mine = NULL;
    size_t nmine = 0;
    if (panel && (rc = store_market_scored_by(ctx->c, ctx->a, market_id, ctx->who->user_id, &mine,
                                              &nmine)) != WY_OK)
        return wy_fail_store(ctx, rc, "scores");
    market_app_row *rows = arena_alloc(ctx->a, (napps + 1) * sizeof(*rows));
    if (!rows)
        return check_mem(ctx);
    for (size_t i = 0; i < napps; i++) {
        rows[i] = (market_app_row){.a = apps[i]};
        if ((rc = store_market_record(ctx->c, apps[i].user_id, m.starts_at, &rows[i].record)) !=
            WY_OK)
            return wy_fail_store(ctx, rc, "record");
        if (panel) {
            rows[i].excluded = market_reviewer_excluded(ctx->who->user_id, ctx->who->phone,
                                                        apps[i].user_id, apps[i].contact_phone);
            for (size_t k = 0; k < nmine; k++)
                rows[i].scored |= mine[k] == apps[i].id;
            rows[i].a.contact_name = NULL;
            rows[i].a.contact_phone = NULL;
        }
    }
    if (!panel && napps > 0 &&
        audit_personal(ctx, "personal.read", "market",
                       arena_sprintf(ctx->a, "%lld", (long long)market_id), m.division,
                       "stall-holders' contacts") < 0)
        return -1;
    *out = rows;
    *n = napps;
    return check_mem(ctx);
}

int market_score_add(wy_ctx *ctx, int64_t app_id, const char *points, const char *comment)
{
    if (!text_ok(comment, 0, 1000))
        return wy_fail_field(ctx, E_INVALID, "bad_comment",
                             "A comment has at most 1000 characters.", "comment");
    if (tx_begin(ctx) < 0)
        return -1;
    market_application a;
    market m;
    int rc = store_market_app_get(ctx->c, ctx->a, app_id, &a);
    if (rc == WY_OK)
        rc = store_market_get(ctx->c, ctx->a, a.market_id, &m);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "application");
    if (res == 0)
        res = authz_require(ctx, PERM_MARKETS_REVIEW, m.division);
    if (res == 0 && !strcmp(a.status, "draft"))
        res = wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    if (res == 0 &&
        market_reviewer_excluded(ctx->who->user_id, ctx->who->phone, a.user_id, a.contact_phone))
        res = wy_fail(ctx, E_FORBIDDEN, "own_application",
                      "Nobody scores an application of their own.");
    if (res == 0 && (strcmp(a.status, "submitted") || m.decided_at))
        res = wy_fail(ctx, E_CONFLICT, "bad_state", "Only a submitted application is scored.");
    if (res == 0)
        res = market_draw_pending(ctx, m.id);
    market_criterion crit[MARKET_RUBRIC_MAX];
    size_t ncrit = 0;
    int64_t total = 0;
    const char *bad = NULL;
    if (res == 0 && market_rubric_parse(ctx->a, m.rubric, crit, &ncrit) < 0)
        res = wy_fail(ctx, E_INTERNAL, "bad_rubric", "The market's rubric cannot be read.");
    if (res == 0 && market_score_check(crit, ncrit, points, &total, &bad) < 0)
        res = wy_fail_field(ctx, E_INVALID, "bad_points",
                            "Give each criterion of the rubric a whole number of points from 0 "
                            "to its maximum.",
                            bad ? bad : "points");
    if (res == 0) {
        market_score s = {app_id, ctx->who->user_id, points, total, comment, 0, NULL};
        rc = store_market_score_add(ctx->c, &s, ctx->now);
        if (rc == WY_CONSTRAINT)
            res = wy_fail(ctx, E_CONFLICT, "already_scored",
                          "You have scored this application; a score is final.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "score");
    }
    if (res == 0)
        res = audit_add(ctx, "market_application.score", "market_application", app_id, m.division,
                        a.status, a.status, arena_sprintf(ctx->a, "%lld", (long long)total));
    return tx_end(ctx, res);
}

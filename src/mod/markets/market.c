/* market: the market event itself: writing it, its categories and stall plan, publishing it
 * through review, who sees it (market.h). */
#include "mod/markets/market.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "core/review.h"
#include "mod/venues/venue.h"
#include "util/csvread.h"

static int on_review_status(wy_ctx *ctx, int64_t id, const char *status)
{
    int rc = store_market_set_status(ctx->c, id, status, ctx->now);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "market status");
}

const review_type market_review_type = {"market", on_review_status};

int market_manages(const principal *who, const market *m)
{
    return authz_allows(who, PERM_MARKETS_MANAGE, m->division);
}

int market_on_panel(const principal *who, const market *m)
{
    return authz_allows(who, PERM_MARKETS_REVIEW, m->division);
}

static int text_ok(const char *s, size_t min, size_t max)
{
    if (!s)
        return min == 0;
    size_t n = strlen(s);
    return utf8_valid(s, n) && utf8_length(s) >= min && utf8_length(s) <= max;
}

#define DAY_MS   (24 * 3600 * 1000LL)
#define YEAR2_MS (2 * 366 * DAY_MS)

/* Check a market's fields (m whole) and its categories. */
static int check_market(wy_ctx *ctx, const market *m, const market_category *cats, size_t ncats)
{
    if (!text_ok(m->title, 1, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 100 characters.",
                             "title");
    if (!text_ok(m->description, 0, 5000))
        return wy_fail_field(ctx, E_INVALID, "bad_description",
                             "A description has at most 5000 characters.", "description");
    if (!text_ok(m->address, 0, 200))
        return wy_fail_field(ctx, E_INVALID, "bad_address",
                             "An address has at most 200 characters.", "address");
    if (isnan(m->lon) != isnan(m->lat) ||
        (!isnan(m->lon) && (m->lon < -180 || m->lon > 180 || m->lat < -90 || m->lat > 90)))
        return wy_fail_field(ctx, E_INVALID, "bad_location",
                             "A location has both lon (-180..180) and lat (-90..90).", "lon");
    if (!m->venue_id && (!m->address || !*m->address || isnan(m->lon)))
        return wy_fail_field(ctx, E_INVALID, "site_required",
                             "A market is at a venue, or at a place with an address and a "
                             "location.",
                             "venue_id");
    if (m->starts_at <= 0 || m->ends_at <= m->starts_at || m->ends_at - m->starts_at > 31 * DAY_MS)
        return wy_fail_field(ctx, E_INVALID, "bad_dates",
                             "A market ends after it starts, within 31 days.", "ends_at");
    if (m->apply_opens_at <= 0 || m->apply_closes_at <= m->apply_opens_at ||
        m->apply_closes_at > m->starts_at)
        return wy_fail_field(ctx, E_INVALID, "bad_window",
                             "Applications open before they close, and close before the market "
                             "starts.",
                             "apply_closes_at");
    if (m->confirm_by < m->apply_closes_at || m->confirm_by > m->starts_at)
        return wy_fail_field(ctx, E_INVALID, "bad_confirm_by",
                             "The confirmation deadline falls between the close of applications "
                             "and the start.",
                             "confirm_by");
    if (m->fee_fen < 0 || m->fee_fen > 100000000 || m->deposit_fen < 0 ||
        m->deposit_fen > 100000000)
        return wy_fail_field(ctx, E_INVALID, "bad_fee",
                             "Fees and deposits are 0 to 1,000,000 yuan, in fen.", "fee_fen");
    if (m->min_reviews < 1 || m->min_reviews > 20)
        return wy_fail_field(ctx, E_INVALID, "bad_min_reviews",
                             "An application needs 1 to 20 scores.", "min_reviews");
    if (m->confirm_hours < 1 || m->confirm_hours > 720 || m->late_minutes < 0 ||
        m->late_minutes > 720)
        return wy_fail_field(ctx, E_INVALID, "bad_hours",
                             "confirm_hours is 1 to 720 and late_minutes 0 to 720.",
                             "confirm_hours");
    market_criterion rc[MARKET_RUBRIC_MAX];
    size_t nrc;
    if (market_rubric_parse(ctx->a, m->rubric, rc, &nrc) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_rubric",
                             "A rubric is a list of 1 to 10 criteria: key, name and max (1 to "
                             "100 points).",
                             "rubric");
    if (m->pass_mark < 0 || m->pass_mark > market_rubric_max(rc, nrc))
        return wy_fail_field(ctx, E_INVALID, "bad_pass_mark",
                             "The pass mark lies between 0 and the rubric's highest total.",
                             "pass_mark");
    if (cats) {
        int seen[MARKET_NCATEGORIES] = {0}, places = 0;
        for (size_t i = 0; i < ncats; i++) {
            int k = market_category_index(cats[i].category);
            if (k < 0 || seen[k] || cats[i].quota < 0 || cats[i].quota > 1000)
                return wy_fail_field(ctx, E_INVALID, "bad_categories",
                                     "Categories are cultural_creative, intangible_heritage, "
                                     "books, food and local_produce, each once, with a quota of "
                                     "0 to 1000.",
                                     "categories");
            seen[k] = 1;
            places += cats[i].quota;
        }
        if (places == 0)
            return wy_fail_field(ctx, E_INVALID, "bad_categories",
                                 "A market offers at least one place.", "categories");
    }
    return 0;
}

/* Take the division (and, when not given, the address and place) from the venue. */
static int fill_from_venue(wy_ctx *ctx, market *m)
{
    if (!m->venue_id)
        return 0;
    venue v;
    if (venue_brief(ctx, m->venue_id, &v) < 0) {
        if (ctx->err.cls == E_NOTFOUND)
            return wy_fail_field(ctx, E_INVALID, "unknown_venue", "No such venue.", "venue_id");
        return -1;
    }
    ctx->err = (wy_error){0};
    m->division = v.division;
    if (!m->address || !*m->address)
        m->address = v.address;
    if (isnan(m->lon) && !isnan(v.lon)) {
        m->lon = v.lon;
        m->lat = v.lat;
    }
    return 0;
}

static int normalize_division(wy_ctx *ctx, market *m)
{
    char *div = arena_alloc(ctx->a, DIVISION_CODE_MAX);
    if (!div)
        return check_mem(ctx);
    if (!m->division || division_normalize(m->division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    m->division = div;
    division d;
    int rc = store_division_get(ctx->c, ctx->a, div, &d);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_division", "No such division.", "division");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "division");
}

int market_create(wy_ctx *ctx, market *m, const market_category *cats, size_t ncats, int64_t *id)
{
    if (!m->rubric)
        m->rubric = market_default_rubric;
    if (fill_from_venue(ctx, m) < 0 || normalize_division(ctx, m) < 0 ||
        check_market(ctx, m, cats, ncats) < 0 ||
        authz_require(ctx, PERM_MARKETS_MANAGE, m->division) < 0)
        return -1;
    if (!cats)
        return wy_fail_field(ctx, E_INVALID, "bad_categories",
                             "A market offers at least one place.", "categories");
    if (tx_begin(ctx) < 0)
        return -1;
    m->created_by = ctx->who->user_id;
    int rc = store_market_create(ctx->c, m, ctx->now, id);
    if (rc == WY_OK)
        rc = store_market_categories_set(ctx->c, *id, cats, ncats);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "market create");
    if (res == 0)
        res = review_author_add(ctx, "market", *id);
    if (res == 0)
        res = audit_add(ctx, "market.create", "market", *id, m->division, NULL, "draft", m->title);
    return tx_end(ctx, res);
}

int market_update(wy_ctx *ctx, market *m, const market_category *cats, size_t ncats)
{
    market old;
    int rc = store_market_get(ctx->c, ctx->a, m->id, &old);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "market");
    if (authz_require(ctx, PERM_MARKETS_MANAGE, old.division) < 0)
        return -1;
    int editable = !strcmp(old.status, "draft") || !strcmp(old.status, "rejected");
    if (!editable) {
        /* after submission only the logistics of selection may move, before the decision */
        int same =
            !strcmp(old.title, m->title) &&
            !strcmp(old.description ? old.description : "", m->description ? m->description : "") &&
            old.venue_id == m->venue_id && old.starts_at == m->starts_at &&
            old.ends_at == m->ends_at && old.apply_opens_at == m->apply_opens_at &&
            old.fee_fen == m->fee_fen && old.deposit_fen == m->deposit_fen &&
            !strcmp(old.rubric, m->rubric) && old.min_reviews == m->min_reviews &&
            old.pass_mark == m->pass_mark && !strcmp(old.division, m->division) && !cats;
        if (!same || old.decided_at)
            return wy_fail(ctx, E_CONFLICT, "bad_state",
                           "Once submitted, only the close of applications, the confirmation "
                           "deadline and the rules of the stalls change, before the decision.");
        /* the draw of the ties is committed to the applications as the window closed */
        if (old.apply_closes_at != m->apply_closes_at && market_draw_pending(ctx, old.id) < 0)
            return -1;
    } else if (m->venue_id != old.venue_id && fill_from_venue(ctx, m) < 0) {
        return -1;
    }
    if (normalize_division(ctx, m) < 0 || check_market(ctx, m, cats, ncats) < 0 ||
        authz_require(ctx, PERM_MARKETS_MANAGE, m->division) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    rc = store_market_update(ctx->c, m, ctx->now);
    if (rc == WY_OK && cats)
        rc = store_market_categories_set(ctx->c, m->id, cats, ncats);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "market update");
    if (res == 0 && editable)
        res = review_author_add(ctx, "market", m->id);
    if (res == 0)
        res = audit_add(ctx, "market.update", "market", m->id, m->division, old.status, old.status,
                        m->title);
    return tx_end(ctx, res);
}

int market_submit(wy_ctx *ctx, int64_t id, const char **status)
{
    if (tx_begin(ctx) < 0)
        return -1;
    market m;
    int rc = store_market_get(ctx->c, ctx->a, id, &m);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "market");
    if (res == 0)
        res = authz_require(ctx, PERM_MARKETS_MANAGE, m.division);
    if (res == 0 && strcmp(m.status, "draft") && strcmp(m.status, "rejected"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state",
                      "Only a draft or a rejected market can be submitted.");
    market_stall *s;
    size_t ns = 0;
    if (res == 0 && (rc = store_market_stalls(ctx->c, ctx->a, id, &s, &ns)) != WY_OK)
        res = wy_fail_store(ctx, rc, "stalls");
    if (res == 0 && ns == 0)
        res = wy_fail_field(ctx, E_RULE, "no_stalls", "A market needs its stall plan first.",
                            "stalls");
    if (res == 0 && m.apply_closes_at <= ctx->now)
        res = wy_fail_field(ctx, E_RULE, "window_over",
                            "The window for applications has closed already.", "apply_closes_at");
    if (res == 0)
        res = review_submit_tx(ctx, "market", id, m.division, m.title, status);
    return tx_end(ctx, res);
}

int market_get(wy_ctx *ctx, int64_t id, market_view *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_market_get(ctx->c, ctx->a, id, &out->m);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "market");
    out->manage = market_manages(ctx->who, &out->m);
    out->review = market_on_panel(ctx->who, &out->m);
    if (strcmp(out->m.status, "published") && !out->manage && !out->review &&
        !(ctx->who && ctx->who->user_id && ctx->who->user_id == out->m.created_by) &&
        !authz_allows(ctx->who, PERM_REVIEW, out->m.division))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    if ((rc = store_market_categories(ctx->c, ctx->a, id, &out->cats, &out->ncats)) != WY_OK ||
        (rc = store_market_stalls(ctx->c, ctx->a, id, &out->stalls, &out->nstalls)) != WY_OK)
        return wy_fail_store(ctx, rc, "market");
    if (market_rubric_parse(ctx->a, out->m.rubric, out->rubric, &out->nrubric) < 0)
        out->nrubric = 0;
    out->division_name = division_name(ctx, out->m.division);
    if (out->m.venue_id) {
        venue v;
        if (venue_brief(ctx, out->m.venue_id, &v) == 0)
            out->venue_name = v.name;
        ctx->err = (wy_error){0};
    }
    return check_mem(ctx);
}

int market_list(wy_ctx *ctx, const char *division, perm p, int64_t before, int limit, market **out,
                size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (p != PERM_PUBLIC) {
        const char *scope = authz_scope(ctx->who, p);
        if (!scope)
            return authz_require(ctx, p, NULL);
        if (!*div || !division_contains(scope, div)) {
            if (*div && !division_contains(div, scope))
                return wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
            snprintf(div, sizeof(div), "%s", scope);
        }
    }
    int rc = store_market_list(ctx->c, ctx->a, div, p == PERM_MARKETS_MANAGE ? NULL : "published",
                               before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "market list");
}

static int stall_text_ok(const char *s, size_t max)
{
    return s && *s && text_ok(s, 1, max) && !strpbrk(s, "\r\n");
}

int market_set_stalls(wy_ctx *ctx, int64_t id, const market_stall *s, size_t n)
{
    if (n < 1 || n > MARKET_MAX_STALLS)
        return wy_fail_field(ctx, E_INVALID, "bad_stalls", "A stall plan has 1 to 500 stalls.",
                             "stalls");
    for (size_t i = 0; i < n; i++) {
        int ok = stall_text_ok(s[i].number, 16) && stall_text_ok(s[i].row_label, 16) &&
                 s[i].position >= 1 && s[i].position <= 1000 && s[i].width_cm >= 50 &&
                 s[i].width_cm <= 5000 && s[i].depth_cm >= 50 && s[i].depth_cm <= 5000 &&
                 text_ok(s[i].zone, 0, 100);
        for (size_t j = 0; ok && j < i; j++)
            ok = strcmp(s[i].number, s[j].number) &&
                 (strcmp(s[i].row_label, s[j].row_label) || s[i].position != s[j].position);
        if (!ok)
            return wy_fail_field(ctx, E_INVALID, "bad_stalls",
                                 "Each stall has its own number and its own place in a row "
                                 "(position 1 to 1000), a size of 50 to 5000 cm each way and a "
                                 "zone of at most 100 characters.",
                                 "stalls");
    }
    if (tx_begin(ctx) < 0)
        return -1;
    market m;
    int rc = store_market_get(ctx->c, ctx->a, id, &m);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "market");
    if (res == 0)
        res = authz_require(ctx, PERM_MARKETS_MANAGE, m.division);
    if (res == 0 && m.decided_at)
        res = wy_fail(ctx, E_CONFLICT, "bad_state",
                      "The stall plan is fixed once the stall-holders are chosen.");
    if (res == 0 && (rc = store_market_stalls_set(ctx->c, id, s, n)) != WY_OK)
        res = wy_fail_store(ctx, rc, "stalls");
    if (res == 0) {
        char why[32];
        snprintf(why, sizeof(why), "%zu stalls", n);
        res = audit_add(ctx, "market.stalls", "market", id, m.division, m.status, m.status, why);
    }
    return tx_end(ctx, res);
}

/* pages_lotteries: a lottery's public page (摇号公示), live: what is drawn and by whom while
 * it is open; the commitment, the beacon round, where to check it and a countdown to it once
 * committed; the results per item and per applicant, the waiting lists, the verification and
 * how to verify it yourself once drawn. Until it is drawn, static/lottery.js asks
 * GET /api/v1/lotteries/{id} every few seconds and reloads the page once when its status
 * changes (no script inline: the CSP allows only the site's own files). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lottery_record.h"
#include "mod/lotteries/handlers.h"
#include "util/timeutil.h"

#define PAGE_ROWS 200
#define N_(s)     s /* a msgid translated where it is shown (row) */

static void row(http_req *req, html *h, const char *label, const char *value)
{
    html_lit(h, "<tr><th>");
    web_t(req, h, label);
    html_lit(h, "</th><td><code>");
    html_text(h, value);
    html_lit(h, "</code></td></tr>");
}

static void time_text(html *h, int64_t ms)
{
    char t[40];
    time_format_rfc3339(ms, t, sizeof(t), 0);
    html_lit(h, "<time datetime=\"");
    html_attr(h, t);
    html_lit(h, "\">");
    html_text(h, t);
    html_lit(h, "</time>");
}

static void time_row(http_req *req, html *h, const char *label, int64_t ms)
{
    html_lit(h, "<tr><th>");
    web_t(req, h, label);
    html_lit(h, "</th><td>");
    time_text(h, ms);
    html_lit(h, "</td></tr>");
}

/* The opening tag of a link to a published file (what: "draw.json"). */
static void link_open(html *h, int64_t id, const char *what)
{
    html_lit(h, "<a href=\"/api/v1/lotteries/");
    html_int(h, id);
    html_lit(h, "/");
    html_attr(h, what);
    html_lit(h, "\" download>");
}

/* The four stages, the current one marked. */
static void stages(http_req *req, html *h, const lottery_row *r, int out)
{
    static const char *const names[] = {N_("Open: applications are collected"),
                                        N_("Committed: the inputs are fixed"),
                                        N_("The beacon's round is out"), N_("Drawn")};
    int at = !strcmp(r->status, "open") ? 0 : !strcmp(r->status, "drawn") ? 3 : out ? 2 : 1;
    html_lit(h, "<ol class=\"steps\" id=\"lottery-stages\">");
    for (int i = 0; i < 4; i++) {
        if (i < at)
            html_lit(h, "<li class=\"done\">");
        else if (i == at)
            html_lit(h, "<li class=\"current\" aria-current=\"step\">");
        else
            html_lit(h, "<li>");
        web_t(req, h, names[i]);
        html_lit(h, "</li>");
    }
    html_lit(h, "</ol>");
}

/* The applicants from the from-th (by pseudonym), or the one named q: the receipts. */
static void applicants(http_req *req, html *h, const lottery *l, const char *q, size_t from)
{
    size_t na, ni;
    const lottery_applicant_result *a = lottery_applicants(l, &na);
    const lottery_item_result *it = lottery_items(l, &ni);
    html_lit(h, "<section class=\"card\" id=\"receipts\"><h2>");
    web_t(req, h, "Receipts");
    html_lit(h, "</h2><p class=\"muted\">");
    web_t(req, h,
          "Each applicant is listed by their pseudonym (shown on their own application), with "
          "the ticket drawn for them and their rank.");
    html_lit(h, "</p><form method=\"get\" action=\"#receipts\"><label>");
    web_t(req, h, "Find your pseudonym");
    html_lit(h, " <input name=\"q\" id=\"receipt-q\" maxlength=\"64\" value=\"");
    html_attr(h, q ? q : "");
    html_lit(h, "\"></label> <button type=\"submit\">");
    web_t(req, h, "Find");
    html_lit(h, "</button></form>");
    size_t lo = from, hi = from + PAGE_ROWS;
    if (q && *q) {
        long k = lottery_find_applicant(l, q);
        lo = k < 0 ? na : (size_t)k;
        hi = k < 0 ? na : lo + 1;
        if (k < 0) {
            html_lit(h, "<p class=\"muted\" id=\"receipt-none\">");
            web_t(req, h, "No applicant of this lottery has this pseudonym.");
            html_lit(h, "</p></section>");
            return;
        }
    }
    html_lit(h,
             "<div class=\"scroll\"><table class=\"table\" id=\"receipt-table\"><thead><tr><th>");
    web_t(req, h, "Pseudonym");
    html_lit(h, "</th><th>");
    web_t(req, h, "Rank");
    html_lit(h, "</th><th>");
    web_t(req, h, "Ticket");
    html_lit(h, "</th><th>");
    web_t(req, h, "Places");
    html_lit(h, "</th></tr></thead><tbody>");
    for (size_t i = lo; i < hi && i < na; i++) {
        char ticket[LOTTERY_HEX];
        lottery_hex(a[i].ticket, LOTTERY_HASH, ticket);
        html_lit(h, "<tr><td><code>");
        html_text(h, a[i].id);
        html_lit(h, "</code></td><td>");
        html_int(h, a[i].rank);
        html_lit(h, "</td><td><code>");
        html_text(h, ticket);
        html_lit(h, "</code></td><td>");
        if (!a[i].nassigned)
            web_t(req, h, "none");
        for (uint32_t j = 0; j < a[i].nassigned; j++) {
            const lottery_item_result *x = &it[a[i].assigned[j]];
            if (j)
                html_lit(h, "; ");
            html_text(h, x->name && *x->name ? x->name : x->id);
        }
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div>");
    if ((!q || !*q) && hi < na) {
        html_lit(h, "<p><a href=\"?from=");
        html_int(h, (int64_t)hi);
        html_lit(h, "#receipts\">");
        web_t(req, h, "More");
        html_lit(h, "</a></p>");
    }
    html_lit(h, "</section>");
}

/* One item's admitted and waiting list, in its order (priority class, then rank). */
static void item_lists(http_req *req, html *h, const lottery *l, long k)
{
    size_t na, ni;
    const lottery_applicant_result *a = lottery_applicants(l, &na);
    const lottery_item_result *x = &lottery_items(l, &ni)[k];
    html_lit(h, "<section class=\"card\" id=\"item\"><h2>");
    html_text(h, x->name && *x->name ? x->name : x->id);
    html_lit(h, "</h2>");
    const uint32_t *lists[2] = {x->admitted, x->waiting};
    uint32_t counts[2] = {x->nadmitted, x->nwaiting};
    static const char *const heads[2] = {N_("Admitted"), N_("Waiting list, in order")};
    for (int s = 0; s < 2; s++) {
        html_lit(h, "<h3>");
        web_t(req, h, heads[s]);
        html_lit(h, " (");
        html_int(h, counts[s]);
        html_lit(h, ")</h3>");
        if (!counts[s]) {
            html_lit(h, "<p class=\"muted\">");
            web_t(req, h, "none");
            html_lit(h, "</p>");
            continue;
        }
        html_lit(h, "<ol class=\"pseudonyms\">");
        for (uint32_t j = 0; j < counts[s] && j < 2000; j++) {
            const lottery_applicant_result *p = &a[lists[s][j]];
            html_lit(h, "<li><code>");
            html_text(h, p->id);
            html_lit(h, "</code> <span class=\"muted\">#");
            html_int(h, p->rank);
            html_lit(h, "</span></li>");
        }
        html_lit(h, "</ol>");
        if (counts[s] > 2000) {
            html_lit(h, "<p class=\"muted\">");
            web_t(req, h, "The rest are in the draw file.");
            html_lit(h, "</p>");
        }
    }
    html_lit(h, "</section>");
}

/* The items: places, admitted, waiting; each opens its lists. */
static void items(http_req *req, html *h, const lottery *l, size_t from)
{
    size_t ni;
    const lottery_item_result *it = lottery_items(l, &ni);
    html_lit(h, "<section class=\"card\" id=\"items\"><h2>");
    web_t(req, h, "Results per item");
    html_lit(h, "</h2><div class=\"scroll\"><table class=\"table\"><thead><tr><th>");
    web_t(req, h, "Item");
    html_lit(h, "</th><th>");
    web_t(req, h, "Places");
    html_lit(h, "</th><th>");
    web_t(req, h, "Admitted");
    html_lit(h, "</th><th>");
    web_t(req, h, "Waiting list");
    html_lit(h, "</th></tr></thead><tbody>");
    for (size_t i = from; i < ni && i < from + PAGE_ROWS; i++) {
        html_lit(h, "<tr><td><a href=\"?item=");
        html_attr(h, it[i].id);
        html_lit(h, "#item\">");
        html_text(h, it[i].name && *it[i].name ? it[i].name : it[i].id);
        html_lit(h, "</a></td><td>");
        html_int(h, it[i].places);
        html_lit(h, "</td><td>");
        html_int(h, it[i].nadmitted);
        html_lit(h, "</td><td>");
        html_int(h, it[i].nwaiting);
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div>");
    if (from + PAGE_ROWS < ni) {
        html_lit(h, "<p><a href=\"?items_from=");
        html_int(h, (int64_t)(from + PAGE_ROWS));
        html_lit(h, "#items\">");
        web_t(req, h, "More");
        html_lit(h, "</a></p>");
    }
    html_lit(h, "</section>");
}

static void verification(http_req *req, html *h, const lottery_row *r, const lottery_check *c)
{
    html_lit(h, "<section class=\"card\" id=\"verification\"><h2>");
    web_t(req, h, "Verification");
    html_lit(h, "</h2>");
    if (c->outcome == LOTTERY_VERIFIED) {
        html_lit(h, "<p class=\"verified\" id=\"verify-result\" data-outcome=\"verified\">✓ ");
        web_t(req, h,
              "The published draw file verifies: every ticket, rank, place and waiting list "
              "follows from the committed inputs and the beacon value.");
    } else {
        html_lit(h, "<p class=\"refused\" id=\"verify-result\" data-outcome=\"refused\">✗ ");
        web_t(req, h, "The published draw file does not verify:");
        html_lit(h, " <code>");
        html_text(h, c->message);
        html_lit(h, "</code>");
    }
    html_lit(h, "</p><h3>");
    web_t(req, h, "Check this draw yourself");
    html_lit(h, "</h3><ol><li>");
    web_t(req, h, "Download the draw file and the inputs:");
    html_lit(h, " ");
    link_open(h, r->id, "draw.json");
    html_lit(h, "draw.json</a> · ");
    link_open(h, r->id, "inputs.json");
    html_lit(h, "inputs.json</a>");
    html_lit(h, "</li><li>");
    web_t(req, h,
          "Check that the SHA-256 of the inputs is the commitment published before the round "
          "came out:");
    html_lit(h, "<pre><code>sha256sum inputs.json</code></pre></li><li>");
    web_t(req, h,
          "Check that the beacon value is the round's value at the beacon (the link above).");
    html_lit(h, "</li><li>");
    web_t(req, h,
          "Run the verifier: it recomputes every ticket, rank, place and waiting list from the "
          "inputs and the beacon value, and compares the file byte for byte.");
    html_lit(h, "<pre><code>wenyun lottery verify draw.json</code></pre>");
    web_t(req, h,
          "Or an independent verifier written from the published algorithm alone (docs/lottery.md "
          "defines every byte of it), such as:");
    html_lit(h,
             "<pre><code>node tests/lottery/verify.mjs draw.json</code></pre></li></ol></section>");
}

static void corrections(http_req *req, html *h, const lottery_row *r);

void page_lottery(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    lottery_row r;
    if (lottery_record_get(ctx, req_id(req, 0), &r) < 0) {
        resp_fail(req);
        return;
    }
    lottery_check *c = NULL;
    if (!strcmp(r.status, "drawn") && lottery_record_check(ctx, &r, &c) < 0) {
        resp_fail(req);
        return;
    }
    const lottery *l = c ? c->l : NULL;
    int out = r.commitment && ctx->now >= r.beacon_due_at;
    html h;
    web_begin(req, &h, r.title);
    html_lit(&h, "<article class=\"card\" id=\"lottery\" data-id=\"");
    html_int(&h, r.id);
    html_lit(&h, "\" data-status=\"");
    html_attr(&h, r.status);
    html_lit(&h, "\"><h1>");
    html_text(&h, r.title);
    html_lit(&h, "</h1><p class=\"small\"><a href=\"/lotteries\">");
    web_t(req, &h, "All lotteries");
    html_lit(&h, "</a></p><p class=\"muted\" id=\"lottery-status\">");
    if (!strcmp(r.status, "open"))
        web_t(req, &h, "Not committed yet: applications are being collected");
    else if (!strcmp(r.status, "committed"))
        web_t(req, &h,
              out ? "Committed; the beacon's round is out: waiting for the draw"
                  : "Committed, waiting for the beacon");
    else
        web_t(req, &h, "Drawn");
    html_lit(&h, "</p>");
    stages(req, &h, &r, out);
    if (!strcmp(r.status, "open")) {
        html_lit(&h, "<p>");
        web_t(req, &h,
              "The places are shared out by a verifiable lottery. When the applications close, "
              "staff commit it: the list of applicants (by pseudonym) with their choices, the "
              "places and the rules are fixed and their hash published, together with a future "
              "round of a public randomness beacon that decides the draw.");
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<table class=\"table facts\">");
    row(req, &h, N_("Lottery of"), r.title);
    row(req, &h, N_("Area"), r.division);
    row(req, &h, N_("Algorithm"), r.algorithm);
    if (r.commitment) {
        row(req, &h, N_("Commitment (SHA-256 of the inputs)"), r.commitment);
        time_row(req, &h, N_("Committed at"), r.committed_at);
        row(req, &h, N_("Beacon"), r.beacon_source);
        html_lit(&h, "<tr><th>");
        web_t(req, &h, "Beacon round");
        html_lit(&h, "</th><td id=\"beacon-round\">");
        html_int(&h, r.beacon_round);
        html_lit(&h, "</td></tr>");
        html_lit(&h, "<tr><th>");
        web_t(req, &h, "Round out at");
        html_lit(&h, "</th><td>");
        time_text(&h, r.beacon_due_at);
        if (!strcmp(r.status, "committed")) {
            html_lit(&h, " <span id=\"countdown\" data-due=\"");
            html_int(&h, r.beacon_due_at);
            html_lit(&h, "\"");
            if (out)
                html_lit(&h, " hidden");
            html_lit(&h, ">(");
            web_t(req, &h, "comes out in");
            html_lit(&h, " <span id=\"countdown-left\"></span>)</span> <span id=\"round-out\"");
            if (!out)
                html_lit(&h, " hidden");
            html_lit(&h, ">(");
            web_t(req, &h, "out now");
            html_lit(&h, ")</span>");
        }
        html_lit(&h, "</td></tr>");
        char url[512];
        const char *field = NULL;
        html_lit(&h, "<tr><th>");
        web_t(req, &h, "Check the round at");
        html_lit(&h, "</th><td>");
        if (lottery_beacon_check(r.beacon_source, (uint64_t)r.beacon_round, url, sizeof(url),
                                 &field) == 0) {
            html_lit(&h, "<a id=\"beacon-link\" href=\"");
            html_attr(&h, url);
            html_lit(&h, "\" rel=\"nofollow noopener\">");
            html_text(&h, url);
            html_lit(&h, "</a> (<code>");
            html_text(&h, field);
            html_lit(&h, "</code>)");
        } else {
            web_t(req, &h, "the beacon's own site");
        }
        html_lit(&h, "</td></tr>");
    }
    if (r.seed) {
        row(req, &h, N_("Beacon value"), r.beacon_value);
        row(req, &h, N_("Seed"), r.seed);
        time_row(req, &h, N_("Drawn at"), r.drawn_at);
    }
    html_lit(&h, "</table>");
    if (r.commitment) {
        html_lit(&h, "<p>");
        link_open(&h, r.id, "inputs.json");
        web_t(req, &h, "The inputs committed to");
        html_lit(&h, "</a>");
        if (c) {
            html_lit(&h, " · ");
            link_open(&h, r.id, "draw.json");
            web_t(req, &h, "The draw file");
            html_lit(&h, "</a>");
        }
        html_lit(&h, "</p>");
    }
    html_lit(&h, "</article>");
    if (c) {
        verification(req, &h, &r, c);
        if (l) {
            const char *item = req_query(req, "item");
            long k = item ? lottery_find_item(l, item) : -1;
            if (k >= 0)
                item_lists(req, &h, l, k);
            const char *ifrom = req_query(req, "items_from");
            long fi = ifrom ? strtol(ifrom, NULL, 10) : 0;
            items(req, &h, l, fi > 0 ? (size_t)fi : 0);
            const char *from = req_query(req, "from");
            long f = from ? strtol(from, NULL, 10) : 0;
            applicants(req, &h, l, req_query(req, "q"), f > 0 ? (size_t)f : 0);
        }
        lottery_check_release(c);
        corrections(req, &h, &r);
    } else {
        if (!strcmp(r.status, "drawn")) { /* a large file, being verified on its own thread */
            html_lit(&h, "<section class=\"card\" id=\"verification\"><h2>");
            web_t(req, &h, "Verification");
            html_lit(&h, "</h2><p class=\"muted\" id=\"verify-result\" data-outcome=\"pending\">");
            web_t(req, &h,
                  "The draw file is being verified; this page shows the outcome and the results "
                  "once it is done.");
            html_lit(&h, "</p></section>");
        }
        html_lit(&h, "<script src=\"/static/lottery.js\" defer></script>");
    }
    web_end(req, &h, 200);
}

/* ---- corrections ---- */

/* A form that posts to base + id + tail (and comes back to the lottery's corrections). */
static void form_open(http_req *req, html *h, const char *base, int64_t id, const char *tail,
                      const char *cls)
{
    html_lit(h, "<form method=\"post\" class=\"");
    html_attr(h, cls);
    html_lit(h, "\" action=\"");
    html_attr(h, base);
    html_int(h, id);
    html_attr(h, tail);
    html_lit(h, "\">");
    web_csrf_field(req, h);
}

static void correction_item(http_req *req, html *h, const lottery_correction_row *c, int staff)
{
    html_lit(h, "<li class=\"correction\" data-status=\"");
    html_attr(h, c->status);
    html_lit(h, "\"><p><strong>");
    web_t(req, h, !strcmp(c->action, "annul") ? "Annulment" : "Erratum");
    html_lit(h, "</strong> · ");
    if (!strcmp(c->status, "applied")) {
        web_t(req, h, "applied");
        html_lit(h, " ");
        time_text(h, c->decided_at);
    } else if (!strcmp(c->status, "proposed")) {
        web_t(req, h, "proposed, waiting for a second member of staff to apply it");
    } else {
        web_t(req, h, "cancelled");
    }
    html_lit(h, "</p>");
    if (*c->applicant) {
        html_lit(h, "<p>");
        web_t(req, h, "Applicant (pseudonym):");
        html_lit(h, " <code>");
        html_text(h, c->applicant);
        html_lit(h, "</code></p>");
    }
    html_lit(h, "<p class=\"reason\">");
    html_text(h, c->reason);
    html_lit(h, "</p>");
    if (staff && !strcmp(c->status, "proposed")) {
        form_open(req, h, "/lottery-corrections/", c->id, "/apply", "inline");
        html_lit(h, "<button type=\"submit\">");
        web_t(req, h, "Apply");
        html_lit(h, "</button></form> ");
        form_open(req, h, "/lottery-corrections/", c->id, "/cancel", "inline");
        html_lit(h, "<button type=\"submit\" class=\"secondary\">");
        web_t(req, h, "Cancel");
        html_lit(h, "</button></form>");
    }
    html_lit(h, "</li>");
}

/* A drawn lottery's corrections, below its results that never change; for its staff, the
 * proposals too and the form to propose one. */
static void corrections(http_req *req, html *h, const lottery_row *r)
{
    wy_ctx *ctx = req_ctx(req);
    lottery_correction_row *cs;
    size_t n;
    int staff = 0;
    if (lottery_correction_list(ctx, r->id, &cs, &n, &staff) < 0) {
        ctx->err = (wy_error){0};
        return;
    }
    html_lit(h, "<section class=\"card\" id=\"corrections\"><h2>");
    web_t(req, h, "Corrections");
    html_lit(h, "</h2><p class=\"muted\">");
    web_t(req, h,
          "The draw and its file never change. A correction (an applicant's results annulled, "
          "or an erratum) is a record of its own, published here with its reason once a second "
          "member of staff has applied it.");
    html_lit(h, "</p>");
    const char *msg = req_query(req, "msg");
    if (msg && !strcmp(msg, "correction_proposed")) {
        html_lit(h, "<p class=\"flash\" role=\"status\">");
        web_t(req, h, "The correction is proposed: another member of staff applies it.");
        html_lit(h, "</p>");
    } else if (msg && !strcmp(msg, "correction_decided")) {
        html_lit(h, "<p class=\"flash\" role=\"status\">");
        web_t(req, h, "The correction is decided.");
        html_lit(h, "</p>");
    }
    if (!n) {
        web_empty(req, h, "No correction: the results stand as drawn.");
    } else {
        html_lit(h, "<ol class=\"corrections\">");
        for (size_t i = 0; i < n; i++)
            correction_item(req, h, &cs[i], staff);
        html_lit(h, "</ol>");
    }
    if (staff) {
        html_lit(h, "<details><summary>");
        web_t(req, h, "Propose a correction");
        html_lit(h, "</summary>");
        form_open(req, h, "/lotteries/", r->id, "/corrections", "stack");
        html_lit(h, "<label>");
        web_t(req, h, "What");
        html_lit(h, " <select name=\"action\"><option value=\"annul\">");
        web_t(req, h, "Annul an applicant's results (not eligible, a duplicate identity)");
        html_lit(h, "</option><option value=\"erratum\">");
        web_t(req, h, "Erratum: a statement that changes no result");
        html_lit(h, "</option></select></label><label>");
        web_t(req, h, "Applicant (pseudonym in the draw file)");
        html_lit(
            h, " <input name=\"applicant\" maxlength=\"120\" autocomplete=\"off\"></label><label>");
        web_t(req, h, "Reason (published)");
        html_lit(h, " <textarea name=\"reason\" required minlength=\"5\" maxlength=\"500\" "
                    "rows=\"3\"></textarea></label><button type=\"submit\">");
        web_t(req, h, "Propose");
        html_lit(h, "</button></form></details>");
    }
    html_lit(h, "</section>");
}

static void back_to(http_req *req, int64_t lottery_id, const char *msg)
{
    resp_redirect(req, arena_sprintf(&req->a, "/lotteries/%lld?msg=%s#corrections",
                                     (long long)lottery_id, msg));
}

void page_lottery_correction_propose(http_req *req)
{
    lottery_correction_row c;
    if (lottery_correction_propose(req_ctx(req), req_id(req, 0), req_form(req, "action"),
                                   req_form(req, "applicant"), req_form(req, "reason"), &c) < 0)
        resp_fail(req);
    else
        back_to(req, c.lottery_id, "correction_proposed");
}

static void page_decide(http_req *req, int apply)
{
    lottery_correction_row c;
    if (lottery_correction_decide(req_ctx(req), req_id(req, 0), apply, &c) < 0)
        resp_fail(req);
    else
        back_to(req, c.lottery_id, "correction_decided");
}

void page_lottery_correction_apply(http_req *req)
{
    page_decide(req, 1);
}

void page_lottery_correction_cancel(http_req *req)
{
    page_decide(req, 0);
}

/* The lotteries, newest first (of an area with ?division=), each with its stage and a link to
 * its page. */
void page_lotteries(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    const char *division = req_query(req, "division");
    lottery_row *rows;
    size_t n;
    if (lottery_record_list(req_ctx(req), division, cursor, limit, &rows, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Lotteries"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Lotteries");
    html_lit(&h, "</h1><p class=\"muted\">");
    web_t(req, &h,
          "Every draw of places by lot, public from its opening: what was committed to before "
          "the draw, the beacon that decided it, the results and the file anyone can check.");
    html_lit(&h, "</p><section class=\"card\">");
    if (n == 0)
        web_empty(req, &h, "No lottery yet.");
    html_lit(&h, "<ul class=\"list\" id=\"lottery-list\">");
    for (size_t i = 0; i < n; i++) {
        const lottery_row *r = &rows[i];
        html_lit(&h, "<li><a href=\"/lotteries/");
        html_int(&h, r->id);
        html_lit(&h, "\"><strong>");
        html_text(&h, r->title);
        html_lit(&h, "</strong></a> ");
        if (!strcmp(r->status, "drawn"))
            web_badge(req, &h, "approved", N_("Drawn"));
        else if (!strcmp(r->status, "committed"))
            web_badge(req, &h, "pending", N_("Committed"));
        else
            web_badge(req, &h, "open", N_("Open"));
        html_lit(&h, " <span class=\"muted\">");
        if (r->drawn_at)
            time_text(&h, r->drawn_at);
        else if (r->committed_at)
            time_text(&h, r->committed_at);
        else
            time_text(&h, r->created_at);
        html_lit(&h, "</span></li>");
    }
    html_lit(&h, "</ul>");
    if (n == (size_t)limit) {
        const char *params[] = {"division", division, "limit", req_query(req, "limit"), NULL};
        web_pager_id(req, &h, "/lotteries", rows[n - 1].id, params);
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

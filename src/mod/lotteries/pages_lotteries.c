/* pages_lotteries: a lottery's public page (摇号公示): the commitment, the beacon round and
 * where to check it, and once drawn the results by pseudonym and how to verify them. */
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

static void time_row(http_req *req, html *h, const char *label, int64_t ms)
{
    char t[40];
    time_format_rfc3339(ms, t, sizeof(t), 0);
    row(req, h, label, t);
}

/* The applicants from the from-th (by pseudonym), or the one named q. */
static void results(http_req *req, html *h, const lottery *l, const char *q, size_t from)
{
    size_t na, ni;
    const lottery_applicant_result *a = lottery_applicants(l, &na);
    const lottery_item_result *it = lottery_items(l, &ni);
    html_lit(h, "<section class=\"card\"><h2>");
    web_t(req, h, "Results");
    html_lit(h, "</h2><form method=\"get\"><label>");
    web_t(req, h, "Find your pseudonym");
    html_lit(h, " <input name=\"q\" maxlength=\"64\" value=\"");
    html_attr(h, q ? q : "");
    html_lit(h, "\"></label> <button type=\"submit\">");
    web_t(req, h, "Find");
    html_lit(h, "</button></form><table class=\"table\"><thead><tr><th>");
    web_t(req, h, "Pseudonym");
    html_lit(h, "</th><th>");
    web_t(req, h, "Rank");
    html_lit(h, "</th><th>");
    web_t(req, h, "Ticket");
    html_lit(h, "</th><th>");
    web_t(req, h, "Places");
    html_lit(h, "</th></tr></thead><tbody>");
    size_t lo = from, hi = from + PAGE_ROWS;
    if (q && *q) {
        long k = lottery_find_applicant(l, q);
        lo = k < 0 ? na : (size_t)k;
        hi = k < 0 ? na : lo + 1;
    }
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
    html_lit(h, "</tbody></table>");
    if ((!q || !*q) && hi < na) {
        html_lit(h, "<p><a href=\"?from=");
        html_int(h, (int64_t)hi);
        html_lit(h, "\">");
        web_t(req, h, "More");
        html_lit(h, "</a></p>");
    }
    html_lit(h, "</section>");
}

void page_lottery(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    lottery_row r;
    if (lottery_record_get(ctx, req_id(req, 0), &r) < 0) {
        resp_fail(req);
        return;
    }
    lottery *l = NULL;
    if (!strcmp(r.status, "drawn") && lottery_record_load(ctx, r.id, &l) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, r.title);
    html_lit(&h, "<article class=\"card\"><h1>");
    html_text(&h, r.title);
    html_lit(&h, "</h1><p class=\"muted\">");
    if (!strcmp(r.status, "open"))
        web_t(req, &h, "Not committed yet");
    else if (!strcmp(r.status, "committed"))
        web_t(req, &h, "Committed, waiting for the beacon");
    else
        web_t(req, &h, "Drawn");
    html_lit(&h, "</p><table class=\"table\">");
    row(req, &h, N_("Algorithm"), r.algorithm);
    if (r.commitment) {
        row(req, &h, N_("Commitment (SHA-256 of the inputs)"), r.commitment);
        time_row(req, &h, N_("Committed at"), r.committed_at);
        row(req, &h, N_("Beacon"), r.beacon_source);
        html_lit(&h, "<tr><th>");
        web_t(req, &h, "Beacon round");
        html_lit(&h, "</th><td>");
        html_int(&h, r.beacon_round);
        html_lit(&h, "</td></tr>");
        time_row(req, &h, N_("Round out at"), r.beacon_due_at);
        char url[512];
        const char *field = NULL;
        html_lit(&h, "<tr><th>");
        web_t(req, &h, "Check the round at");
        html_lit(&h, "</th><td>");
        if (lottery_beacon_check(r.beacon_source, (uint64_t)r.beacon_round, url, sizeof(url),
                                 &field) == 0) {
            html_lit(&h, "<a href=\"");
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
        html_lit(&h, "<p><a href=\"/api/v1/lotteries/");
        html_int(&h, r.id);
        html_lit(&h, "/inputs.json\">");
        web_t(req, &h, "The inputs committed to");
        html_lit(&h, "</a>");
        if (l) {
            html_lit(&h, " · <a href=\"/api/v1/lotteries/");
            html_int(&h, r.id);
            html_lit(&h, "/draw.json\">");
            web_t(req, &h, "The draw file");
            html_lit(&h, "</a>");
        }
        html_lit(&h, "</p>");
    }
    html_lit(&h, "</article>");
    if (l) {
        const char *from = req_query(req, "from");
        long f = from ? strtol(from, NULL, 10) : 0;
        results(req, &h, l, req_query(req, "q"), f > 0 ? (size_t)f : 0);
        html_lit(&h, "<section class=\"card\"><h2>");
        web_t(req, &h, "Check this draw yourself");
        html_lit(&h, "</h2><p>");
        web_t(req, &h,
              "Download the draw file and run the verifier: it recomputes every ticket, "
              "rank, place and waiting list from the inputs and the beacon value.");
        html_lit(&h, "</p><pre><code>wenyun lottery verify draw.json</code></pre><p>");
        web_t(req, &h,
              "Check that its commitment is the one published above before the round, "
              "and that the beacon value is the round's value at the beacon.");
        html_lit(&h, "</p></section>");
        lottery_free(l);
    }
    web_end(req, &h, 200);
}

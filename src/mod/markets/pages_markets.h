/* pages_markets: what the markets module's pages share (pages_markets.c,
 * pages_market_admin.c). */
#ifndef WY_PAGES_MARKETS_H
#define WY_PAGES_MARKETS_H

#include "mod/markets/market.h"
#include "web/web.h"

#ifndef N_
#define N_(s) s /* a msgid, translated where it is shown */
#endif

/* "2026-11-22 14:30", local time */
void market_when(html *h, int64_t ms);
/* fen as yuan: "50.00" */
void market_money(html *h, int64_t fen);
/* A category's name in the request's language. */
const char *market_category_label(http_req *req, const char *code);
void market_status_badge(http_req *req, html *h, const char *status);
/* The line of ?msg= these pages are sent back with. */
void market_flash(http_req *req, html *h);
/* The stall map as inline SVG: the plan s[0..ns), each holder k at stall at[k] (-1: none)
 * drawn with its stall name and its category's colour. */
void market_map_svg(http_req *req, html *h, const market_stall *s, size_t ns,
                    const market_application *holders, const long *at, size_t nh);

#endif

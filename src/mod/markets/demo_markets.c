/* demo_markets: the culture market of `wenyun demo`. */
#include "mod/markets/market.h"

int markets_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    (void)ctx;
    (void)data_dir;
    (void)verbose;
    return 0;
}

/* csvwrite: see csvwrite.h. */
#include "util/csvwrite.h"

#include <math.h>
#include <string.h>

void csvw_begin(csvw *w, strbuf *out)
{
    *w = (csvw){.out = out};
    if (sb_adds(out, "\xef\xbb\xbf") < 0)
        w->err = 1;
}

static void sep(csvw *w)
{
    if (w->col++ && sb_addc(w->out, ',') < 0)
        w->err = 1;
}

int csvw_formula_like(const char *s)
{
    return s && s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

void csvw_text(csvw *w, const char *s)
{
    sep(w);
    if (!s)
        return;
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    int rc = 0;
    if (quote)
        rc |= sb_addc(w->out, '"');
    if (csvw_formula_like(s))
        rc |= sb_addc(w->out, '\'');
    for (const char *p = s; *p && rc == 0; p++) {
        if (*p == '"')
            rc |= sb_addc(w->out, '"');
        rc |= sb_addc(w->out, *p);
    }
    if (quote)
        rc |= sb_addc(w->out, '"');
    if (rc)
        w->err = 1;
}

void csvw_int(csvw *w, long long v)
{
    sep(w);
    if (sb_addf(w->out, "%lld", v) < 0)
        w->err = 1;
}

void csvw_real(csvw *w, double v, int decimals)
{
    sep(w);
    if (!isnan(v) && sb_addf(w->out, "%.*f", decimals, v) < 0)
        w->err = 1;
}

void csvw_row_end(csvw *w)
{
    if (sb_adds(w->out, "\r\n") < 0)
        w->err = 1;
    w->col = 0;
}

int csvw_finish(const csvw *w)
{
    return w->err ? -1 : 0;
}

const char *csvw_plain(const char *cell)
{
    return cell && cell[0] == '\'' && csvw_formula_like(cell + 1) ? cell + 1 : cell;
}

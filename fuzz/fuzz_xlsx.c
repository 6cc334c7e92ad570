/*
 * fuzz_xlsx: an Excel workbook as the imports read one (xlsx_read_buffer, src/util/xlsxread.c,
 * through libzip and expat). A file either is refused with a message or gives rows that keep
 * xlsxread.h's promises: at most CSV_MAX_FIELDS fields, each a NUL-terminated string, a row
 * number of 1 or more, and never a row without text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xlsxread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_row(const csv_row *row, void *user)
{
    size_t *rows = user;
    if (row->n > CSV_MAX_FIELDS || row->line < 1)
        abort();
    int any = row->too_many;
    for (size_t i = 0; i < row->n; i++) {
        if (!row->f[i])
            abort();
        any |= strspn(row->f[i], " \t\r\n") != strlen(row->f[i]);
    }
    if (!any)
        abort();
    (*rows)++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return 0;
    size_t rows = 0;
    char err[256] = "";
    int rc = xlsx_read_buffer((const char *)data, size, on_row, &rows, err, sizeof(err));
    if (rc < 0 && !err[0])
        abort();
    if (rc > 0)
        abort(); /* on_row never stops */
    return 0;
}

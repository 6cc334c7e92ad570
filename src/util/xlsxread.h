/*
 * xlsxread: the rows of the first worksheet of an Office Open XML workbook (.xlsx), handed to
 * the same callback as csvread's, so an importer reads a CSV and a workbook alike. libzip opens
 * the package and expat reads its parts (the workbook, its relationships, the shared strings
 * and the sheet); this file only maps the cells to rows.
 *
 * Each row's fields are the cells' text by column (A is f[0]), empty where a cell is absent;
 * row.line is the sheet's row number, so a report can name the row the user sees in Excel.
 * Shared strings, inline strings, formulas' cached values, numbers and booleans give their text
 * as Excel stores it (a date is its serial number: the importer decides what a column means).
 * Rows that hold no text are skipped, as csvread skips blank lines.
 *
 * Bounds: the file (xlsx_max_bytes), each part once unpacked (XLSX_MAX_PART), the shared
 * strings and the columns (CSV_MAX_FIELDS, then row.too_many) are limited, so a crafted
 * package (a zip bomb, a million columns) is refused instead of filling memory.
 */
#ifndef WY_XLSXREAD_H
#define WY_XLSXREAD_H

#include <stddef.h>

#include "util/csvread.h"

#define XLSX_MAX_PART ((size_t)64 << 20)

/* Does the buffer start like a zip archive (an .xlsx is one)? */
int xlsx_sniff(const char *data, size_t len);

/* 0 when every row was read; -1 on a file that is not a readable workbook (err says why); or
 * the callback's stop value. */
int xlsx_read_buffer(const char *data, size_t len, csv_row_fn fn, void *user, char *err,
                     size_t errlen);

#endif

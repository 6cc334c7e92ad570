/*
 * standardimport: the reader of a standard's table (评估标准), a CSV in UTF-8 or an Excel
 * workbook's first sheet, as the national grading standards are published: one row per item
 * with its section, number, what it asks, its points, the evidence it needs and, optionally,
 * the source of wenyun's own records that measures it and the figure that earns the full
 * points; rows whose section is 等级 (or "grade") give a grade's least total. It knows no
 * database: the rules (assessments.c) write what it read.
 *
 * Header (one row, in any order; the first row holding 评估项目 or "item"):
 *   章节|section  序号|编号|number  评估项目|项目|item  分值|points  佐证材料|evidence
 *   数据来源|source  满分标准|full_at
 * A row with only a section is a heading the items below stand under; a blank section cell
 * keeps the one above. Grades: 特级|special, 一级|1, 二级|2, 三级|3. Points are 0.1 to 1000
 * with at most one decimal; a standard has at most STDIMPORT_MAX_ITEMS items.
 */
#ifndef WY_STANDARDIMPORT_H
#define WY_STANDARDIMPORT_H

#include <stddef.h>

#include "util/arena.h"

#define STDIMPORT_MAX_ITEMS 500
#define STDIMPORT_MAX_TEXT  500 /* characters of a cell */

typedef enum stdimport_kind {
    STDROW_HEADER,
    STDROW_SECTION,
    STDROW_ITEM,
    STDROW_GRADE,
    STDROW_BLANK,
    STDROW_REFUSED,
} stdimport_kind;

typedef struct stdimport_item {
    const char *section, *number, *title, *evidence, *source;
    double max_points, full_at; /* full_at 0: none */
    int line;
} stdimport_item;

typedef struct stdimport_grade {
    const char *grade; /* special | 1 | 2 | 3 */
    double min_total;
    int line;
} stdimport_grade;

typedef struct stdimport_row {
    int line;
    stdimport_kind kind;
    const char *problem; /* an English msgid when refused, else NULL */
    const char *detail;  /* the cell at fault, or "" */
} stdimport_row;

typedef struct stdimport {
    stdimport_row *rows;
    size_t nrows, nrefused;
    stdimport_item *items;
    size_t nitems;
    stdimport_grade grades[4];
    size_t ngrades;
    double total; /* the sum of the items' points */
} stdimport;

/* Does the figure source of that name exist? (the rules pass the registry's lookup) */
typedef int (*stdimport_source_fn)(const char *name);

/* Read data[0..len): 0 with the report in *out (refused rows counted in nrefused), or -1 when
 * the file cannot be read as a table at all (err says why). */
int stdimport_buffer(arena *a, const char *data, size_t len, stdimport_source_fn source_ok,
                     stdimport *out, char *err, size_t errlen);

const char *stdimport_kind_name(stdimport_kind k);

#endif

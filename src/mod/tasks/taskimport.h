/*
 * taskimport: how a plan's task table (任务清单分工表) is read, row by row, as plans publish
 * it (CSV or XLSX, usually copied out of a Word document). Pure rules: rows in, tasks and a
 * per-row account of how each row was read out; no store (tasks.c writes what this reads).
 *
 * What it understands (docs/tasks.md, "Importing a task table"):
 * - the header row (序号, 工作任务, 具体内容, 时间节点, 牵头单位, 配合单位 and their usual
 *   variants), found wherever it is, and repeated at every page break (skipped);
 * - section rows that carry only a heading ("一、品牌建设"): the tasks below stand under it;
 * - a 工作任务 cell left empty where the row continues the task above: with its own 具体内容 a
 *   part of that task (numbered 3.1, 3.2 …), without one its units join the row above's;
 * - a 时间节点 cell left empty where it was merged with the row above: the row above's deadline;
 * - units separated by 、 ， ； , ; or line breaks, with stray spaces removed, and "各县（区）…"
 *   or "县（区）…" expanded to one unit per county-level division (the prefix carrying over to
 *   the names that follow it in the same cell: "各县（区）党委宣传部、文广旅局");
 * - deadlines as "2024 年 3 月", "2025 年底", "2024 年上半年", "2024 年第三季度", "2024.3",
 *   "2024-03-15", an Excel date serial, "持续"/"长期" (ongoing, with a rhythm when the text says
 *   每月/每季度/每半年/每年), or free text holding such a date (the latest one counts).
 */
#ifndef WY_TASKIMPORT_H
#define WY_TASKIMPORT_H

#include <stddef.h>

#include "util/arena.h"
#include "util/csvread.h"

#define TASKIMPORT_MAX_ROWS  20000
#define TASKIMPORT_MAX_UNITS 64 /* per cell, after expansion */

/* The county-level divisions of the plan's division, for 各县（区）: code and name. */
typedef struct taskimport_county {
    const char *code, *name;
} taskimport_county;

/* A unit named by a cell: its name and the division it belongs to ("" for the plan's own). */
typedef struct taskimport_unit {
    const char *name, *division;
} taskimport_unit;

typedef struct taskimport_deadline {
    const char *date; /* YYYY-MM-DD, the last day it is due; NULL: ongoing or not understood */
    int ongoing;
    const char *rhythm; /* "", "monthly", "quarterly", "half_yearly", "yearly" */
    int understood;     /* 0: text that holds no date and does not say ongoing */
} taskimport_deadline;

typedef struct taskimport_task {
    const char *number, *section, *title, *content;
    const char *deadline_text;
    taskimport_deadline deadline;
    taskimport_unit *lead, *coop;
    size_t nlead, ncoop;
    int row; /* the file's row (its first) */
} taskimport_task;

/* How a row was read. */
typedef enum taskimport_kind {
    TI_ROW_PREAMBLE, /* before the header: a title line, skipped */
    TI_ROW_HEADER,   /* the header */
    TI_ROW_REPEATED, /* the header again (a page break): skipped */
    TI_ROW_SECTION,  /* a heading */
    TI_ROW_TASK,     /* a task */
    TI_ROW_PART,     /* a task continuing the one above (its 工作任务 empty) */
    TI_ROW_MERGED,   /* no task of its own: its units joined the row above's */
    TI_ROW_REFUSED,  /* cannot be read: see note */
} taskimport_kind;

/* What the reader noticed on a row (several per row). */
typedef enum taskimport_note_code {
    TI_NOTE_DEADLINE_INHERITED, /* 时间节点 empty: the row above's */
    TI_NOTE_DEADLINE_UNKNOWN,   /* no date read from the text (kept as written) */
    TI_NOTE_DEADLINE_MISSING,   /* no deadline and none above */
    TI_NOTE_COUNTIES,           /* a 县（区） name expanded to the county-level units */
    TI_NOTE_NO_LEAD,            /* no lead unit */
    TI_NOTE_TITLE_INHERITED,    /* 工作任务 empty: the task above's */
    TI_NOTE_NO_TASK_ABOVE,      /* a continuation with no task above it */
    TI_NOTE_TOO_MANY_UNITS,     /* a cell names more than TASKIMPORT_MAX_UNITS units */
    TI_NOTE_BAD_UTF8,           /* not UTF-8 (saved as GBK?) */
    TI_NOTE_NUMBER_GIVEN,       /* no 序号: numbered in the table's order */
    TI_NOTE_NO_TEXT,            /* neither 工作任务 nor 具体内容 */
    TI_NOTE_LEAD_INHERITED,     /* 牵头单位 empty: the row above's (a merged cell) */
    TI_NOTE_TOO_MANY_FIELDS,    /* more columns than a table has */
} taskimport_note_code;

typedef struct taskimport_note {
    taskimport_note_code code;
    const char *detail; /* the text concerned, or "" */
} taskimport_note;

typedef struct taskimport_row {
    int line;
    taskimport_kind kind;
    int task; /* index of the task it made or joined, -1 when none */
    taskimport_note notes[6];
    size_t nnotes;
} taskimport_row;

typedef struct taskimport {
    taskimport_task *tasks;
    size_t ntasks;
    taskimport_row *rows;
    size_t nrows;
    size_t nrefused, nwarnings;
    int header_found;
} taskimport;

/* Read the rows (csv_read_buffer's or xlsx_read_buffer's) into im, in a's memory. counties:
 * those of the plan's division, for 各县（区）. -1 with a message in err only when the table
 * cannot be read at all (no header row, too many rows, out of memory); a row that cannot be
 * read is a refused row of the report. */
typedef struct taskimport_reader taskimport_reader;
taskimport_reader *taskimport_begin(arena *a, const taskimport_county *counties, size_t ncounties,
                                    taskimport *im);
int taskimport_row_fn(const csv_row *row, void *user); /* a csv_row_fn */
int taskimport_end(taskimport_reader *r, char *err, size_t errlen);

/* Read a buffer: a workbook when it starts like one (xlsxread.h), CSV otherwise. */
int taskimport_buffer(arena *a, const char *data, size_t len, const taskimport_county *counties,
                      size_t ncounties, taskimport *im, char *err, size_t errlen);

/* The deadline a text says (the rules above), in a's memory. */
void taskimport_deadline_parse(arena *a, const char *text, taskimport_deadline *out);

/* The units a cell names (the rules above); *counties_used set when a 县（区） name expanded.
 * -1 when more than max. */
int taskimport_units_parse(arena *a, const char *cell, const taskimport_county *counties,
                           size_t ncounties, taskimport_unit *out, size_t max, size_t *n,
                           int *counties_used);

const char *taskimport_kind_name(taskimport_kind k);      /* "task", "section" … */
const char *taskimport_note_name(taskimport_note_code c); /* "deadline_inherited" … */
/* What the note says, an English msgid (translated where it is shown). */
const char *taskimport_note_message(taskimport_note_code c);
/* What a row's kind says, an English msgid. */
const char *taskimport_kind_message(taskimport_kind k);

#endif

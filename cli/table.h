/* Output of lists for people and for scripts: the same rows printed as
 * aligned text columns (by East Asian width), CSV or JSON. */
#ifndef MADO_TABLE_H
#define MADO_TABLE_H

#include <stdio.h>

#include "base/err.h"

enum out_format { OUT_TEXT, OUT_CSV, OUT_JSON };

/* "text", "csv", "json" -> format; -1 if unknown. */
int out_format_parse(const char *name);

struct table_column {
	const char *key;    /* JSON member name and CSV header (stable, ASCII) */
	const char *header; /* text header shown to people (translated) */
	int right;          /* right-align in text output (numbers) */
	int max_cells;      /* text output: truncate longer cells with "…" (0: no limit) */
};

struct table;

/* cols must outlive the table. Caller frees with table_free(). */
struct table *table_new(const struct table_column *cols, int ncols);
/* Copies the ncols cells (NULL means empty / JSON null). */
void table_add(struct table *t, const char *const *cells);
/* Text: header, rule, rows, columns separated by two spaces, the last
 * column not padded, control characters shown as replacements (see
 * tw_fit). CSV: header row of keys, UTF-8, CRLF. JSON: an array of objects
 * keyed by column key, one per line; values are always strings (or null),
 * never numbers, so "007" stays "007". */
int table_print(const struct table *t, FILE *out, enum out_format fmt, int ambi,
	struct mado_err *e);
void table_free(struct table *t);

/* A single record, the table's first row, as "Label: value" lines (text;
 * labels padded so values line up, a value's line breaks continue on
 * indented lines, max_cells not applied), CSV (header row of keys and the
 * row), or one JSON object. MADO_EFAIL if the table has no row. */
int table_print_record(const struct table *t, FILE *out, enum out_format fmt,
	int ambi, struct mado_err *e);

#endif

/* CSV as Excel in Japan reads and writes it (RFC 4180 quoting, CRLF,
 * UTF-8 with or without BOM, or CP932). Every error names file:line:field. */
#ifndef MADO_CSV_H
#define MADO_CSV_H

#include <stdio.h>

#include "base/err.h"

enum csv_encoding {
	CSV_AUTO,     /* reading: BOM or valid UTF-8 -> UTF-8, else CP932 */
	CSV_UTF8,     /* UTF-8 without BOM */
	CSV_UTF8_BOM, /* UTF-8 with BOM (what Excel needs to detect UTF-8) */
	CSV_CP932,    /* Shift_JIS as Windows writes it, with NEC/IBM extensions */
};

struct csv_row {
	char **fields;          /* UTF-8, owned by the reader; valid until next read */
	size_t nfields;
	unsigned long line;     /* physical line where the record starts (1-based) */
};

struct csv_reader;

/* Reads from fp (not closed by the reader); name is used in messages.
 * Caller frees with csv_reader_free(). */
struct csv_reader *csv_reader_new(FILE *fp, const char *name, enum csv_encoding enc);
void csv_reader_free(struct csv_reader *r);

/* 1: a row was read; 0: end of input; < 0: an error, with e set to
 * "name:line: field N: ..." (status MADO_EDATA for malformed input,
 * MADO_EIO for read errors, as "name: ..."). The error is sticky: later
 * calls return it again. Blank lines are skipped. Line breaks are CRLF, LF
 * or a lone CR; inside quotes they are kept as data. The whole input is
 * read on the first call. */
int csv_read(struct csv_reader *r, struct csv_row *row, struct mado_err *e);

struct csv_writer;

/* Writes to fp (not closed). With CSV_UTF8_BOM the BOM is written first;
 * CSV_AUTO writes UTF-8 without BOM. Caller frees with csv_writer_free(),
 * which flushes and reports any write error. */
struct csv_writer *csv_writer_new(FILE *fp, enum csv_encoding enc);
/* Quotes a field when it holds a comma, quote, CR or LF (or leading or
 * trailing space); rows end with CRLF. NULL fields are written empty.
 * Fails with MADO_EDATA naming the field (1-based) when a character has no
 * CP932 form or a field is not valid UTF-8; nothing of that row is written. */
int csv_write_row(struct csv_writer *w, const char *const *fields, size_t n,
	struct mado_err *e);
int csv_writer_free(struct csv_writer *w, struct mado_err *e);

/* Parses "utf-8", "utf-8-bom", "cp932"/"sjis", "auto"; -1 if unknown. */
int csv_encoding_parse(const char *name);

#endif

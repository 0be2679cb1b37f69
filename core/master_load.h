/* Private to the master module (core/master*.c and core/user.c); callers
 * use core/master.h. The registry's helpers, the check of one value, and
 * one load: an import file or a single record, read into records, checked,
 * then applied in one transaction, with every problem found on the way. */
#ifndef MADO_MASTER_LOAD_H
#define MADO_MASTER_LOAD_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/csv.h"
#include "core/master.h"

/* ---- the registry (master.c) ---- */

/* How many columns form the key; they come first in k->cols. */
size_t master_key_count(const struct master_kind *k);
/* The index of column key in k->cols, or -1. */
int master_column_index(const struct master_kind *k, const char *key);

/* ---- one value (master_value.c) ---- */

/* 1/0, and the TRUE/FALSE Excel writes, and yes/no. */
bool master_parse_bool(const char *s, bool *out);
/* Checks *v against column c and normalises it in place: surrounding
 * blanks of codes and the like dropped, booleans as 1/0, an empty cell
 * given the column's default. Returns NULL when valid, else a newly
 * allocated message (caller frees). */
char *master_check_value(const struct master_column *c, char **v);

/* ---- one load (master_load.c) ---- */

enum put_mode {
	PUT_UPSERT, /* import: insert new keys, update known ones */
	PUT_CREATE, /* the key must be new */
	PUT_UPDATE, /* the key must exist */
};

struct record {
	unsigned long line;
	size_t n;        /* the kind's column count */
	char **val;      /* n values (g_free); NULL: not given */
	bool *bad;       /* n flags: the value failed its check */
	bool del;        /* the delete column says 1 */
	bool key_bad;    /* a key column is invalid: nothing more to check */
	int64_t id;      /* in the transaction: the existing row, or 0 */
	char **old;      /* its values then (master_values_free) */
};

struct problem {
	unsigned long line;
	size_t col, seq; /* order within a line */
	char *field, *msg;
};

struct load {
	struct db *db;
	const struct actor *actor;
	const struct master_kind *k;
	enum put_mode mode;
	size_t nkey;
	GPtrArray *recs;   /* struct record * */
	GPtrArray *probs;  /* struct problem * */
	GHashTable *keys;  /* key text -> first record with it */
	size_t *order;     /* column i (ncols: delete) -> its place in the file,
	                    * so a line's problems are listed left to right */
	guint nstatic;     /* problems found before the transaction */
	bool notfound;     /* PUT_UPDATE found no row */
	struct master_summary sum;
};

/* Starts an empty load of kind k; load_free() releases what it holds. */
void load_init(struct load *l, struct db *db, const struct actor *actor,
	const struct master_kind *k, enum put_mode mode);
void load_free(struct load *l);
/* Records a problem at line and column col (its place in the file). */
void load_add_problem(struct load *l, unsigned long line, size_t col, const char *field,
	const char *fmt, ...) G_GNUC_PRINTF(5, 6);
/* The key of r for messages ("D01", "ACME taro@acme.example"); caller frees. */
char *load_key_text(const struct load *l, const struct record *r);
/* A new empty record of l's kind, added to l->recs. */
struct record *load_new_record(struct load *l, unsigned long line);
/* The checks that need no database: each value by its column, the delete
 * flag (del, or NULL), and keys repeated within the file. */
void load_check_record(struct load *l, struct record *r, const char *del);
/* Reads the whole file into l->recs, running the checks that need no
 * database. Problems are collected; the return value is not MADO_OK only
 * when the CSV itself cannot be read (e says why). *usable is false when
 * the header is wrong, so the rows mean nothing. */
int load_read_file(struct load *l, FILE *fp, const char *name, enum csv_encoding enc,
	bool *usable, struct mado_err *e);

/* ---- the transaction (master_apply.c) ---- */

/* Runs the transaction over what was read, and sorts the problems. */
int load_run(struct load *l, struct mado_err *e);

#endif

/* Master data (departments, staff, queues, phone book, categories, FAQ
 * classes, managed systems, vendors and their contacts): one registry that
 * describes every kind and its CSV columns, bulk import and export through
 * that registry, and user administration built on the staff master.
 *
 * Import is all or nothing. Every row is checked first (required fields,
 * types, references to other masters, duplicate keys, deletes of rows
 * still in use) and every problem is reported with its line and column;
 * only when the whole file is valid is it applied, in one transaction,
 * with an audit row per changed field. That is how personnel transfers
 * (人事異動) are applied in bulk while everyone keeps working. */
#ifndef MADO_MASTER_H
#define MADO_MASTER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/csv.h"
#include "core/identity.h"
#include "db/db.h"
#include "db/staff_store.h"

enum master_type {
	MT_CODE,  /* 1–32 ASCII letters, digits, '.', '_', '-' */
	MT_LOGIN, /* POSIX user name: as MT_CODE, not starting with '-' */
	MT_TEXT,  /* one line of text */
	MT_NOTE,  /* text that may span lines */
	MT_EMAIL, /* addr-spec without quoting or comments */
	MT_BOOL,  /* 1/0 (also true/false, yes/no), stored as 1/0 */
	MT_ROLE,  /* staff, operator, supervisor, admin */
	MT_ENUM,  /* one of the column's choices */
};

enum {
	MC_KEY = 1,      /* part of the row's key: required, never changed */
	MC_REQUIRED = 2, /* must be a header column and non-empty in every row */
};

struct master_column {
	const char *key;             /* CSV header name */
	enum master_type type;
	unsigned flags;              /* MC_* */
	const char *ref;             /* kind whose code this holds, or NULL */
	const char *const *choices;  /* MT_ENUM: NULL-terminated */
	const char *def;             /* value of an empty or missing cell, or NULL for "" */
	const char *help;            /* N_(): translate when shown */
};

/* A kind's key columns come first in cols. */
struct master_kind {
	const char *name;            /* on the command line, in audit rows */
	const char *help;            /* N_() */
	const struct master_column *cols;
	size_t ncols;
};

/* The optional import column that deletes the row when 1. */
#define MASTER_DELETE_COLUMN "delete"

size_t master_kind_count(void);
const struct master_kind *master_kind_at(size_t i);
/* NULL when there is no kind of that name. */
const struct master_kind *master_kind_find(const char *name);
/* "code", "text", ... for help output. */
const char *master_type_name(enum master_type t);

/* Role checks, also made by the functions below; callers use them to
 * refuse before they open any file. Import needs admin, export supervisor. */
int master_may_import(const struct actor *actor, struct mado_err *e);
int master_may_export(const struct actor *actor, struct mado_err *e);

struct master_summary {
	unsigned added, updated, deleted, unchanged;
};

/* One problem in an import file: the physical line where its record
 * starts and the column key ("" when about the whole row). */
typedef void (*master_error_fn)(unsigned long line, const char *field, const char *msg,
	void *ctx);

/* Imports kind from fp (name is used in messages). Each problem goes to
 * on_error, in line order; then MADO_EDATA with "name: N errors; nothing
 * was imported". A malformed CSV stops at the first syntax error, which is
 * returned in e. On success *sum tells what changed. */
int master_import(struct db *db, const struct actor *actor, const struct master_kind *kind,
	FILE *fp, const char *name, enum csv_encoding enc, master_error_fn on_error,
	void *ctx, struct master_summary *sum, struct mado_err *e);

/* Writes a header of column keys and every row ordered by key, in the form
 * master_import() reads back unchanged. *nrows counts the rows written. */
int master_export(struct db *db, const struct actor *actor, const struct master_kind *kind,
	FILE *fp, enum csv_encoding enc, size_t *nrows, struct mado_err *e);

/* Users: staff rows, checked by the staff entry of the registry and
 * audited like an import. NULL members take the registry's default
 * (role staff, language ja, no department). Needs admin. MADO_EDATA when
 * the login exists or a value is invalid ("department: no department ...").*/
struct user_spec {
	const char *login, *name, *kana, *role, *department, *email, *lang;
};
int user_add(struct db *db, const struct actor *actor, const struct user_spec *u,
	struct mado_err *e);

/* Gives login the role; *changed tells whether it differed. Needs admin.
 * MADO_ENOTFOUND when there is no such user. */
int user_set_role(struct db *db, const struct actor *actor, const char *login,
	const char *role, bool *changed, struct mado_err *e);

/* Calls fn for every staff row ordered by login. Needs supervisor. */
int user_list(struct db *db, const struct actor *actor, staff_row_fn fn, void *ctx,
	struct mado_err *e);

/* ---- choices for pickers (master_choice.c) ---- */

/* One choice: the code a record stores (a login for staff) and the name
 * shown, in the language of the messages where the master has both. The
 * strings are valid during the call. */
typedef void (*master_choice_fn)(const char *code, const char *name, void *ctx);

/* Calls fn for every active row of kind: the masters queue, staff,
 * category, department, system, vendor, phonebook and faq_class (ordered
 * by code or login), and the code lists contact_type, outcome and
 * request_kind (in their own order). Needs any registered role.
 * MADO_EDATA when kind is none of those. */
int master_choices(struct db *db, const struct actor *actor, const char *kind,
	master_choice_fn fn, void *ctx, struct mado_err *e);

/* The active categories that apply to scope ("inquiry", "incident",
 * "request", "kb", "calllog"): those of that scope and those of any. */
int master_category_choices(struct db *db, const struct actor *actor, const char *scope,
	master_choice_fn fn, void *ctx, struct mado_err *e);

#endif

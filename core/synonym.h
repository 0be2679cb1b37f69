/* Synonyms and vague words (あいまい検索): groups of terms that stand for
 * each other in a search, kept by administrators (パスワード ↔ PW ↔ パスワ,
 * 印刷 ↔ プリント). A query word that is a term of a group also finds the
 * group's other terms. Terms are compared as the search compares text:
 * NFKC-normalised and case folded, so ＰＷ, pw and PW are one term.
 *
 * Administrators edit (every change audited); operators and above read. */
#ifndef MADO_SYNONYM_H
#define MADO_SYNONYM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/csv.h"
#include "core/identity.h"
#include "db/synonym_store.h"

enum {
	SYNONYM_TERM_MAX = 64,    /* characters */
	SYNONYM_GROUP_MAX = 16,   /* terms in a group: each widens a query */
};

/* The CSV columns of import and export. */
#define SYNONYM_COL_GROUP "group"
#define SYNONYM_COL_TERM "term"

/* term NFKC-normalised, case folded, surrounding spaces dropped: newly
 * allocated, caller frees; NULL when term is not UTF-8. */
char *synonym_norm(const char *term);

/* Puts term and its synonyms (n of them) in one group: the group one of
 * them is in already, or a new one; *group receives it. Terms already in
 * that group are left as they are. Refused (MADO_EDATA, naming the term)
 * when a term is empty, too long, not one line, has nothing searchable
 * (only punctuation) or is in another group, or when the group would
 * exceed SYNONYM_GROUP_MAX. Needs admin. */
int synonym_add(struct db *db, const struct actor *actor, const char *term,
	const char *const *syns, size_t n, int64_t *group, struct mado_err *e);

/* Removes the n terms; a group left with one term is removed with it.
 * MADO_ENOTFOUND naming the first term that is in no group; nothing is
 * removed then. Needs admin. */
int synonym_remove(struct db *db, const struct actor *actor, const char *const *terms,
	size_t n, struct mado_err *e);

/* Calls fn for every term by group. Needs operator. */
int synonym_list(struct db *db, const struct actor *actor, synonym_row_fn fn, void *ctx,
	struct mado_err *e);

/* The other terms of term's group, for widening a query: a newly
 * allocated NULL-terminated array (free with g_strfreev()), or NULL when
 * term is in no group. No role check: the search that asks has made it. */
int synonym_alternatives(struct db *db, const char *term, char ***alts, struct mado_err *e);

/* One problem of an import file, at the line where its record starts,
 * field "" when about the whole row. */
typedef void (*synonym_error_fn)(unsigned long line, const char *field, const char *msg,
	void *ctx);

struct synonym_summary {
	unsigned groups, added, removed, changed, unchanged;
};

/* Replaces every synonym with the file's: a header naming the columns
 * group and term (in any order), then one term per row; the rows with the
 * same group label form one group, numbered in the order they first
 * appear (so a file from synonym_export() reads back unchanged). Every
 * row is checked first and each problem goes to on_error; then MADO_EDATA
 * "name: N errors; nothing was imported". Otherwise the whole file is
 * applied in one transaction, with audit rows for what changed. Needs
 * admin. */
int synonym_import(struct db *db, const struct actor *actor, FILE *fp, const char *name,
	enum csv_encoding enc, synonym_error_fn on_error, void *ctx,
	struct synonym_summary *sum, struct mado_err *e);

/* Writes the header and every term (group id, term) by group. Needs
 * operator. *rows counts the terms written. */
int synonym_export(struct db *db, const struct actor *actor, FILE *fp,
	enum csv_encoding enc, size_t *rows, struct mado_err *e);

/* Checks one term as add and import do: MADO_OK or MADO_EDATA with a
 * message that does not name the field (the caller prefixes it). */
int synonym_check_term(const char *term, struct mado_err *e);

#endif

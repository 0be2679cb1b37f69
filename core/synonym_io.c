/* Synonyms as CSV: export every term, import a whole list in its place,
 * all or nothing (see synonym.h). */
#include "synonym.h"

#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "db/audit_store.h"

/* Group labels are free text, as long as a term. */
#define LABEL_MAX SYNONYM_TERM_MAX

struct problem {
	unsigned long line;
	char *field, *msg;
};

struct entry {
	unsigned long line;
	size_t group;            /* index in order of first appearance */
	char *term, *norm;
};

struct import {
	const char *name;
	GArray *probs;           /* struct problem */
	GArray *rows;            /* struct entry */
	GHashTable *labels;      /* label -> group index + 1 */
	GHashTable *norms;       /* norm -> line (as pointer) */
	GArray *group_size;      /* unsigned per group */
	GArray *group_line;      /* unsigned long: first line of each group */
	GPtrArray *group_label;  /* label of each group (owned by labels) */
	int col_group, col_term;
	size_t ncols;            /* in the header */
};

static void G_GNUC_PRINTF(4, 5)
add_problem(struct import *im, unsigned long line, const char *field, const char *fmt, ...)
{
	struct problem p = { line, g_strdup(field), NULL };
	va_list ap;

	va_start(ap, fmt);
	p.msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_array_append_val(im->probs, p);
}

static void
import_init(struct import *im, const char *name)
{
	memset(im, 0, sizeof *im);
	im->name = name;
	im->probs = g_array_new(FALSE, FALSE, sizeof(struct problem));
	im->rows = g_array_new(FALSE, FALSE, sizeof(struct entry));
	im->labels = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	im->norms = g_hash_table_new(g_str_hash, g_str_equal);
	im->group_size = g_array_new(FALSE, TRUE, sizeof(unsigned));
	im->group_line = g_array_new(FALSE, TRUE, sizeof(unsigned long));
	im->group_label = g_ptr_array_new();
	im->col_group = im->col_term = -1;
}

static void
import_free(struct import *im)
{
	for (guint i = 0; i < im->probs->len; i++) {
		struct problem *p = &g_array_index(im->probs, struct problem, i);

		g_free(p->field);
		g_free(p->msg);
	}
	for (guint i = 0; i < im->rows->len; i++) {
		struct entry *r = &g_array_index(im->rows, struct entry, i);

		free(r->term);
		free(r->norm);
	}
	g_array_free(im->probs, TRUE);
	g_array_free(im->rows, TRUE);
	g_hash_table_destroy(im->labels);
	g_hash_table_destroy(im->norms);
	g_array_free(im->group_size, TRUE);
	g_array_free(im->group_line, TRUE);
	g_ptr_array_free(im->group_label, TRUE);
}

/* ---- reading and checking ---- */

static void
read_header(struct import *im, const struct csv_row *row)
{
	im->ncols = row->nfields;
	for (size_t i = 0; i < row->nfields; i++) {
		char *key = g_strstrip(g_ascii_strdown(row->fields[i], -1));

		if (strcmp(key, SYNONYM_COL_GROUP) == 0 && im->col_group < 0)
			im->col_group = (int)i;
		else if (strcmp(key, SYNONYM_COL_TERM) == 0 && im->col_term < 0)
			im->col_term = (int)i;
		else
			add_problem(im, row->line, row->fields[i],
				_("unknown or repeated column (the columns are %s and %s)"),
				SYNONYM_COL_GROUP, SYNONYM_COL_TERM);
		g_free(key);
	}
	if (im->col_group < 0)
		add_problem(im, row->line, "", _("no column %s"), SYNONYM_COL_GROUP);
	if (im->col_term < 0)
		add_problem(im, row->line, "", _("no column %s"), SYNONYM_COL_TERM);
}

static size_t
group_of(struct import *im, const char *label, unsigned long line)
{
	gpointer v = g_hash_table_lookup(im->labels, label);
	unsigned zero = 0;
	char *key;

	if (v != NULL)
		return (size_t)GPOINTER_TO_SIZE(v) - 1;
	key = g_strdup(label);
	g_hash_table_insert(im->labels, key, GSIZE_TO_POINTER(im->group_line->len + 1));
	g_array_append_val(im->group_size, zero);
	g_array_append_val(im->group_line, line);
	g_ptr_array_add(im->group_label, key);
	return im->group_line->len - 1;
}

static void
read_row(struct import *im, const struct csv_row *row)
{
	const char *label = (size_t)im->col_group < row->nfields ? row->fields[im->col_group] : "";
	const char *term = (size_t)im->col_term < row->nfields ? row->fields[im->col_term] : "";
	char *l = g_strstrip(g_strdup(label)), *t = g_strstrip(g_strdup(term));
	struct mado_err e = { 0 };
	struct entry r = { row->line, 0, NULL, NULL };
	unsigned *size;
	gpointer seen;
	bool bad_group = true, bad_term = true;

	if (row->nfields > im->ncols)
		add_problem(im, row->line, "", _("more fields than the header has columns"));
	if (l[0] == '\0')
		add_problem(im, row->line, SYNONYM_COL_GROUP, _("empty"));
	else if (g_utf8_strlen(l, -1) > LABEL_MAX || strchr(l, '\n') != NULL)
		add_problem(im, row->line, SYNONYM_COL_GROUP,
			_("a group label is one line of at most %d characters"), LABEL_MAX);
	else
		bad_group = false;
	if (t[0] == '\0')
		add_problem(im, row->line, SYNONYM_COL_TERM, _("empty"));
	else if (synonym_check_term(t, &e) != MADO_OK)
		add_problem(im, row->line, SYNONYM_COL_TERM, "%s", e.msg);
	else
		bad_term = false;
	if (!bad_group && !bad_term) {
		r.norm = synonym_norm(t);
		seen = g_hash_table_lookup(im->norms, r.norm);
		if (seen != NULL) {
			add_problem(im, row->line, SYNONYM_COL_TERM,
				_("'%s' is in the file already, at line %lu"), t,
				(unsigned long)GPOINTER_TO_SIZE(seen));
			free(r.norm);
		} else {
			r.term = strdup(t);
			r.group = group_of(im, l, row->line);
			size = &g_array_index(im->group_size, unsigned, r.group);
			if (++*size == SYNONYM_GROUP_MAX + 1)
				add_problem(im, row->line, SYNONYM_COL_GROUP,
					_("group '%s' has more than %d terms"), l, SYNONYM_GROUP_MAX);
			g_array_append_val(im->rows, r);
			g_hash_table_insert(im->norms, r.norm, GSIZE_TO_POINTER(row->line));
		}
	}
	g_free(l);
	g_free(t);
}

static gint
problem_cmp(gconstpointer a, gconstpointer b)
{
	const struct problem *x = a, *y = b;

	return x->line < y->line ? -1 : x->line > y->line;
}

static int
read_file(struct import *im, FILE *fp, enum csv_encoding enc, struct mado_err *e)
{
	struct csv_reader *r = csv_reader_new(fp, im->name, enc);
	struct csv_row row;
	bool header = true;
	int rc;

	while ((rc = csv_read(r, &row, e)) > 0) {
		if (header)
			read_header(im, &row);
		else if (im->col_group >= 0 && im->col_term >= 0)
			read_row(im, &row);
		header = false;
	}
	csv_reader_free(r);
	if (rc < 0)
		return e->status;
	if (header)
		add_problem(im, 1, "", _("empty file: the first line names the columns %s,%s"),
			SYNONYM_COL_GROUP, SYNONYM_COL_TERM);
	for (guint g = 0; g < im->group_size->len; g++)
		if (g_array_index(im->group_size, unsigned, g) == 1)
			add_problem(im, g_array_index(im->group_line, unsigned long, g), SYNONYM_COL_GROUP,
				_("group '%s' has only one term"),
				(const char *)g_ptr_array_index(im->group_label, g));
	/* Stable, so problems of one line keep the order they were found in. */
	g_array_sort(im->probs, problem_cmp);
	return MADO_OK;
}

/* ---- applying ---- */

struct old_term {
	int64_t group;
	char *term;
};

struct apply {
	struct import *im;
	const struct actor *actor;
	struct synonym_summary *sum;
	GHashTable *old;         /* norm -> struct old_term */
};

static void
old_free(gpointer p)
{
	struct old_term *o = p;

	free(o->term);
	g_free(o);
}

static void
old_row(const struct synonym_row *r, void *p)
{
	struct old_term *o = g_new0(struct old_term, 1);

	o->group = r->group_id;
	o->term = strdup(r->term);
	g_hash_table_insert(p, g_strdup(r->norm), o);
}

static int
audit(struct apply *a, struct db *db, const char *action, int64_t group, const char *old,
	const char *new, struct mado_err *e)
{
	struct audit_entry ent = {
		.action = action, .entity = "synonym", .entity_id = group, .field = "term",
		.old_value = old, .new_value = new,
	};

	return actor_audit(db, a->actor, &ent, e);
}

/* "3: PW": a term with its group, for an audit row of a change. */
static char *
labelled(int64_t group, const char *term)
{
	return g_strdup_printf("%" PRId64 ": %s", group, term);
}

static int
apply_txn(struct db *db, void *p, struct mado_err *e)
{
	struct apply *a = p;
	GHashTableIter it;
	gpointer k, v;
	int st;

	g_hash_table_remove_all(a->old);
	memset(a->sum, 0, sizeof *a->sum);
	a->sum->groups = a->im->group_size->len;
	if ((st = synonym_each(db, old_row, a->old, e)) != MADO_OK ||
	    (st = synonym_delete_all(db, e)) != MADO_OK)
		return st;
	for (guint i = 0; i < a->im->rows->len; i++) {
		struct entry *r = &g_array_index(a->im->rows, struct entry, i);
		int64_t group = (int64_t)r->group + 1;
		struct old_term *o = g_hash_table_lookup(a->old, r->norm);

		if ((st = synonym_insert(db, group, r->term, r->norm, NULL, e)) != MADO_OK)
			return st;
		if (o != NULL && o->group == group && strcmp(o->term, r->term) == 0)
			a->sum->unchanged++;
		else if (o != NULL) {
			char *from = labelled(o->group, o->term), *to = labelled(group, r->term);

			st = audit(a, db, "update", group, from, to, e);
			g_free(from);
			g_free(to);
			a->sum->changed++;
		} else {
			st = audit(a, db, "create", group, NULL, r->term, e);
			a->sum->added++;
		}
		if (st != MADO_OK)
			return st;
		g_hash_table_remove(a->old, r->norm);
	}
	g_hash_table_iter_init(&it, a->old);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const struct old_term *o = v;

		if ((st = audit(a, db, "delete", o->group, o->term, NULL, e)) != MADO_OK)
			return st;
		a->sum->removed++;
	}
	return MADO_OK;
}

int
synonym_import(struct db *db, const struct actor *actor, FILE *fp, const char *name,
	enum csv_encoding enc, synonym_error_fn on_error, void *ctx,
	struct synonym_summary *sum, struct mado_err *e)
{
	struct import im;
	int st = role_require(actor, ROLE_ADMIN, _("importing synonyms"), e);

	memset(sum, 0, sizeof *sum);
	if (st != MADO_OK)
		return st;
	import_init(&im, name);
	st = read_file(&im, fp, enc, e);
	if (st == MADO_OK && im.probs->len > 0) {
		for (guint i = 0; i < im.probs->len; i++) {
			const struct problem *p = &g_array_index(im.probs, struct problem, i);

			on_error(p->line, p->field, p->msg, ctx);
		}
		st = mado_err_set(e, MADO_EDATA,
			ngettext("%s: %u error; nothing was imported",
				"%s: %u errors; nothing was imported", im.probs->len),
			name, im.probs->len);
	}
	if (st == MADO_OK) {
		struct apply a = { &im, actor, sum,
			g_hash_table_new_full(g_str_hash, g_str_equal, g_free, old_free) };

		st = db_txn(db, apply_txn, &a, e);
		g_hash_table_destroy(a.old);
	}
	import_free(&im);
	return st;
}

/* ---- export ---- */

struct export {
	struct csv_writer *w;
	size_t rows;
	int st;
	struct mado_err *e;
};

static void
export_row(const struct synonym_row *r, void *p)
{
	struct export *x = p;
	char group[24];
	const char *cells[2] = { group, r->term };

	if (x->st != MADO_OK)
		return;
	snprintf(group, sizeof group, "%" PRId64, r->group_id);
	x->st = csv_write_row(x->w, cells, 2, x->e);
	x->rows += x->st == MADO_OK;
}

int
synonym_export(struct db *db, const struct actor *actor, FILE *fp, enum csv_encoding enc,
	size_t *rows, struct mado_err *e)
{
	static const char *const header[2] = { SYNONYM_COL_GROUP, SYNONYM_COL_TERM };
	struct export x = { NULL, 0, MADO_OK, e };
	int st = role_require(actor, ROLE_OPERATOR, _("exporting synonyms"), e);

	*rows = 0;
	if (st != MADO_OK)
		return st;
	x.w = csv_writer_new(fp, enc);
	x.st = csv_write_row(x.w, header, 2, e);
	if (x.st == MADO_OK)
		st = synonym_each(db, export_row, &x, e);
	if (st == MADO_OK)
		st = x.st;
	if (csv_writer_free(x.w, st == MADO_OK ? e : NULL) != MADO_OK && st == MADO_OK)
		st = e->status;
	*rows = x.rows;
	return st;
}

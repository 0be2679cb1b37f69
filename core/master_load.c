/* One load, an import file or a single record: reading the CSV into
 * records and the checks that need no database, each problem kept with
 * its line and column. */
#include "master.h"

#include <glib.h>
#include <stdarg.h>
#include <string.h>

#include "base/i18n.h"
#include "core/master_load.h"
#include "db/master_store.h"

static void
record_free(gpointer p)
{
	struct record *r = p;

	for (size_t i = 0; i < r->n; i++)
		g_free(r->val[i]);
	g_free(r->val);
	g_free(r->bad);
	master_values_free(r->old);
	g_free(r);
}

static void
problem_free(gpointer p)
{
	struct problem *pr = p;

	g_free(pr->field);
	g_free(pr->msg);
	g_free(pr);
}

void
load_init(struct load *l, struct db *db, const struct actor *actor,
	const struct master_kind *k, enum put_mode mode)
{
	memset(l, 0, sizeof *l);
	l->db = db;
	l->actor = actor;
	l->k = k;
	l->mode = mode;
	l->nkey = master_key_count(k);
	l->recs = g_ptr_array_new_with_free_func(record_free);
	l->probs = g_ptr_array_new_with_free_func(problem_free);
	l->keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	l->order = g_new(size_t, k->ncols + 1);
	for (size_t i = 0; i <= k->ncols; i++)
		l->order[i] = i;
}

void
load_free(struct load *l)
{
	g_ptr_array_free(l->recs, TRUE);
	g_ptr_array_free(l->probs, TRUE);
	g_hash_table_destroy(l->keys);
	g_free(l->order);
}

void
load_add_problem(struct load *l, unsigned long line, size_t col, const char *field,
	const char *fmt, ...)
{
	struct problem *pr = g_new0(struct problem, 1);
	va_list ap;

	pr->line = line;
	pr->col = col;
	pr->seq = l->probs->len;
	pr->field = g_strdup(field);
	va_start(ap, fmt);
	pr->msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_ptr_array_add(l->probs, pr);
}

char *
load_key_text(const struct load *l, const struct record *r)
{
	GString *s = g_string_new(NULL);

	for (size_t i = 0; i < l->nkey; i++)
		g_string_append_printf(s, "%s%s", i ? " " : "", r->val[i] ? r->val[i] : "");
	return g_string_free(s, FALSE);
}

void
load_check_record(struct load *l, struct record *r, const char *del)
{
	const struct master_kind *k = l->k;
	bool b = false;

	if (del != NULL) {
		char *d = g_strstrip(g_strdup(del));

		if (*d != '\0' && !master_parse_bool(d, &b))
			load_add_problem(l, r->line, l->order[k->ncols], MASTER_DELETE_COLUMN,
				_("'%s' is not 1 or 0"), d);
		r->del = b;
		g_free(d);
	}
	for (size_t i = 0; i < k->ncols; i++) {
		const struct master_column *c = &k->cols[i];
		char *msg;

		if (r->val[i] == NULL || (r->del && !(c->flags & MC_KEY)))
			continue;
		msg = master_check_value(c, &r->val[i]);
		if (msg == NULL)
			continue;
		load_add_problem(l, r->line, l->order[i], c->key, "%s", msg);
		g_free(msg);
		r->bad[i] = true; /* checked no further: no look-up of a malformed code */
		if (c->flags & MC_KEY)
			r->key_bad = true;
	}
	if (!r->key_bad) {
		char *key = load_key_text(l, r);
		const struct record *first = g_hash_table_lookup(l->keys, key);

		if (first != NULL) {
			load_add_problem(l, r->line, l->order[0], k->cols[0].key,
				_("'%s' is given again; first on line %lu"), key, first->line);
			g_free(key);
		} else
			g_hash_table_insert(l->keys, key, r);
	}
}

struct record *
load_new_record(struct load *l, unsigned long line)
{
	struct record *r = g_new0(struct record, 1);

	r->line = line;
	r->n = l->k->ncols;
	r->val = g_new0(char *, r->n);
	r->bad = g_new0(bool, r->n);
	g_ptr_array_add(l->recs, r);
	return r;
}

/* Maps header column j to a registry column (map[j]), or to ncols for the
 * delete column. Returns false when the header is unusable. */
static bool
read_header(struct load *l, const struct csv_row *row, size_t *map)
{
	const struct master_kind *k = l->k;
	bool *seen = g_new0(bool, k->ncols + 1);
	guint before = l->probs->len;

	for (size_t j = 0; j < row->nfields; j++) {
		const char *name = row->fields[j];
		int i = master_column_index(k, name);

		map[j] = i >= 0 ? (size_t)i : k->ncols;
		l->order[map[j]] = j;
		if (i < 0 && strcmp(name, MASTER_DELETE_COLUMN) != 0) {
			GString *known = g_string_new(NULL);

			for (size_t c = 0; c < k->ncols; c++)
				g_string_append_printf(known, "%s, ", k->cols[c].key);
			g_string_append(known, MASTER_DELETE_COLUMN);
			load_add_problem(l, row->line, j, name, _("unknown column; %s has: %s"),
				k->name, known->str);
			g_string_free(known, TRUE);
		} else if (seen[map[j]])
			load_add_problem(l, row->line, j, name, _("column given twice"));
		else
			seen[map[j]] = true;
	}
	for (size_t i = 0; i < k->ncols; i++)
		if ((k->cols[i].flags & (MC_KEY | MC_REQUIRED)) && !seen[i])
			load_add_problem(l, row->line, row->nfields + i, k->cols[i].key,
				_("required column is missing"));
	g_free(seen);
	return l->probs->len == before;
}

int
load_read_file(struct load *l, FILE *fp, const char *name, enum csv_encoding enc, bool *usable,
	struct mado_err *e)
{
	struct csv_reader *rd = csv_reader_new(fp, name, enc);
	struct csv_row row;
	size_t *map = NULL, nhdr = 0;
	int rc;

	*usable = false;
	if (rd == NULL)
		return mado_err_set(e, MADO_EFAIL, "out of memory");
	rc = csv_read(rd, &row, e);
	if (rc == 0)
		mado_err_set(e, MADO_EDATA, _("%s: empty file; the first line must name the"
			" columns"), name);
	if (rc > 0) {
		nhdr = row.nfields;
		map = g_new0(size_t, nhdr);
		*usable = read_header(l, &row, map);
	}
	while (*usable && (rc = csv_read(rd, &row, e)) > 0) {
		struct record *r;
		const char *del = NULL;
		size_t j = 0;

		/* Excel writes rows of empty cells for cells that were only formatted. */
		while (j < row.nfields && row.fields[j][0] == '\0')
			j++;
		if (j == row.nfields)
			continue;
		r = load_new_record(l, row.line);
		if (row.nfields != nhdr) {
			load_add_problem(l, r->line, 0, "", _("%zu fields, but the header has %zu"),
				row.nfields, nhdr);
			r->key_bad = true;
			continue;
		}
		for (j = 0; j < nhdr; j++) {
			if (map[j] == l->k->ncols)
				del = row.fields[j];
			else
				r->val[map[j]] = g_strdup(row.fields[j]);
		}
		load_check_record(l, r, del);
	}
	g_free(map);
	csv_reader_free(rd);
	return rc < 0 || (rc == 0 && nhdr == 0) ? e->status : MADO_OK;
}

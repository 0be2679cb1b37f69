/* Export of a master kind as CSV, in the form master_import() reads. */
#include "master.h"

#include <glib.h>

#include "db/master_store.h"

struct export_ctx {
	const struct master_kind *k;
	struct csv_writer *w;
	size_t rows;
	struct mado_err *e;
};

static int
export_row(const char *const *values, size_t n, void *p)
{
	struct export_ctx *x = p;
	int st = csv_write_row(x->w, values, n, x->e);

	if (st != MADO_OK)
		mado_err_prefix(x->e, "%s '%s': ", x->k->name, values[0]);
	else
		x->rows++;
	return st;
}

int
master_export(struct db *db, const struct actor *actor, const struct master_kind *kind,
	FILE *fp, enum csv_encoding enc, size_t *nrows, struct mado_err *e)
{
	struct export_ctx x = { .k = kind, .e = e };
	const char **header;
	struct mado_err later;
	int st = master_may_export(actor, e);

	*nrows = 0;
	if (st != MADO_OK)
		return st;
	x.w = csv_writer_new(fp, enc);
	if (x.w == NULL)
		return mado_err_set(e, MADO_EFAIL, "out of memory");
	header = g_new(const char *, kind->ncols);
	for (size_t i = 0; i < kind->ncols; i++)
		header[i] = kind->cols[i].key;
	st = csv_write_row(x.w, header, kind->ncols, e);
	g_free(header);
	if (st == MADO_OK)
		st = master_store_list(db, kind->name, kind->ncols, export_row, &x, e);
	/* Always flush and free; a write error there matters only if all else went well. */
	if (csv_writer_free(x.w, &later) != MADO_OK && st == MADO_OK)
		st = mado_err_set(e, later.status, "%s", later.msg);
	*nrows = x.rows;
	return st;
}

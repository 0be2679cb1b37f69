#include "search_store.h"

#include <stdlib.h>
#include <string.h>

#include "db/fts_tokenizer.h"

/* BM25's constants, as FTS5's bm25() has them. */
#define BM25_K1 1.2
#define BM25_B 0.75
/* Phrases a row's frequencies are counted for without allocating. */
#define RANK_PHRASES_INLINE 64

static int
count_token(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
	(void)tflags, (void)tok, (void)ntok, (void)start, (void)end;
	++*(int *)ctx;
	return SQLITE_OK;
}

int
search_token_count(const char *text)
{
	int n = 0;

	db_fts_tokenize(text, (int)strlen(text), FTS5_TOKENIZE_QUERY, 0, count_token, &n);
	return n;
}

/* ---- mado_rank(search_fts, w_title, w_body, w_notes) ---- */

/* The mean length of a document in tokens over the weighted columns, read
 * once per query (FTS5 keeps the totals) and kept as the query's aux data. */
static double
rank_avg_len(const Fts5ExtensionApi *api, Fts5Context *fts, const double *w, int ncol)
{
	double *avg = api->xGetAuxdata(fts, 0);
	sqlite3_int64 rows = 0, total = 0, n;

	if (avg != NULL)
		return *avg;
	api->xRowCount(fts, &rows);
	for (int c = 0; c < ncol; c++)
		if (w[c] > 0 && api->xColumnTotalSize(fts, c, &n) == SQLITE_OK)
			total += n;
	avg = sqlite3_malloc(sizeof *avg);
	if (avg == NULL)
		return 1.0;
	*avg = rows > 0 && total > 0 ? (double)total / (double)rows : 1.0;
	if (api->xSetAuxdata(fts, avg, sqlite3_free) != SQLITE_OK)
		return 1.0;   /* xSetAuxdata freed it */
	return *avg;
}

/* BM25 without the inverse document frequency (see search_candidates()):
 * for each phrase, its weighted count f in the row, saturated as
 * f (k1 + 1) / (f + k1 (1 - b + b len / avg)), summed. Higher is better. */
static void
rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
	sqlite3_value **val)
{
	double w[SEARCH_NCOLS], inline_freq[RANK_PHRASES_INLINE], *freq = inline_freq;
	int ncol = api->xColumnCount(fts), nphrase = api->xPhraseCount(fts), ninst = 0;
	double len = 0, avg, k, score = 0;

	if (ncol > SEARCH_NCOLS)
		ncol = SEARCH_NCOLS;
	for (int c = 0; c < ncol; c++)
		w[c] = c < nval ? sqlite3_value_double(val[c]) : 1.0;
	if (nphrase > RANK_PHRASES_INLINE &&
	    (freq = sqlite3_malloc64(sizeof *freq * (size_t)nphrase)) == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	memset(freq, 0, sizeof *freq * (size_t)nphrase);
	avg = rank_avg_len(api, fts, w, ncol);
	for (int c = 0; c < ncol; c++) {
		int n = 0;

		if (w[c] > 0 && api->xColumnSize(fts, c, &n) == SQLITE_OK)
			len += n;
	}
	api->xInstCount(fts, &ninst);
	for (int i = 0; i < ninst; i++) {
		int phrase, col, off;

		if (api->xInst(fts, i, &phrase, &col, &off) == SQLITE_OK && col < ncol &&
		    phrase < nphrase)
			freq[phrase] += w[col];
	}
	k = BM25_K1 * (1 - BM25_B + BM25_B * len / avg);
	for (int p = 0; p < nphrase; p++)
		if (freq[p] > 0)
			score += freq[p] * (BM25_K1 + 1) / (freq[p] + k);
	if (freq != inline_freq)
		sqlite3_free(freq);
	sqlite3_result_double(ctx, score);
}

static int
rank_register(struct db *db, struct mado_err *e)
{
	sqlite3 *h = db_handle(db);
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) != SQLITE_ROW)
		rc = sqlite3_errcode(h);
	sqlite3_finalize(st);
	if (rc != SQLITE_OK || api == NULL)
		return db_fail(db, rc != SQLITE_OK ? rc : SQLITE_ERROR, e, "fts5");
	rc = api->xCreateFunction(api, "mado_rank", NULL, rank_fn, NULL);
	return rc == SQLITE_OK ? MADO_OK : db_fail(db, rc, e, "mado_rank");
}

/* Registers mado_rank on this connection the first time it is needed: a
 * statement naming it prepares only once it exists, and the prepared
 * probe stays in the connection's cache, so later calls cost a lookup. */
static int
rank_ready(struct db *db, struct mado_err *e)
{
	static const char probe[] = "SELECT mado_rank(search_fts) FROM search_fts WHERE 0";
	int st;

	if (db_prepare(db, probe, NULL) != NULL)
		return MADO_OK;
	if ((st = rank_register(db, e)) != MADO_OK)
		return st;
	return db_prepare(db, probe, e) != NULL ? MADO_OK : e->status;
}

/* ---- candidates ---- */

int
search_candidates(struct db *db, const struct search_filter *f, search_cand_fn fn,
	void *ctx, bool *full, struct mado_err *e)
{
	/* FTS5 walks the range newest first (ORDER BY rowid DESC is its own
	 * order) and stops at the LIMIT; search_doc is read by its key. */
	sqlite3_stmt *st;
	int rc, n = 0;

	*full = false;
	if ((rc = rank_ready(db, e)) != MADO_OK)
		return rc;
	st = db_prepare(db,
		"SELECT f.rowid, mado_rank(search_fts, ?4, ?5, ?6), d.kind, d.ref_id,"
		" d.faq_no, d.public, d.updated_at, d.views, d.helpful, d.not_helpful"
		" FROM search_fts f JOIN search_doc d ON d.id = f.rowid"
		" WHERE search_fts MATCH ?1 AND f.rowid BETWEEN ?2 AND ?3"
		" AND (?7 IS NULL OR d.kind = ?7)"
		" AND (?8 IS NULL OR d.status = ?8)"
		" AND (?9 IS NULL OR d.category_id = ?9)"
		" AND (?10 IS NULL OR d.department_id = ?10"
		"  OR d.queue_id IN (SELECT id FROM queue WHERE department_id = ?10))"
		" AND (?11 IS NULL OR d.faq_no = ?11)"
		" AND (?12 = 0 OR d.public = 1)"
		" ORDER BY f.rowid DESC LIMIT ?13", e);
	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, f->match);
	sqlite3_bind_int64(st, 2, f->first);
	sqlite3_bind_int64(st, 3, f->last);
	for (int c = 0; c < SEARCH_NCOLS; c++)
		sqlite3_bind_double(st, 4 + c, f->weight[c]);
	db_bind_text(st, 7, f->kind);
	db_bind_text(st, 8, f->status);
	db_bind_id(st, 9, f->category_id);
	db_bind_id(st, 10, f->department_id);
	db_bind_id(st, 11, f->faq_no);
	sqlite3_bind_int(st, 12, f->public_only);
	sqlite3_bind_int(st, 13, f->window);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct search_cand c = {
			.doc = sqlite3_column_int64(st, 0),
			.relevance = sqlite3_column_double(st, 1),
			.kind = (const char *)sqlite3_column_text(st, 2),
			.ref_id = sqlite3_column_int64(st, 3),
			.faq_no = sqlite3_column_int64(st, 4),
			.public = sqlite3_column_int(st, 5) != 0,
			.updated_at = sqlite3_column_int64(st, 6),
			.views = sqlite3_column_int64(st, 7),
			.helpful = sqlite3_column_int64(st, 8),
			.not_helpful = sqlite3_column_int64(st, 9),
		};

		if (c.kind == NULL)
			c.kind = "";
		fn(&c, ctx);
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, e, "search");
	*full = n >= f->window;
	return MADO_OK;
}

/* ---- documents ---- */

void
search_doc_clear(struct search_doc *d)
{
	free(d->kind);
	free(d->status);
	free(d->number);
	free(d->title);
	memset(d, 0, sizeof *d);
}

#define DOC_COLUMNS \
	"d.id, d.kind, d.ref_id, d.faq_no, d.public, d.status, d.updated_at, d.views," \
	" d.helpful, d.not_helpful, COALESCE(t.number, ''), COALESCE(k.title, t.subject, '')" \
	" FROM search_doc d" \
	" LEFT JOIN ticket t ON t.id = d.ref_id AND d.kind <> 'kb'" \
	" LEFT JOIN kb_article k ON k.id = d.ref_id AND d.kind = 'kb'"

static int
doc_read(struct db *db, sqlite3_stmt *st, struct search_doc *out, struct mado_err *e)
{
	int rc = sqlite3_step(st);

	memset(out, 0, sizeof *out);
	if (rc == SQLITE_ROW) {
		out->doc = sqlite3_column_int64(st, 0);
		out->kind = db_col_strdup(st, 1);
		out->ref_id = sqlite3_column_int64(st, 2);
		out->faq_no = sqlite3_column_int64(st, 3);
		out->public = sqlite3_column_int(st, 4) != 0;
		out->status = db_col_strdup(st, 5);
		out->updated_at = sqlite3_column_int64(st, 6);
		out->views = sqlite3_column_int64(st, 7);
		out->helpful = sqlite3_column_int64(st, 8);
		out->not_helpful = sqlite3_column_int64(st, 9);
		out->number = db_col_strdup(st, 10);
		out->title = db_col_strdup(st, 11);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MADO_OK;
	if (rc == SQLITE_DONE)
		return MADO_ENOTFOUND;
	return db_fail(db, rc, e, "search document");
}

int
search_doc_get(struct db *db, int64_t doc, struct search_doc *out, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " DOC_COLUMNS " WHERE d.id = ?1", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, doc);
	return doc_read(db, st, out, e);
}

int
search_doc_by_faq_no(struct db *db, int64_t faq_no, struct search_doc *out,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " DOC_COLUMNS
		" WHERE d.id = (SELECT ?2 + id FROM kb_article WHERE faq_no = ?1)", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, faq_no);
	sqlite3_bind_int64(st, 2, SEARCH_KB_BASE);
	return doc_read(db, st, out, e);
}

int
search_highlight(struct db *db, const char *match, int64_t doc, bool notes, const char *open,
	const char *close, int tokens, char **title, char **excerpt, struct mado_err *e)
{
	/* The title is shown whole; the excerpt comes from the body, or from
	 * the notes when the matches are there only (snippet() with column -1
	 * would pick the title, and staff must never get the notes). */
	sqlite3_stmt *st = db_prepare(db,
		"SELECT highlight(search_fts, 0, ?3, ?4), snippet(search_fts, 1, ?3, ?4, '…', ?5),"
		" CASE WHEN ?6 THEN snippet(search_fts, 2, ?3, ?4, '…', ?5) END"
		" FROM search_fts WHERE search_fts MATCH ?1 AND rowid = ?2", e);
	int rc;

	*title = *excerpt = NULL;
	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, match);
	sqlite3_bind_int64(st, 2, doc);
	db_bind_text(st, 3, open);
	db_bind_text(st, 4, close);
	sqlite3_bind_int(st, 5, tokens);
	sqlite3_bind_int(st, 6, notes);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *body = (const char *)sqlite3_column_text(st, 1);
		const char *note = (const char *)sqlite3_column_text(st, 2);
		bool use_note = note != NULL && strstr(note, open) != NULL &&
			(body == NULL || strstr(body, open) == NULL);

		*title = db_col_strdup(st, 0);
		*excerpt = db_col_strdup(st, use_note ? 2 : 1);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MADO_OK;
	return rc == SQLITE_DONE ? MADO_ENOTFOUND : db_fail(db, rc, e, "search excerpt");
}

/* ---- upkeep ---- */

static int
fts_command(struct db *db, const char *sql, const char *what, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, sql, e);
	int rc;

	if (st == NULL)
		return e->status;
	rc = db_step_done(db, st, e);
	if (rc != MADO_OK)
		mado_err_prefix(e, "%s: ", what);
	return rc;
}

int
search_optimize(struct db *db, struct mado_err *e)
{
	return fts_command(db, "INSERT INTO search_fts(search_fts) VALUES ('optimize')",
		"optimize", e);
}

int
search_check(struct db *db, struct mado_err *e)
{
	/* rank 1: also against the records (search_text), not only itself. */
	int st = fts_command(db,
		"INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)",
		"search index", e);

	/* SQLITE_CORRUPT_VTAB: the index and the records differ. */
	if (st != MADO_OK && sqlite3_extended_errcode(db_handle(db)) == SQLITE_CORRUPT_VTAB)
		st = e->status = MADO_EDATA;
	return st;
}

int
search_rebuild(struct db *db, struct mado_err *e)
{
	return fts_command(db, "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
		"rebuild", e);
}

#include "kb_store.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* Columns after the article's own text, shared by the full and the list
 * form so that row_fill() reads both alike. */
#define KB_REST \
	" COALESCE(c.code, ''), COALESCE(c.name, ''), COALESCE(d.code, ''), COALESCE(d.name, '')," \
	" COALESCE(f.code, ''), COALESCE(f.name, ''), COALESCE(s.login, ''), a.public," \
	" a.views, a.helpful, a.not_helpful, a.version, COALESCE(a.reviewed_at, 0)," \
	" a.created_at, a.updated_at, COALESCE(a.category_id, 0), COALESCE(a.department_id, 0)," \
	" COALESCE(a.faq_class_id, 0), COALESCE(t.number, '')" \
	" FROM kb_article a" \
	" LEFT JOIN category c ON c.id = a.category_id" \
	" LEFT JOIN department d ON d.id = a.department_id" \
	" LEFT JOIN faq_class f ON f.id = a.faq_class_id" \
	" LEFT JOIN staff s ON s.id = a.created_by" \
	" LEFT JOIN ticket t ON t.id = a.source_ticket_id"
#define KB_FULL "SELECT a.id, a.faq_no, a.title, a.question, a.answer," KB_REST
/* Lists leave out the bodies, which can be long and are not shown. */
#define KB_BRIEF "SELECT a.id, a.faq_no, a.title, '', ''," KB_REST

/* The moment a stale list sorts by. The same text appears in ORDER BY and
 * in the keyset condition so that an index on this expression can serve
 * both. */
#define KB_REVIEWED "COALESCE(a.reviewed_at, a.created_at)"

static void
row_fill(sqlite3_stmt *st, void *p)
{
	struct kb_row *row = p;

	row->id = sqlite3_column_int64(st, 0);
	row->faq_no = sqlite3_column_int64(st, 1);
	row->title = db_col_strdup(st, 2);
	row->question = db_col_strdup(st, 3);
	row->answer = db_col_strdup(st, 4);
	row->category = db_col_strdup(st, 5);
	row->category_name = db_col_strdup(st, 6);
	row->department = db_col_strdup(st, 7);
	row->department_name = db_col_strdup(st, 8);
	row->faq_class = db_col_strdup(st, 9);
	row->faq_class_name = db_col_strdup(st, 10);
	row->created_by = db_col_strdup(st, 11);
	row->public = sqlite3_column_int(st, 12);
	row->views = sqlite3_column_int64(st, 13);
	row->helpful = sqlite3_column_int64(st, 14);
	row->not_helpful = sqlite3_column_int64(st, 15);
	row->version = sqlite3_column_int64(st, 16);
	row->reviewed_at = sqlite3_column_int64(st, 17);
	row->created_at = sqlite3_column_int64(st, 18);
	row->updated_at = sqlite3_column_int64(st, 19);
	row->category_id = sqlite3_column_int64(st, 20);
	row->department_id = sqlite3_column_int64(st, 21);
	row->faq_class_id = sqlite3_column_int64(st, 22);
	row->source_ticket = db_col_strdup(st, 23);
}

void
kb_row_clear(struct kb_row *row)
{
	free(row->title);
	free(row->question);
	free(row->answer);
	free(row->category);
	free(row->category_name);
	free(row->department);
	free(row->department_name);
	free(row->faq_class);
	free(row->faq_class_name);
	free(row->created_by);
	free(row->source_ticket);
	memset(row, 0, sizeof *row);
}

/* The first column of the one row sql finds, with ?1 and ?2 bound to a
 * and b as far as the statement has them: MADO_ENOTFOUND (no message)
 * when there is none. */
static int
one_int(struct db *db, const char *sql, int64_t a, int64_t b, int64_t *out, const char *what,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, sql, e);
	int rc;

	if (st == NULL)
		return e->status;
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MADO_OK;
	return rc == SQLITE_DONE ? MADO_ENOTFOUND : db_fail(db, rc, e, what);
}

int
kb_master_lookup(struct db *db, enum kb_master which, const char *code,
	struct kb_master_ref *out, struct mado_err *e)
{
	/* One fixed statement per master: table names are never spliced in. */
	static const char *const sql[] = {
		[KB_MASTER_CATEGORY] =
			"SELECT id, active, scope, COALESCE(department_id, 0)"
			" FROM category WHERE code = ?1",
		[KB_MASTER_DEPARTMENT] =
			"SELECT id, active, '', 0 FROM department WHERE code = ?1",
		[KB_MASTER_CLASS] =
			"SELECT id, active, '', 0 FROM faq_class WHERE code = ?1",
	};
	sqlite3_stmt *st = db_prepare(db, sql[which], e);
	int rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return e->status;
	db_bind_text(st, 1, code);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *scope = sqlite3_column_text(st, 2);

		out->id = sqlite3_column_int64(st, 0);
		out->active = sqlite3_column_int(st, 1);
		g_strlcpy(out->scope, scope ? (const char *)scope : "", sizeof out->scope);
		out->department_id = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MADO_OK;
	if (rc == SQLITE_DONE)
		return MADO_ENOTFOUND;
	return db_fail(db, rc, e, "kb master lookup");
}

int
kb_next_faq_no(struct db *db, int64_t *out, struct mado_err *e)
{
	/* An aggregate always gives one row. */
	return one_int(db, "SELECT COALESCE(MAX(faq_no), 0) + 1 FROM kb_article", 0, 0, out,
		"kb next number", e);
}

int
kb_id_by_faq_no(struct db *db, int64_t faq_no, int64_t *id, struct mado_err *e)
{
	return one_int(db, "SELECT id FROM kb_article WHERE faq_no = ?1", faq_no, 0, id,
		"kb lookup", e);
}

/* Keeps the texts of in as version `version` of article id. */
static int
insert_version(struct db *db, const struct kb_insert *in, int64_t id, int64_t version,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO kb_version(article_id, version, title, question, answer,"
		" changed_by, changed_at) VALUES (?1, ?7, ?2, ?3, ?4, ?5, ?6)", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, in->title);
	db_bind_text(st, 3, in->question ? in->question : "");
	db_bind_text(st, 4, in->answer ? in->answer : "");
	db_bind_id(st, 5, in->actor_id);
	sqlite3_bind_int64(st, 6, in->at);
	sqlite3_bind_int64(st, 7, version);
	return db_step_done(db, st, e);
}

int
kb_insert(struct db *db, const struct kb_insert *in, int64_t *id, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO kb_article(faq_no, title, question, answer, category_id,"
		" department_id, faq_class_id, public, version, created_at, created_by,"
		" updated_at, source_ticket_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10, ?9, ?11)", e);
	int st2;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, in->faq_no);
	db_bind_text(st, 2, in->title);
	db_bind_text(st, 3, in->question ? in->question : "");
	db_bind_text(st, 4, in->answer ? in->answer : "");
	db_bind_id(st, 5, in->category_id);
	db_bind_id(st, 6, in->department_id);
	db_bind_id(st, 7, in->faq_class_id);
	sqlite3_bind_int(st, 8, in->public ? 1 : 0);
	sqlite3_bind_int64(st, 9, in->at);
	db_bind_id(st, 10, in->actor_id);
	db_bind_id(st, 11, in->source_ticket_id);
	st2 = db_step_done(db, st, e);
	if (st2 != MADO_OK)
		return st2;
	*id = sqlite3_last_insert_rowid(db_handle(db));
	return insert_version(db, in, *id, 1, e);
}

int
kb_update_row(struct db *db, int64_t id, int64_t version, const struct kb_insert *in,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE kb_article SET title = ?2, question = ?3, answer = ?4, category_id = ?5,"
		" department_id = ?6, faq_class_id = ?7, public = ?8, version = ?9,"
		" updated_at = ?10 WHERE id = ?1", e);
	int st2;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, in->title);
	db_bind_text(st, 3, in->question ? in->question : "");
	db_bind_text(st, 4, in->answer ? in->answer : "");
	db_bind_id(st, 5, in->category_id);
	db_bind_id(st, 6, in->department_id);
	db_bind_id(st, 7, in->faq_class_id);
	sqlite3_bind_int(st, 8, in->public ? 1 : 0);
	sqlite3_bind_int64(st, 9, version);
	sqlite3_bind_int64(st, 10, in->at);
	if ((st2 = db_step_done(db, st, e)) != MADO_OK)
		return st2;
	if (sqlite3_changes(db_handle(db)) == 0)
		return MADO_ENOTFOUND;
	return insert_version(db, in, id, version, e);
}

int
kb_set_reviewed(struct db *db, int64_t id, int64_t at, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "UPDATE kb_article SET reviewed_at = ?2 WHERE id = ?1", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	return db_step_done(db, st, e);
}

int
kb_faq_no_by_source(struct db *db, int64_t ticket_id, int64_t *faq_no, struct mado_err *e)
{
	return one_int(db, "SELECT faq_no FROM kb_article WHERE source_ticket_id = ?1", ticket_id,
		0, faq_no, "kb source ticket", e);
}

int
kb_by_faq_no(struct db *db, int64_t faq_no, struct kb_row *row, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, KB_FULL " WHERE a.faq_no = ?1", e);

	memset(row, 0, sizeof *row);
	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, faq_no);
	return db_fetch_one(db, st, row_fill, row, "kb article", e);
}

int
kb_count_view(struct db *db, int64_t faq_no, struct mado_err *e)
{
	/* updated_at stays: being read is not a change to the article. */
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE kb_article SET views = views + 1 WHERE faq_no = ?1", e);
	int st2;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, faq_no);
	st2 = db_step_done(db, st, e);
	if (st2 != MADO_OK)
		return st2;
	return sqlite3_changes(db_handle(db)) > 0 ? MADO_OK : MADO_ENOTFOUND;
}

/* Steps a bound list statement, handing each row to fn. */
static int
each_row(struct db *db, sqlite3_stmt *st, kb_row_fn fn, void *ctx, struct mado_err *e)
{
	int rc, st2 = MADO_OK;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct kb_row row;

		row_fill(st, &row);
		st2 = fn(&row, ctx);
		kb_row_clear(&row);
		if (st2 != MADO_OK)
			break;
	}
	sqlite3_reset(st);
	if (st2 != MADO_OK)
		return st2;
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? MADO_OK : db_fail(db, rc, e, "kb list");
}

#define BY_NO_AFTER " a.faq_no > ?1 AND (?2 < 0 OR a.public = ?2) ORDER BY a.faq_no LIMIT ?4"
#define BY_NO_BEFORE \
	" a.faq_no < ?1 AND (?2 < 0 OR a.public = ?2) ORDER BY a.faq_no DESC LIMIT ?4"

int
kb_list_by_no(struct db *db, const struct kb_filter *f, int64_t after, int backward,
	int limit, kb_row_fn fn, void *ctx, struct mado_err *e)
{
	/* Separate texts rather than "?3 = 0 OR category_id = ?3", which would
	 * keep the planner from using kb_category(category_id, faq_no). */
	static const char *const sql[][2] = {
		{ KB_BRIEF " WHERE" BY_NO_AFTER, KB_BRIEF " WHERE" BY_NO_BEFORE },
		{ KB_BRIEF " WHERE a.category_id = ?3 AND" BY_NO_AFTER,
		  KB_BRIEF " WHERE a.category_id = ?3 AND" BY_NO_BEFORE },
	};
	sqlite3_stmt *st = db_prepare(db, sql[f->category_id > 0][backward != 0], e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int(st, 2, f->public);
	if (f->category_id > 0)
		sqlite3_bind_int64(st, 3, f->category_id);
	sqlite3_bind_int(st, 4, limit);
	return each_row(db, st, fn, ctx, e);
}

int
kb_list_stale(struct db *db, const struct kb_filter *f, int64_t before,
	int64_t after_at, int64_t after_id, int limit, kb_row_fn fn, void *ctx,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, KB_BRIEF
		" WHERE " KB_REVIEWED " < ?1"
		" AND (" KB_REVIEWED " > ?2 OR (" KB_REVIEWED " = ?2 AND a.id > ?3))"
		" AND (?4 < 0 OR a.public = ?4) AND (?5 = 0 OR a.category_id = ?5)"
		" ORDER BY " KB_REVIEWED ", a.id LIMIT ?6", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, before);
	sqlite3_bind_int64(st, 2, after_at);
	sqlite3_bind_int64(st, 3, after_id);
	sqlite3_bind_int(st, 4, f->public);
	sqlite3_bind_int64(st, 5, f->category_id);
	sqlite3_bind_int(st, 6, limit);
	return each_row(db, st, fn, ctx, e);
}

int
kb_each_public(struct db *db, kb_row_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db, KB_FULL " WHERE a.public = 1 ORDER BY a.faq_no", e);

	return st == NULL ? e->status : each_row(db, st, fn, ctx, e);
}

/* ---- votes ---- */

int
kb_vote_get(struct db *db, int64_t id, int64_t staff_id, int *helpful, struct mado_err *e)
{
	int64_t v = 0;
	int st = one_int(db, "SELECT helpful FROM kb_vote WHERE article_id = ?1 AND staff_id = ?2",
		id, staff_id, &v, "kb vote", e);

	if (st == MADO_OK)
		*helpful = (int)v;
	return st;
}

int
kb_vote_put(struct db *db, int64_t id, int64_t staff_id, int helpful, int64_t at,
	int d_helpful, int d_not_helpful, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO kb_vote(article_id, staff_id, helpful, at) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT(article_id, staff_id) DO UPDATE"
		" SET helpful = excluded.helpful, at = excluded.at", e);
	int st2;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, staff_id);
	sqlite3_bind_int(st, 3, helpful ? 1 : 0);
	sqlite3_bind_int64(st, 4, at);
	if ((st2 = db_step_done(db, st, e)) != MADO_OK)
		return st2;
	/* max() keeps counters seeded without vote rows (imported or
	 * generated articles) from going negative when a vote moves. */
	st = db_prepare(db,
		"UPDATE kb_article SET helpful = max(helpful + ?2, 0),"
		" not_helpful = max(not_helpful + ?3, 0) WHERE id = ?1", e);
	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, d_helpful);
	sqlite3_bind_int(st, 3, d_not_helpful);
	return db_step_done(db, st, e);
}

/* ---- versions ---- */

void
kb_version_clear(struct kb_version_row *v)
{
	free(v->title);
	free(v->question);
	free(v->answer);
	free(v->changed_by);
	memset(v, 0, sizeof *v);
}

#define KB_VERSION_COLS(texts) \
	"SELECT v.version, v.changed_at, v.title, " texts ", COALESCE(s.login, '')" \
	" FROM kb_version v LEFT JOIN staff s ON s.id = v.changed_by WHERE v.article_id = ?1"

static void
version_fill(sqlite3_stmt *st, void *p)
{
	struct kb_version_row *v = p;

	v->version = sqlite3_column_int64(st, 0);
	v->changed_at = sqlite3_column_int64(st, 1);
	v->title = db_col_strdup(st, 2);
	v->question = db_col_strdup(st, 3);
	v->answer = db_col_strdup(st, 4);
	v->changed_by = db_col_strdup(st, 5);
}

int
kb_versions_each(struct db *db, int64_t id, kb_version_fn fn, void *ctx, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		KB_VERSION_COLS("'', ''") " ORDER BY v.version DESC", e);
	int rc, st2 = MADO_OK;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct kb_version_row v;

		version_fill(st, &v);
		st2 = fn(&v, ctx);
		kb_version_clear(&v);
		if (st2 != MADO_OK)
			break;
	}
	sqlite3_reset(st);
	if (st2 != MADO_OK)
		return st2;
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? MADO_OK : db_fail(db, rc, e, "kb versions");
}

int
kb_version_get(struct db *db, int64_t id, int64_t version, struct kb_version_row *v,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
		KB_VERSION_COLS("v.question, v.answer") " AND v.version = ?2", e);

	memset(v, 0, sizeof *v);
	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, version);
	return db_fetch_one(db, st, version_fill, v, "kb version", e);
}

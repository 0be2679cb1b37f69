#include "kb.h"
#include "kb_impl.h"

#include <glib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "db/audit_store.h"

#define SECONDS_PER_DAY 86400

/* ---- adding ---- */

bool
kb_given(const char *code)
{
	return code != NULL && code[0] != '\0';
}

/* Retired (inactive) masters are refused: new articles should not be
 * filed under a category or department that no longer exists. */
int
kb_resolve_master(struct db *db, enum kb_master which, const char *code,
	struct kb_master_ref *ref, struct mado_err *e)
{
	const char *field = which == KB_MASTER_CATEGORY ? _("category")
		: which == KB_MASTER_DEPARTMENT ? _("department") : _("class");
	int st = kb_master_lookup(db, which, code, ref, e);

	if (st == MADO_ENOTFOUND)
		return mado_err_set(e, MADO_EDATA, _("%s: no entry with code '%s'"), field, code);
	if (st != MADO_OK)
		return st;
	if (!ref->active)
		return mado_err_set(e, MADO_EDATA, _("%s: '%s' is no longer in use"), field, code);
	if (which == KB_MASTER_CATEGORY && strcmp(ref->scope, "any") != 0 &&
	    strcmp(ref->scope, "kb") != 0)
		return mado_err_set(e, MADO_EDATA,
			_("category: '%s' is for %s records, not knowledge articles"), code, ref->scope);
	return MADO_OK;
}

/* Resolves the draft's category, department and class into in. Without a
 * department the article belongs to the category's owning department. */
static int
resolve_masters(struct db *db, const struct kb_draft *d, struct kb_insert *in,
	struct mado_err *e)
{
	struct kb_master_ref ref;
	int st;

	if (kb_given(d->category)) {
		if ((st = kb_resolve_master(db, KB_MASTER_CATEGORY, d->category, &ref, e)) != MADO_OK)
			return st;
		in->category_id = ref.id;
		in->department_id = ref.department_id;
	}
	if (kb_given(d->department)) {
		st = kb_resolve_master(db, KB_MASTER_DEPARTMENT, d->department, &ref, e);
		if (st != MADO_OK)
			return st;
		in->department_id = ref.id;
	}
	if (kb_given(d->faq_class)) {
		if ((st = kb_resolve_master(db, KB_MASTER_CLASS, d->faq_class, &ref, e)) != MADO_OK)
			return st;
		in->faq_class_id = ref.id;
	}
	return MADO_OK;
}

/* The number for the new article: the one asked for if free, else the
 * next after the highest. Runs under the write lock, so no other writer
 * can take the same number before the insert. */
static int
choose_number(struct db *db, int64_t wanted, int64_t *out, struct mado_err *e)
{
	int64_t id;
	int st;

	if (wanted > 0) {
		st = kb_id_by_faq_no(db, wanted, &id, e);
		if (st == MADO_OK)
			return mado_err_set(e, MADO_EDATA, _("FAQ number: %lld is already in use"),
				(long long)wanted);
		if (st != MADO_ENOTFOUND)
			return st;
		*out = wanted;
		return MADO_OK;
	}
	st = kb_next_faq_no(db, out, e);
	if (st == MADO_OK && *out > KB_FAQ_NO_MAX)
		return mado_err_set(e, MADO_EDATA,
			_("FAQ number: no number left after %lld; give one with --faq-no"),
			(long long)KB_FAQ_NO_MAX);
	return st;
}

int
kb_audit_changes(struct db *db, const struct actor *actor, const char *action,
	const struct kb_row *old, const struct kb_row *new, struct mado_err *e)
{
	char no[2][24], ver[2][32];
	const struct kb_row *rows[2] = { old, new };
	const char *vals[2][9];
	static const char *const fields[] = {
		"faq_no", "title", "category", "department", "faq_class", "public",
		"source_ticket", "question", "answer",
	};
	enum { TEXTS = 7 };     /* question and answer: compared, named by version */

	for (int r = 0; r < 2; r++) {
		const struct kb_row *w = rows[r];

		if (w == NULL)
			continue;
		g_snprintf(no[r], sizeof no[r], "%lld", (long long)w->faq_no);
		g_snprintf(ver[r], sizeof ver[r], "version %lld", (long long)w->version);
		vals[r][0] = no[r];
		vals[r][1] = w->title;
		vals[r][2] = w->category;
		vals[r][3] = w->department;
		vals[r][4] = w->faq_class;
		vals[r][5] = w->public ? "1" : "0";
		vals[r][6] = w->source_ticket;
		vals[r][7] = w->question;
		vals[r][8] = w->answer;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
		const char *was = old != NULL ? vals[0][i] : "", *now = vals[1][i];
		struct audit_entry a = {
			.action = action, .entity = "kb", .entity_id = new->id, .field = fields[i],
			.old_value = was[0] != '\0' ? was : NULL, .new_value = now[0] != '\0' ? now : NULL,
		};
		int st;

		if (strcmp(was, now) == 0 || (i >= TEXTS && old == NULL))
			continue;
		if (i >= TEXTS) {
			a.old_value = ver[0];
			a.new_value = ver[1];
		}
		if ((st = actor_audit(db, actor, &a, e)) != MADO_OK)
			return st;
	}
	return MADO_OK;
}

int
kb_add_in_txn(struct db *db, const struct actor *actor, const struct kb_draft *d,
	const struct kb_text *t, int64_t source_ticket_id, struct kb_row *row,
	struct mado_err *e)
{
	struct kb_insert in = {
		.title = t->title, .question = t->question, .answer = t->answer,
		.public = d->public, .actor_id = actor->staff_id, .at = mado_now(),
		.source_ticket_id = source_ticket_id,
	};
	int64_t id;
	int st;

	memset(row, 0, sizeof *row);
	if ((st = resolve_masters(db, d, &in, e)) != MADO_OK)
		return st;
	if ((st = choose_number(db, d->faq_no, &in.faq_no, e)) != MADO_OK)
		return st;
	if ((st = kb_insert(db, &in, &id, e)) != MADO_OK)
		return st;
	if ((st = kb_by_faq_no(db, in.faq_no, row, e)) != MADO_OK)
		return st == MADO_ENOTFOUND
			? mado_err_set(e, MADO_EFAIL, "kb: article %lld vanished", (long long)in.faq_no)
			: st;
	return kb_audit_changes(db, actor, "create", NULL, row, e);
}

struct add_ctx {
	const struct actor *actor;
	const struct kb_draft *d;
	struct kb_text t;
	int64_t faq_no;                     /* out */
};

static int
add_txn(struct db *db, void *p, struct mado_err *e)
{
	struct add_ctx *a = p;
	struct kb_row row;
	int st = kb_add_in_txn(db, a->actor, a->d, &a->t, 0, &row, e);

	a->faq_no = row.faq_no;
	kb_row_clear(&row);
	return st;
}

int
kb_add(struct db *db, const struct actor *actor, const struct kb_draft *d,
	int64_t *faq_no, struct mado_err *e)
{
	struct add_ctx a = { .actor = actor, .d = d };
	int st = role_require(actor, ROLE_OPERATOR, _("adding a knowledge article"), e);

	if (st == MADO_OK)
		st = kb_draft_check(d, &a.t, e);
	if (st == MADO_OK)
		st = db_txn(db, add_txn, &a, e);
	if (st == MADO_OK)
		*faq_no = a.faq_no;
	kb_text_clear(&a.t);
	return st;
}

/* ---- reading ---- */

struct show_ctx {
	const struct actor *actor;
	int64_t faq_no;
	struct kb_row *row;
	bool count;              /* a new reading: count the view */
};

bool
kb_may_see_internal(const struct actor *actor)
{
	return actor->role >= ROLE_OPERATOR;
}

int
kb_article_get(struct db *db, const struct actor *actor, int64_t faq_no, struct kb_row *row,
	struct mado_err *e)
{
	int st = kb_by_faq_no(db, faq_no, row, e);

	if (st == MADO_OK && !row->public && !kb_may_see_internal(actor))
		st = mado_err_set(e, MADO_EPERM,
			_("FAQ %lld is internal: reading it needs the operator role"), (long long)faq_no);
	else if (st == MADO_ENOTFOUND)
		st = mado_err_set(e, MADO_ENOTFOUND, _("no FAQ with number %lld"), (long long)faq_no);
	if (st != MADO_OK)
		kb_row_clear(row);
	return st;
}

static int
show_txn(struct db *db, void *p, struct mado_err *e)
{
	struct show_ctx *s = p;
	int st;

	kb_row_clear(s->row); /* a retried transaction starts afresh */
	/* The view count is a statistic, not a change to the article, so it
	 * is not audited: an audit row per reading would bury the changes. */
	st = kb_article_get(db, s->actor, s->faq_no, s->row, e);
	if (st == MADO_OK && s->count) {
		st = kb_count_view(db, s->faq_no, e);
		s->row->views++;
	}
	return st;
}

static int
show(struct db *db, const struct actor *actor, int64_t faq_no, bool count, struct kb_row *row,
	struct mado_err *e)
{
	struct show_ctx s = { actor, faq_no, row, count };
	int st;

	memset(row, 0, sizeof *row);
	st = role_require(actor, ROLE_STAFF, _("reading knowledge articles"), e);
	if (st == MADO_OK)
		st = count ? db_txn(db, show_txn, &s, e) : show_txn(db, &s, e);
	if (st != MADO_OK)
		kb_row_clear(row);
	return st;
}

int
kb_show(struct db *db, const struct actor *actor, int64_t faq_no, struct kb_row *row,
	struct mado_err *e)
{
	return show(db, actor, faq_no, true, row, e);
}

int
kb_read(struct db *db, const struct actor *actor, int64_t faq_no, struct kb_row *row,
	struct mado_err *e)
{
	/* One statement and no write: no transaction needed. */
	return show(db, actor, faq_no, false, row, e);
}

int64_t
kb_reviewed_at(const struct kb_row *row)
{
	return row->reviewed_at != 0 ? row->reviewed_at : row->created_at;
}

/* A page is fetched with one row more than asked for; that row is not
 * passed on but tells that another page follows. */
struct page_ctx {
	kb_row_fn fn;
	void *ctx;
	int left;
	bool more;
};

static int
page_row(const struct kb_row *row, void *p)
{
	struct page_ctx *pg = p;

	if (pg->left == 0) {
		pg->more = true;
		return MADO_OK;
	}
	pg->left--;
	return pg->fn(row, pg->ctx);
}

int
kb_list(struct db *db, const struct actor *actor, const struct kb_query *q,
	kb_row_fn fn, void *ctx, bool *more, struct mado_err *e)
{
	struct kb_filter f = { .category_id = 0, .public = q->public < 0 ? -1 : !!q->public };
	struct page_ctx pg = { fn, ctx, q->limit, false };
	int st = role_require(actor, ROLE_STAFF, _("reading knowledge articles"), e);

	*more = false;

	if (st != MADO_OK)
		return st;
	if (!kb_may_see_internal(actor)) {
		if (q->public == 0)
			return mado_err_set(e, MADO_EPERM,
				_("internal articles are for operators; %s is %s"), actor->login,
				role_name(actor->role));
		f.public = 1;
	}
	if (q->limit < 1 || q->limit > KB_LIST_MAX)
		return mado_err_set(e, MADO_EDATA, _("limit: %d is out of range (1 to %d)"),
			q->limit, KB_LIST_MAX);
	if (q->stale_days > KB_STALE_DAYS_MAX)
		return mado_err_set(e, MADO_EDATA, _("stale: %d days is out of range (0 to %d)"),
			q->stale_days, KB_STALE_DAYS_MAX);
	if (q->backward && q->stale_days >= 0)
		return mado_err_set(e, MADO_EUSAGE,
			_("stale lists are read forward only, oldest review first"));
	if (kb_given(q->category)) {
		struct kb_master_ref ref;

		/* Retired categories may still be listed: their articles remain. */
		st = kb_master_lookup(db, KB_MASTER_CATEGORY, q->category, &ref, e);
		if (st == MADO_ENOTFOUND)
			return mado_err_set(e, MADO_EDATA, _("%s: no entry with code '%s'"),
				_("category"), q->category);
		if (st != MADO_OK)
			return st;
		f.category_id = ref.id;
	}
	if (q->stale_days < 0)
		st = kb_list_by_no(db, &f, q->has_after ? q->after_no : q->backward ? INT64_MAX : 0,
			q->backward, q->limit + 1, page_row, &pg, e);
	else
		st = kb_list_stale(db, &f, mado_now() - (int64_t)q->stale_days * SECONDS_PER_DAY,
			q->has_after ? q->after_at : INT64_MIN, q->has_after ? q->after_id : 0,
			q->limit + 1, page_row, &pg, e);
	*more = st == MADO_OK && pg.more;
	return st;
}

/* Running a search: who may see what, direct hits, synonyms, the
 * candidate windows and the ranking (see search.h). */
#include "search.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/search_query.h"
#include "core/synonym.h"
#include "core/ticket.h"
#include "db/kb_store.h"
#include "db/search_store.h"

#define SECONDS_PER_YEAR (365.0 * 86400.0)
/* Views at which an article counts as half "read often". */
#define SEARCH_VIEWS_HALF 100.0

/* Column weights: a word in the title counts as ten in the body. */
static const double weights_operator[SEARCH_NCOLS] = { 10.0, 1.0, 0.5 };
static const double weights_staff[SEARCH_NCOLS] = { 10.0, 1.0, 0.0 };

double
search_score(double relevance, bool kb, int64_t age_seconds, int64_t views, int64_t helpful,
	int64_t not_helpful)
{
	double years = age_seconds > 0 ? (double)age_seconds / SECONDS_PER_YEAR : 0.0;
	double fresh = 1.0 / (1.0 + years), use = 0.0;

	if (kb) {
		double v = (double)(views > 0 ? views : 0);
		double h = (double)(helpful > 0 ? helpful : 0);
		double n = (double)(not_helpful > 0 ? not_helpful : 0);

		use = v / (v + SEARCH_VIEWS_HALF) * (h + 1.0) / (h + n + 2.0);
	}
	return relevance * (1.0 + 0.5 * fresh + 0.5 * use);
}

void
search_result_clear(struct search_result *r)
{
	for (size_t i = 0; i < r->nhits; i++) {
		struct search_hit *h = &r->hits[i];

		free(h->kind);
		free(h->number);
		free(h->title);
		free(h->excerpt);
		free(h->status);
	}
	free(r->hits);
	memset(r, 0, sizeof *r);
}

/* ---- one search ---- */

struct cand {
	int64_t doc;
	double score;
	int64_t updated_at;
};

struct run {
	struct db *db;
	const struct actor *actor;
	const struct search_request *req;
	struct search_query q;
	bool operator;                /* sees internal articles and notes */
	int limit;
	GArray *cands;                /* struct cand */
	int64_t now;
	char *match;
	struct search_result *out;
};

static void
collect(const struct search_cand *c, void *p)
{
	struct run *r = p;
	bool kb = strcmp(c->kind, "kb") == 0;
	struct cand k = {
		c->doc,
		search_score(c->relevance, kb, r->now - c->updated_at, c->views, c->helpful,
			c->not_helpful),
		c->updated_at,
	};

	g_array_append_val(r->cands, k);
}

/* Best first; equal scores: the newer change first. */
static gint
cand_cmp(gconstpointer a, gconstpointer b)
{
	const struct cand *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->updated_at != y->updated_at)
		return x->updated_at > y->updated_at ? -1 : 1;
	return x->doc > y->doc ? -1 : x->doc < y->doc;
}

/* Room for n hits; MADO_EFAIL when there is no memory. */
static int
make_room(struct run *r, size_t n, struct mado_err *e)
{
	r->out->hits = calloc(n > 0 ? n : 1, sizeof *r->out->hits);
	return r->out->hits != NULL ? MADO_OK : mado_err_set(e, MADO_EFAIL, "out of memory");
}

/* Appends a hit for document d (make_room() made room for it); takes the
 * strings it is given. */
static struct search_hit *
add_hit(struct run *r, struct search_doc *d, double score)
{
	struct search_hit *h = &r->out->hits[r->out->nhits++];

	h->kind = d->kind;
	h->id = d->ref_id;
	h->faq_no = d->faq_no;
	h->number = d->number;
	h->title = d->title;
	h->status = d->status;
	h->public = d->public;
	h->updated_at = d->updated_at;
	h->score = score;
	h->excerpt = strdup("");
	memset(d, 0, sizeof *d);
	return h;
}

/* An excerpt on one line: line breaks and tabs become spaces, and none
 * lead or trail (an article without a question starts with a break). */
static void
one_line(char *s)
{
	for (char *p = s; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	g_strstrip(s);
}

/* ---- direct hits ---- */

static bool
visible(const struct run *r, const struct search_doc *d)
{
	return d->public || r->operator;
}

/* Fills the result with the record the whole query names, when it exists
 * and actor may see it; *done tells. */
static int
direct_hit(struct run *r, bool *done, struct mado_err *e)
{
	struct search_doc d;
	struct mado_err ignored = { 0 };
	int64_t id = 0;
	int st = MADO_ENOTFOUND;

	*done = false;
	if (r->q.ref == SQ_REF_FAQ)
		st = search_doc_by_faq_no(r->db, r->q.ref_faq_no, &d, e);
	else if (r->q.ref == SQ_REF_TICKET && r->req->scope == SEARCH_ALL &&
	    ticket_resolve(r->db, r->q.ref_text, &id, &ignored) == MADO_OK)
		st = search_doc_get(r->db, id, &d, e);
	if (st == MADO_ENOTFOUND)
		return MADO_OK;
	if (st != MADO_OK)
		return st;
	if (visible(r, &d) && (st = make_room(r, 1, e)) == MADO_OK) {
		add_hit(r, &d, 0.0);
		r->out->direct = *done = true;
	}
	search_doc_clear(&d);
	return st;
}

/* ---- the query ---- */

/* The MATCH expression: kept terms with their synonyms, limited to the
 * columns actor may read. */
static int
build_match(struct run *r, struct mado_err *e)
{
	size_t n = r->q.nterms;
	bool *keep = calloc(n + 1, sizeof *keep);
	char ***alts = calloc(n + 1, sizeof *alts);
	int st = MADO_OK;

	for (size_t i = 0; i < n && st == MADO_OK; i++) {
		keep[i] = search_token_count(r->q.terms[i].text) > 0;
		if (keep[i] && !r->q.terms[i].phrase)
			st = synonym_alternatives(r->db, r->q.terms[i].text, &alts[i], e);
	}
	if (st == MADO_OK) {
		r->match = search_match_build(&r->q, (const char *const *const *)alts, keep,
			r->operator ? NULL : SEARCH_COLS_PUBLIC);
		if (r->match == NULL)
			st = mado_err_set(e, MADO_EDATA,
				_("nothing to search for: type a word, a \"phrase\" or a FAQ number"
				  " (-word only leaves out)"));
	}
	for (size_t i = 0; i < n; i++)
		g_strfreev(alts[i]);
	free(alts);
	free(keep);
	return st;
}

/* A master code of a filter to its id. */
static int
code_filter(struct db *db, enum kb_master which, const char *code, const char *field,
	int64_t *id, struct mado_err *e)
{
	struct kb_master_ref ref;
	int st;

	*id = 0;
	if (code == NULL)
		return MADO_OK;
	st = kb_master_lookup(db, which, code, &ref, e);
	if (st == MADO_ENOTFOUND)
		return mado_err_set(e, MADO_EDATA, _("%s: no entry with code '%s'"), field, code);
	*id = ref.id;
	return st;
}

static int
run_range(struct run *r, struct search_filter *f, int64_t first, int64_t last, bool *more,
	struct mado_err *e)
{
	bool full = false;
	int st;

	f->first = first;
	f->last = last;
	st = search_candidates(r->db, f, collect, r, &full, e);
	*more = *more || full;
	return st;
}

static int
fill_hits(struct run *r, struct mado_err *e)
{
	size_t n = r->cands->len < (guint)r->limit ? r->cands->len : (size_t)r->limit;
	int st = make_room(r, n, e);

	for (size_t i = 0; i < n && st == MADO_OK; i++) {
		const struct cand *c = &g_array_index(r->cands, struct cand, i);
		struct search_doc d;
		struct search_hit *h;
		char *title = NULL, *excerpt = NULL;

		if ((st = search_doc_get(r->db, c->doc, &d, e)) != MADO_OK)
			break;
		h = add_hit(r, &d, c->score);
		st = search_highlight(r->db, r->match, c->doc, r->operator, SEARCH_MARK_OPEN,
			SEARCH_MARK_CLOSE, SEARCH_EXCERPT_TOKENS, &title, &excerpt, e);
		if (st == MADO_OK) {
			one_line(title);
			one_line(excerpt);
			free(h->title);
			free(h->excerpt);
			h->title = title;
			h->excerpt = excerpt;
		} else {
			free(title);
			free(excerpt);
		}
	}
	return st;
}

static int
search_ranges(struct run *r, struct mado_err *e)
{
	const char *kind = r->q.field[SQ_KIND];
	struct search_filter f = {
		.match = r->match,
		.status = r->q.field[SQ_STATUS],
		.faq_no = r->q.faq_no,
		.public_only = !r->operator,
		.window = r->req->window > 0 ? r->req->window : SEARCH_WINDOW,
	};
	bool kb = kind == NULL || strcmp(kind, "kb") == 0;
	bool tickets = r->req->scope == SEARCH_ALL && !(kind != NULL && strcmp(kind, "kb") == 0);
	bool more = false;
	int st;

	memcpy(f.weight, r->operator ? weights_operator : weights_staff, sizeof f.weight);
	/* Statuses belong to tickets, FAQ numbers to articles. */
	kb = kb && f.status == NULL;
	tickets = tickets && f.faq_no == 0;
	if ((st = code_filter(r->db, KB_MASTER_CATEGORY, r->q.field[SQ_CATEGORY], "category",
		&f.category_id, e)) != MADO_OK ||
	    (st = code_filter(r->db, KB_MASTER_DEPARTMENT, r->q.field[SQ_DEPT], "dept",
		&f.department_id, e)) != MADO_OK)
		return st;
	f.kind = kind != NULL && strcmp(kind, "kb") != 0 ? kind : NULL;
	if (kb && (st = run_range(r, &f, SEARCH_KB_BASE, SEARCH_ROWID_MAX, &more, e)) != MADO_OK)
		return st;
	if (tickets && (st = run_range(r, &f, 1, SEARCH_KB_BASE - 1, &more, e)) != MADO_OK)
		return st;
	g_array_sort(r->cands, cand_cmp);
	r->out->more = more || r->cands->len > (guint)r->limit;
	return fill_hits(r, e);
}

static int
check_request(struct run *r, struct mado_err *e)
{
	const char *kind = r->q.field[SQ_KIND];

	if (r->req->limit < 0 || r->req->limit > SEARCH_LIMIT_MAX)
		return mado_err_set(e, MADO_EDATA, _("limit: %d is not from 1 to %d"), r->req->limit,
			SEARCH_LIMIT_MAX);
	if (r->req->window < 0 || r->req->window > SEARCH_WINDOW_MAX)
		return mado_err_set(e, MADO_EDATA, _("window: %d is not from 1 to %d"),
			r->req->window, SEARCH_WINDOW_MAX);
	if (r->req->scope == SEARCH_KB && kind != NULL && strcmp(kind, "kb") != 0)
		return mado_err_set(e, MADO_EDATA,
			_("kind: a knowledge search finds articles only; search everything for %s"),
			kind);
	if (r->req->scope == SEARCH_KB && r->q.field[SQ_STATUS] != NULL)
		return mado_err_set(e, MADO_EDATA,
			_("status: articles have no status; search everything for tickets"));
	return MADO_OK;
}

int
search_run(struct db *db, const struct actor *actor, const struct search_request *req,
	struct search_result *out, struct mado_err *e)
{
	struct run r = { .db = db, .actor = actor, .req = req, .out = out };
	bool done = false;
	int st;

	memset(out, 0, sizeof *out);
	if ((st = role_require(actor, ROLE_STAFF, _("searching"), e)) != MADO_OK)
		return st;
	if ((st = search_query_parse(req->text, &r.q, e)) != MADO_OK) {
		search_query_clear(&r.q);
		return st;
	}
	r.operator = actor->role >= ROLE_OPERATOR;
	r.limit = req->limit > 0 ? req->limit : SEARCH_LIMIT_DEFAULT;
	r.now = mado_now();
	st = check_request(&r, e);
	if (st == MADO_OK)
		st = direct_hit(&r, &done, e);
	if (st == MADO_OK && !done && r.q.nterms == 0 && r.q.ref == SQ_REF_FAQ)
		st = mado_err_set(e, MADO_ENOTFOUND, _("FAQ %lld: no such article"),
			(long long)r.q.ref_faq_no);
	if (st == MADO_OK && !done)
		st = build_match(&r, e);
	if (st == MADO_OK && !done) {
		r.cands = g_array_new(FALSE, FALSE, sizeof(struct cand));
		st = search_ranges(&r, e);
		g_array_free(r.cands, TRUE);
	}
	free(r.match);
	search_query_clear(&r.q);
	return st;
}

/* ---- upkeep ---- */

static int
upkeep_txn(struct db *db, void *p, struct mado_err *e)
{
	switch (*(const enum search_upkeep *)p) {
	case SEARCH_OPTIMIZE:
		return search_optimize(db, e);
	case SEARCH_CHECK:
		return search_check(db, e);
	case SEARCH_REBUILD:
		return search_rebuild(db, e);
	}
	return mado_err_set(e, MADO_EFAIL, "search upkeep: %d", (int)*(const enum search_upkeep *)p);
}

int
search_upkeep(struct db *db, const struct actor *actor, enum search_upkeep what,
	struct mado_err *e)
{
	int st = role_require(actor, ROLE_ADMIN, _("maintaining the search index"), e);

	return st != MADO_OK ? st : db_txn(db, upkeep_txn, &what, e);
}

const char *
search_kind_label(const char *kind)
{
	if (strcmp(kind, "kb") == 0)
		return _("FAQ");
	if (strcmp(kind, "inquiry") == 0)
		return _("Inquiry");
	if (strcmp(kind, "incident") == 0)
		return _("Incident");
	if (strcmp(kind, "request") == 0)
		return _("Request");
	return kind;
}

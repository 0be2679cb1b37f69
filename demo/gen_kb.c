/* FAQ articles: each topic in several variations (必要なもの, 代理人,
 * 郵送, ...), public ones for citizens and internal ones for operators,
 * with view and rating counts and review dates of which some are stale. */
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit_store.h"
#include "demo/gen_batch.h"
#include "demo/gen_text.h"
#include "demo/vocab.h"

#define DAY 86400

struct kb_state {
	struct rng rng;
	long written;
};

struct kb_run {
	int64_t base_no;        /* faq_no of article 0 is base_no + 1 */
	size_t *pairs, npairs;  /* (topic, variant) combinations, topic-major */
};

static bool
fits(const struct v_faq *f, size_t variant)
{
	unsigned char want = v_faq_variants[variant].flags;

	if (variant == 0)
		return true;
	if (f->flags & FT_INTERNAL)
		return want == FT_INTERNAL;
	return want == 0 || (want == FT_PROCEDURE && (f->flags & FT_PROCEDURE));
}

/* Every topic first, in shuffled order so that a small --kb mixes public
 * and internal ones, then the variations. Pairs are encoded as
 * variant * v_nfaqs + topic. */
static size_t
make_pairs(size_t *out, struct rng *r)
{
	size_t n = 0;

	for (size_t v = 0; v < v_nfaq_variants; v++)
		for (size_t t = 0; t < v_nfaqs; t++)
			if (fits(&v_faqs[t], v))
				out[n++] = v * v_nfaqs + t;
	for (size_t i = v_nfaqs - 1; i > 0; i--) { /* Fisher-Yates on the first block */
		size_t j = rng_below(r, i + 1), x = out[i];

		out[i] = out[j];
		out[j] = x;
	}
	return n;
}

static size_t
faq_class_for(const struct v_faq *f, size_t variant, struct rng *r)
{
	if (f->flags & FT_INTERNAL)
		return strcmp(f->category, "KB-OPS") == 0 ? 5 : 4;
	if (variant == 5)
		return 2;                       /* 窓口・連絡先 */
	if (f->flags & FT_PROCEDURE)
		return 0;                       /* 手続き案内 */
	return rng_chance(r, 50) ? 1 : 3;   /* 制度・料金 / よくある質問 */
}

struct kb_text {
	char title[256], question[1024], answer[2048];
};

static void
compose(struct kb_text *k, const struct v_faq *f, size_t variant, long round)
{
	const struct v_faq_variant *v = &v_faq_variants[variant];
	const struct v_dept *d = &v_depts[v_dept_index(f->dept)];
	struct sbuf b;

	sb_init(&b, k->title, sizeof k->title);
	sb_put(&b, f->title);
	sb_put(&b, v->title_suffix);
	if (round > 0)
		sb_printf(&b, "（%ld）", round + 1);
	sb_init(&b, k->question, sizeof k->question);
	if (variant == 0)
		sb_put(&b, f->question);
	else {
		sb_put(&b, f->title);
		sb_put(&b, "について。");
		sb_put(&b, v->question);
	}
	sb_init(&b, k->answer, sizeof k->answer);
	sb_put(&b, f->answer);
	if (variant != 0) {
		sb_put(&b, "\n");
		sb_put(&b, v->answer);
	}
	sb_printf(&b, "\n\n担当: %s（内線%d）", d->name, d->ext);
}

/* Counts with a long tail: most articles are seldom read. */
static void
usage(struct rng *r, bool public, int64_t *views, int64_t *helpful, int64_t *unhelpful)
{
	int64_t v = rng_range(r, 0, 40) * rng_range(r, 1, public ? 60 : 15);

	*views = v;
	*helpful = v * rng_range(r, 5, 30) / 100;
	*unhelpful = v * rng_range(r, 0, 8) / 100;
}

struct kb_times {
	int64_t created, reviewed, updated;
};

/* Articles older than the span are common; reviews: a quarter never,
 * a quarter over a year ago (stale), the rest in the last half year. */
static void
times(struct gen *g, struct rng *r, struct kb_times *t)
{
	int64_t now = g->now;

	if (rng_chance(r, 60))
		t->created = g->tl.start - rng_range(r, 1, 3 * 365) * DAY
			+ rng_range(r, 9, 17) * 3600;
	else
		t->created = tl_office_time(&g->tl, r);
	switch (rng_below(r, 4)) {
	case 0:
		t->reviewed = 0;
		break;
	case 1:
		t->reviewed = now - rng_range(r, 400, 900) * DAY;
		break;
	default:
		t->reviewed = now - rng_range(r, 1, 180) * DAY;
		break;
	}
	if (t->reviewed != 0 && t->reviewed < t->created)
		t->reviewed = t->created;
	t->updated = t->reviewed > t->created ? t->reviewed : t->created;
}

static int
insert_version(struct gen *g, int64_t id, const struct kb_text *k, int64_t by, int64_t at,
	struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(g->db,
		"INSERT INTO kb_version(article_id, version, title, question, answer,"
		" changed_by, changed_at) VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6)", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, k->title);
	db_bind_text(st, 3, k->question);
	db_bind_text(st, 4, k->answer);
	db_bind_id(st, 5, by);
	sqlite3_bind_int64(st, 6, at);
	return db_step_done(g->db, st, e);
}

static int
kb_row(struct gen *g, const void *arg, void *work, long i, struct mado_err *e)
{
	struct kb_state *s = work;
	const struct kb_run *run = arg;
	size_t pair = run->pairs[(size_t)i % run->npairs];
	size_t topic = pair % v_nfaqs, variant = pair / v_nfaqs;
	const struct v_faq *f = &v_faqs[topic];
	struct gen_article *a = &g->articles[i];
	struct kb_text k;
	struct kb_times t;
	int64_t views, helpful, unhelpful, by;
	char label[32];
	sqlite3_stmt *st;
	int rc;

	compose(&k, f, variant, i / (long)run->npairs);
	times(g, &s->rng, &t);
	usage(&s->rng, !(f->flags & FT_INTERNAL), &views, &helpful, &unhelpful);
	by = g->staff[g->approvers[rng_below(&s->rng, g->napprovers)]].id;
	a->faq_no = run->base_no + 1 + i;
	a->topic = topic;
	/* A few citizen articles are still drafts, kept internal. */
	a->public = !(f->flags & FT_INTERNAL) && !rng_chance(&s->rng, 8);
	st = db_prepare(g->db,
		"INSERT INTO kb_article(faq_no, title, question, answer, category_id,"
		" department_id, faq_class_id, public, views, helpful, not_helpful, version,"
		" reviewed_at, created_at, created_by, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, ?12, ?13, ?14, ?15)", e);
	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, a->faq_no);
	db_bind_text(st, 2, k.title);
	db_bind_text(st, 3, k.question);
	db_bind_text(st, 4, k.answer);
	db_bind_id(st, 5, gen_category_id(g, f->category));
	db_bind_id(st, 6, g->dept_ids[v_dept_index(f->dept)]);
	db_bind_id(st, 7, g->faq_class_ids[faq_class_for(f, variant, &s->rng)]);
	sqlite3_bind_int(st, 8, a->public);
	sqlite3_bind_int64(st, 9, views);
	sqlite3_bind_int64(st, 10, helpful);
	sqlite3_bind_int64(st, 11, unhelpful);
	db_bind_id(st, 12, t.reviewed);
	sqlite3_bind_int64(st, 13, t.created);
	db_bind_id(st, 14, by);
	sqlite3_bind_int64(st, 15, t.updated);
	rc = db_step_done(g->db, st, e);
	if (rc != MADO_OK)
		return rc;
	a->id = sqlite3_last_insert_rowid(db_handle(g->db));
	rc = insert_version(g, a->id, &k, by, t.created, e);
	snprintf(label, sizeof label, "%lld", (long long)a->faq_no);
	if (rc == MADO_OK)
		rc = gen_audit(g, "kb", a->id, "faq_no", label, e);
	s->written++;
	return rc;
}

static int
max_faq_no(struct gen *g, int64_t *out, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(g->db, "SELECT COALESCE(max(faq_no), 0) FROM kb_article", e);

	if (st == NULL)
		return e->status;
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return MADO_OK;
}

int
gen_kb(struct gen *g, struct mado_err *e)
{
	struct kb_run run = { 0 };
	struct kb_state s = { 0 };
	struct batch_spec b = {
		.what = "kb", .total = g->o.kb, .arg = &run, .state = &s,
		.state_size = sizeof s, .row = kb_row,
	};
	int64_t top = 0;
	int st = max_faq_no(g, &top, e);

	if (st != MADO_OK)
		return st;
	/* FAQ numbers start at 1001, after any the database has already. */
	run.base_no = top > 1000 ? top : 1000;
	run.pairs = calloc(v_nfaqs * v_nfaq_variants, sizeof *run.pairs);
	if (run.pairs == NULL)
		return mado_err_set(e, MADO_EFAIL, "out of memory");
	rng_fork(&g->rng, 2, &s.rng);
	run.npairs = make_pairs(run.pairs, &s.rng);
	st = gen_batches(g, &b, e);
	free(run.pairs);
	g->narticles = st == MADO_OK ? (size_t)g->o.kb : 0;
	g->counts.kb = s.written;
	g->counts.audit += s.written;
	fprintf(stderr, "madogen: kb: %ld articles (%.1f s)\n", s.written, gen_elapsed(g));
	return st;
}

/* Knowledge articles after they are written: new versions, reviews,
 * helpful / not-helpful votes, and the version history. */
#include "kb.h"
#include "kb_impl.h"

#include <glib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "db/audit_store.h"

/* ---- updating ---- */

struct update_ctx {
	const struct actor *actor;
	int64_t faq_no;
	const struct kb_change *c;
	struct kb_text t;        /* tidied texts; NULL where unchanged */
	int64_t version;         /* out: the new version, 0 for none */
};

/* A master the change names: unchanged when c_code is NULL or the code
 * the article has (even if that master has since been retired), cleared
 * by "", else resolved as for a new article. *ref_out (may be NULL)
 * receives the resolved master, id 0 otherwise. */
static int
change_master(struct db *db, enum kb_master which, const char *c_code, const char *cur_code,
	int64_t *id, struct kb_master_ref *ref_out, struct mado_err *e)
{
	struct kb_master_ref ref = { 0 };
	int st = MADO_OK;

	if (c_code != NULL && strcmp(c_code, cur_code) != 0) {
		if (c_code[0] == '\0')
			*id = 0;
		else if ((st = kb_resolve_master(db, which, c_code, &ref, e)) == MADO_OK)
			*id = ref.id;
	}
	if (ref_out != NULL)
		*ref_out = ref;
	return st;
}

/* in (from the article as it is) with the change applied. */
static int
apply_change(struct db *db, const struct update_ctx *u, const struct kb_row *cur,
	struct kb_insert *in, struct mado_err *e)
{
	const struct kb_change *c = u->c;
	struct kb_master_ref cat;
	int st;

	if (u->t.title != NULL)
		in->title = u->t.title;
	if (u->t.question != NULL)
		in->question = u->t.question;
	if (u->t.answer != NULL)
		in->answer = u->t.answer;
	if (c->public >= 0)
		in->public = c->public != 0;
	st = change_master(db, KB_MASTER_CATEGORY, c->category, cur->category, &in->category_id,
		&cat, e);
	if (st == MADO_OK && cat.department_id > 0 && c->department == NULL)
		in->department_id = cat.department_id;
	if (st == MADO_OK)
		st = change_master(db, KB_MASTER_DEPARTMENT, c->department, cur->department,
			&in->department_id, NULL, e);
	if (st == MADO_OK)
		st = change_master(db, KB_MASTER_CLASS, c->faq_class, cur->faq_class,
			&in->faq_class_id, NULL, e);
	return st;
}

static bool
same_article(const struct kb_row *cur, const struct kb_insert *in)
{
	return strcmp(cur->title, in->title) == 0 && strcmp(cur->question, in->question) == 0 &&
		strcmp(cur->answer, in->answer) == 0 && cur->category_id == in->category_id &&
		cur->department_id == in->department_id && cur->faq_class_id == in->faq_class_id &&
		cur->public == in->public;
}

static int
update_txn(struct db *db, void *p, struct mado_err *e)
{
	struct update_ctx *u = p;
	struct kb_row cur, now = { 0 };
	struct kb_insert in;
	int st = kb_article_get(db, u->actor, u->faq_no, &cur, e);

	u->version = 0;
	if (st != MADO_OK)
		return st;
	if (u->c->base_version > 0 && u->c->base_version != cur.version) {
		st = mado_err_set(e, MADO_EDATA,
			_("FAQ %lld was changed meanwhile (now version %lld; your change was made on"
			  " version %lld): read it again and redo the change"),
			(long long)u->faq_no, (long long)cur.version, (long long)u->c->base_version);
		goto out;
	}
	in = (struct kb_insert){
		.faq_no = cur.faq_no, .title = cur.title, .question = cur.question,
		.answer = cur.answer, .category_id = cur.category_id,
		.department_id = cur.department_id, .faq_class_id = cur.faq_class_id,
		.public = cur.public, .actor_id = u->actor->staff_id, .at = mado_now(),
	};
	if ((st = apply_change(db, u, &cur, &in, e)) != MADO_OK || same_article(&cur, &in))
		goto out;
	if ((st = kb_update_row(db, cur.id, cur.version + 1, &in, e)) == MADO_OK &&
	    (st = kb_by_faq_no(db, u->faq_no, &now, e)) == MADO_OK &&
	    (st = kb_audit_changes(db, u->actor, "update", &cur, &now, e)) == MADO_OK)
		u->version = now.version;
out:
	kb_row_clear(&cur);
	kb_row_clear(&now);
	return st;
}

int
kb_update(struct db *db, const struct actor *actor, int64_t faq_no, const struct kb_change *c,
	int64_t *version, struct mado_err *e)
{
	struct update_ctx u = { .actor = actor, .faq_no = faq_no, .c = c };
	int st = role_require(actor, ROLE_OPERATOR, _("changing a knowledge article"), e);

	*version = 0;
	if (st == MADO_OK && c->title != NULL)
		st = kb_tidy_title(c->title, &u.t.title, e);
	if (st == MADO_OK && c->question != NULL)
		st = kb_tidy_text(_("question"), c->question, KB_QUESTION_MAX, &u.t.question, e);
	if (st == MADO_OK && c->answer != NULL)
		st = kb_tidy_text(_("answer"), c->answer, KB_ANSWER_MAX, &u.t.answer, e);
	if (st == MADO_OK)
		st = db_txn(db, update_txn, &u, e);
	if (st == MADO_OK)
		*version = u.version;
	kb_text_clear(&u.t);
	return st;
}

/* ---- reviewing ---- */

struct one_ctx {
	const struct actor *actor;
	int64_t faq_no;
	bool helpful;                  /* votes */
	enum kb_vote_result result;    /* votes, out */
	int64_t at;                    /* reviews, out */
};

static int
review_txn(struct db *db, void *p, struct mado_err *e)
{
	struct one_ctx *o = p;
	struct kb_row cur;
	char was[24], now[24];
	int64_t at = mado_now();
	struct audit_entry a = {
		.action = "review", .entity = "kb", .field = "reviewed_at", .new_value = now,
	};
	int st = kb_article_get(db, o->actor, o->faq_no, &cur, e);

	if (st != MADO_OK)
		return st;
	a.entity_id = cur.id;
	a.old_value = cur.reviewed_at != 0 ? was : NULL;
	g_snprintf(was, sizeof was, "%lld", (long long)cur.reviewed_at);
	g_snprintf(now, sizeof now, "%lld", (long long)at);
	if ((st = kb_set_reviewed(db, cur.id, at, e)) == MADO_OK)
		st = actor_audit(db, o->actor, &a, e);
	o->at = at;
	kb_row_clear(&cur);
	return st;
}

int
kb_review(struct db *db, const struct actor *actor, int64_t faq_no, int64_t *at,
	struct mado_err *e)
{
	struct one_ctx o = { .actor = actor, .faq_no = faq_no };
	int st = role_require(actor, ROLE_OPERATOR, _("reviewing a knowledge article"), e);

	if (st == MADO_OK)
		st = db_txn(db, review_txn, &o, e);
	if (st == MADO_OK)
		*at = o.at;
	return st;
}

/* ---- votes ---- */

static const char *
vote_word(int helpful)
{
	return helpful ? "helpful" : "not_helpful";
}

static int
vote_txn(struct db *db, void *p, struct mado_err *e)
{
	struct one_ctx *o = p;
	struct kb_row cur;
	int before = -1, st = kb_article_get(db, o->actor, o->faq_no, &cur, e);
	struct audit_entry a = { .action = "vote", .entity = "kb", .field = "vote" };

	if (st != MADO_OK)
		return st;
	st = kb_vote_get(db, cur.id, o->actor->staff_id, &before, e);
	if (st == MADO_ENOTFOUND)
		st = MADO_OK;
	o->result = before < 0 ? KB_VOTE_COUNTED
		: before == o->helpful ? KB_VOTE_UNCHANGED : KB_VOTE_CHANGED;
	if (st == MADO_OK && o->result != KB_VOTE_UNCHANGED) {
		/* A changed vote takes one from the other counter. */
		int d_yes = o->helpful ? 1 : before == 1 ? -1 : 0;
		int d_no = !o->helpful ? 1 : before == 0 ? -1 : 0;

		a.entity_id = cur.id;
		a.old_value = before >= 0 ? vote_word(before) : NULL;
		a.new_value = vote_word(o->helpful);
		st = kb_vote_put(db, cur.id, o->actor->staff_id, o->helpful, mado_now(), d_yes, d_no,
			e);
		if (st == MADO_OK)
			st = actor_audit(db, o->actor, &a, e);
	}
	kb_row_clear(&cur);
	return st;
}

/* Votes are kept per staff member; the built-in administrator (no staff
 * record) has nothing to keep them under. */
static int
require_staff_record(const struct actor *actor, const char *operation, struct mado_err *e)
{
	int st = role_require(actor, ROLE_STAFF, operation, e);

	if (st == MADO_OK && actor->staff_id <= 0)
		st = mado_err_set(e, MADO_EPERM,
			_("%s needs a staff record; %s has none (register it with mado admin user add)"),
			operation, actor->login);
	return st;
}

int
kb_vote(struct db *db, const struct actor *actor, int64_t faq_no, bool helpful,
	enum kb_vote_result *result, struct mado_err *e)
{
	struct one_ctx o = { .actor = actor, .faq_no = faq_no, .helpful = helpful };
	int st = require_staff_record(actor, _("rating a knowledge article"), e);

	if (st == MADO_OK)
		st = db_txn(db, vote_txn, &o, e);
	if (st == MADO_OK)
		*result = o.result;
	return st;
}

int
kb_my_vote(struct db *db, const struct actor *actor, int64_t faq_no, int *vote,
	struct mado_err *e)
{
	struct kb_row cur;
	int st = role_require(actor, ROLE_STAFF, _("reading knowledge articles"), e);

	*vote = -1;
	if (st != MADO_OK || actor->staff_id <= 0)
		return st;
	if ((st = kb_article_get(db, actor, faq_no, &cur, e)) != MADO_OK)
		return st;
	st = kb_vote_get(db, cur.id, actor->staff_id, vote, e);
	kb_row_clear(&cur);
	if (st == MADO_ENOTFOUND) {
		*vote = -1;
		st = MADO_OK;
	}
	return st;
}

/* ---- history ---- */

/* The article's id, after the role check history needs. */
static int
history_article(struct db *db, const struct actor *actor, int64_t faq_no, int64_t *id,
	struct mado_err *e)
{
	struct kb_row cur;
	int st = role_require(actor, ROLE_OPERATOR, _("reading the history of an article"), e);

	if (st == MADO_OK && (st = kb_article_get(db, actor, faq_no, &cur, e)) == MADO_OK) {
		*id = cur.id;
		kb_row_clear(&cur);
	}
	return st;
}

int
kb_history(struct db *db, const struct actor *actor, int64_t faq_no, kb_version_fn fn,
	void *ctx, struct mado_err *e)
{
	int64_t id;
	int st = history_article(db, actor, faq_no, &id, e);

	return st != MADO_OK ? st : kb_versions_each(db, id, fn, ctx, e);
}

int
kb_history_version(struct db *db, const struct actor *actor, int64_t faq_no, int64_t version,
	struct kb_version_row *v, struct mado_err *e)
{
	int64_t id;
	int st = history_article(db, actor, faq_no, &id, e);

	memset(v, 0, sizeof *v);
	if (st == MADO_OK && (st = kb_version_get(db, id, version, v, e)) == MADO_ENOTFOUND)
		st = mado_err_set(e, MADO_ENOTFOUND, _("FAQ %lld has no version %lld"),
			(long long)faq_no, (long long)version);
	return st;
}

/* The conversation on a ticket (replies to the requester, internal
 * notes, the requester's answers) and its links to other records. */
#include "gen_ticket.h"

#include <stdio.h>

enum { C_REPLY, C_NOTE, C_INCOMING };
static const char *const comment_kinds[] = { "reply", "note", "incoming" };

static int
insert_comment(struct gen *g, const struct tk *t, int kind, int64_t author,
	const char *author_name, const char *body, int64_t at, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(g->db,
		"INSERT INTO comment(ticket_id, kind, author_id, author_name, body, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)", e);

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, t->id);
	db_bind_text(st, 2, comment_kinds[kind]);
	db_bind_id(st, 3, author);
	db_bind_text(st, 4, author_name);
	db_bind_text(st, 5, body);
	sqlite3_bind_int64(st, 6, at);
	return db_step_done(g->db, st, e);
}

/* Nothing is said on a ticket nobody has touched yet; after that 0–4
 * comments, most often one or two. */
static int
comment_count(const struct tk *t, struct rng *r)
{
	static const unsigned w[5] = { 10, 30, 30, 18, 12 };

	return t->life.stage == ST_NEW ? 0 : (int)rng_weighted(r, w, 5);
}

static int
comment_kind(const struct tk *t, int j, int n, struct rng *r)
{
	static const unsigned w[3] = { 45, 40, 15 };

	if (t->flags & TT_ALERT) /* nobody to reply to: the monitor sent it */
		return C_NOTE;
	if (j == n - 1 && t->life.stage >= ST_RESOLVED)
		return C_REPLY; /* the answer comes last */
	return (int)rng_weighted(r, w, 3);
}

static void
comment_body(struct sbuf *b, const struct tk *t, int kind, struct rng *r)
{
	const struct v_theme_text *tt = &v_theme_texts[t->theme];

	switch (kind) {
	case C_REPLY:
		if (t->flags & TT_EN) {
			sb_printf(b, "Dear %s,\n\n", t->requester);
			sb_put(b, v_replies_en[rng_below(r, v_nreplies_en)]);
			sb_put(b, "\n\nIT Help Desk");
			break;
		}
		sb_printf(b, "%s 様\n\nヘルプデスクです。\n", t->requester);
		text_expand(b, tt->reply[rng_below(r, 3)], &t->vars);
		sb_put(b, "\n\n情報政策課 ヘルプデスク");
		break;
	case C_NOTE:
		text_expand(b, tt->note[rng_below(r, 3)], &t->vars);
		break;
	default:
		sb_put(b, v_incoming[rng_below(r, v_nincoming)]);
		break;
	}
}

static int
comments(struct gen *g, struct tk_state *s, const struct tk *t, struct mado_err *e)
{
	struct rng *r = &s->rng;
	int n = comment_count(t, r);
	int64_t at[4], span = t->life.updated - t->life.touched;

	if (span < 0) /* cannot happen: life_draw orders the moments */
		span = 0;
	for (int j = 0; j < n; j++) { /* times in order: insertion sort of four */
		int64_t x = t->life.touched + (int64_t)rng_below(r, (uint64_t)span + 1);
		int k = j;

		/* People write in office hours, except on an after-hours failure. */
		if (!t->off_hours)
			x = tl_next_office(&g->tl, x, r);
		if (x > t->life.updated)
			x = t->life.updated;
		for (; k > 0 && at[k - 1] > x; k--)
			at[k] = at[k - 1];
		at[k] = x;
	}
	for (int j = 0; j < n; j++) {
		int kind = comment_kind(t, j, n, r);
		const struct gen_person *w = tk_worker(g, r);
		int64_t author = kind == C_INCOMING ? t->requester_staff_id
			: t->owner_id ? t->owner_id : w->id;
		const char *name = kind == C_INCOMING ? t->requester
			: t->owner_id ? t->owner_name : w->name;
		char body[2048];
		struct sbuf b;
		int st;

		sb_init(&b, body, sizeof body);
		comment_body(&b, t, kind, r);
		st = insert_comment(g, t, kind, author, name, body, at[j], e);
		if (st != MADO_OK)
			return st;
		s->comments++;
	}
	return MADO_OK;
}

static int
add_link(struct gen *g, struct tk_state *s, const struct tk *t, const char *dst_type,
	int64_t dst, const char *rel, struct mado_err *e)
{
	sqlite3_stmt *st = db_prepare(g->db,
		"INSERT INTO link(src_type, src_id, dst_type, dst_id, rel, created_at, created_by)"
		" VALUES ('ticket', ?1, ?2, ?3, ?4, ?5, ?6)", e);
	int rc;

	if (st == NULL)
		return e->status;
	sqlite3_bind_int64(st, 1, t->id);
	db_bind_text(st, 2, dst_type);
	sqlite3_bind_int64(st, 3, dst);
	db_bind_text(st, 4, rel);
	sqlite3_bind_int64(st, 5, t->life.touched);
	db_bind_id(st, 6, t->owner_id);
	rc = db_step_done(g->db, st, e);
	if (rc == MADO_OK)
		s->links++;
	return rc;
}

/* An internal article, preferably: the help desk answers from those. */
static const struct gen_article *
internal_article(const struct gen *g, struct rng *r)
{
	const struct gen_article *a = NULL;

	for (int tries = 0; tries < 8 && g->narticles > 0; tries++) {
		a = &g->articles[rng_below(r, g->narticles)];
		if (!a->public)
			break;
	}
	return a;
}

static int
links(struct gen *g, struct tk_state *s, const struct tk *t, struct mado_err *e)
{
	struct rng *r = &s->rng;
	int64_t last_incident = s->last_id[TK_INCIDENT];
	int st = MADO_OK;

	if (t->kind == TK_INQUIRY && (t->theme == TH_SYSTEM || t->theme == TH_ACCOUNT)
		&& last_incident != 0 && rng_chance(r, 3))
		st = add_link(g, s, t, "ticket", last_incident, "caused_by", e);
	if (st == MADO_OK && t->kind == TK_INQUIRY && t->life.stage >= ST_RESOLVED
		&& rng_chance(r, 6)) {
		const struct gen_article *a = internal_article(g, r);

		if (a != NULL)
			st = add_link(g, s, t, "kb", a->id, "answered_with_faq", e);
	}
	if (st == MADO_OK && (t->flags & TT_ALERT) && s->last_alert_id != 0 && rng_chance(r, 8))
		st = add_link(g, s, t, "ticket", s->last_alert_id, "duplicate_of", e);
	if (st == MADO_OK && s->last_id[t->kind] != 0 && rng_chance(r, 1))
		st = add_link(g, s, t, "ticket", s->last_id[t->kind], "related", e);
	return st;
}

int
tk_talk(struct gen *g, struct tk_state *s, const struct tk *t, struct mado_err *e)
{
	int st = comments(g, s, t, e);

	return st == MADO_OK ? links(g, s, t, e) : st;
}

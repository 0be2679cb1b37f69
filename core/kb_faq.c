/* "Make this ticket an FAQ": an article prefilled from a ticket's question
 * and its final answer, saved as internal and linked to the ticket. */
#include "kb.h"
#include "kb_impl.h"

#include <glib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "db/audit_store.h"
#include "db/ticket_store.h"

void
kb_prefill_clear(struct kb_prefill *p)
{
	g_free(p->title);
	g_free(p->question);
	g_free(p->answer);
	g_free(p->category);
	memset(p, 0, sizeof *p);
}

/* s made fit for an article: valid UTF-8 (mail may not have been), control
 * characters but newline and tab dropped (articles refuse them, and they
 * show nothing anyway; CR goes in kb_tidy_body), then tidied. Caller
 * frees with g_free(). */
static char *
prefill_text(const char *s)
{
	char *valid = g_utf8_make_valid(s, -1), *tidy;
	GString *out = g_string_sized_new(strlen(valid));

	for (const char *p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c == '\n' || c == '\t' || c == '\r' ||
		    !(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)))
			g_string_append_len(out, p, g_utf8_next_char(p) - p);
	}
	g_free(valid);
	tidy = kb_tidy_body(out->str);
	g_string_free(out, TRUE);
	return tidy;
}

/* The last reply of the conversation: the desk's final answer. */
static void
keep_last_reply(const struct comment_row *c, void *ctx)
{
	char **answer = ctx;

	if (strcmp(c->kind, "reply") != 0)
		return;
	g_free(*answer);
	*answer = g_strdup(c->body);
}

/* The ticket's category, when an article may be filed under it. */
static char *
usable_category(struct db *db, const char *code)
{
	struct kb_master_ref ref;
	struct mado_err ignored = { 0 };

	if (code[0] != '\0' && kb_resolve_master(db, KB_MASTER_CATEGORY, code, &ref, &ignored) == MADO_OK)
		return g_strdup(code);
	return g_strdup("");
}

int
kb_draft_from_ticket(struct db *db, const struct actor *actor, const char *ticket,
	struct kb_prefill *p, struct mado_err *e)
{
	struct ticket_row t;
	struct mado_err ignored = { 0 };
	char *reply = NULL;
	int st = role_require(actor, ROLE_OPERATOR, _("making a ticket an FAQ"), e);

	memset(p, 0, sizeof *p);
	if (st != MADO_OK || (st = ticket_resolve(db, ticket, &p->ticket_id, e)) != MADO_OK ||
	    (st = ticket_read(db, actor, p->ticket_id, &t, e)) != MADO_OK)
		return st;
	st = comment_each(db, p->ticket_id, keep_last_reply, &reply, e);
	if (st == MADO_OK) {
		st = kb_faq_no_by_source(db, p->ticket_id, &p->faq_no, e);
		st = st == MADO_ENOTFOUND ? MADO_OK : st;
	}
	if (st == MADO_OK) {
		g_strlcpy(p->ticket_number, t.number, sizeof p->ticket_number);
		/* A subject is one line and never blank, so this fails only on
		 * a ticket written around the checks; then it is kept as it is. */
		if (kb_tidy_title(t.subject, &p->title, &ignored) != MADO_OK)
			p->title = prefill_text(t.subject);
		p->question = prefill_text(t.body[0] != '\0' ? t.body : t.subject);
		p->answer = prefill_text(reply != NULL ? reply : "");
		p->answered = reply != NULL;
		p->category = usable_category(db, t.category);
	}
	g_free(reply);
	ticket_row_clear(&t);
	if (st != MADO_OK)
		kb_prefill_clear(p);
	return st;
}

struct from_ticket_ctx {
	const struct actor *actor;
	int64_t ticket_id;
	struct kb_draft d;       /* internal, whatever the caller's said */
	struct kb_text t;
	int64_t faq_no;          /* out */
};

static int
from_ticket_txn(struct db *db, void *p, struct mado_err *e)
{
	struct from_ticket_ctx *f = p;
	struct kb_row row;
	char link[64];
	int64_t made;
	int st = kb_faq_no_by_source(db, f->ticket_id, &made, e);
	struct audit_entry a = {
		.action = "link", .entity = "ticket", .entity_id = f->ticket_id, .field = "link",
		.new_value = link,
	};

	if (st == MADO_OK)
		return mado_err_set(e, MADO_EDATA, _("this ticket was already made into FAQ %lld"),
			(long long)made);
	if (st != MADO_ENOTFOUND)
		return st;
	if ((st = kb_add_in_txn(db, f->actor, &f->d, &f->t, f->ticket_id, &row, e)) != MADO_OK)
		return st;
	f->faq_no = row.faq_no;
	/* The ticket's side, as ticket_link() records an FAQ link. */
	g_snprintf(link, sizeof link, "answered_with_faq FAQ-%lld", (long long)row.faq_no);
	st = link_insert(db, "ticket", f->ticket_id, "kb", row.id, "answered_with_faq",
		f->actor->staff_id, mado_now(), e);
	if (st == MADO_OK)
		st = actor_audit(db, f->actor, &a, e);
	kb_row_clear(&row);
	return st;
}

int
kb_add_from_ticket(struct db *db, const struct actor *actor, int64_t ticket_id,
	const struct kb_draft *d, int64_t *faq_no, struct mado_err *e)
{
	struct from_ticket_ctx f = { .actor = actor, .ticket_id = ticket_id, .d = *d };
	struct ticket_row t;
	int st = role_require(actor, ROLE_OPERATOR, _("making a ticket an FAQ"), e);

	f.d.public = false;
	if (st == MADO_OK && (st = ticket_read(db, actor, ticket_id, &t, e)) == MADO_OK)
		ticket_row_clear(&t);
	if (st == MADO_OK)
		st = kb_draft_check(&f.d, &f.t, e);
	if (st == MADO_OK)
		st = db_txn(db, from_ticket_txn, &f, e);
	if (st == MADO_OK)
		*faq_no = f.faq_no;
	kb_text_clear(&f.t);
	return st;
}

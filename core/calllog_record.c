#include "calllog_record.h"

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/calllog_check.h"
#include "core/numbering.h"
#include "db/audit_store.h"
#include "db/calllog_store.h"
#include "db/calllog_write.h"
#include "db/ticket_store.h"

int
calllog_resolve(struct db *db, const char *ref, int64_t *id, struct mado_err *e)
{
	int st;

	if (ref[0] == '#') {
		char *end;
		long long n = strtoll(ref + 1, &end, 10);
		struct calllog_values v;

		st = n > 0 && *end == '\0' ? calllog_values_get(db, n, &v, e) : MADO_ENOTFOUND;
		if (st == MADO_OK)
			*id = n;
	} else
		st = calllog_id_by_receipt(db, ref, id, e);
	if (st == MADO_ENOTFOUND)
		return mado_err_set(e, MADO_ENOTFOUND, _("no call log '%s'"), ref);
	return st;
}

static int
audit_calllog(struct db *db, const struct actor *actor, const char *action, int64_t id,
	const char *field, const char *old_value, const char *new_value, struct mado_err *e)
{
	struct audit_entry a = { action, "calllog", id, field, old_value, new_value };

	return actor_audit(db, actor, &a, e);
}

static void
time_text(int64_t t, char *buf, size_t n)
{
	if (t != 0)
		snprintf(buf, n, "%lld", (long long)t);
	else
		buf[0] = '\0';
}

struct start_ctx {
	const struct actor *actor;
	int64_t id;
	char receipt[CALLLOG_RECEIPT_MAX];
};

static int
start_txn(struct db *db, void *p, struct mado_err *e)
{
	struct start_ctx *s = p;
	int64_t now = mado_now();
	char at[32];
	int st = numbering_next(db, "calllog", now, s->receipt, sizeof s->receipt, e);

	if (st == MADO_OK)
		st = calllog_insert(db, s->receipt, s->actor->staff_id, now, &s->id, e);
	time_text(now, at, sizeof at);
	if (st == MADO_OK)
		st = audit_calllog(db, s->actor, "create", s->id, "", NULL, s->receipt, e);
	if (st == MADO_OK)
		st = audit_calllog(db, s->actor, "create", s->id, "started_at", NULL, at, e);
	return st;
}

int
calllog_start(struct db *db, const struct actor *actor, int64_t *id,
	char receipt[CALLLOG_RECEIPT_MAX], struct mado_err *e)
{
	struct start_ctx s = { .actor = actor };
	int st = role_require(actor, ROLE_OPERATOR, _("recording calls"), e);

	/* A call log names the operator who took it; the system account has
	 * no staff record to name. */
	if (st == MADO_OK && actor->staff_id <= 0)
		st = mado_err_set(e, MADO_EPERM, _("recording calls needs a staff account"));
	if (st == MADO_OK)
		st = db_txn(db, start_txn, &s, e);
	if (st != MADO_OK)
		return st;
	*id = s.id;
	if (receipt != NULL)
		g_strlcpy(receipt, s.receipt, CALLLOG_RECEIPT_MAX);
	return MADO_OK;
}

/* Reads the call and checks that actor may change it: the operator who
 * took it, or a supervisor. Free row with calllog_row_clear(). */
static int
own_call(struct db *db, const struct actor *actor, int64_t id, struct calllog_row *row,
	struct mado_err *e)
{
	int st = calllog_by_id(db, id, "ja", row, e);

	if (st == MADO_ENOTFOUND)
		return mado_err_set(e, MADO_ENOTFOUND, _("no call log with id %lld"), (long long)id);
	if (st != MADO_OK)
		return st;
	if (strcmp(row->operator, actor->login) != 0 && actor->role < ROLE_SUPERVISOR)
		return mado_err_set(e, MADO_EPERM,
			_("call %s was taken by %s: only they or a supervisor may change it"),
			row->receipt_no, row->operator);
	return MADO_OK;
}

struct end_ctx {
	const struct actor *actor;
	int64_t id;
};

static int
end_txn(struct db *db, void *p, struct mado_err *e)
{
	struct end_ctx *x = p;
	struct calllog_values v;
	struct calllog_row row;
	int64_t now = mado_now();
	char at[32];
	int st = own_call(db, x->actor, x->id, &row, e);

	if (st == MADO_OK)
		st = calllog_values_get(db, x->id, &v, e);
	if (st == MADO_OK && v.ended_at != 0)
		st = mado_err_set(e, MADO_EDATA, _("call %s has already ended"), row.receipt_no);
	if (st == MADO_OK && now < row.started_at)
		st = mado_err_set(e, MADO_EDATA, _("ended_at: the end cannot come before the start"));
	if (st == MADO_OK) {
		v.ended_at = now;
		v.inquiry_text = row.inquiry_text;
		v.response_text = row.response_text;
		st = calllog_write(db, x->id, &v, e);
	}
	time_text(now, at, sizeof at);
	if (st == MADO_OK)
		st = audit_calllog(db, x->actor, "update", x->id, "ended_at", NULL, at, e);
	calllog_row_clear(&row);
	return st;
}

int
calllog_end(struct db *db, const struct actor *actor, int64_t id, struct mado_err *e)
{
	struct end_ctx x = { actor, id };
	int st = role_require(actor, ROLE_OPERATOR, _("recording calls"), e);

	return st == MADO_OK ? db_txn(db, end_txn, &x, e) : st;
}

/* Texts are what the operator typed: UTF-8 with line breaks, nothing that
 * would garble a list, a CSV export or the terminal. */
static int
check_text(const char *field, const char *s, struct mado_err *e)
{
	if (s == NULL)
		return MADO_OK;
	if (!g_utf8_validate(s, -1, NULL))
		return mado_err_set(e, MADO_EDATA, _("%s: not valid UTF-8"), field);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			return mado_err_set(e, MADO_EDATA,
				_("%s: control characters other than line breaks are not allowed"), field);
	return MADO_OK;
}

static int
check_fields(const struct calllog_fields *f, struct mado_err *e)
{
	int st;

	if (f->faq != NULL && (f->nfaq < 0 || f->nfaq > CALLLOG_FAQ_MAX))
		return mado_err_set(e, MADO_EDATA, _("faq: at most %d FAQs may be recorded on a call"),
			CALLLOG_FAQ_MAX);
	for (int i = 0; f->faq != NULL && i < f->nfaq; i++)
		for (int j = 0; j < i; j++)
			if (f->faq[i] == f->faq[j])
				return mado_err_set(e, MADO_EDATA, _("faq: FAQ %lld is given twice"),
					(long long)f->faq[i]);
	if ((st = check_text("inquiry_text", f->inquiry_text, e)) != MADO_OK)
		return st;
	return check_text("response_text", f->response_text, e);
}

struct save_ctx {
	const struct actor *actor;
	int64_t id;
	const struct calllog_fields *f;
};

/* Looks up a changed code: "" clears (*id 0), NULL keeps *id. */
static int
set_code(struct db *db, enum calllog_master m, const char *field, const char *code,
	int64_t *id, struct mado_err *e)
{
	int st;

	if (code == NULL)
		return MADO_OK;
	if (*code == '\0') {
		*id = 0;
		return MADO_OK;
	}
	st = calllog_master_id(db, m, code, id, e);
	if (st == MADO_ENOTFOUND)
		return mado_err_set(e, MADO_EDATA, _("%s: no such code '%s'"), field, code);
	return st;
}

static int
set_faqs(struct db *db, const struct calllog_fields *f, struct calllog_values *v,
	struct mado_err *e)
{
	if (f->faq == NULL)
		return MADO_OK;
	for (int i = 0; i < CALLLOG_FAQ_MAX; i++) {
		char no[24];
		int st;

		v->faq_id[i] = 0;
		if (i >= f->nfaq)
			continue;
		snprintf(no, sizeof no, "%lld", (long long)f->faq[i]);
		st = calllog_master_id(db, CALLLOG_FAQ, no, &v->faq_id[i], e);
		if (st == MADO_ENOTFOUND)
			return mado_err_set(e, MADO_EDATA, _("faq: no FAQ numbered %s"), no);
		if (st != MADO_OK)
			return st;
	}
	return MADO_OK;
}

/* 転送先 belongs to transferred calls only: required there, refused
 * elsewhere, so the figures count transfers from one place. */
static int
check_transfer(const char *outcome, int64_t transfer_to_id, struct mado_err *e)
{
	bool transferred = strcmp(outcome, "transferred") == 0;

	if (transferred && transfer_to_id == 0)
		return mado_err_set(e, MADO_EDATA,
			_("transfer_to: a transferred call needs a transfer destination"));
	if (!transferred && transfer_to_id != 0)
		return mado_err_set(e, MADO_EDATA,
			_("transfer_to: only a call with the outcome 'transferred' has a transfer "
			  "destination"));
	return MADO_OK;
}

static void
faq_text(const int64_t *nos, int n, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && len < size; i++)
		if (nos[i] != 0)
			len += (size_t)snprintf(buf + len, size - len, "%s%lld", len ? "," : "",
				(long long)nos[i]);
}

/* One audit row per field whose value changed. */
static int
audit_changes(struct db *db, struct save_ctx *s, const struct calllog_row *row,
	const struct calllog_values *old, const struct calllog_values *v, struct mado_err *e)
{
	const struct calllog_fields *f = s->f;
	const char *fields[] = { "contact_type", "department", "outcome", "category",
		"transfer_to", "inquiry_text", "response_text" };
	const char *olds[] = { row->contact_type, row->department, row->outcome, row->category,
		row->transfer_to, row->inquiry_text, row->response_text };
	const char *news[] = { f->contact_type, f->department, f->outcome, f->category,
		f->transfer_to, f->inquiry_text, f->response_text };
	char a[32], b[32], fa[96], fb[96];
	int st = MADO_OK;

	for (size_t i = 0; i < G_N_ELEMENTS(fields) && st == MADO_OK; i++)
		if (news[i] != NULL && strcmp(olds[i], news[i]) != 0)
			st = audit_calllog(db, s->actor, "update", s->id, fields[i],
				*olds[i] ? olds[i] : NULL, *news[i] ? news[i] : NULL, e);
	if (st == MADO_OK && f->faq != NULL) {
		int64_t was[CALLLOG_FAQ_MAX];

		for (int i = 0; i < CALLLOG_FAQ_MAX; i++)
			was[i] = row->faq[i].faq_no;
		faq_text(was, CALLLOG_FAQ_MAX, fa, sizeof fa);
		faq_text(f->faq, f->nfaq, fb, sizeof fb);
		if (strcmp(fa, fb) != 0)
			st = audit_calllog(db, s->actor, "update", s->id, "faq", *fa ? fa : NULL,
				*fb ? fb : NULL, e);
	}
	if (st == MADO_OK && old->ended_at != v->ended_at) {
		time_text(v->ended_at, b, sizeof b);
		st = audit_calllog(db, s->actor, "update", s->id, "ended_at", NULL, b, e);
	}
	time_text(old->wrapup_at, a, sizeof a);
	time_text(v->wrapup_at, b, sizeof b);
	if (st == MADO_OK)
		st = audit_calllog(db, s->actor, "update", s->id, "wrapup_at", *a ? a : NULL, b, e);
	return st;
}

static int
save_txn(struct db *db, void *p, struct mado_err *e)
{
	struct save_ctx *s = p;
	const struct calllog_fields *f = s->f;
	struct calllog_values old, v;
	struct calllog_row row;
	int64_t now = mado_now();
	int st = own_call(db, s->actor, s->id, &row, e);

	if (st == MADO_OK)
		st = calllog_values_get(db, s->id, &old, e);
	v = old;
	if (st == MADO_OK)
		st = set_code(db, CALLLOG_CONTACT_TYPE, "contact_type", f->contact_type,
			&v.contact_type_id, e);
	if (st == MADO_OK)
		st = set_code(db, CALLLOG_DEPARTMENT, "department", f->department,
			&v.department_id, e);
	if (st == MADO_OK)
		st = set_code(db, CALLLOG_OUTCOME, "outcome", f->outcome, &v.outcome_id, e);
	if (st == MADO_OK)
		st = set_code(db, CALLLOG_CATEGORY, "category", f->category, &v.category_id, e);
	if (st == MADO_OK)
		st = set_code(db, CALLLOG_PHONEBOOK, "transfer_to", f->transfer_to,
			&v.transfer_to_id, e);
	if (st == MADO_OK)
		st = set_faqs(db, f, &v, e);
	if (st == MADO_OK)
		st = check_transfer(f->outcome != NULL ? f->outcome : row.outcome, v.transfer_to_id, e);
	if (v.ended_at == 0)
		v.ended_at = now;
	if (st == MADO_OK && v.ended_at < row.started_at)
		st = mado_err_set(e, MADO_EDATA, _("ended_at: the end cannot come before the start"));
	v.wrapup_at = now;
	v.inquiry_text = f->inquiry_text != NULL ? f->inquiry_text : row.inquiry_text;
	v.response_text = f->response_text != NULL ? f->response_text : row.response_text;
	if (st == MADO_OK)
		st = calllog_check_text(f->rules, "inquiry_text", v.inquiry_text, e);
	if (st == MADO_OK)
		st = calllog_check_text(f->rules, "response_text", v.response_text, e);
	if (st == MADO_OK)
		st = calllog_write(db, s->id, &v, e);
	if (st == MADO_OK)
		st = audit_changes(db, s, &row, &old, &v, e);
	calllog_row_clear(&row);
	return st;
}

int
calllog_save(struct db *db, const struct actor *actor, int64_t id,
	const struct calllog_fields *f, struct mado_err *e)
{
	struct save_ctx s = { actor, id, f };
	int st = role_require(actor, ROLE_OPERATOR, _("recording calls"), e);

	if (st == MADO_OK)
		st = check_fields(f, e);
	return st == MADO_OK ? db_txn(db, save_txn, &s, e) : st;
}

enum { SUBJECT_CHARS = 100 };

struct ticket_ctx {
	const struct actor *actor;
	int64_t id;
	const char *kind;
	int64_t ticket_id;
	char number[TICKET_NUMBER_MAX];
};

/* The first line of 受付内容, cut to SUBJECT_CHARS characters; the
 * receipt number when the operator wrote nothing. Caller frees. */
static char *
subject_of(const struct calllog_row *row)
{
	const char *s = row->inquiry_text;
	const char *nl = strchr(s, '\n');
	char *line = g_strstrip(g_strndup(s, nl ? (size_t)(nl - s) : strlen(s)));
	char *out;

	if (*line == '\0') {
		g_free(line);
		return g_strdup_printf(_("Call %s"), row->receipt_no);
	}
	out = g_utf8_substring(line, 0, MIN(g_utf8_strlen(line, -1), SUBJECT_CHARS));
	g_free(line);
	return out;
}

static int
ticket_txn(struct db *db, void *p, struct mado_err *e)
{
	struct ticket_ctx *t = p;
	struct calllog_row row;
	char *subject = NULL, *body = NULL;
	int64_t now = mado_now();
	int st = calllog_by_id(db, t->id, "ja", &row, e);

	if (st == MADO_ENOTFOUND)
		st = mado_err_set(e, MADO_ENOTFOUND, _("no call log with id %lld"), (long long)t->id);
	if (st == MADO_OK) {
		struct ticket_draft d = { .kind = t->kind, .source = "phone" };

		subject = subject_of(&row);
		body = g_strdup_printf(_("Call %s\n\nInquiry:\n%s\n\nResponse:\n%s\n"),
			row.receipt_no, row.inquiry_text, row.response_text);
		d.subject = subject;
		d.body = body;
		st = ticket_create(db, t->actor, &d, &t->ticket_id, t->number, e);
	}
	if (st == MADO_OK)
		st = link_insert(db, "ticket", t->ticket_id, "calllog", t->id, "related",
			t->actor->staff_id, now, e);
	if (st == MADO_OK)
		st = link_insert(db, "calllog", t->id, "ticket", t->ticket_id, "related",
			t->actor->staff_id, now, e);
	if (st == MADO_OK)
		st = audit_calllog(db, t->actor, "link", t->id, "ticket", NULL, t->number, e);
	g_free(subject);
	g_free(body);
	calllog_row_clear(&row);
	return st;
}

int
calllog_to_ticket(struct db *db, const struct actor *actor, int64_t id, const char *kind,
	int64_t *ticket_id, char number[TICKET_NUMBER_MAX], struct mado_err *e)
{
	struct ticket_ctx t = { .actor = actor, .id = id, .kind = kind };
	int st = role_require(actor, ROLE_OPERATOR, _("making a ticket of a call"), e);

	if (st == MADO_OK && strcmp(kind, "inquiry") != 0 && strcmp(kind, "incident") != 0)
		st = mado_err_set(e, MADO_EUSAGE,
			_("kind: a call becomes an inquiry or an incident, not '%s'"), kind);
	if (st == MADO_OK)
		st = db_txn(db, ticket_txn, &t, e);
	if (st != MADO_OK)
		return st;
	*ticket_id = t.ticket_id;
	if (number != NULL)
		g_strlcpy(number, t.number, TICKET_NUMBER_MAX);
	return MADO_OK;
}

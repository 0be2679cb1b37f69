#include "kb.h"

#include <glib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"
#include "db/audit_store.h"

#define SECONDS_PER_DAY 86400

/* ---- checking and tidying text ---- */

static bool
space_at(const char *p)
{
	return g_unichar_isspace(g_utf8_get_char(p));
}

/* MADO_OK when s is UTF-8; the message suggests converting, since the
 * usual culprit is a Shift_JIS file saved by a Windows editor. */
static int
check_utf8(const char *field, const char *s, struct mado_err *e)
{
	const char *bad;

	if (g_utf8_validate(s, -1, &bad))
		return MADO_OK;
	return mado_err_set(e, MADO_EDATA,
		_("%s: not valid UTF-8 at byte %ld (convert the text to UTF-8, e.g."
		  " with iconv -f SHIFT_JIS -t UTF-8)"), field, (long)(bad - s));
}

/* MADO_OK when valid UTF-8 s has at most max characters and no control
 * characters, except newline and tab when multiline. Control characters
 * are refused because articles are printed on operators' terminals, where
 * an escape sequence would act rather than show. */
static int
check_chars(const char *field, const char *s, long max, bool multiline, struct mado_err *e)
{
	long n = 0;

	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p), n++) {
		gunichar c = g_utf8_get_char(p);

		if (multiline && (c == '\n' || c == '\t'))
			continue;
		if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
			if (!multiline)
				return mado_err_set(e, MADO_EDATA,
					_("%s: must be a single line without control characters"
					  " (found U+%04X)"), field, (unsigned)c);
			return mado_err_set(e, MADO_EDATA,
				_("%s: control character U+%04X is not allowed"), field, (unsigned)c);
		}
	}
	if (n > max)
		return mado_err_set(e, MADO_EDATA,
			_("%s: too long (%ld characters; at most %ld)"), field, n, max);
	return MADO_OK;
}

/* Valid UTF-8 s without leading and trailing white space, which includes
 * the ideographic space (U+3000) Japanese input methods type. Caller
 * frees with g_free(). */
static char *
trim(const char *s)
{
	const char *end = s + strlen(s);

	while (*s != '\0' && space_at(s))
		s = g_utf8_next_char(s);
	while (end > s) {
		const char *prev = g_utf8_find_prev_char(s, end);

		if (prev == NULL || !space_at(prev))
			break;
		end = prev;
	}
	return g_strndup(s, (gsize)(end - s));
}

/* A question or answer as stored: no byte-order mark, LF line ends
 * (files from Windows editors have CRLF), no blank lines before the text
 * (the first line keeps its indentation) and no white space after it.
 * s must be valid UTF-8. Caller frees with g_free(). */
static char *
tidy_body(const char *s)
{
	const char *start;
	GString *out;

	if (strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	start = s;
	for (const char *p = s; *p != '\0' && space_at(p); p = g_utf8_next_char(p))
		if (*p == '\n' || *p == '\r')
			start = p + 1;
	out = g_string_sized_new(strlen(start));
	for (const char *p = start; *p != '\0'; p++) {
		if (*p != '\r')
			g_string_append_c(out, *p);
		else if (p[1] != '\n')
			g_string_append_c(out, '\n');
	}
	while (out->len > 0) {
		const char *prev = g_utf8_find_prev_char(out->str, out->str + out->len);

		if (prev == NULL || !space_at(prev))
			break;
		g_string_truncate(out, (gsize)(prev - out->str));
	}
	return g_string_free(out, FALSE);
}

/* ---- adding ---- */

struct add_ctx {
	const struct actor *actor;
	const struct kb_draft *d;
	char *title, *question, *answer;    /* tidied copies, g_free() */
	int64_t faq_no;                     /* out */
};

static int
tidy_draft(struct add_ctx *a, struct mado_err *e)
{
	const struct kb_draft *d = a->d;
	int st;

	if (d->title == NULL)
		return mado_err_set(e, MADO_EDATA, _("title: must not be empty"));
	if ((st = check_utf8(_("title"), d->title, e)) != MADO_OK)
		return st;
	a->title = trim(d->title);
	if (a->title[0] == '\0')
		return mado_err_set(e, MADO_EDATA, _("title: must not be empty"));
	if ((st = check_chars(_("title"), a->title, KB_TITLE_MAX, false, e)) != MADO_OK)
		return st;
	if ((st = check_utf8(_("question"), d->question ? d->question : "", e)) != MADO_OK)
		return st;
	a->question = tidy_body(d->question ? d->question : "");
	if ((st = check_chars(_("question"), a->question, KB_QUESTION_MAX, true, e)) != MADO_OK)
		return st;
	if ((st = check_utf8(_("answer"), d->answer ? d->answer : "", e)) != MADO_OK)
		return st;
	a->answer = tidy_body(d->answer ? d->answer : "");
	if ((st = check_chars(_("answer"), a->answer, KB_ANSWER_MAX, true, e)) != MADO_OK)
		return st;
	if (d->faq_no < 0 || d->faq_no > KB_FAQ_NO_MAX)
		return mado_err_set(e, MADO_EDATA, _("FAQ number: %lld is out of range (1 to %lld)"),
			(long long)d->faq_no, (long long)KB_FAQ_NO_MAX);
	return MADO_OK;
}

static bool
given(const char *code)
{
	return code != NULL && code[0] != '\0';
}

/* Resolves one master code for a new article; field names it in messages.
 * Retired (inactive) masters are refused: new articles should not be
 * filed under a category or department that no longer exists. */
static int
resolve_master(struct db *db, enum kb_master which, const char *field, const char *code,
	struct kb_master_ref *ref, struct mado_err *e)
{
	int st = kb_master_lookup(db, which, code, ref, e);

	if (st == MADO_ENOTFOUND)
		return mado_err_set(e, MADO_EDATA, _("%s: no entry with code '%s'"), field, code);
	if (st != MADO_OK)
		return st;
	if (!ref->active)
		return mado_err_set(e, MADO_EDATA, _("%s: '%s' is no longer in use"), field, code);
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

	if (given(d->category)) {
		st = resolve_master(db, KB_MASTER_CATEGORY, _("category"), d->category, &ref, e);
		if (st != MADO_OK)
			return st;
		if (strcmp(ref.scope, "any") != 0 && strcmp(ref.scope, "kb") != 0)
			return mado_err_set(e, MADO_EDATA,
				_("category: '%s' is for %s records, not knowledge articles"),
				d->category, ref.scope);
		in->category_id = ref.id;
		in->department_id = ref.department_id;
	}
	if (given(d->department)) {
		st = resolve_master(db, KB_MASTER_DEPARTMENT, _("department"), d->department,
			&ref, e);
		if (st != MADO_OK)
			return st;
		in->department_id = ref.id;
	}
	if (given(d->faq_class)) {
		st = resolve_master(db, KB_MASTER_CLASS, _("class"), d->faq_class, &ref, e);
		if (st != MADO_OK)
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

/* One audit row per field the new article starts with, from the row as
 * stored. The question and answer are not copied into the audit trail:
 * kb_version keeps every text of every version. */
static int
audit_created(struct db *db, const struct actor *actor, const struct kb_row *row,
	struct mado_err *e)
{
	char no[24];
	const struct { const char *field, *value; } fields[] = {
		{ "faq_no", no },
		{ "title", row->title },
		{ "category", row->category },
		{ "department", row->department },
		{ "faq_class", row->faq_class },
		{ "public", row->public ? "1" : "0" },
	};

	g_snprintf(no, sizeof no, "%lld", (long long)row->faq_no);
	for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
		struct audit_entry a = {
			.action = "create", .entity = "kb", .entity_id = row->id,
			.field = fields[i].field, .old_value = NULL, .new_value = fields[i].value,
		};
		int st;

		if (fields[i].value[0] == '\0')
			continue;
		if ((st = actor_audit(db, actor, &a, e)) != MADO_OK)
			return st;
	}
	return MADO_OK;
}

static int
add_txn(struct db *db, void *p, struct mado_err *e)
{
	struct add_ctx *a = p;
	struct kb_insert in = {
		.title = a->title, .question = a->question, .answer = a->answer,
		.public = a->d->public, .actor_id = a->actor->staff_id, .at = mado_now(),
	};
	struct kb_row row;
	int64_t id;
	int st;

	if ((st = resolve_masters(db, a->d, &in, e)) != MADO_OK)
		return st;
	if ((st = choose_number(db, a->d->faq_no, &in.faq_no, e)) != MADO_OK)
		return st;
	if ((st = kb_insert(db, &in, &id, e)) != MADO_OK)
		return st;
	if ((st = kb_by_faq_no(db, in.faq_no, &row, e)) != MADO_OK)
		return st == MADO_ENOTFOUND
			? mado_err_set(e, MADO_EFAIL, "kb: article %lld vanished", (long long)in.faq_no)
			: st;
	st = audit_created(db, a->actor, &row, e);
	kb_row_clear(&row);
	if (st == MADO_OK)
		a->faq_no = in.faq_no;
	return st;
}

int
kb_add(struct db *db, const struct actor *actor, const struct kb_draft *d,
	int64_t *faq_no, struct mado_err *e)
{
	struct add_ctx a = { .actor = actor, .d = d };
	int st = role_require(actor, ROLE_OPERATOR, _("adding a knowledge article"), e);

	if (st == MADO_OK)
		st = tidy_draft(&a, e);
	if (st == MADO_OK)
		st = db_txn(db, add_txn, &a, e);
	if (st == MADO_OK)
		*faq_no = a.faq_no;
	g_free(a.title);
	g_free(a.question);
	g_free(a.answer);
	return st;
}

/* ---- reading ---- */

struct show_ctx {
	const struct actor *actor;
	int64_t faq_no;
	struct kb_row *row;
	bool count;              /* a new reading: count the view */
};

/* Internal articles are for operators; staff see the public ones only. */
static bool
may_see_internal(const struct actor *actor)
{
	return actor->role >= ROLE_OPERATOR;
}

static int
show_txn(struct db *db, void *p, struct mado_err *e)
{
	struct show_ctx *s = p;
	int st;

	kb_row_clear(s->row); /* a retried transaction starts afresh */
	/* The view count is a statistic, not a change to the article, so it
	 * is not audited: an audit row per reading would bury the changes. */
	st = kb_by_faq_no(db, s->faq_no, s->row, e);
	if (st == MADO_OK && !s->row->public && !may_see_internal(s->actor))
		return mado_err_set(e, MADO_EPERM,
			_("FAQ %lld is internal: reading it needs the operator role"),
			(long long)s->faq_no);
	if (st == MADO_OK && s->count) {
		st = kb_count_view(db, s->faq_no, e);
		s->row->views++;
	}
	if (st == MADO_ENOTFOUND)
		return mado_err_set(e, MADO_ENOTFOUND, _("no FAQ with number %lld"),
			(long long)s->faq_no);
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
	if (!may_see_internal(actor)) {
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
	if (given(q->category)) {
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

/* Synonym groups: normalising and checking terms, adding, removing,
 * listing, and the alternatives a search widens a word with. Import and
 * export are in synonym_io.c. */
#include "synonym.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "db/audit_store.h"
#include "db/search_store.h"

char *
synonym_norm(const char *term)
{
	char *nfkc, *folded, *out;

	if (term == NULL || !g_utf8_validate(term, -1, NULL))
		return NULL;
	nfkc = g_utf8_normalize(term, -1, G_NORMALIZE_NFKC);
	if (nfkc == NULL)
		return NULL;
	folded = g_utf8_casefold(nfkc, -1);
	out = strdup(g_strstrip(folded));
	g_free(nfkc);
	g_free(folded);
	return out;
}

int
synonym_check_term(const char *term, struct mado_err *e)
{
	long n = 0;

	if (!g_utf8_validate(term, -1, NULL))
		return mado_err_set(e, MADO_EDATA, _("not valid UTF-8"));
	for (const char *p = term; *p != '\0'; p = g_utf8_next_char(p), n++) {
		gunichar c = g_utf8_get_char(p);

		if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
			return mado_err_set(e, MADO_EDATA,
				_("must be one line without control characters"));
	}
	if (n > SYNONYM_TERM_MAX)
		return mado_err_set(e, MADO_EDATA, _("too long (%ld characters; at most %d)"), n,
			SYNONYM_TERM_MAX);
	if (search_token_count(term) == 0)
		return mado_err_set(e, MADO_EDATA,
			_("'%s' has no letter, digit or kana to search for"), term);
	return MADO_OK;
}

/* The term tidied (surrounding spaces dropped) and checked; newly
 * allocated in *out. */
static int
tidy_term(const char *term, char **out, struct mado_err *e)
{
	char *t = g_strstrip(g_strdup(term != NULL ? term : ""));
	int st = MADO_OK;

	*out = NULL;
	if (t[0] == '\0')
		st = mado_err_set(e, MADO_EDATA, _("term: empty"));
	else if (synonym_check_term(t, e) != MADO_OK) {
		mado_err_prefix(e, _("term '%s': "), t);
		st = MADO_EDATA;
	}
	if (st == MADO_OK)
		*out = strdup(t);
	g_free(t);
	return st;
}

static int
audit_term(struct db *db, const struct actor *actor, const char *action, int64_t group,
	const char *old_term, const char *new_term, struct mado_err *e)
{
	struct audit_entry a = {
		.action = action, .entity = "synonym", .entity_id = group, .field = "term",
		.old_value = old_term, .new_value = new_term,
	};

	return actor_audit(db, actor, &a, e);
}

/* ---- add ---- */

struct add_ctx {
	const struct actor *actor;
	char **terms, **norms;   /* n tidied terms and their norms */
	size_t n;
	int64_t group;
};

static int
add_txn(struct db *db, void *p, struct mado_err *e)
{
	struct add_ctx *a = p;
	int64_t size = 0, g, id;
	size_t fresh = 0;
	int st;

	a->group = 0;
	for (size_t i = 0; i < a->n; i++) {
		st = synonym_find(db, a->norms[i], &g, &id, NULL, 0, e);
		if (st == MADO_ENOTFOUND) {
			fresh++;
			continue;
		}
		if (st != MADO_OK)
			return st;
		if (a->group != 0 && g != a->group)
			return mado_err_set(e, MADO_EDATA,
				_("term '%s' is already in group %lld, another group than the others;"
				  " delete it there first"), a->terms[i], (long long)g);
		a->group = g;
	}
	if (a->group == 0 && (st = synonym_next_group(db, &a->group, e)) != MADO_OK)
		return st;
	if ((st = synonym_group_size(db, a->group, &size, e)) != MADO_OK)
		return st;
	if (size + (int64_t)fresh > SYNONYM_GROUP_MAX)
		return mado_err_set(e, MADO_EDATA, _("group %lld would have %lld terms; at most %d"),
			(long long)a->group, (long long)(size + (int64_t)fresh), SYNONYM_GROUP_MAX);
	for (size_t i = 0; i < a->n; i++) {
		st = synonym_find(db, a->norms[i], &g, &id, NULL, 0, e);
		if (st == MADO_OK)
			continue;
		if (st != MADO_ENOTFOUND ||
		    (st = synonym_insert(db, a->group, a->terms[i], a->norms[i], NULL, e)) != MADO_OK ||
		    (st = audit_term(db, a->actor, "create", a->group, NULL, a->terms[i], e)) != MADO_OK)
			return st;
	}
	return MADO_OK;
}

int
synonym_add(struct db *db, const struct actor *actor, const char *term,
	const char *const *syns, size_t n, int64_t *group, struct mado_err *e)
{
	struct add_ctx a = { .actor = actor, .n = 0 };
	int st = role_require(actor, ROLE_ADMIN, _("editing synonyms"), e);

	*group = 0;
	if (st != MADO_OK)
		return st;
	if (n + 1 > SYNONYM_GROUP_MAX)
		return mado_err_set(e, MADO_EDATA, _("a group has at most %d terms"),
			SYNONYM_GROUP_MAX);
	a.terms = calloc(n + 1, sizeof *a.terms);
	a.norms = calloc(n + 1, sizeof *a.norms);
	for (size_t i = 0; st == MADO_OK && i <= n; i++) {
		char *t = NULL;

		st = tidy_term(i == 0 ? term : syns[i - 1], &t, e);
		if (st != MADO_OK)
			break;
		a.norms[a.n] = synonym_norm(t);
		a.terms[a.n++] = t;
		for (size_t j = 0; j + 1 < a.n; j++)   /* the same term twice counts once */
			if (strcmp(a.norms[j], a.norms[a.n - 1]) == 0) {
				free(a.terms[--a.n]);
				free(a.norms[a.n]);
				break;
			}
	}
	if (st == MADO_OK && a.n < 2)
		st = mado_err_set(e, MADO_EDATA, _("give at least two different terms"));
	if (st == MADO_OK)
		st = db_txn(db, add_txn, &a, e);
	if (st == MADO_OK)
		*group = a.group;
	for (size_t i = 0; i < a.n; i++) {
		free(a.terms[i]);
		free(a.norms[i]);
	}
	free(a.terms);
	free(a.norms);
	return st;
}

/* ---- remove ---- */

struct remove_ctx {
	const struct actor *actor;
	const char *const *terms;
	size_t n;
};

/* The one term left in a group. */
struct last_term {
	int64_t id;
	char *term;
};

static void
last_term_row(const struct synonym_row *r, void *p)
{
	struct last_term *l = p;

	l->id = r->id;
	free(l->term);
	l->term = strdup(r->term);
}

static int
remove_one(struct db *db, const struct actor *actor, const char *term, struct mado_err *e)
{
	char *norm = synonym_norm(term), stored[SYNONYM_TERM_MAX * 4 + 1];
	int64_t group = 0, id = 0, size = 0;
	struct last_term last = { 0 };
	int st = norm != NULL ? synonym_find(db, norm, &group, &id, stored, sizeof stored, e)
		: MADO_ENOTFOUND;

	if (st == MADO_ENOTFOUND)
		st = mado_err_set(e, MADO_ENOTFOUND, _("'%s' is in no synonym group"), term);
	if (st == MADO_OK)
		st = synonym_delete_id(db, id, e);
	if (st == MADO_OK)
		st = audit_term(db, actor, "delete", group, stored, NULL, e);
	if (st == MADO_OK)
		st = synonym_group_size(db, group, &size, e);
	/* The other term of a pair stands for nothing alone: it goes too. */
	if (st == MADO_OK && size == 1)
		st = synonym_each_in_group(db, group, last_term_row, &last, e);
	if (st == MADO_OK && last.id != 0)
		st = synonym_delete_id(db, last.id, e);
	if (st == MADO_OK && last.id != 0)
		st = audit_term(db, actor, "delete", group, last.term, NULL, e);
	free(last.term);
	free(norm);
	return st;
}

static int
remove_txn(struct db *db, void *p, struct mado_err *e)
{
	struct remove_ctx *r = p;
	int st = MADO_OK;

	for (size_t i = 0; st == MADO_OK && i < r->n; i++)
		st = remove_one(db, r->actor, r->terms[i], e);
	return st;
}

int
synonym_remove(struct db *db, const struct actor *actor, const char *const *terms,
	size_t n, struct mado_err *e)
{
	struct remove_ctx r = { actor, terms, n };
	int st = role_require(actor, ROLE_ADMIN, _("editing synonyms"), e);

	return st != MADO_OK ? st : db_txn(db, remove_txn, &r, e);
}

/* ---- reading ---- */

int
synonym_list(struct db *db, const struct actor *actor, synonym_row_fn fn, void *ctx,
	struct mado_err *e)
{
	int st = role_require(actor, ROLE_OPERATOR, _("reading synonyms"), e);

	return st != MADO_OK ? st : synonym_each(db, fn, ctx, e);
}

static void
alt_row(const struct synonym_row *r, void *p)
{
	g_ptr_array_add(p, g_strdup(r->term));
}

int
synonym_alternatives(struct db *db, const char *term, char ***alts, struct mado_err *e)
{
	char *norm = synonym_norm(term);
	GPtrArray *a;
	int st;

	*alts = NULL;
	if (norm == NULL)
		return MADO_OK;
	a = g_ptr_array_new();
	st = synonym_each_alt(db, norm, alt_row, a, e);
	free(norm);
	if (st != MADO_OK || a->len == 0) {
		g_ptr_array_free(a, TRUE);
		return st;
	}
	g_ptr_array_add(a, NULL);
	*alts = (char **)g_ptr_array_free(a, FALSE);
	return MADO_OK;
}

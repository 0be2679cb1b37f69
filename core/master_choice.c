/* Choices for pickers: the active rows of a master, or of a code list in
 * table `choice`, as (code, name) pairs in the language of the messages. */
#include "master.h"

#include <string.h>

#include "base/i18n.h"
#include "core/master_load.h"
#include "db/choice_store.h"
#include "db/master_store.h"

/* The masters a record can point at by code; vendor_contact has no code
 * of its own and is chosen through its vendor. */
static const char *const master_kinds[] = {
	"queue", "staff", "category", "department", "system", "vendor", "phonebook", "faq_class",
};
static const char *const code_lists[] = { "contact_type", "outcome", "request_kind" };

static bool
listed(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

/* The English name when messages are English and there is one. */
static const char *
label(const char *name, const char *name_en)
{
	if (name_en != NULL && name_en[0] != '\0' && strcmp(mado_i18n_lang(), "en") == 0)
		return name_en;
	return name;
}

struct walk {
	master_choice_fn fn;
	void *ctx;
	int name, name_en, active, scope;   /* column indexes, -1 when absent */
	const char *want_scope;             /* NULL: every scope */
};

static int
master_row(const char *const *values, size_t n, void *p)
{
	struct walk *w = p;
	const char *scope = w->scope >= 0 ? values[w->scope] : NULL;

	if (strcmp(values[w->active], "1") != 0)
		return MADO_OK;
	if (w->want_scope != NULL && scope != NULL && strcmp(scope, "any") != 0 &&
	    strcmp(scope, w->want_scope) != 0)
		return MADO_OK;
	w->fn(values[0], label(values[w->name], w->name_en >= 0 ? values[w->name_en] : NULL),
		w->ctx);
	return MADO_OK;
}

/* The key column comes first in every kind listed above. */
static int
walk_master(struct db *db, const char *kind, const char *scope, master_choice_fn fn,
	void *ctx, struct mado_err *e)
{
	const struct master_kind *k = master_kind_find(kind);
	struct walk w = {
		.fn = fn, .ctx = ctx, .want_scope = scope,
		.name = master_column_index(k, "name"), .name_en = master_column_index(k, "name_en"),
		.active = master_column_index(k, "active"), .scope = master_column_index(k, "scope"),
	};

	return master_store_list(db, kind, k->ncols, master_row, &w, e);
}

static int
code_row(const char *code, const char *name, const char *name_en, void *p)
{
	struct walk *w = p;

	w->fn(code, label(name, name_en), w->ctx);
	return MADO_OK;
}

int
master_choices(struct db *db, const struct actor *actor, const char *kind,
	master_choice_fn fn, void *ctx, struct mado_err *e)
{
	int st = role_require(actor, ROLE_STAFF, _("listing choices"), e);
	struct walk w = { .fn = fn, .ctx = ctx };

	if (st != MADO_OK)
		return st;
	if (listed(master_kinds, sizeof master_kinds / sizeof master_kinds[0], kind))
		return walk_master(db, kind, NULL, fn, ctx, e);
	if (listed(code_lists, sizeof code_lists / sizeof code_lists[0], kind))
		return choice_store_list(db, kind, code_row, &w, e);
	return mado_err_set(e, MADO_EDATA, _("no list of choices named '%s'"), kind);
}

int
master_category_choices(struct db *db, const struct actor *actor, const char *scope,
	master_choice_fn fn, void *ctx, struct mado_err *e)
{
	int st = role_require(actor, ROLE_STAFF, _("listing choices"), e);

	if (st != MADO_OK)
		return st;
	return walk_master(db, "category", scope, fn, ctx, e);
}

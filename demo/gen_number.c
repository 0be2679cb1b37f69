#include "gen_number.h"

#include <glib.h>
#include <string.h>

#include "core/numbering.h"
#include "db/number_store.h"

int
numseq_init(struct db *db, const char *kind, struct numseq *ns, struct mado_err *e)
{
	memset(ns, 0, sizeof *ns);
	g_strlcpy(ns->kind, kind, sizeof ns->kind);
	return number_pattern(db, kind, ns->pattern, sizeof ns->pattern, e);
}

int
numseq_flush(struct db *db, struct numseq *ns, struct mado_err *e)
{
	if (ns->scope[0] == '\0')
		return MADO_OK;
	return number_raise(db, ns->kind, ns->scope, ns->last, e);
}

/* Leaves the current scope and enters scope: the counter's next value
 * (which number_bump() claims) is the first sequence to use there, so an
 * --append run continues after the numbers already given. */
static int
enter(struct db *db, struct numseq *ns, const char *scope, struct mado_err *e)
{
	int64_t first;
	int st = numseq_flush(db, ns, e);

	if (st == MADO_OK)
		st = number_bump(db, ns->kind, scope, &first, e);
	if (st != MADO_OK)
		return st;
	g_strlcpy(ns->scope, scope, sizeof ns->scope);
	ns->last = first - 1;
	return MADO_OK;
}

int
numseq_take(struct db *db, struct numseq *ns, int64_t t, char *out, size_t outsz,
	struct mado_err *e)
{
	char scope[128];
	int st = numbering_render(ns->pattern, t, 0, out, outsz, scope, sizeof scope, e);

	if (st == MADO_OK && strcmp(scope, ns->scope) != 0)
		st = enter(db, ns, scope, e);
	if (st != MADO_OK)
		return st;
	ns->last++;
	return numbering_render(ns->pattern, t, ns->last, out, outsz, scope, sizeof scope, e);
}

/* The synonym groups of the search (core/synonym.h), one row a group,
 * and their editing: n adds a group, Enter adds terms to the selected one,
 * d removes one of its terms. Operators read; core refuses their edits,
 * and the refusal comes before any typing. */
#include <glib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/synonym.h"
#include "tui/list.h"
#include "tui/picker.h"
#include "tui/prompt.h"
#include "tui/views.h"

enum { COL_GROUP, COL_COUNT, COL_TERMS, NCOLS };

struct synonyms_view {
	struct list list;             /* first: the list views' functions find it */
	struct tui *tui;
};

/* One group as read from core: its terms (g_free) in the order added. */
struct group {
	int64_t id;
	GPtrArray *terms;
};

static void
group_free(gpointer p)
{
	struct group *g = p;

	g_ptr_array_free(g->terms, TRUE);
	g_free(g);
}

static void
collect_term(const struct synonym_row *r, void *p)
{
	GPtrArray *groups = p;
	struct group *g = groups->len > 0 ? groups->pdata[groups->len - 1] : NULL;

	if (g == NULL || g->id != r->group_id) {
		g = g_new0(struct group, 1);
		g->id = r->group_id;
		g->terms = g_ptr_array_new_with_free_func(g_free);
		g_ptr_array_add(groups, g);
	}
	g_ptr_array_add(g->terms, g_strdup(r->term));
}

/* Every group by id (core lists terms by group): *out is the caller's
 * (g_ptr_array_free). Synonyms are a few hundred terms at most, so the
 * list reads them whole rather than by keyset. */
static int
read_groups(struct tui *t, GPtrArray **out, struct mado_err *e)
{
	*out = g_ptr_array_new_with_free_func(group_free);
	return synonym_list(t->db, &t->actor, collect_term, *out, e);
}

static struct group *
find_group(GPtrArray *groups, int64_t id)
{
	for (guint i = 0; i < groups->len; i++)
		if (((struct group *)groups->pdata[i])->id == id)
			return groups->pdata[i];
	return NULL;
}

/* ---- the list ---- */

/* Rows run by group id upwards; the widget orders by (key, id)
 * downwards, so a row's key is -id. */
static struct list_row *
group_row(const struct group *g)
{
	char no[24], count[24];
	GString *terms = g_string_new(NULL);
	const char *cells[NCOLS];
	struct list_row *r;

	for (guint i = 0; i < g->terms->len; i++)
		g_string_append_printf(terms, "%s%s", i > 0 ? " / " : "",
			(const char *)g->terms->pdata[i]);
	g_snprintf(no, sizeof no, "%lld", (long long)g->id);
	g_snprintf(count, sizeof count, "%u", g->terms->len);
	cells[COL_GROUP] = no;
	cells[COL_COUNT] = count;
	cells[COL_TERMS] = terms->str;
	r = list_row_new(g->id, -g->id, cells, NCOLS);
	g_string_free(terms, TRUE);
	return r;
}

/* Whether (key, id) comes strictly after (fkey, fid) in list order. */
static bool
after(int64_t key, int64_t id, int64_t fkey, int64_t fid)
{
	return key < fkey || (key == fkey && id < fid);
}

static int
fetch(void *ctx, const struct list_row *from, bool backward, int n, GPtrArray *out, bool *more,
	struct mado_err *e)
{
	struct synonyms_view *sv = ctx;
	GPtrArray *groups;
	int st = read_groups(sv->tui, &groups, e);
	int len = (int)groups->len;

	*more = false;
	for (int k = 0; st == MADO_OK && k < len; k++) {
		const struct group *g = groups->pdata[backward ? len - 1 - k : k];
		bool wanted = from == NULL || (backward
			? after(from->key, from->id, -g->id, g->id)
			: after(-g->id, g->id, from->key, from->id));

		if (!wanted)
			continue;
		if ((int)out->len == n) {
			*more = true;
			break;
		}
		g_ptr_array_add(out, group_row(g));
	}
	g_ptr_array_free(groups, TRUE);
	return st;
}

/* ---- editing ---- */

/* Splits what was typed at spaces and commas, full-width ones too, into
 * a new vector (g_strfreev); empty pieces are dropped. */
static char **
split_terms(const char *text)
{
	GPtrArray *out = g_ptr_array_new();
	const char *p = text, *start = text;

	for (;;) {
		gunichar c = g_utf8_get_char(p);

		if (c == 0 || c == ' ' || c == '\t' || c == ',' || c == 0x3001 || c == 0xFF0C ||
		    c == 0x3000) {
			if (p > start)
				g_ptr_array_add(out, g_strndup(start, (gsize)(p - start)));
			if (c == 0)
				break;
			start = g_utf8_next_char(p);
		}
		p = g_utf8_next_char(p);
	}
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(out, FALSE);
}

/* Adds terms to the group of first (or to a new group when first is in
 * none) and says what the group holds now. */
static void
add_terms(struct tui *t, const char *first, char *const *terms, size_t n)
{
	struct mado_err e = { 0 };
	int64_t group = 0;

	if (synonym_add(t->db, &t->actor, first, (const char *const *)terms, n, &group, &e)
	    != MADO_OK) {
		tui_error(t, &e);
		return;
	}
	tui_message(t, _("synonym group %lld saved"), (long long)group);
	t->dirty |= DIRTY_DATA;
}

static void
new_group_done(struct tui *t, const char *text, void *ctx)
{
	char **terms;

	(void)ctx;
	if (text == NULL)
		return;
	terms = split_terms(text);
	if (terms[0] == NULL)
		tui_message(t, _("no terms given"));
	else
		add_terms(t, terms[0], terms + 1, g_strv_length(terms + 1));
	g_strfreev(terms);
}

/* ctx: the group's first term (g_free), which names the group to core. */
static void
more_terms_done(struct tui *t, const char *text, void *ctx)
{
	char *first = ctx;
	char **terms = text != NULL ? split_terms(text) : NULL;

	if (terms != NULL && terms[0] == NULL)
		tui_message(t, _("no terms given"));
	else if (terms != NULL)
		add_terms(t, first, terms, g_strv_length(terms));
	g_strfreev(terms);
	g_free(first);
}

static void
remove_done(struct tui *t, const char *value, void *ctx)
{
	struct mado_err e = { 0 };

	(void)ctx;
	if (value == NULL)
		return;
	if (synonym_remove(t->db, &t->actor, &value, 1, &e) != MADO_OK) {
		tui_error(t, &e);
		return;
	}
	tui_message(t, _("removed '%s' from its synonym group"), value);
	t->dirty |= DIRTY_DATA;
}

/* The selected group read again from core (another user may have changed
 * it), in *groups (the caller's); NULL with the message line set when
 * there is none or the actor may not edit. */
static struct group *
selected_group(struct synonyms_view *sv, GPtrArray **groups)
{
	struct tui *t = sv->tui;
	const struct list_row *r = list_current(&sv->list);
	struct mado_err e = { 0 };
	struct group *g = NULL;

	*groups = NULL;
	if (role_require(&t->actor, ROLE_ADMIN, _("editing synonyms"), &e) != MADO_OK) {
		tui_error(t, &e);
		return NULL;
	}
	if (r == NULL) {
		tui_message(t, _("no synonym group here: n adds one"));
		return NULL;
	}
	if (read_groups(t, groups, &e) != MADO_OK)
		tui_error(t, &e);
	else if ((g = find_group(*groups, r->id)) == NULL)
		tui_message(t, _("that synonym group has just been removed"));
	if (g == NULL)
		t->dirty |= DIRTY_DATA;
	return g;
}

static void
ask_new_group(struct synonyms_view *sv)
{
	struct mado_err e = { 0 };

	if (role_require(&sv->tui->actor, ROLE_ADMIN, _("editing synonyms"), &e) != MADO_OK) {
		tui_error(sv->tui, &e);
		return;
	}
	prompt_open(sv->tui, _("New group (terms separated by spaces or commas): "), "",
		"synonym", NULL, new_group_done, NULL);
}

static void
ask_more_terms(struct synonyms_view *sv)
{
	GPtrArray *groups;
	struct group *g = selected_group(sv, &groups);
	char label[96];

	if (g != NULL) {
		g_snprintf(label, sizeof label, _("Add to group %lld: "), (long long)g->id);
		prompt_open(sv->tui, label, "", "synonym", NULL, more_terms_done,
			g_strdup(g->terms->pdata[0]));
	}
	if (groups != NULL)
		g_ptr_array_free(groups, TRUE);
}

static void
pick_term_to_remove(struct synonyms_view *sv)
{
	GPtrArray *groups;
	struct group *g = selected_group(sv, &groups);

	if (g != NULL) {
		struct picker_item *items = g_new0(struct picker_item, g->terms->len);
		char title[96];

		for (guint i = 0; i < g->terms->len; i++)
			items[i].value = items[i].label = g->terms->pdata[i];
		g_snprintf(title, sizeof title, _("Remove a term of group %lld"), (long long)g->id);
		tui_push(sv->tui, picker_new(sv->tui, title, items, (int)g->terms->len,
			remove_done, NULL));
		g_free(items);
	}
	if (groups != NULL)
		g_ptr_array_free(groups, TRUE);
}

/* ---- the view ---- */

static bool
synonyms_act(struct view *v, enum tui_action a)
{
	struct synonyms_view *sv = v->data;

	switch (a) {
	case ACT_NEW: ask_new_group(sv); return true;
	case ACT_OPEN: case ACT_EDIT: ask_more_terms(sv); return true;
	case ACT_DELETE: pick_term_to_remove(sv); return true;
	default: return list_act(&sv->list, sv->tui, a);
	}
}

static const char *
synonyms_title(struct view *v)
{
	return _("Synonyms of the search");
}

static const struct view_ops synonyms_ops = {
	.context = "list", .title = synonyms_title, .load = list_view_load,
	.draw = list_view_draw, .act = synonyms_act, .position = list_view_position,
	.destroy = list_view_destroy,
};

struct view *
view_synonyms_new(struct tui *t)
{
	struct synonyms_view *sv = g_new0(struct synonyms_view, 1);
	const struct list_column cols[NCOLS] = {
		[COL_GROUP] = { _("Group"), 5, 8, true },
		[COL_COUNT] = { _("Terms"), 5, 5, true },
		[COL_TERMS] = { _("Synonyms"), 20, 0, false },
	};

	sv->tui = t;
	list_init(&sv->list, cols, NCOLS, (struct list_source){ fetch, sv });
	sv->list.empty = _("No synonyms yet.");
	sv->list.name_col = COL_GROUP;
	sv->list.name_label = _("Group");
	return view_new(t, &synonyms_ops, sv);
}

/* A ticket list's filter and order, and the dialogs that change them.
 * Every step that waits for the user (a picker, a prompt) keeps its state
 * in the list_filter, which lives as long as the list. */
#include "filter.h"

#include <string.h>

#include "base/i18n.h"
#include "core/calendar.h"
#include "core/master.h"
#include "tui/choices.h"
#include "tui/prompt.h"

/* What can be filtered by: key is the picker's value and, translated,
 * the name shown in the title. */
enum field { F_STATUS, F_QUEUE, F_OWNER, F_CATEGORY, F_FROM, F_TO, F_TEXT, NFIELDS };

static const struct {
	const char *key, *label;
} fields[NFIELDS] = {
	[F_STATUS] = { N_("status"), N_("Status") },
	[F_QUEUE] = { N_("queue"), N_("Queue") },
	[F_OWNER] = { N_("owner"), N_("Owner") },
	[F_CATEGORY] = { N_("category"), N_("Category") },
	[F_FROM] = { N_("from"), N_("Created on or after") },
	[F_TO] = { N_("to"), N_("Created on or before") },
	[F_TEXT] = { N_("text"), N_("Words in the subject") },
};

static const char *const order_labels[] = {
	[TICKET_SORT_UPDATED] = N_("by update"),
	[TICKET_SORT_CREATED] = N_("by creation"),
	[TICKET_SORT_DUE] = N_("by due date"),
};

static bool
is_mywork(const struct list_filter *lf)
{
	return strcmp(lf->kind, "mywork") == 0;
}

/* The orders the list cycles through, its first one first. The due order
 * needs an owner, which only my work always has. */
static int
orders(const struct list_filter *lf, const enum ticket_sort **out)
{
	static const enum ticket_sort mine[] = {
		TICKET_SORT_DUE, TICKET_SORT_UPDATED, TICKET_SORT_CREATED,
	};

	*out = is_mywork(lf) ? mine : mine + 1;
	return is_mywork(lf) ? 3 : 2;
}

void
filter_init(struct list_filter *lf, const char *kind, const struct workflow *wf,
	filter_changed_fn changed, filter_open_fn open, void *ctx)
{
	const enum ticket_sort *o;

	memset(lf, 0, sizeof *lf);
	lf->kind = kind;
	lf->wf = wf;
	lf->changed = changed;
	lf->open = open;
	lf->ctx = ctx;
	orders(lf, &o);
	lf->q.sort = o[0];
}

void
filter_free(struct list_filter *lf)
{
	ticket_query_clear(&lf->q);
}

void
filter_apply(const struct list_filter *lf, struct ticket_filter *f)
{
	const char *owner = f->owner;

	ticket_query_apply(&lf->q, f);
	if (is_mywork(lf))
		f->owner = owner;
}

/* A status's label from the list's workflow (my work: the first kind
 * that has it), or the name itself. */
static const char *
status_label(const struct list_filter *lf, const char *status)
{
	for (int i = 0; i < 3; i++) {
		int s = workflow_status(&lf->wf[i], status);

		if (s >= 0 && (is_mywork(lf) || strcmp(lf->wf[i].kind, lf->kind) == 0))
			return workflow_label(&lf->wf[i], s, mado_i18n_lang());
	}
	return status;
}

/* "2026-04-01", with the time when the bound is not a whole day's. */
static void
day_text(int64_t t, bool end, char *buf, size_t n)
{
	struct jst j;

	jst_from_time(t, &j);
	if (end ? j.hour == 23 && j.min == 59 && j.sec == 59 : j.hour == 0 && j.min == 0)
		g_snprintf(buf, n, "%04d-%02d-%02d", j.year, j.month, j.day);
	else
		g_snprintf(buf, n, "%04d-%02d-%02d %02d:%02d", j.year, j.month, j.day, j.hour, j.min);
}

/* The value of one filter as shown, or NULL when it is not set. */
static const char *
field_value(const struct list_filter *lf, enum field f, char *buf, size_t n)
{
	switch (f) {
	case F_STATUS: return lf->q.status ? status_label(lf, lf->q.status) : NULL;
	case F_QUEUE: return lf->q.queue;
	case F_OWNER: return lf->q.owner;
	case F_CATEGORY: return lf->q.category;
	case F_TEXT: return lf->q.text;
	case F_FROM:
	case F_TO: {
		int64_t t = f == F_FROM ? lf->q.created_from : lf->q.created_to;

		if (t == 0)
			return NULL;
		day_text(t, f == F_TO, buf, n);
		return buf;
	}
	case NFIELDS: break;
	}
	return NULL;
}

void
filter_describe(const struct list_filter *lf, GString *out, size_t max)
{
	const enum ticket_sort *o;
	GString *d = g_string_new(NULL);
	char buf[32];

	for (int f = 0; f < NFIELDS; f++) {
		const char *v = field_value(lf, (enum field)f, buf, sizeof buf);

		if (v != NULL)
			g_string_append_printf(d, "%s%s:%s", d->len ? " " : "", _(fields[f].key), v);
	}
	orders(lf, &o);
	if (lf->q.sort != o[0])
		g_string_append_printf(d, "%s%s", d->len ? " " : "", _(order_labels[lf->q.sort]));
	if (d->len > max && max >= 4) {
		/* Cut before the character that would cross max - 3, for the "…". */
		const char *cut = g_utf8_find_prev_char(d->str, d->str + max - 3 + 1);

		g_string_truncate(d, cut != NULL ? (gsize)(cut - d->str) : 0);
		g_string_append(d, "…");
	}
	g_string_append(out, d->str);
	g_string_free(d, TRUE);
}

const char *
filter_date_header(const struct list_filter *lf)
{
	switch (lf->q.sort) {
	case TICKET_SORT_CREATED: return _("Created");
	case TICKET_SORT_DUE: return _("Due");
	case TICKET_SORT_UPDATED: break;
	}
	return _("Updated");
}

void
filter_row_date(const struct list_filter *lf, const struct ticket_brief *b, char *buf,
	size_t n)
{
	int64_t t = lf->q.sort == TICKET_SORT_CREATED ? b->created_at
		: lf->q.sort == TICKET_SORT_DUE ? b->due_at : b->updated_at;
	struct jst j;

	if (t == 0) {
		g_snprintf(buf, n, "-");
		return;
	}
	jst_from_time(t, &j);
	g_snprintf(buf, n, "%02d-%02d %02d:%02d", j.month, j.day, j.hour, j.min);
}

/* ---- choosing a value ---- */

/* The statuses of the list's workflow; my work's three kinds share some. */
static void
status_choices(const struct list_filter *lf, struct choices *c)
{
	for (int k = 0; k < 3; k++) {
		const struct workflow *wf = &lf->wf[k];

		if (!is_mywork(lf) && strcmp(wf->kind, lf->kind) != 0)
			continue;
		for (int s = 0; s < wf->nstatuses; s++)
			if (!choices_has(c, wf->statuses[s].name))
				choice_add(wf->statuses[s].name, workflow_label(wf, s, mado_i18n_lang()), c);
	}
}

/* The member of the query a master filter sets. */
static char **
master_member(struct list_filter *lf, enum field f)
{
	return f == F_STATUS ? &lf->q.status : f == F_QUEUE ? &lf->q.queue
		: f == F_OWNER ? &lf->q.owner : &lf->q.category;
}

static void
value_chosen(struct tui *t, const char *value, void *ctx)
{
	struct list_filter *lf = ctx;

	if (value == NULL)
		return;
	ticket_query_set(master_member(lf, (enum field)lf->asking), value);
	lf->changed(t, lf->ctx);
}

static void
pick_value(struct tui *t, struct list_filter *lf, enum field f)
{
	struct choices c;
	struct mado_err e = { 0 };
	int st = MADO_OK;

	choices_init(&c);
	choice_add("", _("(any)"), &c);
	if (f == F_STATUS)
		status_choices(lf, &c);
	else if (f == F_CATEGORY && !is_mywork(lf))
		st = master_category_choices(t->db, &t->actor, lf->kind, choice_add, &c, &e);
	else
		st = master_choices(t->db, &t->actor, f == F_QUEUE ? "queue" : f == F_OWNER ? "staff"
			: "category", choice_add, &c, &e);
	lf->asking = f;
	if (st != MADO_OK)
		tui_error(t, &e);
	else
		tui_push(t, choices_picker(t, _(fields[f].label), &c, value_chosen, lf));
	choices_free(&c);
}

/* ---- typing a value ---- */

static void
text_entered(struct tui *t, const char *text, void *ctx)
{
	struct list_filter *lf = ctx;
	char *s;

	if (text == NULL)
		return;
	s = g_strstrip(g_strdup(text));
	ticket_query_set(&lf->q.text, s);
	g_free(s);
	lf->changed(t, lf->ctx);
}

static void
day_entered(struct tui *t, const char *text, void *ctx)
{
	struct list_filter *lf = ctx;
	bool to = lf->asking == F_TO;
	struct mado_err e = { 0 };
	int64_t v = 0;

	if (text == NULL)
		return;
	if (text[strspn(text, " ")] != '\0' &&
	    ticket_query_day(_(fields[lf->asking].key), text, to, &v, &e) != MADO_OK) {
		tui_error(t, &e);
		return;
	}
	*(to ? &lf->q.created_to : &lf->q.created_from) = v;
	lf->changed(t, lf->ctx);
}

/* Asks for a date or the words, starting from what is set now. */
static void
ask_text(struct tui *t, struct list_filter *lf, enum field f)
{
	char buf[32];
	const char *now = field_value(lf, f, buf, sizeof buf);
	char *label = f == F_TEXT ? g_strdup_printf("%s: ", _(fields[f].label))
		: g_strdup_printf("%s (%s): ", _(fields[f].label), _("YYYY-MM-DD"));

	lf->asking = f;
	prompt_open(t, label, now != NULL ? now : "", f == F_TEXT ? "search" : "date", NULL,
		f == F_TEXT ? text_entered : day_entered, lf);
	g_free(label);
}

/* ---- the dialog: what to filter by, then its value ---- */

static void
field_chosen(struct tui *t, const char *key, void *ctx)
{
	struct list_filter *lf = ctx;

	for (int f = 0; key != NULL && f < NFIELDS; f++) {
		if (strcmp(key, fields[f].key) != 0)
			continue;
		if (f == F_FROM || f == F_TO || f == F_TEXT)
			ask_text(t, lf, (enum field)f);
		else
			pick_value(t, lf, (enum field)f);
	}
}

static void
open_dialog(struct tui *t, struct list_filter *lf)
{
	struct choices c;
	char buf[32];

	choices_init(&c);
	for (int f = 0; f < NFIELDS; f++) {
		const char *v = field_value(lf, (enum field)f, buf, sizeof buf);
		char *label;

		/* My work is what is assigned to me: the owner is not asked. */
		if (f == F_OWNER && is_mywork(lf))
			continue;
		label = v != NULL ? g_strdup_printf("%s: %s", _(fields[f].label), v)
			: g_strdup(_(fields[f].label));
		choice_add(fields[f].key, label, &c);
		g_free(label);
	}
	tui_push(t, choices_picker(t, _("Filter by"), &c, field_chosen, lf));
	choices_free(&c);
}

static bool
has_filter(const struct list_filter *lf)
{
	char buf[32];

	for (int f = 0; f < NFIELDS; f++)
		if (field_value(lf, (enum field)f, buf, sizeof buf) != NULL)
			return true;
	return false;
}

static void
clear_filter(struct tui *t, struct list_filter *lf)
{
	enum ticket_sort keep = lf->q.sort;

	if (!has_filter(lf)) {
		tui_message(t, _("No filter to clear"));
		return;
	}
	ticket_query_clear(&lf->q);
	lf->q.sort = keep;
	tui_message(t, _("Filter cleared"));
	lf->changed(t, lf->ctx);
}

static void
next_order(struct tui *t, struct list_filter *lf)
{
	const enum ticket_sort *o;
	int n = orders(lf, &o), i = 0;

	while (i < n - 1 && o[i] != lf->q.sort)
		i++;
	lf->q.sort = o[(i + 1) % n];
	tui_message(t, _("Order: %s"), _(order_labels[lf->q.sort]));
	lf->changed(t, lf->ctx);
}

void
filter_set_query(struct list_filter *lf, const struct ticket_query *q)
{
	const enum ticket_sort *o;
	int n = orders(lf, &o), i = 0;

	ticket_query_copy(&lf->q, q);
	while (i < n && o[i] != lf->q.sort)
		i++;
	if (i == n)
		lf->q.sort = o[0];
}

bool
filter_act(struct tui *t, struct list_filter *lf, enum tui_action a)
{
	switch (a) {
	case ACT_FILTER: open_dialog(t, lf); return true;
	case ACT_CLEAR_FILTER: clear_filter(t, lf); return true;
	case ACT_SORT: next_order(t, lf); return true;
	case ACT_SEARCH: ask_text(t, lf, F_TEXT); return true;
	case ACT_SAVE_VIEW: filter_save_view(t, lf); return true;
	case ACT_OPEN_VIEW: filter_choose_view(t, lf); return true;
	default: return false;
	}
}

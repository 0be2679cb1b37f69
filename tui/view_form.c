/* Creating and editing a ticket through its form: one line per field with
 * its label, a mark when it is required, the value, and the reason a
 * value was refused on the line below it. A new request first asks for
 * its kind, whose form follows the fields every ticket has. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/calendar.h"
#include "tui/form_view.h"
#include "tui/list.h"
#include "tui/prompt.h"
#include "tui/views.h"

/* The form of the fields every ticket has (share/forms/inquiry.xml). */
#define COMMON_FORM "inquiry"

/* Fields the edit form changes through assignment, not ticket_update(). */
static bool
assigned(const char *name)
{
	return strcmp(name, "queue") == 0 || strcmp(name, "owner") == 0;
}

/* Whether core can change the field of a ticket of kind once it exists. */
static bool
changeable(const char *kind, const char *name)
{
	const char *names[64];
	int n = ticket_update_fields(kind, names, (int)G_N_ELEMENTS(names));

	for (int i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return assigned(name);
}

static void
add_fields(struct form_view *fv, const struct form *f, bool own)
{
	for (int i = 0; f != NULL && i < f->nfields; i++) {
		struct ffield *x = &fv->fields[fv->n++];

		x->def = &f->fields[i];
		x->own = own;
		x->fixed = fv->id != 0 && !changeable(fv->kind, x->def->name);
		x->value = g_strdup("");
		x->orig = g_strdup("");
	}
}

/* Loads the forms and lays out their fields, empty. */
static int
build(struct form_view *fv, struct mado_err *e)
{
	const char *own = strcmp(fv->kind, "request") == 0 ? fv->request_kind
		: strcmp(fv->kind, "incident") == 0 ? "incident" : NULL;
	int st = form_load_kind(NULL, COMMON_FORM, &fv->common, e);

	if (st == MADO_OK && own != NULL)
		st = form_load_kind(NULL, own, &fv->own, e);
	if (st != MADO_OK)
		return st;
	fv->fields = g_new0(struct ffield, fv->common->nfields + (fv->own ? fv->own->nfields : 0));
	add_fields(fv, fv->common, false);
	add_fields(fv, fv->own, true);
	return MADO_OK;
}

static struct ffield *
field_named(struct form_view *fv, const char *name)
{
	for (int i = 0; i < fv->n; i++)
		if (strcmp(fv->fields[i].def->name, name) == 0)
			return &fv->fields[i];
	return NULL;
}

/* Sets a loaded value as the one the form opened with, in the canonical
 * form a value entered gets, so that only real changes count as such. */
static void
prefill(struct form_view *fv, const char *name, const char *value, const char *shown)
{
	struct ffield *f = field_named(fv, name);
	char *canonical = NULL, *why = NULL;

	if (f == NULL || value == NULL)
		return;
	if (form_normalise(f->def, value, &canonical, &why) == MADO_OK)
		value = canonical;
	ffield_set(f, value, shown);
	g_free(canonical);
	g_free(why);
	g_free(f->orig);
	f->orig = g_strdup(f->value);
}

/* Detail values as ticket_detail_each() gives them: moments are kept in
 * columns named *_at (and work_start, work_end) as Unix seconds, which
 * the form shows as dates in office time. */
static void
prefill_detail(const char *field, const char *value, void *p)
{
	struct form_view *fv = p;
	struct ffield *f = field_named(fv, field);
	char name[64], when[32];
	struct jst j;

	if (f == NULL && g_str_has_suffix(field, "_at")) {
		g_snprintf(name, sizeof name, "%.*s", (int)strlen(field) - 3, field);
		f = field_named(fv, name);
	}
	if (f == NULL)
		return;
	if ((f->def->type == FORM_DATE || f->def->type == FORM_DATETIME) && *value != '\0' &&
	    strspn(value, "0123456789") == strlen(value)) {
		jst_from_time(strtoll(value, NULL, 10), &j);
		if (f->def->type == FORM_DATE)
			g_snprintf(when, sizeof when, "%04d-%02d-%02d", j.year, j.month, j.day);
		else
			g_snprintf(when, sizeof when, "%04d-%02d-%02d %02d:%02d", j.year, j.month,
				j.day, j.hour, j.min);
		value = when;
	}
	prefill(fv, f->def->name, value, NULL);
}

static void
note_request_kind(const char *field, const char *value, void *p)
{
	struct form_view *fv = p;

	if (strcmp(field, "request_kind") == 0)
		g_strlcpy(fv->request_kind, value, sizeof fv->request_kind);
}

/* Editing: the ticket as it is now. Its kind (and a request's kind)
 * decide the forms, so they are read before the fields are laid out. */
static int
load_ticket(struct form_view *fv, struct mado_err *e)
{
	struct tui *t = fv->tui;
	struct ticket_row r;
	char prio[8];
	int st = ticket_read(t->db, &t->actor, fv->id, &r, e);

	if (st == MADO_OK) {
		g_strlcpy(fv->kind, r.kind, sizeof fv->kind);
		g_strlcpy(fv->number, r.number, sizeof fv->number);
		st = ticket_detail_each(t->db, fv->id, note_request_kind, fv, e);
	}
	if (st == MADO_OK)
		st = build(fv, e);
	if (st == MADO_OK) {
		g_snprintf(prio, sizeof prio, "%d", r.priority);
		prefill(fv, "subject", r.subject, NULL);
		prefill(fv, "body", r.body, NULL);
		prefill(fv, "priority", prio, NULL);
		prefill(fv, "queue", r.queue, r.queue_name);
		prefill(fv, "owner", r.owner, r.owner_name);
		prefill(fv, "category", r.category, r.category_name);
		prefill(fv, "source", r.source, NULL);
		prefill(fv, "requester_name", r.requester_name, NULL);
		prefill(fv, "requester_email", r.requester_email, NULL);
		st = ticket_detail_each(t->db, fv->id, prefill_detail, fv, e);
	}
	ticket_row_clear(&r);
	if (st == MADO_OK)
		form_lookup_names(fv);
	return st;
}

static const char *
title(struct view *v)
{
	struct form_view *fv = v->data;
	const char *mark = form_view_changed(fv) ? _(" (changed)") : "";

	if (fv->id != 0)
		g_snprintf(fv->title, sizeof fv->title, _("Edit %s%s"), fv->number, mark);
	else if (fv->own != NULL && strcmp(fv->kind, "request") == 0)
		g_snprintf(fv->title, sizeof fv->title, _("New request: %s%s"),
			form_text_get(&fv->own->title, mado_i18n_lang()), mark);
	else
		g_snprintf(fv->title, sizeof fv->title, "%s%s", strcmp(fv->kind, "incident") == 0
			? _("New incident") : _("New inquiry"), mark);
	return fv->title;
}

/* Load runs when the view is pushed and again when another user changes
 * the database: only the first time may it fill the fields, or it would
 * throw away what the user is writing. */
static int
load(struct view *v, struct mado_err *e)
{
	struct form_view *fv = v->data;
	int st = MADO_OK;

	if (!fv->loaded)
		st = fv->id != 0 ? load_ticket(fv, e) : build(fv, e);
	if (st == MADO_OK && !fv->loaded && fv->id == 0)
		prefill(fv, "priority", "3", NULL);
	fv->loaded = st == MADO_OK;
	return st;
}

/* Screen lines of field i: the field, and its message when refused; a
 * kind's own fields start under a heading. */
static int
field_lines(const struct form_view *fv, int i)
{
	bool heading = fv->fields[i].own && (i == 0 || !fv->fields[i - 1].own);

	return 1 + (fv->fields[i].error != NULL) + 2 * heading;
}

static int
line_of(const struct form_view *fv, int field)
{
	int y = 0;

	for (int i = 0; i < field; i++)
		y += field_lines(fv, i);
	return y;
}

/* Keeps the selected field (with its message) in the rows shown. */
static void
scroll_to_cursor(struct form_view *fv, int rows)
{
	int start = line_of(fv, fv->cur), end = start + field_lines(fv, fv->cur);

	if (start < fv->top)
		fv->top = start;
	if (end > fv->top + rows)
		fv->top = end - rows;
}

static int
label_cells(const struct form_view *fv, int cols)
{
	int w = 8;

	for (int i = 0; i < fv->n; i++) {
		int lw = tw_width(ffield_label(&fv->fields[i]), -1, fv->tui->paint.ambi);

		if (lw > w)
			w = lw;
	}
	return w < cols / 3 ? w : cols / 3;
}

static void
draw_field(struct form_view *fv, int i, int *y, int y_end, int cols, int lw)
{
	const struct painter *p = &fv->tui->paint;
	struct ffield *f = &fv->fields[i];
	int vx = 4 + lw + 2, screen_y;
	enum draw_style style = i == fv->cur ? STYLE_SELECTED : f->fixed ? STYLE_NOTE
		: STYLE_NORMAL;
	char *shown;

	if (f->own && (i == 0 || !fv->fields[i - 1].own)) {
		screen_y = *y + 1 - fv->top;
		if (screen_y >= 1 && screen_y < y_end) {
			const char *lang = mado_i18n_lang();
			const char *help = form_text_get(&fv->own->help, lang);
			char *heading = g_strdup_printf("%s%s%s", form_text_get(&fv->own->title, lang),
				*help ? " — " : "", help);

			draw_text(p, screen_y, 1, heading, cols - 2, STYLE_HEADER);
			g_free(heading);
		}
		*y += 2;
	}
	screen_y = *y - fv->top;
	if (screen_y >= 1 && screen_y < y_end) {
		shown = ffield_display(f);
		/* The cursor and the marks are text, not only attributes. */
		draw_text(p, screen_y, 0, i == fv->cur ? ">" : " ", 1, STYLE_EMPHASIS);
		draw_text(p, screen_y, 1, f->def->required ? "*" : " ", 2, STYLE_EMPHASIS);
		draw_text(p, screen_y, 3, ffield_label(f), lw, style);
		draw_text(p, screen_y, 3 + lw, f->fixed ? " =" : " :", 3, style);
		draw_text(p, screen_y, vx, shown, cols - vx, style);
		g_free(shown);
	}
	(*y)++;
	if (f->error != NULL) {
		screen_y = *y - fv->top;
		if (screen_y >= 1 && screen_y < y_end) {
			char *msg = g_strdup_printf("! %s", f->error);

			draw_text(p, screen_y, vx, msg, cols - vx, STYLE_ERROR);
			g_free(msg);
		}
		(*y)++;
	}
}

/* The fields, then the selected field's help on the last row. */
static void
draw(struct view *v, int rows, int cols)
{
	struct form_view *fv = v->data;
	const struct ffield *cur = &fv->fields[fv->cur];
	const char *help = form_text_get(&cur->def->help, mado_i18n_lang());
	int y = 1, lw = label_cells(fv, cols), body = rows - 1;

	for (int row = 1; row <= rows; row++) {
		move(row, 0);
		clrtoeol();
	}
	scroll_to_cursor(fv, body);
	for (int i = 0; i < fv->n; i++)
		draw_field(fv, i, &y, 1 + body, cols, lw);
	if (cur->fixed)
		help = _("Shown only: this field cannot be changed once the record exists.");
	draw_text(&fv->tui->paint, rows, 2, help, cols - 2, STYLE_NOTE);
}

static void
cancel_done(struct tui *t, const char *text, void *ctx)
{
	if (text != NULL && (text[0] == 'y' || text[0] == 'Y' || g_str_has_prefix(text, "ｙ") ||
	    g_str_has_prefix(text, "Ｙ")))
		tui_pop(t);
}

static void
cancel(struct form_view *fv)
{
	if (!form_view_changed(fv))
		tui_pop(fv->tui);
	else
		prompt_open(fv->tui, _("Discard the changes? (y/n) "), "", NULL, NULL, cancel_done,
			NULL);
}

/* Fields a page move passes over. */
enum { FORM_PAGE = 10 };

static bool
act(struct view *v, enum tui_action a)
{
	struct form_view *fv = v->data;

	if (list_cursor_act(&fv->cur, fv->n, FORM_PAGE, a)) {
		fv->tui->dirty |= DIRTY_VIEW | DIRTY_STATUS;
		return true;
	}
	switch (a) {
	case ACT_EDIT: form_edit_field(fv, false); return true;
	case ACT_EDIT_EXTERNAL: form_edit_field(fv, true); return true;
	case ACT_SAVE: form_save(fv); return true;
	case ACT_BACK:
	case ACT_CANCEL: cancel(fv); return true;
	case ACT_QUIT:
	case ACT_VIEW_INQUIRIES: case ACT_VIEW_INCIDENTS: case ACT_VIEW_REQUESTS:
	case ACT_VIEW_KNOWLEDGE: case ACT_VIEW_CALLLOGS: case ACT_VIEW_MYWORK:
	case ACT_VIEW_SYNONYMS:
		/* Leaving would throw the form away unseen. */
		if (!form_view_changed(fv))
			return false;
		tui_message(fv->tui, _("save the form or cancel it first"));
		return true;
	default:
		return false;
	}
}

static const char *
position(struct view *v)
{
	struct form_view *fv = v->data;

	g_snprintf(fv->position, sizeof fv->position, "%d/%d", fv->cur + 1, fv->n);
	return fv->position;
}

static void
destroy(struct view *v)
{
	struct form_view *fv = v->data;

	for (int i = 0; i < fv->n; i++) {
		g_free(fv->fields[i].value);
		g_free(fv->fields[i].orig);
		g_free(fv->fields[i].shown);
		g_free(fv->fields[i].error);
	}
	g_free(fv->fields);
	form_free(fv->common);
	form_free(fv->own);
	g_free(fv);
	g_free(v);
}

static const struct view_ops form_ops = {
	.context = "form", .title = title, .load = load, .draw = draw, .act = act,
	.position = position, .destroy = destroy,
};

static struct view *
form_view_new(struct tui *t, const char *kind, int64_t id, const char *request_kind)
{
	struct form_view *fv = g_new0(struct form_view, 1);

	fv->tui = t;
	fv->id = id;
	g_strlcpy(fv->kind, kind, sizeof fv->kind);
	g_strlcpy(fv->request_kind, request_kind != NULL ? request_kind : "",
		sizeof fv->request_kind);
	return view_new(t, &form_ops, fv);
}

/* The kind of a new request is chosen first: it decides the form. */
static void
request_kind_chosen(struct tui *t, const char *value, void *ctx)
{
	if (value != NULL)
		tui_push(t, form_view_new(t, "request", 0, value));
}

struct view *
view_form_new(struct tui *t, const char *kind, int64_t ticket_id)
{
	if (ticket_id == 0 && strcmp(kind, "request") == 0)
		return form_master_picker(t, _("Kind of request"), "request_kind",
			request_kind_chosen, NULL);
	return form_view_new(t, kind, ticket_id, NULL);
}

/* One field of the edit form: how its value reads on screen and how it
 * is edited (a prompt for one line, a text area or $EDITOR for long text,
 * a picker for choices and masters, a toggle for yes/no). Each value is
 * checked as soon as it is entered, so the message stands next to it. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/master.h"
#include "tui/choices.h"
#include "tui/editor.h"
#include "tui/form_view.h"
#include "tui/picker.h"
#include "tui/prompt.h"
#include "tui/textarea.h"

void
ffield_set(struct ffield *f, const char *value, const char *shown)
{
	char *v = g_strdup(value != NULL ? value : "");
	char *s = g_strdup(shown);

	g_free(f->value);
	g_free(f->shown);
	g_free(f->error);
	f->value = v;
	f->shown = s;
	f->error = NULL;
}

const char *
ffield_label(const struct ffield *f)
{
	return form_text_get(&f->def->label, mado_i18n_lang());
}

bool
form_view_changed(const struct form_view *fv)
{
	for (int i = 0; i < fv->n; i++)
		if (strcmp(fv->fields[i].value, fv->fields[i].orig) != 0)
			return true;
	return false;
}

static const char *
option_label(const struct form_field *d, const char *value)
{
	for (int i = 0; i < d->noptions; i++)
		if (strcmp(d->options[i].value, value) == 0)
			return form_text_get(&d->options[i].label, mado_i18n_lang());
	return value;
}

/* Long text shows its first line and how many lines there are. */
static char *
first_line(const char *s)
{
	const char *nl = strchr(s, '\n');
	int lines = 1;

	if (nl == NULL)
		return g_strdup(s);
	for (const char *p = s; *p; p++)
		lines += *p == '\n' && p[1] != '\0';
	return g_strdup_printf(ngettext("%.*s … (%d line)", "%.*s … (%d lines)",
		(unsigned long)lines), (int)(nl - s), s, lines);
}

char *
ffield_display(const struct ffield *f)
{
	const char *v = f->value;

	if (*v == '\0' && f->def->type != FORM_BOOLEAN)
		return g_strdup("");
	switch (f->def->type) {
	case FORM_MULTILINE:
		return first_line(v);
	case FORM_BOOLEAN:
		return g_strdup(strcmp(v, "1") == 0 ? _("yes") : _("no"));
	case FORM_CHOICE:
		return g_strdup(option_label(f->def, v));
	case FORM_MASTER:
		return f->shown != NULL && *f->shown ? g_strdup_printf("%s (%s)", f->shown, v)
			: g_strdup(v);
	default:
		return first_line(v);
	}
}

/* Checks the value just entered and keeps its canonical form when valid
 * (full-width digits become ASCII, dates are zero-padded). */
static void
check_field(struct ffield *f)
{
	char *canonical = NULL, *why = NULL;

	g_free(f->error);
	f->error = NULL;
	if (form_normalise(f->def, f->value, &canonical, &why) == MADO_OK) {
		g_free(f->value);
		f->value = canonical;
	} else
		f->error = why;
}

static void
entered(struct form_view *fv, const char *value, const char *shown)
{
	struct ffield *f = &fv->fields[fv->editing];

	ffield_set(f, value, shown);
	check_field(f);
	fv->tui->dirty |= DIRTY_VIEW | DIRTY_STATUS;
}

/* For the prompt and the text area alike; NULL means cancelled. */
static void
text_done(struct tui *t, const char *text, void *ctx)
{
	if (text != NULL)
		entered(ctx, text, NULL);
}

static void
name_of(const char *code, const char *name, void *p)
{
	struct ffield *f = p;

	if (f->shown == NULL && strcmp(code, f->value) == 0)
		f->shown = g_strdup(name);
}

/* The name of a master field's code. Only a help to the eye: the code
 * alone is shown when the master cannot be listed. */
static void
lookup_name(struct form_view *fv, struct ffield *f)
{
	struct mado_err e = { 0 };

	if (f->def->type == FORM_MASTER && f->shown == NULL && *f->value != '\0')
		master_choices(fv->tui->db, &fv->tui->actor, f->def->master, name_of, f, &e);
}

void
form_lookup_names(struct form_view *fv)
{
	for (int i = 0; i < fv->n; i++)
		lookup_name(fv, &fv->fields[i]);
}

/* The picker gives back the code; the name it showed is found again. */
static void
picker_done(struct tui *t, const char *value, void *ctx)
{
	struct form_view *fv = ctx;

	if (value == NULL)
		return;
	entered(fv, value, NULL);
	lookup_name(fv, &fv->fields[fv->editing]);
}

static int
gather_choices(struct form_view *fv, const struct form_field *d, struct choices *c,
	struct mado_err *e)
{
	if (!d->required)
		choice_add("", _("(none)"), c);
	if (d->type == FORM_CHOICE) {
		for (int i = 0; i < d->noptions; i++)
			choice_add(d->options[i].value,
				form_text_get(&d->options[i].label, mado_i18n_lang()), c);
		return MADO_OK;
	}
	/* Categories belong to kinds of record: offer this kind's. */
	if (strcmp(d->master, "category") == 0)
		return master_category_choices(fv->tui->db, &fv->tui->actor, fv->kind, choice_add,
			c, e);
	return master_choices(fv->tui->db, &fv->tui->actor, d->master, choice_add, c, e);
}

struct view *
form_master_picker(struct tui *t, const char *title, const char *master, picker_done_fn done,
	void *ctx)
{
	struct choices c;
	struct mado_err e = { 0 };
	struct view *v = NULL;

	choices_init(&c);
	if (master_choices(t->db, &t->actor, master, choice_add, &c, &e) != MADO_OK)
		tui_error(t, &e);
	else
		v = choices_picker(t, title, &c, done, ctx);
	choices_free(&c);
	return v;
}

static void
open_picker(struct form_view *fv, const struct ffield *f)
{
	struct choices c;
	struct mado_err e = { 0 };

	choices_init(&c);
	if (gather_choices(fv, f->def, &c, &e) != MADO_OK)
		tui_error(fv->tui, &e);
	else
		tui_push(fv->tui, choices_picker(fv->tui, ffield_label(f), &c, picker_done, fv));
	choices_free(&c);
}

static void
open_prompt(struct form_view *fv, const struct ffield *f)
{
	const char *hint = f->def->type == FORM_DATE ? " (YYYY-MM-DD)"
		: f->def->type == FORM_DATETIME ? " (YYYY-MM-DD HH:MM)" : "";
	char *label = g_strdup_printf("%s%s: ", ffield_label(f), hint);

	prompt_open(fv->tui, label, f->value, f->def->name, NULL, text_done, fv);
	g_free(label);
}

static void
open_editor(struct form_view *fv, const struct ffield *f)
{
	struct mado_err e = { 0 };
	char *out = NULL;

	if (editor_run(fv->tui, f->value, &out, &e) != MADO_OK)
		tui_error(fv->tui, &e);
	else
		entered(fv, out, NULL);
	free(out);
	fv->tui->dirty |= DIRTY_ALL;
}

void
form_edit_field(struct form_view *fv, bool external)
{
	struct ffield *f = &fv->fields[fv->cur];

	if (f->fixed) {
		tui_message(fv->tui, _("%s cannot be changed once the record exists"),
			ffield_label(f));
		return;
	}
	fv->editing = fv->cur;
	if (external && f->def->type != FORM_MULTILINE) {
		tui_message(fv->tui, _("only long text opens in the editor"));
		return;
	}
	switch (f->def->type) {
	case FORM_MULTILINE:
		if (external)
			open_editor(fv, f);
		else
			tui_push(fv->tui, textarea_new(fv->tui, ffield_label(f), f->value, text_done,
				fv));
		break;
	case FORM_BOOLEAN:
		entered(fv, strcmp(f->value, "1") == 0 ? "0" : "1", NULL);
		break;
	case FORM_CHOICE:
	case FORM_MASTER:
		open_picker(fv, f);
		break;
	default:
		open_prompt(fv, f);
		break;
	}
}

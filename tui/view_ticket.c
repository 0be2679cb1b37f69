/* One ticket as a scrolling document: its fields, the details of its
 * kind, the body, attachments, the conversation, links and the history of
 * changes, all read from core. Lines are built once per load and wrapped
 * by screen cells at draw time; the actions on the ticket live in
 * tui/ticket_actions.c. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/attachment.h"
#include "core/calendar.h"
#include "core/master.h"
#include "core/workflow.h"
#include "db/audit_store.h"
#include "forms/form.h"
#include "tui/ticket_actions.h"
#include "tui/viewer.h"
#include "tui/views.h"

/* Labels wider than this are cut, so values keep most of the width. */
#define LABEL_MAX 24
/* History shows changed values this long at most; the record holds all. */
#define HISTORY_VALUE_MAX 60

struct doc_line {
	char *prefix;            /* before the text (a label, a quote bar); owned */
	int indent;              /* cells of prefix */
	bool repeat;             /* prefix on every screen line, else blanks after the first */
	char *text;              /* one line without newline; owned */
	enum draw_style style;
};

/* One screen line: bytes [off, off + len) of a doc line's text. */
struct piece {
	int line, off, len;
};

struct ticket_view {
	struct ticket_target target; /* what the actions work on */
	struct ticket_row row;   /* as last loaded */
	struct workflow wf;      /* of row.kind */
	struct form *form;       /* a request's form (labels), cached by kind; or NULL */
	char form_kind[40];
	GArray *lines;           /* struct doc_line */
	GArray *pieces;          /* struct piece, wrapped at wrap_cols */
	int wrap_cols;           /* 0: pieces must be rebuilt before use */
	int top, page;           /* first piece on screen; rows at the last draw */
	char title[320];
	char position[48];
};

/* What a load builds the document with. */
struct doc {
	struct ticket_view *tv;
	struct tui *tui;
	GArray *lines;
	int ambi;
};

static void
doc_line_clear(void *p)
{
	struct doc_line *l = p;

	g_free(l->prefix);
	g_free(l->text);
}

static GArray *
lines_new(void)
{
	GArray *a = g_array_new(FALSE, TRUE, sizeof(struct doc_line));

	g_array_set_clear_func(a, doc_line_clear);
	return a;
}

/* Adds text, one doc line per line of it; tabs become spaces and carriage
 * returns go, so widths stay what the width module says. */
static void
add_text(struct doc *d, const char *prefix, bool repeat, const char *text,
	enum draw_style style)
{
	/* g_strsplit() gives no part at all for "", but an empty line is one
	 * (the blank is chomped below). */
	char **parts = g_strsplit(text != NULL && *text ? text : " ", "\n", -1);
	int indent = tw_width(prefix, -1, d->ambi);

	for (int i = 0; parts[i] != NULL; i++) {
		struct doc_line l = { g_strdup(i == 0 || repeat ? prefix : ""), indent, repeat, NULL,
			style };

		g_strdelimit(parts[i], "\t", ' ');
		g_strdelimit(parts[i], "\r", ' ');
		g_strchomp(parts[i]);
		l.text = g_strdup(parts[i]);
		g_array_append_val(d->lines, l);
	}
	g_strfreev(parts);
}

static void
add_heading(struct doc *d, const char *heading)
{
	add_text(d, "", false, "", STYLE_NORMAL);
	add_text(d, "", false, heading, STYLE_HEADER);
}

static const char *
jst_text(int64_t t, char *buf, size_t n)
{
	struct jst j;

	if (t <= 0)
		return "";
	jst_from_time(t, &j);
	g_snprintf(buf, n, "%04d-%02d-%02d %02d:%02d", j.year, j.month, j.day, j.hour, j.min);
	return buf;
}

/* Label and value pairs, laid out with the labels in one column. */
static void
add_fields(struct doc *d, GPtrArray *kv)
{
	int w = 0;

	for (guint i = 0; i < kv->len; i += 2)
		w = MAX(w, tw_width(g_ptr_array_index(kv, i), -1, d->ambi));
	w = MIN(w, LABEL_MAX);
	for (guint i = 0; i < kv->len; i += 2) {
		char *label = tw_fit(g_ptr_array_index(kv, i), w, d->ambi, TW_LEFT);
		char *prefix = g_strconcat(" ", label, "  ", NULL);

		add_text(d, prefix, false, g_ptr_array_index(kv, i + 1), STYLE_NORMAL);
		g_free(prefix);
		free(label);
	}
}

static void
kv_add(GPtrArray *kv, const char *label, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	g_ptr_array_add(kv, g_strdup(label));
	g_ptr_array_add(kv, g_strdup(value));
}

/* "名前 (code)", or the one that is there. */
static char *
named(const char *name, const char *code)
{
	if (code == NULL || *code == '\0')
		return g_strdup("");
	return name != NULL && *name && strcmp(name, code) != 0
		? g_strdup_printf("%s (%s)", name, code) : g_strdup(code);
}

static const char *
kind_label(const char *kind)
{
	return strcmp(kind, "inquiry") == 0 ? _("Inquiry")
		: strcmp(kind, "incident") == 0 ? _("Incident")
		: strcmp(kind, "request") == 0 ? _("Request") : kind;
}

static const char *
status_label(const struct ticket_view *tv, const char *status)
{
	int s = workflow_status(&tv->wf, status);

	return s >= 0 ? workflow_label(&tv->wf, s, mado_i18n_lang()) : status;
}

static void
add_header(struct doc *d)
{
	const struct ticket_row *r = &d->tv->row;
	GPtrArray *kv = g_ptr_array_new_with_free_func(g_free);
	char t1[32], t2[32], prio[8], *queue = named(r->queue_name, r->queue);
	char *owner = named(r->owner_name, r->owner), *cat = named(r->category_name, r->category);
	char *req = r->requester_email != NULL && *r->requester_email
		? g_strdup_printf("%s <%s>", r->requester_name ? r->requester_name : "",
			r->requester_email) : g_strdup(r->requester_name);
	char *created = g_strdup_printf("%s  %s", jst_text(r->created_at, t1, sizeof t1),
		r->created_by ? r->created_by : "");

	g_snprintf(prio, sizeof prio, "%d", r->priority);
	kv_add(kv, _("Number"), r->number);
	kv_add(kv, _("Kind"), kind_label(r->kind));
	kv_add(kv, _("Status"), status_label(d->tv, r->status));
	kv_add(kv, _("Subject"), r->subject);
	kv_add(kv, _("Priority"), prio);
	kv_add(kv, _("Queue"), queue);
	kv_add(kv, _("Owner"), *owner ? owner : _("(unassigned)"));
	kv_add(kv, _("Category"), cat);
	kv_add(kv, _("Requester"), req);
	kv_add(kv, _("Source"), r->source);
	kv_add(kv, _("Created"), created);
	kv_add(kv, _("Updated"), jst_text(r->updated_at, t1, sizeof t1));
	kv_add(kv, _("Due"), jst_text(r->due_at, t2, sizeof t2));
	kv_add(kv, _("Closed"), jst_text(r->closed_at, t1, sizeof t1));
	add_fields(d, kv);
	g_ptr_array_free(kv, TRUE);
	g_free(queue);
	g_free(owner);
	g_free(cat);
	g_free(req);
	g_free(created);
}

/* A field's name as people read it: a request's form labels its own
 * fields; the rest are the ticket's columns and the kinds' details. */
static const char *
field_label(const struct ticket_view *tv, const char *field)
{
	static const char *const labels[][2] = {
		{ "number", N_("Number") }, { "subject", N_("Subject") }, { "body", N_("Body") },
		{ "status", N_("Status") }, { "priority", N_("Priority") }, { "queue", N_("Queue") },
		{ "owner", N_("Owner") }, { "category", N_("Category") },
		{ "requester_name", N_("Requester") }, { "requester_email", N_("Requester mail") },
		{ "source", N_("Source") }, { "due_at", N_("Due") }, { "closed_at", N_("Closed") },
		{ "link", N_("Link") }, { "attachment", N_("Attachment") },
		{ "system", N_("Managed system") }, { "occurred_at", N_("Occurred") },
		{ "recovered_at", N_("Recovered") }, { "triage", N_("First triage") },
		{ "impact", N_("Impact") }, { "cause", N_("Cause") },
		{ "recovery_plan", N_("Recovery plan") }, { "recovery_report", N_("Recovery report") },
		{ "prevention", N_("Recurrence prevention") }, { "after_hours", N_("After hours") },
		{ "callout", N_("Came in") }, { "occurrences", N_("Occurrences") },
		{ "request_kind", N_("Request kind") }, { "persons", N_("Persons") },
		{ "work_start", N_("Start of work") }, { "work_end", N_("End of work") },
		{ "answered_at", N_("Answered") },
	};
	const struct form_field *f = tv->form != NULL ? form_field(tv->form, field) : NULL;

	if (f != NULL)
		return form_text_get(&f->label, mado_i18n_lang());
	for (size_t i = 0; i < G_N_ELEMENTS(labels); i++)
		if (strcmp(labels[i][0], field) == 0)
			return _(labels[i][1]);
	return field;
}

/* Detail columns holding a moment are stored as Unix seconds. */
static bool
is_time_field(const char *field)
{
	return g_str_has_suffix(field, "_at") || strcmp(field, "work_start") == 0 ||
		strcmp(field, "work_end") == 0;
}

struct find_name {
	const char *code;
	char *name;
};

static void
find_name(const char *code, const char *name, void *p)
{
	struct find_name *f = p;

	if (f->name == NULL && strcmp(code, f->code) == 0)
		f->name = g_strdup(name);
}

/* "name (code)" for a code of a master; the code alone when the master
 * has no such row (any more). Newly allocated (g_free). */
static char *
master_named(struct tui *t, const char *master, const char *code)
{
	struct find_name f = { code, NULL };
	struct mado_err ignored = { 0 };
	char *s;

	master_choices(t->db, &t->actor, master, find_name, &f, &ignored);
	s = named(f.name, code);
	g_free(f.name);
	return s;
}

/* A stored value as people read it; newly allocated (g_free). */
static char *
detail_value(struct doc *d, const char *field, const struct form_field *f, const char *value)
{
	const char *master = f != NULL && f->type == FORM_MASTER ? f->master
		: strcmp(field, "system") == 0 ? "system" : NULL;
	char buf[32];

	if (is_time_field(field) && *value && strspn(value, "0123456789") == strlen(value))
		return g_strdup(jst_text(strtoll(value, NULL, 10), buf, sizeof buf));
	if ((f != NULL && f->type == FORM_BOOLEAN) || strcmp(field, "after_hours") == 0 ||
	    strcmp(field, "callout") == 0)
		return g_strdup(strcmp(value, "1") == 0 ? _("yes") : _("no"));
	for (int i = 0; f != NULL && f->type == FORM_CHOICE && i < f->noptions; i++)
		if (strcmp(f->options[i].value, value) == 0)
			return g_strdup(form_text_get(&f->options[i].label, mado_i18n_lang()));
	return master != NULL ? master_named(d->tui, master, value) : g_strdup(value);
}

static void
collect_detail(const char *field, const char *value, void *p)
{
	GPtrArray *fv = p;

	g_ptr_array_add(fv, g_strdup(field));
	g_ptr_array_add(fv, g_strdup(value));
}

/* The request's form, loaded once per kind: loading parses the schema. */
static const struct form *
request_form(struct ticket_view *tv, const char *kind)
{
	struct mado_err ignored = { 0 };

	if (kind == NULL)
		return NULL;
	if (tv->form == NULL || strcmp(tv->form_kind, kind) != 0) {
		form_free(tv->form);
		tv->form = NULL;
		/* Without its form a request still shows, with plain field names. */
		if (form_load_kind(NULL, kind, &tv->form, &ignored) == MADO_OK)
			g_strlcpy(tv->form_kind, kind, sizeof tv->form_kind);
	}
	return tv->form;
}

static const char *
fv_get(GPtrArray *fv, const char *field)
{
	for (guint i = 0; i < fv->len; i += 2)
		if (strcmp(g_ptr_array_index(fv, i), field) == 0)
			return g_ptr_array_index(fv, i + 1);
	return NULL;
}

/* The kind's details; a request's fields in its form's order, labelled
 * by the form, then anything the form does not name. */
static int
add_details(struct doc *d, struct db *db, struct mado_err *e)
{
	GPtrArray *fv = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *kv = g_ptr_array_new_with_free_func(g_free);
	const char *lang = mado_i18n_lang();
	const struct form *form = NULL;
	int st = ticket_detail_each(db, d->tv->target.id, collect_detail, fv, e);

	if (st == MADO_OK && strcmp(d->tv->row.kind, "request") == 0)
		form = request_form(d->tv, fv_get(fv, "request_kind"));
	if (form != NULL) {
		char *title = named(form_text_get(&form->title, lang), form->id);

		kv_add(kv, _("Request kind"), title);
		g_free(title);
		for (int i = 0; i < form->nfields; i++) {
			const struct form_field *f = &form->fields[i];
			const char *v = fv_get(fv, f->name);

			if (v != NULL) {
				char *shown = detail_value(d, f->name, f, v);

				kv_add(kv, form_text_get(&f->label, lang), shown);
				g_free(shown);
			}
		}
	}
	for (guint i = 0; st == MADO_OK && i < fv->len; i += 2) {
		const char *field = g_ptr_array_index(fv, i);

		char *shown;

		if (form != NULL && (strcmp(field, "request_kind") == 0 || form_field(form, field)))
			continue;
		shown = detail_value(d, field, NULL, g_ptr_array_index(fv, i + 1));
		kv_add(kv, field_label(d->tv, field), shown);
		g_free(shown);
	}
	if (kv->len > 0) {
		add_heading(d, _("Details"));
		add_fields(d, kv);
	}
	g_ptr_array_free(fv, TRUE);
	g_ptr_array_free(kv, TRUE);
	return st;
}

/* Replies and notes differ by a word and a bar, not by colour alone. */
static void
add_comment(const struct comment_row *c, void *p)
{
	struct doc *d = p;
	bool note = strcmp(c->kind, "note") == 0;
	const char *label = note ? _("[internal note]")
		: strcmp(c->kind, "incoming") == 0 ? _("[from requester]") : _("[reply]");
	char when[32], *head = g_strdup_printf("%s  %s  %s", jst_text(c->at, when, sizeof when),
		label, c->author ? c->author : "");

	add_text(d, "", false, "", STYLE_NORMAL);
	add_text(d, " ", false, head, note ? STYLE_NOTE : STYLE_EMPHASIS);
	add_text(d, note ? "   │ " : "   > ", true, c->body, note ? STYLE_NOTE : STYLE_NORMAL);
	g_free(head);
}

/* Name, then size and type: kept as pairs for add_fields(), which lines
 * the sizes up after the names. Most tickets have none: the section is
 * left out then, so the conversation stays near the top. */
static void
collect_attachment(const struct attachment_row *row, void *p)
{
	char *size_type = viewer_size_type(row);

	kv_add(p, row->filename, size_type);
	g_free(size_type);
}

static int
add_attachments(struct doc *d, struct tui *t, struct mado_err *e)
{
	GPtrArray *kv = g_ptr_array_new_with_free_func(g_free);
	int st = attachment_list(t->db, &t->actor, "ticket", d->tv->target.id, collect_attachment,
		kv, e);

	if (kv->len > 0) {
		add_heading(d, _("Attachments"));
		add_fields(d, kv);
	}
	g_ptr_array_free(kv, TRUE);
	return st;
}

static const char *
rel_label(const char *rel)
{
	return strcmp(rel, "related") == 0 ? _("related to")
		: strcmp(rel, "duplicate_of") == 0 ? _("duplicate of")
		: strcmp(rel, "caused_by") == 0 ? _("caused by")
		: strcmp(rel, "answered_with_faq") == 0 ? _("answered with FAQ") : rel;
}

static void
add_link(const struct link_row *l, void *p)
{
	struct doc *d = p;
	/* An incoming link reads the other way: "<- duplicate of" means the
	 * other record is the duplicate of this one. */
	char *line = g_strdup_printf("%s %s  %s  %s", l->outgoing ? "→" : "←", rel_label(l->rel),
		l->other_ref ? l->other_ref : "?", l->other_title ? l->other_title : "");

	add_text(d, " ", false, line, STYLE_NORMAL);
	g_free(line);
}

static const char *
action_label(const char *action)
{
	static const char *const labels[][2] = {
		{ "create", N_("created") }, { "update", N_("changed") }, { "status", N_("status") },
		{ "assign", N_("assigned") }, { "reply", N_("replied") },
		{ "note", N_("internal note") }, { "link", N_("linked") },
		{ "attach", N_("attached") },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(labels); i++)
		if (strcmp(labels[i][0], action) == 0)
			return _(labels[i][1]);
	return action;
}

/* A value in the history, on one line and not too long; newly allocated. */
static char *
history_value(const struct ticket_view *tv, const char *field, const char *v)
{
	char buf[32], *one, *cut;

	if (v == NULL || *v == '\0')
		return g_strdup("—");
	if (strcmp(field, "status") == 0)
		return g_strdup(status_label(tv, v));
	/* "name sha256:…": the hash is for the audit, the name for people. */
	if (strcmp(field, "attachment") == 0 && g_strrstr(v, " sha256:") != NULL)
		return g_strndup(v, (gsize)(g_strrstr(v, " sha256:") - v));
	if (strcmp(field, "link") == 0 && strchr(v, ' ') != NULL) {
		/* "duplicate_of INQ-…": the type in words. */
		char *rel = g_strndup(v, (gsize)(strchr(v, ' ') - v));

		one = g_strdup_printf("%s%s", rel_label(rel), strchr(v, ' '));
		g_free(rel);
		return one;
	}
	if (is_time_field(field) && strspn(v, "0123456789") == strlen(v))
		return g_strdup(jst_text(strtoll(v, NULL, 10), buf, sizeof buf));
	one = g_strdup(v);
	g_strdelimit(one, "\r\n\t", ' ');
	if (!g_utf8_validate(one, -1, NULL) || g_utf8_strlen(one, -1) <= HISTORY_VALUE_MAX)
		return one;
	cut = g_utf8_substring(one, 0, HISTORY_VALUE_MAX);
	g_free(one);
	one = g_strconcat(cut, "…", NULL);
	g_free(cut);
	return one;
}

/* "when  who  what  field: old → new". */
static void
add_history(const struct audit_row *r, void *p)
{
	struct doc *d = p;
	bool has_field = r->field != NULL && *r->field != '\0';
	GString *line = g_string_new(NULL);
	char when[32];

	g_string_append_printf(line, "%s  %s", jst_text(r->at, when, sizeof when), r->actor);
	/* "status  status: a → b" would say it twice. */
	if (!has_field || strcmp(r->action, r->field) != 0)
		g_string_append_printf(line, "  %s", action_label(r->action));
	/* A reply's or note's text is in the conversation already. */
	if (has_field && !g_str_has_prefix(r->field, "comment:")) {
		char *old = history_value(d->tv, r->field, r->old_value);
		char *new = history_value(d->tv, r->field, r->new_value);

		g_string_append_printf(line, "  %s: ", field_label(d->tv, r->field));
		/* Creating, linking and attaching set a value where there was
		 * none to change. */
		if (r->old_value != NULL || (strcmp(r->action, "create") != 0 &&
		    strcmp(r->action, "link") != 0 && strcmp(r->action, "attach") != 0))
			g_string_append_printf(line, "%s → ", old);
		g_string_append(line, new);
		g_free(old);
		g_free(new);
	}
	add_text(d, " ", false, line->str, STYLE_NORMAL);
	g_string_free(line, TRUE);
}

/* A section that got no lines since before says so. */
static void
say_if_none(struct doc *d, guint before, const char *none)
{
	if (d->lines->len == before)
		add_text(d, " ", false, none, STYLE_NOTE);
}

static int
build(struct doc *d, struct tui *t, struct mado_err *e)
{
	int64_t id = d->tv->target.id;
	int st = MADO_OK;
	guint before;

	add_header(d);
	if ((st = add_details(d, t->db, e)) != MADO_OK)
		return st;
	add_heading(d, _("Body"));
	add_text(d, "   ", false, d->tv->row.body, STYLE_NORMAL);
	if ((st = add_attachments(d, t, e)) != MADO_OK)
		return st;
	add_heading(d, _("Conversation"));
	before = d->lines->len;
	if ((st = ticket_conversation(t->db, &t->actor, id, add_comment, d, e)) != MADO_OK)
		return st;
	say_if_none(d, before, _("No replies or notes yet."));
	add_heading(d, _("Links"));
	before = d->lines->len;
	if ((st = link_each_of_ticket(t->db, id, add_link, d, e)) != MADO_OK)
		return st;
	say_if_none(d, before, _("No links."));
	add_heading(d, _("History"));
	return ticket_history(t->db, &t->actor, id, add_history, d, e);
}

/* Bytes of the next screen line of s in cells: whole characters only,
 * and at a space when a Latin word would be cut and one is near. */
static int
wrap_len(const char *s, int cells, int ambi)
{
	size_t n = tw_prefix(s, cells, ambi, NULL);
	uint32_t cp;

	if (n == 0 && *s)
		/* Not even one character fits: show it anyway, drawing cuts it. */
		return (int)tw_decode(s, strlen(s), &cp);
	if (s[n] != '\0' && s[n] != ' ' && n > 0 && g_ascii_isgraph(s[n - 1])) {
		const char *sp = g_strrstr_len(s, (gssize)n, " ");

		if (sp != NULL && sp - s >= (gssize)n / 2)
			n = (size_t)(sp - s) + 1;
	} else if (s[n] == ' ')
		/* The space that ends the line goes with it (drawing trims it),
		 * so the next line does not start with one. */
		n++;
	return (int)n;
}

/* Rewraps every line at cols, keeping the text at the top on screen. */
static void
rewrap(struct ticket_view *tv, int cols, int ambi)
{
	struct piece anchor = { 0 };

	if (tv->top < (int)tv->pieces->len)
		anchor = g_array_index(tv->pieces, struct piece, tv->top);
	g_array_set_size(tv->pieces, 0);
	tv->top = 0;
	for (guint i = 0; i < tv->lines->len; i++) {
		const struct doc_line *l = &g_array_index(tv->lines, struct doc_line, i);
		int avail = MAX(cols - l->indent, 1), off = 0;

		do {
			struct piece p = { (int)i, off, wrap_len(l->text + off, avail, ambi) };

			if (p.line < anchor.line || (p.line == anchor.line && p.off <= anchor.off))
				tv->top = (int)tv->pieces->len;
			g_array_append_val(tv->pieces, p);
			off += p.len;
		} while (l->text[off] != '\0');
	}
	tv->wrap_cols = cols;
}

static void
clamp_top(struct ticket_view *tv)
{
	int last = (int)tv->pieces->len - MAX(tv->page, 1);

	tv->top = MIN(tv->top, MAX(last, 0));
	tv->top = MAX(tv->top, 0);
}

static const char *
title(struct view *v)
{
	struct ticket_view *tv = v->data;

	g_snprintf(tv->title, sizeof tv->title, "%s %s", tv->target.number,
		tv->row.subject ? tv->row.subject : "");
	return tv->title;
}

/* Reads the ticket again. The scroll position stays: the next draw
 * rewraps and finds the same place (a live update must not jump). */
static int
load(struct view *v, struct mado_err *e)
{
	struct ticket_view *tv = v->data;
	struct ticket_row row;
	struct doc d = { tv, v->tui, NULL, v->tui->paint.ambi };
	int st = ticket_read(v->tui->db, &v->tui->actor, tv->target.id, &row, e);

	if (st != MADO_OK)
		return st;
	if (strcmp(tv->wf.kind, row.kind) != 0 && (st = workflow_load(&tv->wf, row.kind, e)) != 0) {
		ticket_row_clear(&row);
		return st;
	}
	ticket_row_clear(&tv->row);
	tv->row = row;
	g_strlcpy(tv->target.kind, row.kind, sizeof tv->target.kind);
	g_strlcpy(tv->target.number, row.number, sizeof tv->target.number);
	d.lines = lines_new();
	if ((st = build(&d, v->tui, e)) != MADO_OK) {
		g_array_free(d.lines, TRUE);
		return st;
	}
	g_array_free(tv->lines, TRUE);
	tv->lines = d.lines;
	tv->wrap_cols = 0;
	v->tui->dirty |= DIRTY_VIEW | DIRTY_STATUS;
	return MADO_OK;
}

static void
draw(struct view *v, int rows, int cols)
{
	struct ticket_view *tv = v->data;
	const struct painter *p = &v->tui->paint;

	tv->page = rows;
	if (tv->wrap_cols != cols)
		rewrap(tv, cols, p->ambi);
	clamp_top(tv);
	for (int i = 0; i < rows; i++) {
		int n = tv->top + i;
		const struct piece *pc;
		const struct doc_line *l;
		char *text;

		move(1 + i, 0);
		clrtoeol();
		if (n >= (int)tv->pieces->len)
			continue;
		pc = &g_array_index(tv->pieces, struct piece, n);
		l = &g_array_index(tv->lines, struct doc_line, pc->line);
		if (pc->off == 0 || l->repeat)
			draw_text(p, 1 + i, 0, l->prefix, MIN(l->indent, cols), l->style);
		text = g_strchomp(g_strndup(l->text + pc->off, (gsize)pc->len));
		draw_text(p, 1 + i, l->indent, text, cols - l->indent, l->style);
		g_free(text);
	}
}

static bool
scroll_by(struct ticket_view *tv, enum tui_action a)
{
	int page = MAX(tv->page - 1, 1);

	switch (a) {
	case ACT_SCROLL_DOWN: case ACT_MOVE_DOWN: tv->top++; break;
	case ACT_SCROLL_UP: case ACT_MOVE_UP: tv->top--; break;
	case ACT_PAGE_DOWN: tv->top += page; break;
	case ACT_PAGE_UP: tv->top -= page; break;
	case ACT_FIRST: tv->top = 0; break;
	case ACT_LAST: tv->top = (int)tv->pieces->len; break;
	default: return false;
	}
	clamp_top(tv);
	return true;
}

static bool
act(struct view *v, enum tui_action a)
{
	struct ticket_view *tv = v->data;

	if (scroll_by(tv, a)) {
		v->tui->dirty |= DIRTY_VIEW | DIRTY_STATUS;
		return true;
	}
	return ticket_action(v->tui, &tv->target, a);
}

static const char *
position(struct view *v)
{
	struct ticket_view *tv = v->data;

	g_snprintf(tv->position, sizeof tv->position, _("line %d/%d"),
		tv->pieces->len ? tv->top + 1 : 0, (int)tv->pieces->len);
	return tv->position;
}

static void
destroy(struct view *v)
{
	struct ticket_view *tv = v->data;

	ticket_row_clear(&tv->row);
	form_free(tv->form);
	g_array_free(tv->lines, TRUE);
	g_array_free(tv->pieces, TRUE);
	g_free(tv);
	g_free(v);
}

static const struct view_ops ticket_ops = {
	.context = "detail", .title = title, .load = load, .draw = draw, .act = act,
	.position = position, .destroy = destroy,
};

struct view *
view_ticket_new(struct tui *t, int64_t ticket_id)
{
	struct ticket_view *tv = g_new0(struct ticket_view, 1);
	struct view *v = g_new0(struct view, 1);

	tv->target.id = ticket_id;
	g_snprintf(tv->target.number, sizeof tv->target.number, "#%lld", (long long)ticket_id);
	tv->lines = lines_new();
	tv->pieces = g_array_new(FALSE, TRUE, sizeof(struct piece));
	v->ops = &ticket_ops;
	v->tui = t;
	v->data = tv;
	return v;
}

int64_t
view_ticket_id(struct view *v)
{
	return v != NULL && v->ops == &ticket_ops ? ((struct ticket_view *)v->data)->target.id : 0;
}

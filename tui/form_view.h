/* Private to the edit form (tui/view_form.c, tui/form_field.c,
 * tui/form_save.c): the fields of one ticket's form and their values.
 * The fields come from form definitions: share/forms/inquiry.xml holds
 * those of every ticket, then come the kind's own (incident.xml, or the
 * form of a request's kind). */
#ifndef MADO_FORM_VIEW_H
#define MADO_FORM_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "core/ticket.h"
#include "forms/form.h"
#include "tui/picker.h"
#include "tui/tui.h"

struct ffield {
	const struct form_field *def; /* points into the view's forms */
	bool own;                     /* the kind's own field, else one of every ticket */
	bool fixed;                   /* editing: core cannot change it after creation */
	char *value;                  /* the text as entered or loaded; never NULL */
	char *orig;                   /* the value when the form opened; never NULL */
	char *shown;                  /* what value means (a master's name), or NULL */
	char *error;                  /* why the value was refused, or NULL */
};

struct form_view {
	struct tui *tui;
	char kind[16];                /* inquiry, incident, request */
	char request_kind[40];        /* requests only */
	int64_t id;                   /* 0 while creating */
	char number[TICKET_NUMBER_MAX];
	struct form *common, *own;    /* own is NULL for an inquiry */
	struct ffield *fields;        /* common fields first, then own ones */
	int n;
	int cur;                      /* the selected field */
	int top;                      /* first screen line shown */
	int editing;                  /* the field a prompt or picker is open for */
	bool loaded;
	char title[192];
	char position[32];
};

/* Sets field i's value (and the name it shows, NULL for none); clears its
 * error. Both strings are copied. */
void ffield_set(struct ffield *f, const char *value, const char *shown);
/* The value as shown on one line (choice labels, yes/no, first line of
 * long text); newly allocated, g_free. */
char *ffield_display(const struct ffield *f);
/* The label in the language of the messages. */
const char *ffield_label(const struct ffield *f);
/* Whether any value differs from what the form opened with. */
bool form_view_changed(const struct form_view *fv);

/* Edits the selected field the way its type asks (prompt, text area,
 * picker, toggle); external opens long text in $EDITOR instead. */
void form_edit_field(struct form_view *fv, bool external);
/* A picker of the active rows of a master or code list (as
 * master_choices() names them); NULL with the reason shown when they
 * cannot be listed. */
struct view *form_master_picker(struct tui *t, const char *title, const char *master,
	picker_done_fn done, void *ctx);
/* Finds names for the codes of master fields that have none (editing). */
void form_lookup_names(struct form_view *fv);

/* Checks every field (forms, then core) and saves in one transaction;
 * problems are put next to their fields. On success the form is closed:
 * a new ticket opens, an edited one is shown again. */
void form_save(struct form_view *fv);

#endif

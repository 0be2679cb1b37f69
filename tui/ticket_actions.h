/* The actions on one ticket, from anywhere in its detail view: reply,
 * internal note, assign, status, link, close, reopen, edit (the form),
 * edit-external (the body in $EDITOR) and attachments (a picker of them,
 * the chosen one in the user's viewer). Private to tui/view_ticket.c and
 * tui/ticket_actions.c.
 *
 * Each action opens what it needs (text area, pickers, prompt), calls
 * core, and shows core's refusal or error on the message line, or a short
 * notice on success. Success marks the data dirty, so the view on top
 * reloads (and keeps its scroll position). */
#ifndef MADO_TICKET_ACTIONS_H
#define MADO_TICKET_ACTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/ticket.h"
#include "tui/tui.h"

/* The ticket an action works on, and what a several-step action has
 * gathered so far. It lives in the detail view's data: the pickers and
 * text areas an action opens sit above that view on the stack and go
 * before it, so their callbacks may point here, and nothing is left to
 * free when one is closed without an answer. */
struct ticket_target {
	int64_t id;
	char kind[16];
	char number[TICKET_NUMBER_MAX];
	char queue[64];          /* assign: the queue chosen before the owner */
	char rel[24];            /* link: the type chosen before the target */
	bool note;               /* the text area writes a note, not a reply */
};

/* Starts action a on the ticket. Returns false when a is not a ticket
 * action (the caller tries its own and the global ones). */
bool ticket_action(struct tui *t, struct ticket_target *tt, enum tui_action a);

#endif

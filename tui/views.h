/* Constructors of the views. Each returns a new view (owned by the tui's
 * stack once pushed) or NULL with e set. */
#ifndef MADO_VIEWS_H
#define MADO_VIEWS_H

#include "tui/tui.h"

enum ticket_list_kind {
	TICKETS_INQUIRIES,
	TICKETS_INCIDENTS,
	TICKETS_REQUESTS,
	TICKETS_MYWORK,
};

struct view *view_ticket_list_new(struct tui *t, enum ticket_list_kind which);
struct view *view_help_new(struct tui *t, const char *context);

#endif

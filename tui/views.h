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
/* The filter of a ticket list (tui/filter.h), for the `:filter` and `:view`
 * commands; NULL when v is not a ticket list. */
struct list_filter;
struct list_filter *view_ticket_list_filter(struct view *v);
struct view *view_help_new(struct tui *t, const char *context);

/* One ticket: fields, conversation, links, attachments, history, and the
 * actions on it (tui/view_ticket.c). */
struct view *view_ticket_new(struct tui *t, int64_t ticket_id);
/* The ticket v shows, for the `:` commands that act on it; 0 when v is
 * not a ticket's detail view. */
int64_t view_ticket_id(struct view *v);

/* Creating or editing a record through its form (tui/view_form.c):
 * kind is "inquiry", "incident" or "request"; ticket_id 0 creates. */
struct view *view_form_new(struct tui *t, const char *kind, int64_t ticket_id);

/* Knowledge articles and call logs (tui/view_kb.c, tui/view_calllogs.c). */
struct view *view_kb_list_new(struct tui *t);
struct view *view_kb_new(struct tui *t, int64_t faq_no);
struct view *view_calllog_list_new(struct tui *t);
/* Starts a call now and shows it while it is recorded (tui/view_call.c);
 * NULL with the message line saying why when core refuses. */
struct view *view_call_new(struct tui *t);
/* The contact center's figures of month ("YYYY-MM"; NULL: this month
 * in JST) as a page (tui/view_call_figures.c); NULL with the message
 * line saying why when month is malformed. */
struct view *view_call_figures_new(struct tui *t, const char *month);
/* The daily shift summary of day and shift (NULL: the business day
 * running now, the whole day) and the monthly report of fiscal year fy
 * (a month, or NULL for the year) as pages, w writing the PDF and p
 * printing it (tui/view_report.c); NULL with the message line saying why when the
 * arguments are wrong. */
struct view *view_report_daily_new(struct tui *t, const char *day, const char *shift);
struct view *view_report_monthly_new(struct tui *t, const char *fy, const char *month);
/* The supervisors' dashboard (tui/view_dashboard.c), read again when
 * another process commits; core's refusal goes to the message line. */
struct view *view_dashboard_new(struct tui *t);
/* The synonym groups of the search, edited by administrators
 * (tui/view_synonyms.c). */
struct view *view_synonyms_new(struct tui *t);

/* The lock screen (tui/lock.c): clears the screen and asks for the user's
 * own login password through PAM before anything else is shown again. */
struct view *view_lock_new(struct tui *t);

#endif

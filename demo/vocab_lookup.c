/* Finding vocabulary entries by code, and checking once at start-up that
 * every code the tables refer to exists, so a typo in a table is a clear
 * error instead of silently wrong data. */
#include "vocab.h"

#include <stdio.h>
#include <string.h>

#define FIND(table, n, key) \
	for (size_t i = 0; i < (n); i++) \
		if (strcmp((table)[i].key, (key)) == 0) \
			return i; \
	return V_NONE

size_t v_dept_index(const char *code) { FIND(v_depts, v_ndepts, code); }
size_t v_vendor_index(const char *code) { FIND(v_vendors, v_nvendors, code); }
size_t v_category_index(const char *code) { FIND(v_categories, v_ncategories, code); }
size_t v_queue_index(const char *code) { FIND(v_queues, v_nqueues, code); }
size_t v_system_index(const char *name) { FIND(v_systems, v_nsystems, name); }

static bool
missing(size_t idx, const char *what, const char *code, char *why, size_t whysz)
{
	if (idx != V_NONE)
		return false;
	snprintf(why, whysz, "vocabulary: unknown %s '%s'", what, code);
	return true;
}

#define NO_DEPT(c) missing(v_dept_index(c), "department", (c), why, whysz)
#define NO_VENDOR(c) missing(v_vendor_index(c), "vendor", (c), why, whysz)
#define NO_CATEGORY(c) missing(v_category_index(c), "category", (c), why, whysz)
#define NO_QUEUE(c) missing(v_queue_index(c), "queue", (c), why, whysz)
#define NO_SYSTEM(n) ((n) != NULL && missing(v_system_index(n), "system", (n), why, whysz))

static bool
check_tmpl(const struct v_ticket_tmpl *t, size_t n, char *why, size_t whysz)
{
	for (size_t i = 0; i < n; i++)
		if (NO_CATEGORY(t[i].category) || NO_QUEUE(t[i].queue))
			return false;
	return true;
}

bool
vocab_check(char *why, size_t whysz)
{
	for (size_t i = 0; i < v_nqueues; i++)
		if (NO_DEPT(v_queues[i].dept))
			return false;
	for (size_t i = 0; i < v_nsystems; i++)
		if (NO_DEPT(v_systems[i].dept) || NO_VENDOR(v_systems[i].vendor))
			return false;
	for (size_t i = 0; i < v_ncategories; i++)
		if (NO_DEPT(v_categories[i].dept))
			return false;
	for (size_t i = 0; i < v_nrequests; i++)
		if (NO_CATEGORY(v_requests[i].category) || NO_SYSTEM(v_requests[i].system))
			return false;
	for (int t = 0; t < TH_COUNT; t++)
		if (NO_SYSTEM(v_theme_systems[t]))
			return false;
	for (size_t i = 0; i < v_nfaqs; i++)
		if (NO_CATEGORY(v_faqs[i].category) || NO_DEPT(v_faqs[i].dept))
			return false;
	return check_tmpl(v_inquiries, v_ninquiries, why, whysz)
		&& check_tmpl(v_incidents, v_nincidents, why, whysz);
}

/* The generator's vocabulary: the fictional ward's organisation, its
 * systems and vendors, people's names, and the phrases tickets, FAQ
 * articles and call logs are composed from. Everything here is invented;
 * no entry describes a real person. Templates use {name} variables that
 * gen_text.c expands (see struct text_vars there). */
#ifndef MADO_DEMO_VOCAB_H
#define MADO_DEMO_VOCAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define V_COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define V_NONE SIZE_MAX

/* Departments (課) with their extension block and sections (係). */
struct v_dept {
	const char *code, *name, *name_en;
	int ext;
	const char *sections[3];
};
struct v_queue {
	const char *code, *name, *dept;
};
struct v_vendor {
	const char *code, *name, *domain, *romaji;
};
/* A managed system: owning department, maintaining vendor, host prefix. */
struct v_system {
	const char *name, *dept, *vendor, *host;
};
struct v_category {
	const char *code, *name, *scope, *dept;
};
struct v_code_name {
	const char *code, *name;
};
struct v_name {
	const char *kanji, *kana, *romaji;
};

extern const struct v_dept v_depts[];
extern const size_t v_ndepts;
extern const struct v_queue v_queues[];
extern const size_t v_nqueues;
extern const struct v_vendor v_vendors[];
extern const size_t v_nvendors;
extern const struct v_system v_systems[];
extern const size_t v_nsystems;
extern const struct v_category v_categories[];
extern const size_t v_ncategories;
extern const struct v_code_name v_faq_classes[];
extern const size_t v_nfaq_classes;
extern const struct v_name v_surnames[];
extern const size_t v_nsurnames;
extern const struct v_name v_given[];
extern const size_t v_ngiven;
extern const char *const v_rooms[];
extern const size_t v_nrooms;
extern const char *const v_services[];
extern const size_t v_nservices;

/* What a ticket is about; selects matching replies, causes and fixes. */
enum theme {
	TH_ACCOUNT, TH_SYSTEM, TH_PRINT, TH_NETWORK, TH_PC, TH_MAIL, TH_FILE,
	TH_SERVER, TH_SUPPLY, TH_WORK, TH_COUNT
};

enum {
	TT_SYSTEM = 1,  /* mentions a managed system: {system}, {host} */
	TT_ALERT = 2,   /* a monitoring-alert mail */
	TT_EN = 4,      /* written in English */
};

/* Inquiry and incident templates: subject and the body's core text. */
struct v_ticket_tmpl {
	const char *subject, *detail;
	const char *category, *queue;
	unsigned char theme, weight, flags;
};
extern const struct v_ticket_tmpl v_inquiries[];
extern const size_t v_ninquiries;
extern const struct v_ticket_tmpl v_incidents[];
extern const size_t v_nincidents;

/* Request templates per request kind (choice list 'request_kind'); the
 * kind's form fields (share/forms/<kind>.xml) are made in
 * gen_ticket_form.c. system names the system when the text names none. */
struct v_request_tmpl {
	const char *kind, *subject, *detail, *category, *system;
	unsigned char flags;
};
extern const struct v_request_tmpl v_requests[];
extern const size_t v_nrequests;

/* Per-theme phrases for comments and incident records. */
struct v_theme_text {
	const char *reply[3], *note[3], *triage[2], *cause[3], *plan[2], *prevention[2];
};
extern const struct v_theme_text v_theme_texts[TH_COUNT];
/* The system a theme implies when the text names none (or NULL). */
extern const char *const v_theme_systems[TH_COUNT];

/* Shared phrases around a ticket body and in conversations. */
extern const char *const v_openings[];
extern const size_t v_nopenings;
extern const char *const v_since[];
extern const size_t v_nsince;
extern const char *const v_closings[];
extern const size_t v_nclosings;
extern const char *const v_incoming[];
extern const size_t v_nincoming;
extern const char *const v_replies_en[];
extern const size_t v_nreplies_en;
extern const char *const v_impacts[];
extern const size_t v_nimpacts;

/* FAQ topics: public ones for citizens, internal ones for staff. */
enum { FT_PROCEDURE = 1, FT_INTERNAL = 2 };
struct v_faq {
	const char *title, *question, *answer, *category, *dept;
	unsigned char flags;
};
extern const struct v_faq v_faqs[];
extern const size_t v_nfaqs;
/* Variations turning one topic into several articles. */
struct v_faq_variant {
	const char *title_suffix, *question, *answer;
	unsigned char flags; /* which topics it suits: FT_* or 0 for general */
};
extern const struct v_faq_variant v_faq_variants[];
extern const size_t v_nfaq_variants;

/* Call-log phrases: how callers are described and what was done. */
extern const char *const v_callers[];
extern const size_t v_ncallers;
extern const char *const v_complaints[];
extern const size_t v_ncomplaints;
extern const char *const v_callbacks[];
extern const size_t v_ncallbacks;
/* Calls about nothing the ward handles: what was asked, what was said. */
struct v_call_pair {
	const char *asked, *answered;
};
extern const struct v_call_pair v_other_calls[];
extern const size_t v_nother_calls;

/* Indexes by code, V_NONE when unknown (see vocab_lookup.c). */
size_t v_dept_index(const char *code);
size_t v_vendor_index(const char *code);
size_t v_category_index(const char *code);
size_t v_queue_index(const char *code);
size_t v_system_index(const char *name);   /* by name: systems have no code here */
/* Every code the tables refer to exists; else false with why. */
bool vocab_check(char *why, size_t whysz);

#endif

/* The registry of master kinds: every kind and its CSV columns, declared
 * once, and the role checks for import and export. */
#include "master.h"

#include <string.h>

#include "base/i18n.h"
#include "core/master_load.h"

static const char *const langs[] = { "ja", "en", NULL };
static const char *const scopes[] = {
	"any", "inquiry", "incident", "request", "kb", "calllog", NULL,
};

#define CODE_KEY { .key = "code", .type = MT_CODE, .flags = MC_KEY, \
	.help = N_("unique code (letters, digits, '.', '_', '-')") }
#define NAME_COL { .key = "name", .type = MT_TEXT, .flags = MC_REQUIRED, .help = N_("name") }
#define PHONE_COL { .key = "phone", .type = MT_TEXT, .help = N_("telephone number") }
#define EMAIL_COL { .key = "email", .type = MT_EMAIL, .help = N_("e-mail address") }
#define DEPT_REF { .key = "department", .type = MT_CODE, .ref = "department", \
	.help = N_("code of the department") }
#define ACTIVE_COL { .key = "active", .type = MT_BOOL, .def = "1", \
	.help = N_("1 in use, 0 retired (kept for history)") }

static const struct master_column department_cols[] = {
	CODE_KEY, NAME_COL,
	{ .key = "name_en", .type = MT_TEXT, .help = N_("name in English") },
	PHONE_COL, EMAIL_COL, ACTIVE_COL,
};
static const struct master_column staff_cols[] = {
	{ .key = "login", .type = MT_LOGIN, .flags = MC_KEY,
	  .help = N_("login name on the host (at most 32 characters)") },
	NAME_COL,
	{ .key = "name_kana", .type = MT_TEXT, .help = N_("name in kana, for sorting") },
	EMAIL_COL, DEPT_REF,
	{ .key = "role", .type = MT_ROLE, .def = "staff",
	  .help = N_("staff, operator, supervisor or admin") },
	{ .key = "lang", .type = MT_ENUM, .choices = langs, .def = "ja",
	  .help = N_("language of screens and mail: ja or en") },
	ACTIVE_COL,
};
static const struct master_column queue_cols[] = {
	CODE_KEY, NAME_COL, DEPT_REF,
	{ .key = "email", .type = MT_EMAIL, .help = N_("address notified of new tickets") },
	ACTIVE_COL,
};
static const struct master_column phonebook_cols[] = {
	CODE_KEY, NAME_COL, DEPT_REF, PHONE_COL,
	{ .key = "note", .type = MT_NOTE, .help = N_("note for operators (may span lines)") },
	ACTIVE_COL,
};
static const struct master_column category_cols[] = {
	CODE_KEY, NAME_COL,
	{ .key = "scope", .type = MT_ENUM, .choices = scopes, .def = "any",
	  .help = N_("records it applies to: any, inquiry, incident, request, kb, calllog") },
	DEPT_REF, ACTIVE_COL,
};
static const struct master_column faq_class_cols[] = {
	CODE_KEY, NAME_COL, ACTIVE_COL,
};
static const struct master_column system_cols[] = {
	CODE_KEY, NAME_COL,
	{ .key = "vendor", .type = MT_CODE, .ref = "vendor",
	  .help = N_("code of the vendor maintaining it") },
	DEPT_REF, ACTIVE_COL,
};
static const struct master_column vendor_cols[] = {
	CODE_KEY, NAME_COL, PHONE_COL, EMAIL_COL, ACTIVE_COL,
};
/* The schema gives contacts no code: a contact is its vendor plus its
 * mail address, which is also how incoming mail finds it. */
static const struct master_column vendor_contact_cols[] = {
	{ .key = "vendor", .type = MT_CODE, .flags = MC_KEY, .ref = "vendor",
	  .help = N_("code of the vendor") },
	{ .key = "email", .type = MT_EMAIL, .flags = MC_KEY, .help = N_("e-mail address") },
	NAME_COL, PHONE_COL, ACTIVE_COL,
};

#define KIND(n, h, c) { .name = n, .help = h, .cols = c, .ncols = sizeof c / sizeof c[0] }

static const struct master_kind kinds[] = {
	KIND("department", N_("departments"), department_cols),
	KIND("staff", N_("staff members and their roles"), staff_cols),
	KIND("queue", N_("queues tickets are assigned to"), queue_cols),
	KIND("phonebook", N_("phone book: transfer destinations"), phonebook_cols),
	KIND("category", N_("categories of records"), category_cols),
	KIND("faq_class", N_("FAQ classes"), faq_class_cols),
	KIND("system", N_("managed systems"), system_cols),
	KIND("vendor", N_("vendors"), vendor_cols),
	KIND("vendor_contact", N_("vendors' contacts"), vendor_contact_cols),
};

size_t
master_kind_count(void)
{
	return sizeof kinds / sizeof kinds[0];
}

const struct master_kind *
master_kind_at(size_t i)
{
	return i < master_kind_count() ? &kinds[i] : NULL;
}

const struct master_kind *
master_kind_find(const char *name)
{
	for (size_t i = 0; i < master_kind_count(); i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

const char *
master_type_name(enum master_type t)
{
	static const char *const names[] = {
		[MT_CODE] = "code", [MT_LOGIN] = "login", [MT_TEXT] = "text",
		[MT_NOTE] = "note", [MT_EMAIL] = "email", [MT_BOOL] = "bool",
		[MT_ROLE] = "role", [MT_ENUM] = "enum",
	};

	return (size_t)t < sizeof names / sizeof names[0] ? names[t] : "?";
}

size_t
master_key_count(const struct master_kind *k)
{
	size_t n = 0;

	while (n < k->ncols && (k->cols[n].flags & MC_KEY))
		n++;
	return n;
}

int
master_column_index(const struct master_kind *k, const char *key)
{
	for (size_t i = 0; i < k->ncols; i++)
		if (strcmp(k->cols[i].key, key) == 0)
			return (int)i;
	return -1;
}

int
master_may_import(const struct actor *actor, struct mado_err *e)
{
	return role_require(actor, ROLE_ADMIN, _("importing master data"), e);
}

int
master_may_export(const struct actor *actor, struct mado_err *e)
{
	return role_require(actor, ROLE_SUPERVISOR, _("exporting master data"), e);
}

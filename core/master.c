#include "master.h"

#include <glib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "db/audit_store.h"
#include "db/master_store.h"

#define CODE_MAX 32    /* codes and logins, as POSIX user names */
#define TEXT_MAX 1000  /* bytes of a one-line text */
#define NOTE_MAX 4000  /* bytes of a note */
#define EMAIL_MAX 254  /* RFC 5321 path limit less the brackets */
#define USER_PAGE 500  /* staff rows fetched per statement by user_list() */

/* ---- the registry ---- */

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

static size_t
key_count(const struct master_kind *k)
{
	size_t n = 0;

	while (n < k->ncols && (k->cols[n].flags & MC_KEY))
		n++;
	return n;
}

static int
column_index(const struct master_kind *k, const char *key)
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

/* ---- checking one value ---- */

static bool
valid_code(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > CODE_MAX)
		return false;
	for (const char *p = s; *p != '\0'; p++)
		if (!g_ascii_isalnum(*p) && *p != '.' && *p != '_' && *p != '-')
			return false;
	return true;
}

/* A dot-atom local part and a domain of at least two labels. Quoted local
 * parts are refused on purpose: nobody at a desk needs them, and a strict
 * form keeps addresses safe to put in mail headers. */
static bool
valid_email(const char *s)
{
	const char *at = strchr(s, '@'), *p;
	bool dot = true;
	size_t len = 0;
	int labels = 0;

	if (at == NULL || at == s || strlen(s) > EMAIL_MAX)
		return false;
	for (p = s; p < at; p++) {
		if (*p == '.') {
			if (dot)
				return false;
			dot = true;
		} else if (g_ascii_isalnum(*p) || strchr("!#$%&'*+/=?^_`{|}~-", *p) != NULL)
			dot = false;
		else
			return false;
	}
	if (dot)
		return false;
	for (p = at + 1;; p++) {
		if (*p == '.' || *p == '\0') {
			if (len == 0 || len > 63 || p[-1] == '-')
				return false;
			labels++;
			len = 0;
			if (*p == '\0')
				break;
		} else if (g_ascii_isalnum(*p) || (*p == '-' && len > 0))
			len++;
		else
			return false;
	}
	return labels >= 2;
}

/* 1/0, and the TRUE/FALSE Excel writes, and yes/no. */
static bool
parse_bool(const char *s, bool *out)
{
	static const char *const words[][2] = { { "1", "0" }, { "true", "false" }, { "yes", "no" } };

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		for (int v = 0; v < 2; v++)
			if (g_ascii_strcasecmp(s, words[i][v]) == 0) {
				*out = v == 0;
				return true;
			}
	return false;
}

static char *
check_choice(const struct master_column *c, const char *v)
{
	char *list, *msg;

	for (const char *const *ch = c->choices; *ch != NULL; ch++)
		if (strcmp(*ch, v) == 0)
			return NULL;
	list = g_strjoinv(", ", (char **)c->choices);
	msg = g_strdup_printf(_("'%s' is not one of: %s"), v, list);
	g_free(list);
	return msg;
}

static char *
check_text(const char *s, bool lines)
{
	size_t n = strlen(s), max = lines ? NOTE_MAX : TEXT_MAX;

	if (n > max)
		return g_strdup_printf(_("too long (%zu bytes; at most %zu)"), n, max);
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p < 0x20 || *p == 0x7f)
			&& !(lines && (*p == '\n' || *p == '\r' || *p == '\t')))
			return g_strdup(lines ? _("control characters are not allowed")
				: _("line breaks and control characters are not allowed"));
	return NULL;
}

/* Checks *v against column c and normalises it in place: surrounding
 * blanks of codes and the like dropped, booleans as 1/0, an empty cell
 * given the column's default. Returns NULL when valid, else a newly
 * allocated message (caller frees). */
static char *
check_value(const struct master_column *c, char **v)
{
	bool b;

	if (!g_utf8_validate(*v, -1, NULL))
		return g_strdup(_("not valid UTF-8"));
	if (c->type != MT_TEXT && c->type != MT_NOTE)
		g_strstrip(*v);
	if (**v == '\0' && c->def != NULL) {
		g_free(*v);
		*v = g_strdup(c->def);
	}
	if (**v == '\0')
		return c->flags & (MC_KEY | MC_REQUIRED) ? g_strdup(_("a value is required")) : NULL;
	switch (c->type) {
	case MT_CODE:
		if (!valid_code(*v))
			return g_strdup_printf(_("'%s' is not a valid code (at most %d letters,"
				" digits, '.', '_' or '-')"), *v, CODE_MAX);
		return NULL;
	case MT_LOGIN:
		if (!valid_code(*v) || **v == '-')
			return g_strdup_printf(_("'%s' is not a valid login name (at most %d letters,"
				" digits, '.', '_' or '-', not starting with '-')"), *v, CODE_MAX);
		return NULL;
	case MT_TEXT:
	case MT_NOTE:
		return check_text(*v, c->type == MT_NOTE);
	case MT_EMAIL:
		if (!valid_email(*v))
			return g_strdup_printf(_("'%s' is not a valid e-mail address"), *v);
		return NULL;
	case MT_BOOL:
		if (!parse_bool(*v, &b))
			return g_strdup_printf(_("'%s' is not 1 or 0"), *v);
		g_free(*v);
		*v = g_strdup(b ? "1" : "0");
		return NULL;
	case MT_ROLE:
		if (role_parse(*v) == ROLE_NONE)
			return g_strdup_printf(_("'%s' is not a role (staff, operator, supervisor,"
				" admin)"), *v);
		return NULL;
	case MT_ENUM:
		return check_choice(c, *v);
	}
	return NULL;
}

/* ---- one load: an import file or a single record ---- */

enum put_mode {
	PUT_UPSERT, /* import: insert new keys, update known ones */
	PUT_CREATE, /* the key must be new */
	PUT_UPDATE, /* the key must exist */
};

struct record {
	unsigned long line;
	size_t n;        /* the kind's column count */
	char **val;      /* n values (g_free); NULL: not given */
	bool *bad;       /* n flags: the value failed its check */
	bool del;        /* the delete column says 1 */
	bool key_bad;    /* a key column is invalid: nothing more to check */
	int64_t id;      /* in the transaction: the existing row, or 0 */
	char **old;      /* its values then (master_values_free) */
};

struct problem {
	unsigned long line;
	size_t col, seq; /* order within a line */
	char *field, *msg;
};

struct load {
	struct db *db;
	const struct actor *actor;
	const struct master_kind *k;
	enum put_mode mode;
	size_t nkey;
	GPtrArray *recs;   /* struct record * */
	GPtrArray *probs;  /* struct problem * */
	GHashTable *keys;  /* key text -> first record with it */
	size_t *order;     /* column i (ncols: delete) -> its place in the file,
	                    * so a line's problems are listed left to right */
	guint nstatic;     /* problems found before the transaction */
	bool notfound;     /* PUT_UPDATE found no row */
	struct master_summary sum;
};

static void
record_free(gpointer p)
{
	struct record *r = p;

	for (size_t i = 0; i < r->n; i++)
		g_free(r->val[i]);
	g_free(r->val);
	g_free(r->bad);
	master_values_free(r->old);
	g_free(r);
}

static void
problem_free(gpointer p)
{
	struct problem *pr = p;

	g_free(pr->field);
	g_free(pr->msg);
	g_free(pr);
}

static void
load_init(struct load *l, struct db *db, const struct actor *actor,
	const struct master_kind *k, enum put_mode mode)
{
	memset(l, 0, sizeof *l);
	l->db = db;
	l->actor = actor;
	l->k = k;
	l->mode = mode;
	l->nkey = key_count(k);
	l->recs = g_ptr_array_new_with_free_func(record_free);
	l->probs = g_ptr_array_new_with_free_func(problem_free);
	l->keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	l->order = g_new(size_t, k->ncols + 1);
	for (size_t i = 0; i <= k->ncols; i++)
		l->order[i] = i;
}

static void
load_free(struct load *l)
{
	g_ptr_array_free(l->recs, TRUE);
	g_ptr_array_free(l->probs, TRUE);
	g_hash_table_destroy(l->keys);
	g_free(l->order);
}

static void G_GNUC_PRINTF(5, 6)
problem(struct load *l, unsigned long line, size_t col, const char *field,
	const char *fmt, ...)
{
	struct problem *pr = g_new0(struct problem, 1);
	va_list ap;

	pr->line = line;
	pr->col = col;
	pr->seq = l->probs->len;
	pr->field = g_strdup(field);
	va_start(ap, fmt);
	pr->msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_ptr_array_add(l->probs, pr);
}

static int
problem_cmp(gconstpointer a, gconstpointer b)
{
	const struct problem *x = *(struct problem *const *)a, *y = *(struct problem *const *)b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The key of r for messages ("D01", "ACME taro@acme.example"); caller frees. */
static char *
key_text(const struct load *l, const struct record *r)
{
	GString *s = g_string_new(NULL);

	for (size_t i = 0; i < l->nkey; i++)
		g_string_append_printf(s, "%s%s", i ? " " : "", r->val[i] ? r->val[i] : "");
	return g_string_free(s, FALSE);
}

/* The checks that need no database: each value by its column, the delete
 * flag, and keys repeated within the file. */
static void
check_record(struct load *l, struct record *r, const char *del)
{
	const struct master_kind *k = l->k;
	bool b = false;

	if (del != NULL) {
		char *d = g_strstrip(g_strdup(del));

		if (*d != '\0' && !parse_bool(d, &b))
			problem(l, r->line, l->order[k->ncols], MASTER_DELETE_COLUMN,
				_("'%s' is not 1 or 0"), d);
		r->del = b;
		g_free(d);
	}
	for (size_t i = 0; i < k->ncols; i++) {
		const struct master_column *c = &k->cols[i];
		char *msg;

		if (r->val[i] == NULL || (r->del && !(c->flags & MC_KEY)))
			continue;
		msg = check_value(c, &r->val[i]);
		if (msg == NULL)
			continue;
		problem(l, r->line, l->order[i], c->key, "%s", msg);
		g_free(msg);
		r->bad[i] = true; /* checked no further: no look-up of a malformed code */
		if (c->flags & MC_KEY)
			r->key_bad = true;
	}
	if (!r->key_bad) {
		char *key = key_text(l, r);
		const struct record *first = g_hash_table_lookup(l->keys, key);

		if (first != NULL) {
			problem(l, r->line, l->order[0], k->cols[0].key,
				_("'%s' is given again; first on line %lu"), key, first->line);
			g_free(key);
		} else
			g_hash_table_insert(l->keys, key, r);
	}
}

static struct record *
record_new(struct load *l, unsigned long line)
{
	struct record *r = g_new0(struct record, 1);

	r->line = line;
	r->n = l->k->ncols;
	r->val = g_new0(char *, r->n);
	r->bad = g_new0(bool, r->n);
	g_ptr_array_add(l->recs, r);
	return r;
}

/* Maps header column j to a registry column (map[j]), or to ncols for the
 * delete column. Returns false when the header is unusable. */
static bool
read_header(struct load *l, const struct csv_row *row, size_t *map)
{
	const struct master_kind *k = l->k;
	bool *seen = g_new0(bool, k->ncols + 1);
	guint before = l->probs->len;

	for (size_t j = 0; j < row->nfields; j++) {
		const char *name = row->fields[j];
		int i = column_index(k, name);

		map[j] = i >= 0 ? (size_t)i : k->ncols;
		l->order[map[j]] = j;
		if (i < 0 && strcmp(name, MASTER_DELETE_COLUMN) != 0) {
			GString *known = g_string_new(NULL);

			for (size_t c = 0; c < k->ncols; c++)
				g_string_append_printf(known, "%s, ", k->cols[c].key);
			g_string_append(known, MASTER_DELETE_COLUMN);
			problem(l, row->line, j, name, _("unknown column; %s has: %s"),
				k->name, known->str);
			g_string_free(known, TRUE);
		} else if (seen[map[j]])
			problem(l, row->line, j, name, _("column given twice"));
		else
			seen[map[j]] = true;
	}
	for (size_t i = 0; i < k->ncols; i++)
		if ((k->cols[i].flags & (MC_KEY | MC_REQUIRED)) && !seen[i])
			problem(l, row->line, row->nfields + i, k->cols[i].key,
				_("required column is missing"));
	g_free(seen);
	return l->probs->len == before;
}

/* Reads the whole file into l->recs, running the checks that need no
 * database. Problems are collected; the return value is not MADO_OK only
 * when the CSV itself cannot be read (e says why). *usable is false when
 * the header is wrong, so the rows mean nothing. */
static int
read_file(struct load *l, FILE *fp, const char *name, enum csv_encoding enc, bool *usable,
	struct mado_err *e)
{
	struct csv_reader *rd = csv_reader_new(fp, name, enc);
	struct csv_row row;
	size_t *map = NULL, nhdr = 0;
	int rc;

	*usable = false;
	if (rd == NULL)
		return mado_err_set(e, MADO_EFAIL, "out of memory");
	rc = csv_read(rd, &row, e);
	if (rc == 0)
		mado_err_set(e, MADO_EDATA, _("%s: empty file; the first line must name the"
			" columns"), name);
	if (rc > 0) {
		nhdr = row.nfields;
		map = g_new0(size_t, nhdr);
		*usable = read_header(l, &row, map);
	}
	while (*usable && (rc = csv_read(rd, &row, e)) > 0) {
		struct record *r;
		const char *del = NULL;
		size_t j = 0;

		/* Excel writes rows of empty cells for cells that were only formatted. */
		while (j < row.nfields && row.fields[j][0] == '\0')
			j++;
		if (j == row.nfields)
			continue;
		r = record_new(l, row.line);
		if (row.nfields != nhdr) {
			problem(l, r->line, 0, "", _("%zu fields, but the header has %zu"),
				row.nfields, nhdr);
			r->key_bad = true;
			continue;
		}
		for (j = 0; j < nhdr; j++) {
			if (map[j] == l->k->ncols)
				del = row.fields[j];
			else
				r->val[map[j]] = g_strdup(row.fields[j]);
		}
		check_record(l, r, del);
	}
	g_free(map);
	csv_reader_free(rd);
	return rc < 0 || (rc == 0 && nhdr == 0) ? e->status : MADO_OK;
}

/* ---- inside the transaction ---- */

static void
add_ref(const char *table, int64_t count, void *ctx)
{
	g_string_append_printf(ctx, "%s%s (%lld)", ((GString *)ctx)->len ? ", " : "", table,
		(long long)count);
}

static int
check_delete(struct load *l, struct record *r, struct mado_err *e)
{
	GString *users;
	char *key;
	int st;

	if (r->id == 0) {
		key = key_text(l, r);
		problem(l, r->line, l->order[0], l->k->cols[0].key, _("there is no %s '%s' to delete"),
			l->k->name, key);
		g_free(key);
		return MADO_OK;
	}
	users = g_string_new(NULL);
	st = master_store_references(l->db, l->k->name, r->id, add_ref, users, e);
	if (st == MADO_OK && users->len > 0) {
		key = key_text(l, r);
		problem(l, r->line, l->order[l->k->ncols], MASTER_DELETE_COLUMN,
			_("%s '%s' is still used by %s; set active to 0 instead"),
			l->k->name, key, users->str);
		g_free(key);
	}
	g_string_free(users, TRUE);
	return st;
}

/* Looks up the row r names, then checks what depends on the database:
 * that it exists (or not) as the mode wants, that every reference names
 * an existing row, and that a row to delete is no longer used. */
static int
check_in_db(struct load *l, struct record *r, struct mado_err *e)
{
	const struct master_kind *k = l->k;
	int st = master_store_get(l->db, k->name, (const char *const *)r->val, l->nkey,
		k->ncols, &r->id, &r->old, e);

	if (st == MADO_ENOTFOUND)
		mado_err_clear(e);
	else if (st != MADO_OK)
		return st;
	if (r->del)
		return check_delete(l, r, e);
	if (l->mode != PUT_UPSERT && (r->id != 0) != (l->mode == PUT_UPDATE)) {
		char *key = key_text(l, r);

		if (r->id != 0)
			problem(l, r->line, l->order[0], k->cols[0].key, _("%s '%s' already exists"),
				k->name, key);
		else {
			problem(l, r->line, l->order[0], k->cols[0].key, _("there is no %s '%s'"),
				k->name, key);
			l->notfound = true;
		}
		g_free(key);
		return MADO_OK;
	}
	for (size_t i = 0; i < k->ncols; i++) {
		const struct master_column *c = &k->cols[i];
		const struct master_kind *to;
		int64_t id;

		if (r->id == 0 && r->val[i] == NULL && (c->flags & MC_REQUIRED))
			problem(l, r->line, l->order[i], c->key, _("a value is required"));
		/* A key that found its row needs no look-up of what it refers to. */
		if (c->ref == NULL || r->val[i] == NULL || r->bad[i] || r->val[i][0] == '\0'
			|| (i < l->nkey && r->id != 0))
			continue;
		to = master_kind_find(c->ref);
		st = master_store_get(l->db, to->name, (const char *const *)&r->val[i], 1,
			to->ncols, &id, NULL, e);
		if (st == MADO_ENOTFOUND) {
			mado_err_clear(e);
			problem(l, r->line, l->order[i], c->key, _("there is no %s with code '%s'"),
				to->name, r->val[i]);
		} else if (st != MADO_OK)
			return st;
	}
	return MADO_OK;
}

static int
audit_field(struct load *l, const char *action, int64_t id, const char *field,
	const char *old, const char *new_value, struct mado_err *e)
{
	struct audit_entry a = {
		.action = action, .entity = l->k->name, .entity_id = id, .field = field,
		.old_value = old, .new_value = new_value,
	};

	return actor_audit(l->db, l->actor, &a, e);
}

static int
apply_delete(struct load *l, struct record *r, struct mado_err *e)
{
	int st = MADO_OK;

	/* The audit keeps what the row held, so a deletion can be undone. */
	for (size_t i = 0; i < l->k->ncols && st == MADO_OK; i++)
		if (r->old[i][0] != '\0')
			st = audit_field(l, "delete", r->id, l->k->cols[i].key, r->old[i], NULL, e);
	if (st == MADO_OK)
		st = master_store_delete(l->db, l->k->name, r->id, e);
	if (st == MADO_OK)
		l->sum.deleted++;
	return st;
}

/* Inserts or updates r: columns the file leaves out keep their stored
 * value (or take the default in a new row). */
static int
apply_put(struct load *l, struct record *r, struct mado_err *e)
{
	const struct master_kind *k = l->k;
	const char **v = g_new(const char *, k->ncols);
	size_t changed = 0;
	int st = MADO_OK;

	for (size_t i = 0; i < k->ncols; i++) {
		v[i] = r->val[i] ? r->val[i]
			: r->old ? r->old[i] : k->cols[i].def ? k->cols[i].def : "";
		changed += r->old == NULL || strcmp(v[i], r->old[i]) != 0;
	}
	if (r->id == 0) {
		st = master_store_insert(l->db, k->name, v, k->ncols, &r->id, e);
		for (size_t i = 0; i < k->ncols && st == MADO_OK; i++)
			if (v[i][0] != '\0')
				st = audit_field(l, "create", r->id, k->cols[i].key, NULL, v[i], e);
		l->sum.added += st == MADO_OK;
	} else if (changed > 0) {
		st = master_store_update(l->db, k->name, r->id, v, k->ncols, e);
		for (size_t i = 0; i < k->ncols && st == MADO_OK; i++)
			if (strcmp(v[i], r->old[i]) != 0)
				st = audit_field(l, "update", r->id, k->cols[i].key, r->old[i], v[i], e);
		l->sum.updated += st == MADO_OK;
	} else
		l->sum.unchanged++;
	g_free(v);
	return st;
}

/* The unit of work. db_txn() may run it again after a busy database, so
 * it first forgets whatever an earlier attempt found. */
static int
load_txn(struct db *db, void *p, struct mado_err *e)
{
	struct load *l = p;
	int st = MADO_OK;

	g_ptr_array_set_size(l->probs, l->nstatic);
	memset(&l->sum, 0, sizeof l->sum);
	l->notfound = false;
	for (guint i = 0; i < l->recs->len; i++) {
		struct record *r = l->recs->pdata[i];

		master_values_free(r->old);
		r->old = NULL;
		r->id = 0;
	}
	for (guint i = 0; i < l->recs->len && st == MADO_OK; i++) {
		struct record *r = l->recs->pdata[i];

		if (!r->key_bad)
			st = check_in_db(l, r, e);
	}
	if (st == MADO_OK && l->probs->len > 0)
		return mado_err_set(e, MADO_EDATA, "%u problems", l->probs->len);
	for (guint i = 0; i < l->recs->len && st == MADO_OK; i++) {
		struct record *r = l->recs->pdata[i];

		st = r->del ? apply_delete(l, r, e) : apply_put(l, r, e);
	}
	return st;
}

/* Runs the transaction over what was read, and sorts the problems. */
static int
load_run(struct load *l, struct mado_err *e)
{
	int st;

	l->nstatic = l->probs->len;
	st = db_txn(l->db, load_txn, l, e);
	g_ptr_array_sort(l->probs, problem_cmp);
	return st;
}

int
master_import(struct db *db, const struct actor *actor, const struct master_kind *kind,
	FILE *fp, const char *name, enum csv_encoding enc, master_error_fn on_error,
	void *ctx, struct master_summary *sum, struct mado_err *e)
{
	struct load l;
	bool usable, read_ok;
	int st = master_may_import(actor, e);

	memset(sum, 0, sizeof *sum);
	if (st != MADO_OK)
		return st;
	load_init(&l, db, actor, kind, PUT_UPSERT);
	st = read_file(&l, fp, name, enc, &usable, e);
	read_ok = st == MADO_OK;
	if (read_ok && usable)
		st = load_run(&l, e);
	else
		g_ptr_array_sort(l.probs, problem_cmp);
	for (guint i = 0; i < l.probs->len; i++) {
		const struct problem *pr = l.probs->pdata[i];

		on_error(pr->line, pr->field, pr->msg, ctx);
	}
	/* A CSV syntax error keeps its own message, as does a database failure. */
	if (read_ok && l.probs->len > 0 && (st == MADO_OK || st == MADO_EDATA))
		st = mado_err_set(e, MADO_EDATA,
			ngettext("%s: %u error; nothing was imported",
				"%s: %u errors; nothing was imported", l.probs->len),
			name, l.probs->len);
	if (st == MADO_OK)
		*sum = l.sum;
	load_free(&l);
	return st;
}

/* ---- export ---- */

struct export_ctx {
	const struct master_kind *k;
	struct csv_writer *w;
	size_t rows;
	struct mado_err *e;
};

static int
export_row(const char *const *values, size_t n, void *p)
{
	struct export_ctx *x = p;
	int st = csv_write_row(x->w, values, n, x->e);

	if (st != MADO_OK)
		mado_err_prefix(x->e, "%s '%s': ", x->k->name, values[0]);
	else
		x->rows++;
	return st;
}

int
master_export(struct db *db, const struct actor *actor, const struct master_kind *kind,
	FILE *fp, enum csv_encoding enc, size_t *nrows, struct mado_err *e)
{
	struct export_ctx x = { .k = kind, .e = e };
	const char **header;
	struct mado_err later;
	int st = master_may_export(actor, e);

	*nrows = 0;
	if (st != MADO_OK)
		return st;
	x.w = csv_writer_new(fp, enc);
	if (x.w == NULL)
		return mado_err_set(e, MADO_EFAIL, "out of memory");
	header = g_new(const char *, kind->ncols);
	for (size_t i = 0; i < kind->ncols; i++)
		header[i] = kind->cols[i].key;
	st = csv_write_row(x.w, header, kind->ncols, e);
	g_free(header);
	if (st == MADO_OK)
		st = master_store_list(db, kind->name, kind->ncols, export_row, &x, e);
	/* Always flush and free; a write error there matters only if all else went well. */
	if (csv_writer_free(x.w, &later) != MADO_OK && st == MADO_OK)
		st = mado_err_set(e, later.status, "%s", later.msg);
	*nrows = x.rows;
	return st;
}

/* ---- users: single staff records through the same checks ---- */

/* Puts one staff record given as (key, value) pairs; values left NULL are
 * not given. Problems become one message, "field: problem; ...". */
static int
put_staff(struct db *db, const struct actor *actor, enum put_mode mode,
	const char *const pairs[][2], size_t npairs, struct master_summary *sum,
	struct mado_err *e)
{
	const struct master_kind *k = master_kind_find("staff");
	struct load l;
	struct record *r;
	int st;

	load_init(&l, db, actor, k, mode);
	r = record_new(&l, 0);
	for (size_t p = 0; p < npairs; p++) {
		int i = column_index(k, pairs[p][0]);

		if (i >= 0 && pairs[p][1] != NULL)
			r->val[i] = g_strdup(pairs[p][1]);
	}
	check_record(&l, r, NULL);
	st = load_run(&l, e);
	if (l.probs->len > 0 && (st == MADO_OK || st == MADO_EDATA)) {
		GString *msg = g_string_new(NULL);

		for (guint i = 0; i < l.probs->len; i++) {
			const struct problem *pr = l.probs->pdata[i];

			g_string_append_printf(msg, "%s%s: %s", i ? "; " : "", pr->field, pr->msg);
		}
		st = mado_err_set(e, l.notfound ? MADO_ENOTFOUND : MADO_EDATA, "%s", msg->str);
		g_string_free(msg, TRUE);
	}
	*sum = l.sum;
	load_free(&l);
	return st;
}

int
user_add(struct db *db, const struct actor *actor, const struct user_spec *u,
	struct mado_err *e)
{
	const char *const pairs[][2] = {
		{ "login", u->login }, { "name", u->name }, { "name_kana", u->kana },
		{ "email", u->email }, { "department", u->department }, { "role", u->role },
		{ "lang", u->lang },
	};
	struct master_summary sum;
	int st = role_require(actor, ROLE_ADMIN, _("adding a user"), e);

	if (st != MADO_OK)
		return st;
	if (u->login == NULL || u->name == NULL)
		return mado_err_set(e, MADO_EUSAGE, _("a user needs a login and a name"));
	return put_staff(db, actor, PUT_CREATE, pairs, sizeof pairs / sizeof pairs[0], &sum, e);
}

int
user_set_role(struct db *db, const struct actor *actor, const char *login, const char *role,
	bool *changed, struct mado_err *e)
{
	const char *const pairs[][2] = { { "login", login }, { "role", role } };
	struct master_summary sum;
	int st = role_require(actor, ROLE_ADMIN, _("changing a role"), e);

	*changed = false;
	if (st != MADO_OK)
		return st;
	/* An empty role would silently mean the default; say what is wrong instead. */
	if (role_parse(role) == ROLE_NONE)
		return mado_err_set(e, MADO_EDATA, _("'%s' is not a role (staff, operator,"
			" supervisor, admin)"), role);
	st = put_staff(db, actor, PUT_UPDATE, pairs, sizeof pairs / sizeof pairs[0], &sum, e);
	*changed = st == MADO_OK && sum.updated > 0;
	return st;
}

struct user_page {
	staff_row_fn fn;
	void *ctx;
	char *last;  /* login of the last row seen (g_free) */
	int rows;
};

static int
user_page_row(const struct staff_row *row, void *p)
{
	struct user_page *pg = p;

	pg->rows++;
	g_free(pg->last);
	pg->last = g_strdup(row->login);
	return pg->fn(row, pg->ctx);
}

int
user_list(struct db *db, const struct actor *actor, staff_row_fn fn, void *ctx,
	struct mado_err *e)
{
	struct user_page pg = { .fn = fn, .ctx = ctx };
	int st = role_require(actor, ROLE_SUPERVISOR, _("listing users"), e);

	/* Page by login so no statement stays open while fn works. */
	while (st == MADO_OK) {
		pg.rows = 0;
		st = staff_list(db, pg.last ? pg.last : "", USER_PAGE, user_page_row, &pg, e);
		if (pg.rows < USER_PAGE)
			break;
	}
	g_free(pg.last);
	return st;
}

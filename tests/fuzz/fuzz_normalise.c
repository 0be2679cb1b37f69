/* Fuzz target: form value normalisation (forms/form_value.c).
 *
 * The fields are a few made here with extreme limits (bytes 0–10 pick
 * them), then those of every shipped form (share/forms/NAME.xml, from
 * MADO_SHAREDIR, else this source tree's share/, forms in name order),
 * loaded once per process. Input: byte 0 picks the field (modulo their
 * number); the rest, up to its first NUL byte, is the value typed.
 *
 * A refused value gives MADO_EDATA, a message and no canonical text. An
 * accepted one gives the canonical text of its type: valid UTF-8 that
 * normalises to itself; for free text NFC, trimmed, no CR and no control
 * characters (a multi-line text may keep LF and tab), at most max_chars
 * characters; an integer in plain decimal within min..max; a real date
 * as YYYY-MM-DD, a date-time as YYYY-MM-DD HH:MM; "1" or "0"; a choice's
 * option value; "" only for an optional field. */
#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/env.h"
#include "forms/form.h"

#ifndef FUZZ_SHAREDIR
#define FUZZ_SHAREDIR "share"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) ((cond) ? (void)0 : check_failed(__FILE__, __LINE__, #cond))

static void __attribute__((noreturn))
check_failed(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	abort();
}

static struct form_option choices[] = {
	{ "a", { "あ", "A" } },
	{ "b_2", { "い", "B" } },
};

/* Fields no shipped form has: the narrowest and widest limits. */
static const struct form_field extremes[] = {
	{ .name = "one_char", .type = FORM_TEXT, .required = true, .max_chars = 1 },
	{ .name = "short_text", .type = FORM_TEXT, .max_chars = 5 },
	{ .name = "short_lines", .type = FORM_MULTILINE, .max_chars = 3 },
	{ .name = "code", .type = FORM_MASTER, .max_chars = FORM_MASTER_CODE_MAX,
	  .master = "department" },
	{ .name = "any_int", .type = FORM_INTEGER, .min = INT64_MIN, .max = INT64_MAX },
	{ .name = "zero", .type = FORM_INTEGER, .required = true, .min = 0, .max = 0 },
	{ .name = "small_int", .type = FORM_INTEGER, .min = -5, .max = 5 },
	{ .name = "day", .type = FORM_DATE, .required = true },
	{ .name = "moment", .type = FORM_DATETIME },
	{ .name = "flag", .type = FORM_BOOLEAN, .required = true },
	{ .name = "pick", .type = FORM_CHOICE, .options = choices,
	  .noptions = G_N_ELEMENTS(choices) },
};

/* Every field to fuzz (const struct form_field *) and the forms they
 * belong to, loaded on first use and freed at exit. */
static GPtrArray *fields, *forms;

static void
free_forms(void)
{
	g_ptr_array_free(fields, TRUE);
	g_ptr_array_free(forms, TRUE);
}

static gint
by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
load_fields(void)
{
	GError *gerr = NULL;
	char *dir;
	GDir *d;
	const char *name;
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);

	g_setenv("MADO_SHAREDIR", FUZZ_SHAREDIR, FALSE);
	fields = g_ptr_array_new();
	forms = g_ptr_array_new_with_free_func((GDestroyNotify)form_free);
	atexit(free_forms);
	/* These first, so a seed picks the same one when forms are added. */
	for (size_t i = 0; i < G_N_ELEMENTS(extremes); i++)
		g_ptr_array_add(fields, (void *)&extremes[i]);
	dir = g_build_filename(mado_sharedir(), "forms", NULL);
	d = g_dir_open(dir, 0, &gerr);
	if (d == NULL)
		fprintf(stderr, "%s\n", gerr->message);
	CHECK(d != NULL);
	while ((name = g_dir_read_name(d)) != NULL)
		if (g_str_has_suffix(name, ".xml"))
			g_ptr_array_add(names, g_strndup(name, strlen(name) - strlen(".xml")));
	g_dir_close(d);
	g_free(dir);
	/* Sorted, so byte 0 picks the same field wherever the corpus runs. */
	g_ptr_array_sort(names, by_name);
	for (guint i = 0; i < names->len; i++) {
		struct mado_err e = { 0 };
		struct form *f = NULL;

		if (form_load_kind(NULL, names->pdata[i], &f, &e) != MADO_OK)
			fprintf(stderr, "%s\n", e.msg);
		CHECK(f != NULL);
		g_ptr_array_add(forms, f);
		for (int j = 0; j < f->nfields; j++)
			g_ptr_array_add(fields, &f->fields[j]);
	}
	CHECK(forms->len > 0);
	g_ptr_array_free(names, TRUE);
}

static bool
is_control(gunichar c, bool multiline)
{
	GUnicodeType t = g_unichar_type(c);

	if (multiline && (c == '\n' || c == '\t'))
		return false;
	return g_unichar_iscntrl(c) || t == G_UNICODE_LINE_SEPARATOR ||
		t == G_UNICODE_PARAGRAPH_SEPARATOR;
}

static void
check_free_text(const struct form_field *fld, const char *c)
{
	char *nfc = g_utf8_normalize(c, -1, G_NORMALIZE_NFC);
	const char *last = NULL;

	CHECK(nfc != NULL && strcmp(nfc, c) == 0);
	g_free(nfc);
	CHECK(g_utf8_strlen(c, -1) <= fld->max_chars);
	CHECK(strchr(c, '\r') == NULL);
	for (const char *p = c; *p != '\0'; p = g_utf8_next_char(p)) {
		CHECK(!is_control(g_utf8_get_char(p), fld->type == FORM_MULTILINE));
		last = p;
	}
	CHECK(!g_unichar_isspace(g_utf8_get_char(c)));
	CHECK(!g_unichar_isspace(g_utf8_get_char(last)));
}

/* NN digits at s, as a number. */
static int
number_at(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		CHECK(g_ascii_isdigit(s[i]));
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static void
check_date(const char *c, bool with_time)
{
	CHECK(strlen(c) == (with_time ? 16 : 10));
	CHECK(c[4] == '-' && c[7] == '-');
	CHECK(g_date_valid_dmy((GDateDay)number_at(c + 8, 2), (GDateMonth)number_at(c + 5, 2),
		(GDateYear)number_at(c, 4)));
	if (with_time) {
		CHECK(c[10] == ' ' && c[13] == ':');
		CHECK(number_at(c + 11, 2) <= 23 && number_at(c + 14, 2) <= 59);
	}
}

static void
check_canonical(const struct form_field *fld, const char *c)
{
	gint64 v;
	char *again = NULL, *message = NULL;
	bool found = false;

	CHECK(g_utf8_validate(c, -1, NULL));
	if (form_normalise(fld, c, &again, &message) != MADO_OK)
		fprintf(stderr, "canonical [%s] refused: %s\n", c, message);
	CHECK(again != NULL && strcmp(again, c) == 0);
	g_free(again);
	if (*c == '\0') {
		CHECK(!fld->required);
		return;
	}
	switch (fld->type) {
	case FORM_TEXT:
	case FORM_MULTILINE:
	case FORM_MASTER:
		check_free_text(fld, c);
		break;
	case FORM_INTEGER:
		CHECK(g_ascii_string_to_signed(c, 10, fld->min, fld->max, &v, NULL));
		again = g_strdup_printf("%lld", (long long)v);
		CHECK(strcmp(again, c) == 0);
		g_free(again);
		break;
	case FORM_DATE:
	case FORM_DATETIME:
		check_date(c, fld->type == FORM_DATETIME);
		break;
	case FORM_BOOLEAN:
		CHECK(strcmp(c, "1") == 0 || strcmp(c, "0") == 0);
		break;
	case FORM_CHOICE:
		for (int i = 0; i < fld->noptions; i++)
			found = found || strcmp(fld->options[i].value, c) == 0;
		CHECK(found);
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct form_field *fld;
	char *value, *canonical = NULL, *message = NULL;
	int st;

	if (fields == NULL)
		load_fields();
	fld = fields->pdata[size > 0 ? data[0] % fields->len : 0];
	value = g_strndup(size > 0 ? (const char *)data + 1 : "", size > 0 ? size - 1 : 0);
	st = form_normalise(fld, value, &canonical, &message);
	if (st == MADO_OK) {
		CHECK(canonical != NULL && message == NULL);
		check_canonical(fld, canonical);
	} else {
		CHECK(st == MADO_EDATA);
		CHECK(canonical == NULL && message != NULL && *message != '\0');
		CHECK(g_utf8_validate(message, -1, NULL));
	}
	g_free(canonical);
	g_free(message);
	g_free(value);
	return 0;
}

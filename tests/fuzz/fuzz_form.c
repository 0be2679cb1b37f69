/* Fuzz target: the form definition loader (forms/form.c).
 *
 * forms/ reads definitions only from files, so each input is written to
 * form.xml in a new temporary directory, loaded with form_load() against
 * the shipped share/forms/form.rng (MADO_SHAREDIR, else this source
 * tree's share/), and removed again before anything is checked, so even
 * a failed check leaves nothing behind.
 *
 * A refused file must give MADO_ECONFIG, no form, and a message that
 * starts with the file's path. An accepted one must hold what the schema
 * and the loader promise: an identifier as id, a title and labels in both
 * languages, help in both or neither, unique field names, a known type
 * with its attributes in range, unique options for a choice. Each field
 * then normalises a few typical values: an accepted value is valid UTF-8
 * and normalises to itself; form_validate agrees. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void
write_input(const char *path, const uint8_t *data, size_t size)
{
	FILE *fp = fopen(path, "wb");

	CHECK(fp != NULL);
	CHECK(size == 0 || fwrite(data, 1, size, fp) == size);
	CHECK(fclose(fp) == 0);
}

static bool
is_identifier(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	return n >= 1 && n <= 32 && s[0] >= 'a' && s[0] <= 'z' &&
		strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static bool
is_master(const char *s)
{
	static const char *const masters[] = {
		"department", "staff", "queue", "phonebook", "category", "faq_class",
		"vendor", "vendor_contact", "system",
	};

	for (size_t i = 0; s != NULL && i < G_N_ELEMENTS(masters); i++)
		if (strcmp(s, masters[i]) == 0)
			return true;
	return false;
}

/* Both languages given, as the schema's bilingual texts are. */
static void
check_text(const struct form_text *t, bool may_be_absent)
{
	CHECK(t->ja != NULL && t->en != NULL);
	CHECK(g_utf8_validate(t->ja, -1, NULL) && g_utf8_validate(t->en, -1, NULL));
	if (may_be_absent && *t->ja == '\0' && *t->en == '\0')
		return;
	CHECK(*t->ja != '\0' && *t->en != '\0');
	CHECK(strcmp(form_text_get(t, "en"), t->en) == 0);
	CHECK(strcmp(form_text_get(t, "ja"), t->ja) == 0);
}

static void
check_field(const struct form *f, const struct form_field *fld)
{
	CHECK(is_identifier(fld->name));
	CHECK(form_field(f, fld->name) == fld);
	CHECK(strcmp(form_type_name(fld->type), "?") != 0);
	CHECK(fld->line >= 1);
	check_text(&fld->label, false);
	check_text(&fld->help, true);
	switch (fld->type) {
	case FORM_TEXT:
	case FORM_MULTILINE:
		CHECK(fld->max_chars >= 1 && fld->max_chars <= 100000);
		break;
	case FORM_MASTER:
		CHECK(is_master(fld->master));
		CHECK(fld->max_chars == FORM_MASTER_CODE_MAX);
		break;
	case FORM_INTEGER:
		CHECK(fld->min <= fld->max);
		break;
	case FORM_CHOICE:
		CHECK(fld->noptions >= 1 && fld->options != NULL);
		for (int i = 0; i < fld->noptions; i++) {
			CHECK(is_identifier(fld->options[i].value));
			check_text(&fld->options[i].label, false);
			for (int j = 0; j < i; j++)
				CHECK(strcmp(fld->options[i].value, fld->options[j].value) != 0);
		}
		break;
	case FORM_DATE:
	case FORM_DATETIME:
	case FORM_BOOLEAN:
		break;
	}
	if (fld->type != FORM_MASTER)
		CHECK(fld->master == NULL);
	if (fld->type != FORM_CHOICE)
		CHECK(fld->noptions == 0);
}

/* Normalises value; an accepted one must normalise to itself. Returns the
 * canonical text (g_free) or NULL. */
static char *
normalise(const struct form_field *fld, const char *value)
{
	char *canonical = NULL, *message = NULL, *again = NULL, *message2 = NULL;
	int st = form_normalise(fld, value, &canonical, &message);

	if (st != MADO_OK) {
		CHECK(st == MADO_EDATA && canonical == NULL && message != NULL);
		g_free(message);
		return NULL;
	}
	CHECK(canonical != NULL && message == NULL);
	CHECK(g_utf8_validate(canonical, -1, NULL));
	CHECK(form_normalise(fld, canonical, &again, &message2) == MADO_OK);
	CHECK(strcmp(again, canonical) == 0);
	g_free(again);
	return canonical;
}

static void
check_values(const struct form *f)
{
	static const char *const samples[] = {
		"", " ", "0", "1", "-1", "42", "はい", "なし", "2026-04-01", "２０２６／４／１",
		"2026-04-01 08:30", "2026/4/1 9:05", "department", "テスト\r\n二行目",
	};
	const char **names = g_new0(const char *, (gsize)MAX(f->nfields, 3) + 1);
	const char **values = g_new0(const char *, (gsize)MAX(f->nfields, 3) + 1);
	struct form_error *errors = NULL;
	int nerrors = -1, st;
	bool all_ok = true;

	for (int i = 0; i < f->nfields; i++) {
		const struct form_field *fld = &f->fields[i];
		char *c;

		for (size_t j = 0; j < G_N_ELEMENTS(samples); j++)
			g_free(normalise(fld, samples[j]));
		g_free(normalise(fld, fld->label.ja));
		for (int j = 0; j < fld->noptions; j++) {
			c = normalise(fld, fld->options[j].value);
			CHECK(c != NULL && strcmp(c, fld->options[j].value) == 0);
			g_free(c);
		}
		/* Every field given once, with a value that is never blank. */
		names[i] = fld->name;
		values[i] = fld->noptions > 0 ? fld->options[0].value : "1";
		c = normalise(fld, values[i]);
		all_ok = all_ok && c != NULL;
		g_free(c);
	}
	st = form_validate(f, names, values, f->nfields, &errors, &nerrors);
	CHECK((st == MADO_OK) == all_ok);
	CHECK(st == MADO_OK ? nerrors == 0 && errors == NULL : nerrors > 0 && errors != NULL);
	for (int i = 0; i < nerrors; i++)
		CHECK(errors[i].field != NULL && errors[i].message != NULL);
	form_errors_free(errors, nerrors);

	/* A name no field can have, and the first field twice: both reported,
	 * in the order given. */
	names[0] = "Not-a-field";
	names[1] = f->fields[0].name;
	names[2] = f->fields[0].name;
	values[0] = values[1] = values[2] = "";
	st = form_validate(f, names, values, 3, &errors, &nerrors);
	CHECK(st == MADO_EDATA && nerrors >= 2);
	CHECK(strcmp(errors[0].field, "Not-a-field") == 0);
	CHECK(strcmp(errors[1].field, f->fields[0].name) == 0);
	form_errors_free(errors, nerrors);
	g_free(values);
	g_free(names);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Not NULL, so a failing form_load is seen to reset it. */
	static struct form sentinel;
	struct form *f = &sentinel;
	struct mado_err e = { 0 };
	GError *gerr = NULL;
	char *dir, *path;
	int st;

	g_setenv("MADO_SHAREDIR", FUZZ_SHAREDIR, FALSE);
	dir = g_dir_make_tmp("madofuzz-form-XXXXXX", &gerr);
	if (dir == NULL)
		fprintf(stderr, "temporary directory: %s\n", gerr->message);
	CHECK(dir != NULL);
	path = g_build_filename(dir, "form.xml", NULL);
	write_input(path, data, size);
	st = form_load(path, &f, &e);
	g_unlink(path);
	g_rmdir(dir);
	g_free(dir);
	if (st != MADO_OK) {
		if (st != MADO_ECONFIG)
			fprintf(stderr, "form_load: status %d: %s\n", st, e.msg);
		CHECK(st == MADO_ECONFIG);
		CHECK(e.status == st);
		CHECK(f == NULL);
		CHECK(g_str_has_prefix(e.msg, path));
		g_free(path);
		return 0;
	}
	CHECK(f != NULL);
	CHECK(is_identifier(f->id));
	CHECK(f->path != NULL && strcmp(f->path, path) == 0);
	check_text(&f->title, false);
	check_text(&f->help, true);
	CHECK(f->nfields >= 1 && f->fields != NULL);
	for (int i = 0; i < f->nfields; i++)
		check_field(f, &f->fields[i]);
	CHECK(form_field(f, "") == NULL);
	check_values(f);
	form_free(f);
	g_free(path);
	return 0;
}

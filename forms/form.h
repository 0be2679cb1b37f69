/* Request forms: the fields a kind of request adds to a ticket, defined in
 * share/forms/<kind>.xml and validated against share/forms/form.rng when
 * loaded. The same definition checks `mado ticket new --field name=value`
 * and lays out the edit form of the full-screen client.
 *
 * forms/ knows no database: a master field records only which master its
 * value names (department, system, ...); core checks that the code exists.
 *
 * Ownership: a struct form and everything it points to belong to the form
 * and are freed by form_free(). Strings handed out through out-parameters
 * (canonical values, messages, error lists) belong to the caller and say
 * which function frees them. */
#ifndef MADO_FORM_H
#define MADO_FORM_H

#include <stdbool.h>

#include "base/err.h"

enum form_type {
	FORM_TEXT,      /* one line */
	FORM_MULTILINE, /* several lines */
	FORM_INTEGER,   /* a whole number from min to max */
	FORM_DATE,      /* YYYY-MM-DD */
	FORM_DATETIME,  /* YYYY-MM-DD HH:MM, office time (JST) */
	FORM_CHOICE,    /* one of options[].value */
	FORM_MASTER,    /* a code from the master named by .master */
	FORM_BOOLEAN,   /* stored as "1" or "0" */
};

/* Default limits in characters when a form gives no maxlength. */
#define FORM_TEXT_MAX 200
#define FORM_MULTILINE_MAX 4000
#define FORM_MASTER_CODE_MAX 64

/* A text in both languages; neither is NULL, help texts may be "". */
struct form_text {
	char *ja;
	char *en;
};

struct form_option {
	char *value;             /* what is stored: an ASCII identifier */
	struct form_text label;
};

struct form_field {
	char *name;              /* ASCII identifier, the key in ticket_field */
	struct form_text label;
	struct form_text help;
	enum form_type type;
	bool required;
	int max_chars;           /* text, multiline, master: in characters */
	long long min, max;      /* integer only */
	char *master;            /* master only, else NULL */
	struct form_option *options; /* choice only */
	int noptions;
	int line;                /* where the field is defined, for messages */
};

struct form {
	char *id;                /* the request kind: "user_id", ... */
	char *path;              /* the file it was loaded from */
	struct form_text title;
	struct form_text help;
	struct form_field *fields;
	int nfields;
};

/* One problem with one given value. Both strings are owned by the array
 * and freed by form_errors_free(). */
struct form_error {
	char *field;             /* the name as given (may be unknown) */
	char *message;           /* translated; does not repeat the name */
};

/* Loads the form definition at path, validated against the schema
 * <mado_sharedir()>/forms/form.rng. On success *out is a new form (free
 * with form_free) and MADO_OK is returned. Otherwise *out is NULL and e
 * says "file:line: what is wrong": MADO_ENOTFOUND when path does not
 * exist, MADO_EIO when it cannot be read, MADO_ECONFIG when it is not
 * well-formed, has a DOCTYPE, breaks the schema (or the schema itself is
 * broken), repeats a field name or option value, or has min above max.
 * Loading parses the schema each time: a form is loaded once per use. */
int form_load(const char *path, struct form **out, struct mado_err *e);

/* As form_load(), for the request kind `kind` from
 * <sharedir>/forms/<kind>.xml with <sharedir>/forms/form.rng (sharedir
 * NULL means mado_sharedir()). kind must be 1 to 32 of [a-z0-9_], so it
 * can never name another file (MADO_EDATA otherwise); a kind without a
 * form file gives MADO_ENOTFOUND, a file whose id is not kind
 * MADO_ECONFIG. */
int form_load_kind(const char *sharedir, const char *kind, struct form **out,
	struct mado_err *e);

/* Frees the form and everything it owns. f may be NULL. */
void form_free(struct form *f);

/* The field called name, or NULL. Points into f. */
const struct form_field *form_field(const struct form *f, const char *name);

/* The text in lang ("en"; anything else means Japanese), falling back to
 * the other language when that one is empty. Points into t. */
const char *form_text_get(const struct form_text *t, const char *lang);

/* "text", "integer", ... as written in the form files. */
const char *form_type_name(enum form_type type);

/* Checks value against fld and makes its canonical stored text: surrounding
 * white space (including U+3000) trimmed, NFC; line ends as "\n";
 * integers in plain decimal; dates as YYYY-MM-DD and date-times as
 * YYYY-MM-DD HH:MM, zero-padded; booleans as "1"/"0"; choices as the
 * option value. Full-width digits and punctuation are accepted in numbers,
 * dates and booleans. A blank value is "" for an optional field and an
 * error for a required one. Returns MADO_OK with *canonical set (g_free),
 * or MADO_EDATA with *message set to a translated reason (g_free). */
int form_normalise(const struct form_field *fld, const char *value, char **canonical,
	char **message);

/* Checks a complete set of values for a new request: every name must be a
 * field of f and given once, every value must pass form_normalise(), and
 * every required field must be given and not blank. All problems are
 * reported, in the order of the given names and then of the form's
 * fields. Returns MADO_OK with *errors NULL and *nerrors 0, or MADO_EDATA
 * with the list in *errors (free with form_errors_free). For a change to
 * some fields of an existing request, call form_field() and
 * form_normalise() per field instead. */
int form_validate(const struct form *f, const char *const *names, const char *const *values,
	int n, struct form_error **errors, int *nerrors);

void form_errors_free(struct form_error *errors, int n);

#endif

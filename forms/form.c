/* Loading form definitions: parse the XML, validate it against form.rng,
 * then build a struct form. libxml2's problems are caught per call through
 * the contexts' own handlers, so nothing global is changed and nothing is
 * printed; the first one becomes the "file:line: ..." message. */
#include "form.h"

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"

#define KIND_MAX 32
/* Form files are a few kilobytes; anything this big is a mistake. */
#define FORM_FILE_MAX (1 << 20)

/* libxml2 2.12 made the error handler's argument const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_arg;
#else
typedef xmlError *xml_error_arg;
#endif

/* Each type as written in the files, with the attributes a field of that
 * type must have and may have besides name, type and required. Used to
 * read fields and to explain a schema error libxml2 leaves vague. */
static const struct type_info {
	const char *name;
	enum form_type type;
	const char *needs;
	const char *allows;
} types[] = {
	{ "text", FORM_TEXT, "", "maxlength" },
	{ "multiline", FORM_MULTILINE, "", "maxlength" },
	{ "integer", FORM_INTEGER, "min max", "" },
	{ "date", FORM_DATE, "", "" },
	{ "datetime", FORM_DATETIME, "", "" },
	{ "choice", FORM_CHOICE, "", "" },
	{ "master", FORM_MASTER, "master", "" },
	{ "boolean", FORM_BOOLEAN, "", "" },
};

static const struct type_info *
type_by_name(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(types); i++)
		if (name != NULL && strcmp(types[i].name, name) == 0)
			return &types[i];
	return NULL;
}

const char *
form_type_name(enum form_type type)
{
	for (size_t i = 0; i < G_N_ELEMENTS(types); i++)
		if (types[i].type == type)
			return types[i].name;
	return "?";
}

/* The first error libxml2 reports during one parse or validation. */
struct xml_problem {
	int count;
	int line;
	char *message;   /* g_free */
	xmlNode *node;   /* the node it concerns, when libxml2 says */
};

static void
note_problem(struct xml_problem *p, xml_error_arg err)
{
	if (err->level < XML_ERR_ERROR || p->count++ > 0)
		return;
	p->line = err->line;
	/* Some messages run on over a second line; keep one. */
	p->message = g_strstrip(g_strdelimit(g_strdup(err->message != NULL ? err->message : "?"),
		"\r\n", ' '));
	p->node = err->node;
}

/* The parser calls its structured handler with the parser context. */
static void
on_parse_error(void *ctx, xml_error_arg err)
{
	xmlParserCtxt *pc = ctx;

	note_problem(pc->_private, err);
}

static void
on_schema_error(void *data, xml_error_arg err)
{
	note_problem(data, err);
}

/* The line number of position at in text (1 when at is NULL); libxml2
 * keeps no line for a DOCTYPE. */
static int
line_of(const char *text, const char *at)
{
	int line = 1;

	for (const char *p = text; at != NULL && p < at; p++)
		line += *p == '\n';
	return line;
}

/* Reads and parses path into *out (xmlFreeDoc). Entities are not
 * substituted and nothing is fetched from the network; a DOCTYPE is
 * refused outright, so a form file can never pull in another file. */
static int
parse_file(const char *path, xmlDoc **out, struct mado_err *e)
{
	struct xml_problem prob = { 0 };
	xmlParserCtxt *pc;
	GError *gerr = NULL;
	char *text = NULL;
	gsize len = 0;
	int st = MADO_OK;

	*out = NULL;
	if (!g_file_get_contents(path, &text, &len, &gerr)) {
		st = mado_err_set(e, g_error_matches(gerr, G_FILE_ERROR, G_FILE_ERROR_NOENT)
			? MADO_ENOTFOUND : MADO_EIO, "%s: %s", path, gerr->message);
		g_error_free(gerr);
		return st;
	}
	if (len > FORM_FILE_MAX) {
		g_free(text);
		return mado_err_set(e, MADO_ECONFIG, _("%s: larger than %d bytes"), path,
			FORM_FILE_MAX);
	}
	if (len == 0) {
		g_free(text);
		return mado_err_set(e, MADO_ECONFIG, _("%s: the file is empty"), path);
	}
	pc = xmlCreateMemoryParserCtxt(text, (int)len);
	if (pc == NULL) {
		g_free(text);
		return mado_err_set(e, MADO_EFAIL, _("%s: cannot create an XML parser"), path);
	}
	xmlCtxtUseOptions(pc, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
		XML_PARSE_BIG_LINES);
	pc->_private = &prob;
	pc->sax->serror = on_parse_error;
	xmlParseDocument(pc);
	if (!pc->wellFormed || prob.count > 0 || pc->myDoc == NULL)
		st = mado_err_set(e, MADO_ECONFIG, "%s:%d: %s", path, prob.line,
			prob.message != NULL ? prob.message : _("not well-formed XML"));
	else if (pc->myDoc->intSubset != NULL)
		st = mado_err_set(e, MADO_ECONFIG, _("%s:%d: a form file may not have a DOCTYPE"),
			path, line_of(text, strstr(text, "<!DOCTYPE")));
	else {
		*out = pc->myDoc;
		pc->myDoc = NULL;
	}
	if (pc->myDoc != NULL)
		xmlFreeDoc(pc->myDoc);
	xmlFreeParserCtxt(pc);
	g_free(prob.message);
	g_free(text);
	return st;
}

/* Compiles the RELAX NG schema at path into *out (xmlRelaxNGFree). */
static int
load_schema(const char *path, xmlRelaxNG **out, struct mado_err *e)
{
	struct xml_problem prob = { 0 };
	xmlRelaxNGParserCtxt *rc;
	xmlDoc *doc;
	int st = parse_file(path, &doc, e);

	*out = NULL;
	if (st != MADO_OK)
		return st;
	/* The parser context works on its own copy of doc. */
	rc = xmlRelaxNGNewDocParserCtxt(doc);
	xmlFreeDoc(doc);
	if (rc == NULL)
		return mado_err_set(e, MADO_EFAIL, _("%s: cannot create a schema parser"), path);
	xmlRelaxNGSetParserStructuredErrors(rc, on_schema_error, &prob);
	*out = xmlRelaxNGParse(rc);
	xmlRelaxNGFreeParserCtxt(rc);
	if (*out == NULL)
		st = mado_err_set(e, MADO_ECONFIG, "%s:%d: %s", path, prob.line,
			prob.message != NULL ? prob.message : _("not a RELAX NG schema"));
	g_free(prob.message);
	return st;
}

/* The next element sibling from n on (n itself when it is one). */
static xmlNode *
element_from(xmlNode *n)
{
	while (n != NULL && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

static xmlNode *
child(xmlNode *n, const char *name)
{
	for (xmlNode *c = element_from(n->children); c != NULL; c = element_from(c->next))
		if (xmlStrEqual(c->name, BAD_CAST name))
			return c;
	return NULL;
}

static bool
is_field_name(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	return n >= 1 && n <= 32 && g_ascii_islower(s[0]) &&
		strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

/* True when word is one of the space-separated words in list. */
static bool
in_list(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; *p != '\0';) {
		size_t len = strcspn(p, " ");

		if (len == n && strncmp(p, word, n) == 0)
			return true;
		p += len + (p[len] == ' ');
	}
	return false;
}

/* An attribute's value with surrounding white space removed (g_free), or
 * NULL when absent. The schema's token type allows such white space. */
static char *
prop(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	char *s = v != NULL ? g_strstrip(g_strdup((const char *)v)) : NULL;

	xmlFree(v);
	return s;
}

/* A problem with one attribute of a field whose name and type are known,
 * or NULL. Values are checked as the schema's datatypes would. */
static char *
explain_attr(const char *field, const struct type_info *ti, const char *an, const char *v)
{
	guint64 u;
	gint64 i;

	if (!in_list("name type required", an) && !in_list(ti->needs, an) &&
	    !in_list(ti->allows, an))
		return g_strdup_printf(_("field '%s': attribute '%s' does not belong to type %s"),
			field, an, ti->name);
	if (strcmp(an, "required") == 0 && !in_list("true false 1 0", v))
		return g_strdup_printf(_("field '%s': required must be true or false"), field);
	if (strcmp(an, "maxlength") == 0 &&
	    !g_ascii_string_to_unsigned(v, 10, 1, 100000, &u, NULL))
		return g_strdup_printf(_("field '%s': maxlength must be a number from 1 to 100000"),
			field);
	if ((strcmp(an, "min") == 0 || strcmp(an, "max") == 0) &&
	    !g_ascii_string_to_signed(v, 10, G_MININT64, G_MAXINT64, &i, NULL))
		return g_strdup_printf(_("field '%s': %s must be a whole number"), field, an);
	return NULL;
}

/* What is wrong with a field, when libxml2 says no more than "Element
 * field failed to validate attributes". NULL when this finds nothing, so
 * libxml2's own words stand. Returns g_free'd text. */
static char *
explain_field(xmlNode *n)
{
	char *name = prop(n, "name"), *type = prop(n, "type"), *why = NULL;
	const struct type_info *ti = type_by_name(type);

	if (name == NULL)
		why = g_strdup(_("a field needs a name attribute"));
	else if (!is_field_name(name))
		why = g_strdup_printf(_("field name '%s' must be a lower-case letter followed by up to 31 of a-z, 0-9 and _"),
			name);
	else if (type == NULL)
		why = g_strdup_printf(_("field '%s' needs a type attribute"), name);
	else if (ti == NULL)
		why = g_strdup_printf(_("field '%s': unknown type '%s'"), name, type);
	for (xmlAttr *a = n->properties; why == NULL && a != NULL; a = a->next) {
		char *v = prop(n, (const char *)a->name);

		why = explain_attr(name, ti, (const char *)a->name, v != NULL ? v : "");
		g_free(v);
	}
	if (why == NULL) {
		char **needs = g_strsplit(ti->needs, " ", -1);

		for (int i = 0; why == NULL && needs[i] != NULL; i++)
			if (*needs[i] != '\0' && !xmlHasProp(n, BAD_CAST needs[i]))
				why = g_strdup_printf(_("field '%s': type %s needs the attribute '%s'"),
					name, ti->name, needs[i]);
		g_strfreev(needs);
	}
	if (why == NULL && child(n, "label") == NULL)
		why = g_strdup_printf(_("field '%s' needs a label"), name);
	if (why == NULL && ti->type == FORM_CHOICE && child(n, "option") == NULL)
		why = g_strdup_printf(_("field '%s': a choice needs options"), name);
	g_free(name);
	g_free(type);
	return why;
}

/* The same for the form element itself. */
static char *
explain_form(xmlNode *n)
{
	char *id = prop(n, "id"), *why = NULL;

	if (id == NULL)
		why = g_strdup(_("a form needs an id attribute"));
	else if (!is_field_name(id))
		why = g_strdup_printf(_("form id '%s' must be a lower-case letter followed by up to 31 of a-z, 0-9 and _"),
			id);
	else if (child(n, "title") == NULL)
		why = g_strdup(_("a form needs a title"));
	else if (child(n, "field") == NULL)
		why = g_strdup(_("a form needs at least one field"));
	g_free(id);
	return why;
}

/* Validates doc against schema; on failure sets e to the first problem,
 * in our words where libxml2's are vague. */
static int
check_schema(xmlDoc *doc, xmlRelaxNG *schema, const char *path, struct mado_err *e)
{
	struct xml_problem prob = { 0 };
	xmlRelaxNGValidCtxt *vc = xmlRelaxNGNewValidCtxt(schema);
	xmlNode *n, *root = xmlDocGetRootElement(doc);
	char *why = NULL, *field = NULL;
	int rc, st;

	if (vc == NULL)
		return mado_err_set(e, MADO_EFAIL, _("%s: cannot create a schema validator"), path);
	xmlRelaxNGSetValidStructuredErrors(vc, on_schema_error, &prob);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	if (rc == 0) {
		g_free(prob.message);
		return MADO_OK;
	}
	/* libxml2 may point at a child of the field it means. */
	for (n = prob.node; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (xmlStrEqual(n->name, BAD_CAST "field"))
			break;
	if (n != NULL && n->type == XML_ELEMENT_NODE) {
		why = explain_field(n);
		field = prop(n, "name");
	} else if (root != NULL && xmlStrEqual(root->name, BAD_CAST "form") &&
	    (prob.node == NULL || prob.node == (xmlNode *)root)) {
		n = root;
		why = explain_form(n);
	}
	if (why != NULL)
		st = mado_err_set(e, MADO_ECONFIG, "%s:%ld: %s", path, xmlGetLineNo(n), why);
	else if (field != NULL)
		st = mado_err_set(e, MADO_ECONFIG, _("%s:%d: field '%s': %s"), path, prob.line,
			field, prob.message != NULL ? prob.message : "?");
	else
		st = mado_err_set(e, MADO_ECONFIG, "%s:%d: %s", path, prob.line,
			prob.message != NULL ? prob.message : _("does not match the form schema"));
	g_free(why);
	g_free(field);
	g_free(prob.message);
	return st;
}

/* The text of the element called name under n, trimmed (g_free); "" when
 * there is none. */
static char *
child_text(xmlNode *n, const char *name)
{
	xmlNode *c = n != NULL ? child(n, name) : NULL;
	xmlChar *v = c != NULL ? xmlNodeGetContent(c) : NULL;
	char *s = g_strstrip(g_strdup(v != NULL ? (const char *)v : ""));

	xmlFree(v);
	return s;
}

/* n holds <ja> and <en>; n may be NULL for an absent help text. */
static void
read_text(xmlNode *n, struct form_text *t)
{
	t->ja = child_text(n, "ja");
	t->en = child_text(n, "en");
}

static void
text_free(struct form_text *t)
{
	g_free(t->ja);
	g_free(t->en);
}

static int
read_options(xmlNode *n, struct form_field *fld, const char *path, struct mado_err *e)
{
	int count = 0;

	for (xmlNode *c = element_from(n->children); c != NULL; c = element_from(c->next))
		count += xmlStrEqual(c->name, BAD_CAST "option");
	fld->options = g_new0(struct form_option, count);
	for (xmlNode *c = element_from(n->children); c != NULL; c = element_from(c->next)) {
		struct form_option *o;

		if (!xmlStrEqual(c->name, BAD_CAST "option"))
			continue;
		o = &fld->options[fld->noptions++];
		o->value = prop(c, "value");
		read_text(c, &o->label);
		for (int i = 0; i < fld->noptions - 1; i++)
			if (strcmp(fld->options[i].value, o->value) == 0)
				return mado_err_set(e, MADO_ECONFIG,
					_("%s:%ld: field '%s': option '%s' is listed twice"),
					path, xmlGetLineNo(c), fld->name, o->value);
	}
	return MADO_OK;
}

/* An integer attribute the schema has already checked is an xsd:long. */
static long long
prop_number(xmlNode *n, const char *name, long long dflt)
{
	char *s = prop(n, name);
	gint64 v = dflt;

	if (s != NULL && !g_ascii_string_to_signed(s, 10, G_MININT64, G_MAXINT64, &v, NULL))
		v = dflt;
	g_free(s);
	return v;
}

static int
read_field(xmlNode *n, struct form_field *fld, const char *path, struct mado_err *e)
{
	char *type = prop(n, "type"), *req = prop(n, "required");
	const struct type_info *ti = type_by_name(type);

	g_free(type);
	fld->line = (int)xmlGetLineNo(n);
	fld->name = prop(n, "name");
	fld->required = req != NULL && (strcmp(req, "true") == 0 || strcmp(req, "1") == 0);
	g_free(req);
	read_text(child(n, "label"), &fld->label);
	read_text(child(n, "help"), &fld->help);
	if (ti == NULL || fld->name == NULL)
		return mado_err_set(e, MADO_ECONFIG, _("%s:%d: field without name or type"),
			path, fld->line);
	fld->type = ti->type;
	switch (fld->type) {
	case FORM_TEXT:
	case FORM_MULTILINE:
		fld->max_chars = (int)prop_number(n, "maxlength",
			fld->type == FORM_TEXT ? FORM_TEXT_MAX : FORM_MULTILINE_MAX);
		break;
	case FORM_MASTER:
		fld->max_chars = FORM_MASTER_CODE_MAX;
		fld->master = prop(n, "master");
		break;
	case FORM_INTEGER:
		fld->min = prop_number(n, "min", 0);
		fld->max = prop_number(n, "max", 0);
		if (fld->min > fld->max)
			return mado_err_set(e, MADO_ECONFIG,
				_("%s:%d: field '%s': min %lld is above max %lld"),
				path, fld->line, fld->name, fld->min, fld->max);
		break;
	case FORM_CHOICE:
		return read_options(n, fld, path, e);
	case FORM_DATE:
	case FORM_DATETIME:
	case FORM_BOOLEAN:
		break;
	}
	return MADO_OK;
}

/* Builds the form from a document that matches the schema. */
static int
read_form(xmlDoc *doc, const char *path, struct form *f, struct mado_err *e)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	int count = 0, st = MADO_OK;

	f->id = prop(root, "id");
	f->path = g_strdup(path);
	read_text(child(root, "title"), &f->title);
	read_text(child(root, "help"), &f->help);
	for (xmlNode *c = element_from(root->children); c != NULL; c = element_from(c->next))
		count += xmlStrEqual(c->name, BAD_CAST "field");
	f->fields = g_new0(struct form_field, count);
	for (xmlNode *c = element_from(root->children); c != NULL && st == MADO_OK;
	     c = element_from(c->next)) {
		struct form_field *fld;
		const struct form_field *dup;

		if (!xmlStrEqual(c->name, BAD_CAST "field"))
			continue;
		fld = &f->fields[f->nfields++];
		st = read_field(c, fld, path, e);
		dup = st == MADO_OK ? form_field(f, fld->name) : NULL;
		if (dup != NULL && dup != fld)
			st = mado_err_set(e, MADO_ECONFIG,
				_("%s:%d: field '%s' is already defined at line %d"),
				path, fld->line, fld->name, dup->line);
	}
	return st;
}

static int
load(const char *path, const char *schema_path, struct form **out, struct mado_err *e)
{
	xmlRelaxNG *schema = NULL;
	xmlDoc *doc = NULL;
	struct form *f;
	int st;

	*out = NULL;
	st = parse_file(path, &doc, e);
	if (st == MADO_OK)
		st = load_schema(schema_path, &schema, e);
	if (st == MADO_OK)
		st = check_schema(doc, schema, path, e);
	if (schema != NULL)
		xmlRelaxNGFree(schema);
	if (st != MADO_OK) {
		if (doc != NULL)
			xmlFreeDoc(doc);
		return st;
	}
	f = g_new0(struct form, 1);
	st = read_form(doc, path, f, e);
	xmlFreeDoc(doc);
	if (st != MADO_OK)
		form_free(f);
	else
		*out = f;
	return st;
}

int
form_load(const char *path, struct form **out, struct mado_err *e)
{
	char *schema = g_build_filename(mado_sharedir(), "forms", "form.rng", NULL);
	int st = load(path, schema, out, e);

	g_free(schema);
	return st;
}

/* A kind becomes part of a file name, so it may only be a plain word. */
static bool
is_kind(const char *kind)
{
	size_t n = kind != NULL ? strlen(kind) : 0;

	return n >= 1 && n <= KIND_MAX &&
		strspn(kind, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

int
form_load_kind(const char *sharedir, const char *kind, struct form **out, struct mado_err *e)
{
	char *file, *path, *schema;
	int st;

	*out = NULL;
	if (!is_kind(kind))
		return mado_err_set(e, MADO_EDATA,
			_("request kind must be 1 to %d of a-z, 0-9 and _"), KIND_MAX);
	if (sharedir == NULL)
		sharedir = mado_sharedir();
	file = g_strconcat(kind, ".xml", NULL);
	path = g_build_filename(sharedir, "forms", file, NULL);
	schema = g_build_filename(sharedir, "forms", "form.rng", NULL);
	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
		st = mado_err_set(e, MADO_ENOTFOUND, _("no form for request kind '%s' (%s)"),
			kind, path);
	else
		st = load(path, schema, out, e);
	if (st == MADO_OK && strcmp((*out)->id, kind) != 0) {
		st = mado_err_set(e, MADO_ECONFIG, _("%s: the form's id is '%s', not '%s'"),
			path, (*out)->id, kind);
		form_free(*out);
		*out = NULL;
	}
	g_free(schema);
	g_free(path);
	g_free(file);
	return st;
}

static void
field_free(struct form_field *fld)
{
	g_free(fld->name);
	text_free(&fld->label);
	text_free(&fld->help);
	g_free(fld->master);
	for (int i = 0; i < fld->noptions; i++) {
		g_free(fld->options[i].value);
		text_free(&fld->options[i].label);
	}
	g_free(fld->options);
}

void
form_free(struct form *f)
{
	if (f == NULL)
		return;
	for (int i = 0; i < f->nfields; i++)
		field_free(&f->fields[i]);
	g_free(f->fields);
	g_free(f->id);
	g_free(f->path);
	text_free(&f->title);
	text_free(&f->help);
	g_free(f);
}

const struct form_field *
form_field(const struct form *f, const char *name)
{
	for (int i = 0; i < f->nfields; i++)
		if (name != NULL && f->fields[i].name != NULL && strcmp(f->fields[i].name, name) == 0)
			return &f->fields[i];
	return NULL;
}

const char *
form_text_get(const struct form_text *t, const char *lang)
{
	bool en = lang != NULL && strcmp(lang, "en") == 0;
	const char *want = en ? t->en : t->ja, *other = en ? t->ja : t->en;

	return want != NULL && *want != '\0' ? want : other != NULL ? other : "";
}

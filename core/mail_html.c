#include "mail_html.h"

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#define BULLET "\xe3\x83\xbb"   /* ・ */
#define CELL_SEP " | "

/* Elements whose content is never text for a reader. */
static const char *const dropped[] = {
	"head", "script", "style", "title", "template", "noscript", "object", "iframe",
	"svg", "math", "select",
};
/* Elements set off by a blank line. */
static const char *const paragraphs[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "hr",
	"address", "figure", "form", "fieldset",
};
/* Elements that start and end a line (lists too, so nested ones do not
 * open blank lines). */
static const char *const lines[] = {
	"div", "tr", "li", "ul", "ol", "dl", "dt", "dd", "section", "article", "header", "footer", "nav",
	"main", "aside", "center", "caption", "details", "summary", "figcaption", "legend",
};

static bool
name_in(const xmlNode *n, const char *const *names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (g_ascii_strcasecmp((const char *)n->name, names[i]) == 0)
			return true;
	return false;
}

static bool
named(const xmlNode *n, const char *name)
{
	return g_ascii_strcasecmp((const char *)n->name, name) == 0;
}

struct html_text {
	GString *out;
	int breaks;     /* line ends owed before the next text (2: a blank line) */
	bool space;     /* a space owed before the next text on this line */
	bool sep;       /* a cell separator owed before the next text */
	int pre;        /* inside <pre>: white space kept */
};

static bool
line_start(const struct html_text *h)
{
	return h->out->len == 0 || h->out->str[h->out->len - 1] == '\n';
}

static int
trailing_newlines(const GString *s)
{
	int n = 0;

	while ((size_t)n < s->len && s->str[s->len - 1 - n] == '\n')
		n++;
	return n;
}

/* Ends the line: no blank at its end, and never more than one blank line. */
static void
newline(struct html_text *h)
{
	while (h->out->len > 0 && h->out->str[h->out->len - 1] == ' ')
		g_string_truncate(h->out, h->out->len - 1);
	if (h->out->len > 0 && trailing_newlines(h->out) < 2)
		g_string_append_c(h->out, '\n');
}

static void
owe_break(struct html_text *h, int n)
{
	h->breaks = MAX(h->breaks, n);
	h->space = false;
}

/* Pays what is owed before text goes out. */
static void
settle(struct html_text *h)
{
	if (h->out->len > 0 && h->breaks > 0) {
		for (int i = trailing_newlines(h->out); i < h->breaks; i++)
			newline(h);
	} else if (h->space && !line_start(h)) {
		g_string_append_c(h->out, ' ');
	}
	h->breaks = 0;
	h->space = false;
	if (h->sep && !line_start(h))
		g_string_append(h->out, CELL_SEP);
	h->sep = false;
}

static void
text(struct html_text *h, const char *s)
{
	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);

		if (h->pre > 0 && (u == '\n' || u == '\t' || u == ' ')) {
			settle(h);
			if (u == '\n')
				newline(h);
			else
				g_string_append_c(h->out, (char)u);
			continue;
		}
		if (u == ' ' || u == '\t' || u == '\n' || u == '\r' || u == '\f' || u == 0xa0) {
			h->space = true;
			continue;
		}
		if (u < 0x20 || (u >= 0x7f && u < 0xa0))
			continue;
		settle(h);
		g_string_append_len(h->out, p, g_utf8_next_char(p) - p);
	}
}

static char *
attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* Starts an element; returns whether its content is to be read. */
static bool
enter(struct html_text *h, xmlNode *n)
{
	char *alt;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		text(h, (const char *)n->content);
		return false;
	}
	if (n->type != XML_ELEMENT_NODE || name_in(n, dropped, G_N_ELEMENTS(dropped)))
		return false;
	if (named(n, "br")) {
		settle(h);
		newline(h);
	} else if (named(n, "li")) {
		owe_break(h, 1);
		settle(h);
		g_string_append(h->out, BULLET);
		return true;
	} else if (named(n, "td") || named(n, "th")) {
		h->sep = !line_start(h);
	} else if (named(n, "img")) {
		alt = attr(n, "alt");
		if (alt != NULL)
			text(h, alt);
		xmlFree(alt);
	} else if (named(n, "a")) {
		n->_private = GSIZE_TO_POINTER(h->out->len + 1);
	} else if (named(n, "pre")) {
		h->pre++;
	}
	if (name_in(n, paragraphs, G_N_ELEMENTS(paragraphs)))
		owe_break(h, 2);
	else if (name_in(n, lines, G_N_ELEMENTS(lines)))
		owe_break(h, 1);
	return true;
}

/* After a link's text, its address when that says something more. */
static void
link_end(struct html_text *h, xmlNode *n)
{
	char *href = attr(n, "href");
	gsize start = GPOINTER_TO_SIZE(n->_private);

	n->_private = NULL;
	if (href != NULL && start > 0 && start - 1 <= h->out->len &&
	    (g_ascii_strncasecmp(href, "http://", 7) == 0 ||
	     g_ascii_strncasecmp(href, "https://", 8) == 0)) {
		const char *shown = h->out->str + start - 1;
		size_t shown_len = h->out->len - (start - 1);

		/* Without copying: links may nest deep in broken HTML. */
		while (shown_len > 0 && g_ascii_isspace(*shown)) {
			shown++;
			shown_len--;
		}
		while (shown_len > 0 && g_ascii_isspace(shown[shown_len - 1]))
			shown_len--;
		if (shown_len != strlen(href) || memcmp(shown, href, shown_len) != 0) {
			char *link = g_strdup_printf("<%s>", href);

			h->space = h->space || !line_start(h);
			text(h, link);
			g_free(link);
		}
	}
	xmlFree(href);
}

static void
leave(struct html_text *h, xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE || name_in(n, dropped, G_N_ELEMENTS(dropped)))
		return;
	if (named(n, "a"))
		link_end(h, n);
	else if (named(n, "pre") && h->pre > 0)
		h->pre--;
	if (name_in(n, paragraphs, G_N_ELEMENTS(paragraphs)))
		owe_break(h, 2);
	else if (name_in(n, lines, G_N_ELEMENTS(lines)))
		owe_break(h, 1);
}

char *
mail_html_to_text(const char *html, size_t len)
{
	struct html_text h = { g_string_new(NULL), 0, false, false, 0 };
	xmlDoc *doc;
	xmlNode *n;

	if (len == 0 || len > INT_MAX)
		return g_string_free(h.out, FALSE);
	doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
		HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
		HTML_PARSE_NOWARNING | XML_PARSE_HUGE);
	if (doc == NULL)
		return g_string_free(h.out, FALSE);
	/* Walked without recursion: mail can nest elements very deep (and
	 * XML_PARSE_HUGE lets libxml2 read past its 256 levels). */
	n = doc->children;
	while (n != NULL) {
		if (enter(&h, n) && n->children != NULL) {
			n = n->children;
			continue;
		}
		leave(&h, n);
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == NULL || n->type == XML_HTML_DOCUMENT_NODE ||
			    n->type == XML_DOCUMENT_NODE)
				n = NULL;
			else
				leave(&h, n);
		}
		if (n != NULL)
			n = n->next;
	}
	xmlFreeDoc(doc);
	while (h.out->len > 0 && (h.out->str[h.out->len - 1] == '\n' ||
	    h.out->str[h.out->len - 1] == ' '))
		g_string_truncate(h.out, h.out->len - 1);
	return g_string_free(h.out, FALSE);
}

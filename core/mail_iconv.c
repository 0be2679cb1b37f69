/* Lenient iconv to UTF-8 for the mail charset decoder, with descriptors
 * kept open per thread. */
#include "mail_charset_impl.h"

#include <errno.h>
#include <string.h>

void
mail_text_append(GString *out, const char *s, size_t n)
{
	const char *nul;

	while (n > 0 && (nul = memchr(s, '\0', n)) != NULL) {
		g_string_append_len(out, s, nul - s);
		n -= (size_t)(nul - s) + 1;
		s = nul + 1;
	}
	g_string_append_len(out, s, (gssize)n);
}

/* iconv descriptors to UTF-8, kept open per thread: opening one loads a
 * gconv module and closing the last user unloads it again, which costs
 * far more than the conversion. The first ones opened (the charsets of
 * Japan) stay; the last slot takes turns for rarer labels. */
#define CONV_SLOTS 12

struct conv_cache {
	char *name[CONV_SLOTS];
	GIConv cd[CONV_SLOTS];
	int n;
};

static void
conv_cache_free(gpointer data)
{
	struct conv_cache *c = data;

	for (int i = 0; i < c->n; i++) {
		g_iconv_close(c->cd[i]);
		g_free(c->name[i]);
	}
	g_free(c);
}

static GPrivate conv_key = G_PRIVATE_INIT(conv_cache_free);

/* A descriptor from `from` to UTF-8 in its initial state, (GIConv)-1 when
 * iconv does not know `from`. Not to be closed. */
static GIConv
conv_get(const char *from)
{
	struct conv_cache *c = g_private_get(&conv_key);
	GIConv cd;
	int slot;

	if (c == NULL) {
		c = g_new0(struct conv_cache, 1);
		g_private_set(&conv_key, c);
	}
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->name[i], from) == 0) {
			g_iconv(c->cd[i], NULL, NULL, NULL, NULL);
			return c->cd[i];
		}
	cd = g_iconv_open("UTF-8", from);
	if (cd == (GIConv)-1)
		return cd;
	if (c->n < CONV_SLOTS) {
		slot = c->n++;
	} else {
		slot = CONV_SLOTS - 1;
		g_iconv_close(c->cd[slot]);
		g_free(c->name[slot]);
	}
	c->name[slot] = g_strdup(from);
	c->cd[slot] = cd;
	return cd;
}

long
mail_iconv_append(const char *from, const char *bytes, size_t len, GString *out)
{
	GIConv cd = conv_get(from);
	gchar *in = (gchar *)bytes;
	gsize inleft = len;
	char buf[4096];
	long bad = 0;

	if (cd == (GIConv)-1)
		return -1;
	for (;;) {
		gchar *o = buf;
		gsize oleft = sizeof buf;
		gsize r = inleft > 0 ? g_iconv(cd, &in, &inleft, &o, &oleft)
			: g_iconv(cd, NULL, NULL, &o, &oleft);
		int err = errno;

		mail_text_append(out, buf, (size_t)(o - buf));
		if (r != (gsize)-1) {
			if (inleft == 0 && o == buf)
				break;
			continue;
		}
		if (err == E2BIG)
			continue;
		if (inleft == 0)
			break;
		/* EILSEQ, or EINVAL for a sequence cut at the end. */
		g_string_append(out, MAIL_REPLACEMENT);
		bad++;
		in++;
		inleft--;
	}
	return bad;
}

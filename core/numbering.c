#include "numbering.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/calendar.h"
#include "db/number_store.h"

/* 9999-12-31 23:59:59 UTC. */
#define NUMBERING_MAX_TIME 253402300799LL

/* Appends s to out at *len, failing when it does not fit. */
static int
put(char *out, size_t outsz, size_t *len, const char *s)
{
	size_t n = strlen(s);

	if (*len + n >= outsz)
		return -1;
	memcpy(out + *len, s, n + 1);
	*len += n;
	return 0;
}

/* One pass over the pattern, writing the number and its scope. */
static int
render(const char *pattern, int64_t t, int64_t seq, char *out, size_t outsz,
	char *scope, size_t scopesz, struct mado_err *e)
{
	struct jst j = { 0 };
	size_t len = 0, slen = 0;
	int nseq = 0;
	const char *p = pattern;

	/* Years 1970 to 9999: beyond, the date tokens would not fit. */
	if (t < 0 || t > NUMBERING_MAX_TIME)
		return mado_err_set(e, MADO_EDATA, _("numbering: time %lld is out of range"),
			(long long)t);
	jst_from_time(t, &j);
	out[0] = scope[0] = '\0';
	while (*p != '\0') {
		char tok[32], val[32];
		const char *close;
		size_t n;

		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return mado_err_set(e, MADO_EDATA,
				_("numbering pattern '%s': control character"), pattern);
		if (*p != '{') {
			char lit[2] = { *p++, '\0' };

			if (put(out, outsz, &len, lit) || put(scope, scopesz, &slen, lit))
				goto toolong;
			continue;
		}
		close = strchr(p, '}');
		n = close ? (size_t)(close - p - 1) : 0;
		if (close == NULL || n == 0 || n >= sizeof tok)
			return mado_err_set(e, MADO_EDATA,
				_("numbering pattern '%s': unclosed or empty '{' at offset %d"),
				pattern, (int)(p - pattern));
		memcpy(tok, p + 1, n);
		tok[n] = '\0';
		p = close + 1;
		if (strcmp(tok, "FY") == 0)
			snprintf(val, sizeof val, "%04d", fiscal_year(j.year, j.month));
		else if (strcmp(tok, "YYYY") == 0)
			snprintf(val, sizeof val, "%04d", j.year);
		else if (strcmp(tok, "YY") == 0)
			snprintf(val, sizeof val, "%02d", j.year % 100);
		else if (strcmp(tok, "MM") == 0)
			snprintf(val, sizeof val, "%02d", j.month);
		else if (strcmp(tok, "DD") == 0)
			snprintf(val, sizeof val, "%02d", j.day);
		else if (strcmp(tok, "SEQ") == 0 || strncmp(tok, "SEQ:", 4) == 0) {
			int width = 0;

			if (tok[3] == ':') {
				char *end;
				long w = strtol(tok + 4, &end, 10);

				if (*end != '\0' || !isdigit((unsigned char)tok[4]) || w < 1 || w > 12)
					return mado_err_set(e, MADO_EDATA,
						_("numbering pattern '%s': {%s} needs a width from 1 to 12"),
						pattern, tok);
				width = (int)w;
			}
			nseq++;
			snprintf(val, sizeof val, "%0*lld", width, (long long)seq);
			if (put(out, outsz, &len, val) || put(scope, scopesz, &slen, "#"))
				goto toolong;
			continue;
		} else
			return mado_err_set(e, MADO_EDATA,
				_("numbering pattern '%s': unknown token {%s} (use FY, YYYY, YY, MM, DD, SEQ:n)"),
				pattern, tok);
		if (put(out, outsz, &len, val) || put(scope, scopesz, &slen, val))
			goto toolong;
	}
	if (nseq != 1)
		return mado_err_set(e, MADO_EDATA,
			_("numbering pattern '%s': needs exactly one {SEQ} or {SEQ:n}"), pattern);
	return MADO_OK;
toolong:
	return mado_err_set(e, MADO_EDATA, _("numbering pattern '%s': number too long"), pattern);
}

int
numbering_check(const char *pattern, struct mado_err *e)
{
	char out[128], scope[128];

	return render(pattern, 0, 1, out, sizeof out, scope, sizeof scope, e);
}

int
numbering_render(const char *pattern, int64_t t, int64_t seq, char *out, size_t outsz,
	char *scope, size_t scopesz, struct mado_err *e)
{
	return render(pattern, t, seq, out, outsz, scope, scopesz, e);
}

int
numbering_next(struct db *db, const char *kind, int64_t t, char *out, size_t outsz,
	struct mado_err *e)
{
	char pattern[128], scope[128];
	int64_t seq;
	int st;

	st = number_pattern(db, kind, pattern, sizeof pattern, e);
	if (st == MADO_OK) /* render once to learn the scope, then for real */
		st = render(pattern, t, 0, out, outsz, scope, sizeof scope, e);
	if (st == MADO_OK)
		st = number_bump(db, kind, scope, &seq, e);
	if (st == MADO_OK)
		st = render(pattern, t, seq, out, outsz, scope, sizeof scope, e);
	return st;
}

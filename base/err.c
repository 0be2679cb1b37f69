#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int
mado_err_set(struct mado_err *e, int status, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return status;
	e->status = status;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return status;
}

void
mado_err_prefix(struct mado_err *e, const char *fmt, ...)
{
	char prefix[512];
	size_t plen, mlen;
	va_list ap;

	if (e == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	plen = strlen(prefix);
	mlen = strnlen(e->msg, sizeof e->msg - 1);
	if (plen + mlen >= sizeof e->msg)
		mlen = sizeof e->msg - 1 - plen;
	memmove(e->msg + plen, e->msg, mlen);
	memcpy(e->msg, prefix, plen);
	e->msg[plen + mlen] = '\0';
}

void
mado_err_clear(struct mado_err *e)
{
	if (e == NULL)
		return;
	e->status = MADO_OK;
	e->msg[0] = '\0';
}

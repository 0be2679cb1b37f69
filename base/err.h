/* Errors are values: a status (one of the sysexits codes, so the CLI and an
 * MTA understand them as exit codes) and a message naming what and where. */
#ifndef MADO_ERR_H
#define MADO_ERR_H

#include <sysexits.h>

enum mado_status {
	MADO_OK = 0,
	MADO_EUSAGE = EX_USAGE,        /* bad command line */
	MADO_EDATA = EX_DATAERR,       /* invalid input data (CSV row, field) */
	MADO_ENOTFOUND = EX_NOINPUT,   /* no such record or file */
	MADO_EFAIL = EX_SOFTWARE,      /* internal or database failure */
	MADO_EIO = EX_IOERR,           /* I/O failure */
	MADO_ETEMP = EX_TEMPFAIL,      /* try again later (database busy) */
	MADO_EPERM = EX_NOPERM,        /* refused: role or identity */
	MADO_ECONFIG = EX_CONFIG,      /* configuration wrong */
};

struct mado_err {
	int status;
	char msg[1024];
};

/* Records status and a formatted message; returns status so callers can
 * write `return mado_err_set(e, MADO_EDATA, ...)`. e may be NULL. */
int mado_err_set(struct mado_err *e, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefixes the existing message with more context ("file:3: " + msg). */
void mado_err_prefix(struct mado_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void mado_err_clear(struct mado_err *e);

#endif

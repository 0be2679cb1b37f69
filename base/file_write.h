/* Writing a file the caller names, all or nothing: through a temporary
 * file beside it, renamed into place only when the writer succeeded (a
 * failed write leaves an older file as it was and no temporary file). */
#ifndef MADO_FILE_WRITE_H
#define MADO_FILE_WRITE_H

#include <stdio.h>
#include <sys/types.h>

#include "base/err.h"

/* Writes the whole file to fp (not closed by it); MADO_OK or an error
 * set in e. */
typedef int (*mado_write_fn)(FILE *fp, void *ctx, struct mado_err *e);

/* The file is created and renamed with the caller's rights
 * (mado_as_caller), while fn runs with the program's, so it may read the
 * database. mode: the file's permissions before the umask. */
int mado_write_file(const char *path, mode_t mode, mado_write_fn fn, void *ctx,
	struct mado_err *e);

#endif

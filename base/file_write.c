#include "file_write.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/env.h"

int
mado_write_file(const char *path, mode_t mode, mado_write_fn fn, void *ctx,
	struct mado_err *e)
{
	char *tmp = g_strdup_printf("%s.XXXXXX", path);
	gid_t saved = mado_as_caller();
	mode_t mask = umask(0);
	int fd, st;
	FILE *fp = NULL;

	umask(mask);
	if ((fd = mkstemp(tmp)) >= 0 && fchmod(fd, mode & ~mask) == 0)
		fp = fdopen(fd, "wb");
	st = fp == NULL ? mado_err_set(e, MADO_EIO, "%s: %s", path, g_strerror(errno)) : MADO_OK;
	mado_as_program(saved);
	/* The writer may read the database: with the program's rights. */
	if (st == MADO_OK)
		st = fn(fp, ctx, e);
	saved = mado_as_caller();
	if (fp != NULL) {
		if ((fflush(fp) != 0 || fsync(fd) != 0) && st == MADO_OK)
			st = mado_err_set(e, MADO_EIO, "%s: %s", path, g_strerror(errno));
		if (fclose(fp) != 0 && st == MADO_OK)
			st = mado_err_set(e, MADO_EIO, "%s: %s", path, g_strerror(errno));
	} else if (fd >= 0)
		close(fd);
	if (st == MADO_OK && rename(tmp, path) != 0)
		st = mado_err_set(e, MADO_EIO, "%s: %s", path, g_strerror(errno));
	if (fd >= 0 && st != MADO_OK)
		unlink(tmp);
	mado_as_program(saved);
	g_free(tmp);
	return st;
}

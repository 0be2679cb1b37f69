/* GLib key files (configuration, user settings, alert rules) with errors
 * that name the line, which GLib's own messages leave out. */
#ifndef MADO_KEYFILE_H
#define MADO_KEYFILE_H

/* The number of the line a key file's text stops parsing at: the first
 * whose prefix of the text no longer loads. */
int keyfile_bad_line(const char *text);

#endif

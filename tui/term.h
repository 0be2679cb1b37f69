/* The terminal through ncursesw: start and stop, size, and keys read as
 * code points and the named keys of keymaps/keymap.h. */
#ifndef MADO_TERM_H
#define MADO_TERM_H

#include <stdint.h>

enum term_read { TERM_NONE, TERM_KEY, TERM_RESIZE, TERM_EOF };

struct screen;

/* Starts the screen; NULL on failure. Stop it with term_close(). */
struct screen *term_open(int *rows, int *cols);
void term_close(struct screen *s);
void term_size(int *rows, int *cols);
/* Reads one key without waiting. */
enum term_read term_read_key(uint32_t *key);

#endif

/* Printing a PDF through CUPS: lp (cups-client) run with an argument
 * vector, never a shell, with the caller's rights. The PDF is only read:
 * when printing fails the caller still has it and says where it is. */
#ifndef MADO_PRINT_H
#define MADO_PRINT_H

#include <stdbool.h>

#include "base/err.h"

/* A CUPS queue name: 1 to 127 bytes of printable ASCII without space,
 * '/', '#' or '\\' (what lpadmin accepts). */
bool print_printer_name_ok(const char *name);

/* Queues the PDF at path on printer (NULL or "": CUPS's default
 * destination) with title as the job's name (may be NULL), and waits for
 * lp to hand it over. Errors name the cause, with lp's own words:
 * MADO_ETEMP no printer is reachable (the CUPS scheduler does not
 * answer); MADO_ECONFIG unknown printer, no default printer, lp not
 * installed; MADO_EUSAGE a printer name that cannot be one; MADO_EFAIL
 * anything else lp refused. */
int print_pdf(const char *path, const char *printer, const char *title, struct mado_err *e);

#endif

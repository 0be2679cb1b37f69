/* The MIME tree of a parsed message walked into what mail.h promises: the
 * body text (text/plain preferred in multipart/alternative, else HTML as
 * text), the attachments with sanitised names, and what a delivery report
 * says (that it is one, and the Message-ID of the message it returns).
 * Used by mail_parse() only. */
#ifndef MADO_MAIL_PARTS_H
#define MADO_MAIL_PARTS_H

#include <gmime/gmime.h>

#include "core/mail.h"

/* The raw value of obj's first header called name; NULL when none. */
const char *mail_raw_header(GMimeObject *obj, const char *name);

/* Fills m->body, m->parts and m->nparts, sets m->bounce when a
 * delivery-status report is found and m->bounce_of when the returned
 * message or its headers name a Message-ID. */
void mail_parts_walk(GMimeMessage *msg, struct mail_msg *m);

/* A file name safe to store and offer for saving: no directory part, no
 * control or bidirectional-override characters, no leading dots or
 * blanks, at most 200 bytes (cut between characters, the extension kept),
 * "attachment-N" when nothing is left. name may be NULL. g_free(). */
char *mail_filename_sanitise(const char *name, int n);

#endif

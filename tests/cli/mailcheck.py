# Reads one delivered message (a file) and prints what the notification
# test checks, one "name: value" per line, headers decoded as a mail
# client decodes them: subject, the charset of its encoded words, from,
# message-id, in-reply-to, references, auto-submitted, content-type,
# transfer encoding, whether any Bcc header exists, then the body.
import email
import email.header
import email.policy
import sys

raw = open(sys.argv[1], 'rb').read()
msg = email.message_from_bytes(raw, policy=email.policy.compat32)


def decoded(name):
    v = msg.get(name)
    if v is None:
        return ''
    return str(email.header.make_header(email.header.decode_header(v)))


charsets = sorted({c for _, c in email.header.decode_header(msg.get('Subject', ''))
                   if c is not None})
print('subject:', decoded('Subject'))
print('subject-charsets:', ','.join(charsets) if charsets else 'none')
print('subject-raw-b:', 'yes' if '?B?' in msg.get('Subject', '').upper() else 'no')
print('from:', decoded('From'))
print('to:', msg.get('To', ''))
print('message-id:', msg.get('Message-ID', ''))
print('in-reply-to:', msg.get('In-Reply-To', ''))
print('references:', ' '.join(msg.get('References', '').split()))
print('auto-submitted:', msg.get('Auto-Submitted', ''))
print('content-type:', msg.get_content_type(), msg.get_content_charset())
print('encoding:', msg.get('Content-Transfer-Encoding', ''))
print('bcc:', 'yes' if msg.get_all('Bcc') else 'no')
print('header-lines:', len([k for k in msg.keys()]))
body = msg.get_payload(decode=True).decode(msg.get_content_charset() or 'ascii')
print('body:')
print(body)

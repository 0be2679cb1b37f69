/* The schema as an ordered list of migrations. Entry i moves the database
 * from user_version i to i + 1. Never edit a released step: add one. */
#include "schema.h"

#include <stddef.h>

static const char *const steps[] = {
/* 1: the foundation */
"CREATE TABLE setting(\n"
"  key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;\n"

/* masters */
"CREATE TABLE department(\n"
"  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,\n"
"  name_en TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',\n"
"  email TEXT NOT NULL DEFAULT '', active INTEGER NOT NULL DEFAULT 1);\n"
"CREATE TABLE staff(\n"
"  id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE, name TEXT NOT NULL,\n"
"  name_kana TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',\n"
"  department_id INTEGER REFERENCES department(id),\n"
"  role TEXT NOT NULL CHECK(role IN ('staff','operator','supervisor','admin')),\n"
"  lang TEXT NOT NULL DEFAULT 'ja' CHECK(lang IN ('ja','en')),\n"
"  active INTEGER NOT NULL DEFAULT 1, last_login INTEGER);\n"
"CREATE TABLE queue(\n"
"  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,\n"
"  department_id INTEGER REFERENCES department(id),\n"
"  email TEXT NOT NULL DEFAULT '', active INTEGER NOT NULL DEFAULT 1);\n"
"CREATE TABLE phonebook(\n"
"  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,\n"
"  department_id INTEGER REFERENCES department(id),\n"
"  phone TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',\n"
"  active INTEGER NOT NULL DEFAULT 1);\n"
"CREATE TABLE category(\n"
"  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,\n"
"  scope TEXT NOT NULL DEFAULT 'any'\n"
"    CHECK(scope IN ('any','inquiry','incident','request','kb','calllog')),\n"
"  department_id INTEGER REFERENCES department(id),\n"
"  active INTEGER NOT NULL DEFAULT 1);\n"
"CREATE TABLE faq_class(\n"
"  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,\n"
"  active INTEGER NOT NULL DEFAULT 1);\n"
"CREATE TABLE vendor(\n"
"  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,\n"
"  phone TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',\n"
"  active INTEGER NOT NULL DEFAULT 1);\n"
"CREATE TABLE vendor_contact(\n"
"  id INTEGER PRIMARY KEY, vendor_id INTEGER NOT NULL REFERENCES vendor(id),\n"
"  name TEXT NOT NULL, email TEXT NOT NULL DEFAULT '',\n"
"  phone TEXT NOT NULL DEFAULT '', active INTEGER NOT NULL DEFAULT 1);\n"
"CREATE INDEX vendor_contact_email ON vendor_contact(email);\n"
"CREATE TABLE managed_system(\n"
"  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,\n"
"  vendor_id INTEGER REFERENCES vendor(id),\n"
"  department_id INTEGER REFERENCES department(id),\n"
"  active INTEGER NOT NULL DEFAULT 1);\n"
/* small code lists: contact type (受付区分), outcome (対応区分), request kind */
"CREATE TABLE choice(\n"
"  id INTEGER PRIMARY KEY, list TEXT NOT NULL, code TEXT NOT NULL,\n"
"  name TEXT NOT NULL, name_en TEXT NOT NULL DEFAULT '',\n"
"  sort INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1,\n"
"  UNIQUE(list, code));\n"

/* numbering: the rule per kind and one counter per rendered scope */
"CREATE TABLE numbering(\n"
"  kind TEXT PRIMARY KEY, pattern TEXT NOT NULL) WITHOUT ROWID;\n"
"CREATE TABLE number_counter(\n"
"  kind TEXT NOT NULL, scope TEXT NOT NULL, last INTEGER NOT NULL,\n"
"  PRIMARY KEY(kind, scope)) WITHOUT ROWID;\n"

/* tickets: one table for the three kinds plus per-kind detail */
"CREATE TABLE ticket(\n"
"  id INTEGER PRIMARY KEY,\n"
"  kind TEXT NOT NULL CHECK(kind IN ('inquiry','incident','request')),\n"
"  number TEXT NOT NULL UNIQUE, subject TEXT NOT NULL,\n"
"  body TEXT NOT NULL DEFAULT '', status TEXT NOT NULL,\n"
"  priority INTEGER NOT NULL DEFAULT 3 CHECK(priority BETWEEN 1 AND 5),\n"
"  queue_id INTEGER REFERENCES queue(id),\n"
"  owner_id INTEGER REFERENCES staff(id),\n"
"  category_id INTEGER REFERENCES category(id),\n"
"  requester_staff_id INTEGER REFERENCES staff(id),\n"
"  requester_contact_id INTEGER REFERENCES vendor_contact(id),\n"
"  requester_name TEXT NOT NULL DEFAULT '',\n"
"  requester_email TEXT NOT NULL DEFAULT '',\n"
"  source TEXT NOT NULL DEFAULT 'phone'\n"
"    CHECK(source IN ('phone','mail','alert','counter','web','other')),\n"
"  created_at INTEGER NOT NULL, created_by INTEGER REFERENCES staff(id),\n"
"  updated_at INTEGER NOT NULL, due_at INTEGER, closed_at INTEGER);\n"
"CREATE INDEX ticket_kind_updated ON ticket(kind, updated_at DESC, id DESC);\n"
"CREATE INDEX ticket_kind_status_updated\n"
"  ON ticket(kind, status, updated_at DESC, id DESC);\n"
"CREATE INDEX ticket_updated ON ticket(updated_at DESC, id DESC);\n"
"CREATE INDEX ticket_queue_updated ON ticket(queue_id, updated_at DESC, id DESC);\n"
"CREATE INDEX ticket_owner_updated ON ticket(owner_id, updated_at DESC, id DESC);\n"
"CREATE INDEX ticket_kind_created ON ticket(kind, created_at, id);\n"
"CREATE TABLE ticket_inquiry(\n"
"  ticket_id INTEGER PRIMARY KEY REFERENCES ticket(id) ON DELETE CASCADE,\n"
"  answered_at INTEGER);\n"
"CREATE TABLE ticket_incident(\n"
"  ticket_id INTEGER PRIMARY KEY REFERENCES ticket(id) ON DELETE CASCADE,\n"
"  system_id INTEGER REFERENCES managed_system(id),\n"
"  occurred_at INTEGER, recovered_at INTEGER,\n"
"  triage TEXT NOT NULL DEFAULT '',          -- 一次切り分け\n"
"  impact TEXT NOT NULL DEFAULT '',          -- 影響範囲\n"
"  cause TEXT NOT NULL DEFAULT '',           -- 障害原因\n"
"  recovery_plan TEXT NOT NULL DEFAULT '',   -- 復旧対応方針\n"
"  recovery_report TEXT NOT NULL DEFAULT '', -- 障害対応連絡票\n"
"  prevention TEXT NOT NULL DEFAULT '',      -- 再発防止策\n"
"  after_hours INTEGER NOT NULL DEFAULT 0,\n"
"  callout INTEGER NOT NULL DEFAULT 0,       -- 出勤有\n"
"  occurrences INTEGER NOT NULL DEFAULT 1);\n"
"CREATE INDEX ticket_incident_system ON ticket_incident(system_id);\n"
"CREATE TABLE ticket_request(\n"
"  ticket_id INTEGER PRIMARY KEY REFERENCES ticket(id) ON DELETE CASCADE,\n"
"  request_kind TEXT NOT NULL, persons INTEGER,\n"
"  work_start INTEGER, work_end INTEGER,\n"
"  approved_by INTEGER REFERENCES staff(id), approved_at INTEGER);\n"
"CREATE INDEX ticket_request_kind ON ticket_request(request_kind);\n"
/* the form fields a request kind adds beyond the common ones */
"CREATE TABLE ticket_field(\n"
"  ticket_id INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,\n"
"  name TEXT NOT NULL, value TEXT NOT NULL,\n"
"  PRIMARY KEY(ticket_id, name)) WITHOUT ROWID;\n"

/* conversation and work */
"CREATE TABLE comment(\n"
"  id INTEGER PRIMARY KEY,\n"
"  ticket_id INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,\n"
"  kind TEXT NOT NULL CHECK(kind IN ('reply','note','incoming')),\n"
"  author_id INTEGER REFERENCES staff(id), author_name TEXT NOT NULL DEFAULT '',\n"
"  body TEXT NOT NULL, created_at INTEGER NOT NULL);\n"
"CREATE INDEX comment_ticket ON comment(ticket_id, created_at, id);\n"
"CREATE TABLE worklog(\n"
"  id INTEGER PRIMARY KEY,\n"
"  ticket_id INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,\n"
"  staff_id INTEGER REFERENCES staff(id), minutes INTEGER NOT NULL,\n"
"  note TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL);\n"
"CREATE INDEX worklog_ticket ON worklog(ticket_id, created_at);\n"

/* links between any two records */
"CREATE TABLE link(\n"
"  id INTEGER PRIMARY KEY,\n"
"  src_type TEXT NOT NULL CHECK(src_type IN ('ticket','kb','calllog')),\n"
"  src_id INTEGER NOT NULL,\n"
"  dst_type TEXT NOT NULL CHECK(dst_type IN ('ticket','kb','calllog')),\n"
"  dst_id INTEGER NOT NULL,\n"
"  rel TEXT NOT NULL\n"
"    CHECK(rel IN ('related','duplicate_of','caused_by','answered_with_faq')),\n"
"  created_at INTEGER NOT NULL, created_by INTEGER REFERENCES staff(id),\n"
"  UNIQUE(src_type, src_id, dst_type, dst_id, rel));\n"
"CREATE INDEX link_dst ON link(dst_type, dst_id);\n"

/* attachments: content stored once by its SHA-256 */
"CREATE TABLE blob(\n"
"  sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL) WITHOUT ROWID;\n"
"CREATE TABLE attachment(\n"
"  id INTEGER PRIMARY KEY,\n"
"  owner_type TEXT NOT NULL CHECK(owner_type IN ('ticket','kb','comment','calllog')),\n"
"  owner_id INTEGER NOT NULL,\n"
"  sha256 TEXT NOT NULL REFERENCES blob(sha256),\n"
"  filename TEXT NOT NULL, mime TEXT NOT NULL DEFAULT 'application/octet-stream',\n"
"  size INTEGER NOT NULL, created_at INTEGER NOT NULL,\n"
"  created_by INTEGER REFERENCES staff(id));\n"
"CREATE INDEX attachment_owner ON attachment(owner_type, owner_id);\n"

/* knowledge */
"CREATE TABLE kb_article(\n"
"  id INTEGER PRIMARY KEY, faq_no INTEGER NOT NULL UNIQUE,\n"
"  title TEXT NOT NULL, question TEXT NOT NULL DEFAULT '',\n"
"  answer TEXT NOT NULL DEFAULT '',\n"
"  category_id INTEGER REFERENCES category(id),\n"
"  department_id INTEGER REFERENCES department(id),\n"
"  faq_class_id INTEGER REFERENCES faq_class(id),\n"
"  public INTEGER NOT NULL DEFAULT 0,\n"
"  views INTEGER NOT NULL DEFAULT 0, helpful INTEGER NOT NULL DEFAULT 0,\n"
"  not_helpful INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 1,\n"
"  reviewed_at INTEGER, created_at INTEGER NOT NULL,\n"
"  created_by INTEGER REFERENCES staff(id), updated_at INTEGER NOT NULL);\n"
"CREATE INDEX kb_updated ON kb_article(updated_at DESC, id DESC);\n"
"CREATE INDEX kb_category ON kb_article(category_id, faq_no);\n"
"CREATE INDEX kb_stale ON kb_article(COALESCE(reviewed_at, created_at), id);\n"
"CREATE TABLE kb_version(\n"
"  article_id INTEGER NOT NULL REFERENCES kb_article(id) ON DELETE CASCADE,\n"
"  version INTEGER NOT NULL, title TEXT NOT NULL, question TEXT NOT NULL,\n"
"  answer TEXT NOT NULL, changed_by INTEGER REFERENCES staff(id),\n"
"  changed_at INTEGER NOT NULL, PRIMARY KEY(article_id, version)) WITHOUT ROWID;\n"

/* call logs (応対履歴): exactly the fields of the contact center */
"CREATE TABLE calllog(\n"
"  id INTEGER PRIMARY KEY,\n"
"  receipt_no TEXT NOT NULL UNIQUE,                       -- 受付ID\n"
"  operator_id INTEGER NOT NULL REFERENCES staff(id),     -- 受付者氏名\n"
"  started_at INTEGER NOT NULL,                           -- 受付開始日時\n"
"  ended_at INTEGER,                                      -- 受付終了日時\n"
"  wrapup_at INTEGER,                                     -- 後処理終了\n"
"  contact_type_id INTEGER REFERENCES choice(id),         -- 受付区分\n"
"  department_id INTEGER REFERENCES department(id),       -- 問い合わせ受付区分\n"
"  outcome_id INTEGER REFERENCES choice(id),              -- 対応区分\n"
"  faq1_id INTEGER REFERENCES kb_article(id),             -- 利用FAQ\n"
"  faq2_id INTEGER REFERENCES kb_article(id),\n"
"  faq3_id INTEGER REFERENCES kb_article(id),\n"
"  category_id INTEGER REFERENCES category(id),           -- カテゴリー\n"
"  inquiry_text TEXT NOT NULL DEFAULT '',                 -- 受付内容\n"
"  response_text TEXT NOT NULL DEFAULT '',                -- 対応内容\n"
"  transfer_to_id INTEGER REFERENCES phonebook(id));      -- 転送先\n"
"CREATE INDEX calllog_started ON calllog(started_at DESC, id DESC);\n"
"CREATE INDEX calllog_operator ON calllog(operator_id, started_at DESC, id DESC);\n"

/* audit trail, hash-chained */
"CREATE TABLE audit(\n"
"  id INTEGER PRIMARY KEY, at INTEGER NOT NULL,\n"
"  actor_id INTEGER, actor TEXT NOT NULL,\n"
"  action TEXT NOT NULL, entity TEXT NOT NULL, entity_id INTEGER,\n"
"  field TEXT NOT NULL DEFAULT '', old_value TEXT, new_value TEXT,\n"
"  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);\n"
"CREATE INDEX audit_entity ON audit(entity, entity_id, id);\n"
"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n"
"  BEGIN SELECT RAISE(ABORT, 'audit rows cannot be changed'); END;\n"
"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n"
"  BEGIN SELECT RAISE(ABORT, 'audit rows cannot be deleted'); END;\n"

/* notifications to send, and scheduled jobs */
"CREATE TABLE outbox(\n"
"  id INTEGER PRIMARY KEY, created_at INTEGER NOT NULL,\n"
"  event TEXT NOT NULL, ticket_id INTEGER REFERENCES ticket(id),\n"
"  recipient TEXT NOT NULL, lang TEXT NOT NULL DEFAULT 'ja',\n"
"  state TEXT NOT NULL DEFAULT 'pending'\n"
"    CHECK(state IN ('pending','sent','failed')),\n"
"  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL,\n"
"  last_error TEXT NOT NULL DEFAULT '', sent_at INTEGER);\n"
"CREATE INDEX outbox_pending ON outbox(state, next_attempt_at);\n"
"CREATE TABLE job(\n"
"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,\n"
"  schedule TEXT NOT NULL, next_run_at INTEGER,\n"
"  last_run_at INTEGER, last_status TEXT NOT NULL DEFAULT '',\n"
"  last_message TEXT NOT NULL DEFAULT '', running_since INTEGER);\n"

"INSERT INTO numbering(kind, pattern) VALUES\n"
"  ('inquiry', 'INQ-{FY}-{SEQ:6}'), ('incident', 'INC-{FY}-{SEQ:6}'),\n"
"  ('request', 'REQ-{FY}-{SEQ:6}'), ('calllog', 'C{YYYY}{MM}{DD}-{SEQ:5}');\n"
"INSERT INTO setting(key, value) VALUES\n"
"  ('attachment.max_bytes', '20971520');\n"
"INSERT INTO choice(list, code, name, name_en, sort) VALUES\n"
"  ('contact_type', 'inquiry', '問い合わせ', 'Inquiry', 1),\n"
"  ('contact_type', 'request', '要望', 'Request', 2),\n"
"  ('contact_type', 'complaint', '苦情', 'Complaint', 3),\n"
"  ('contact_type', 'transfer', '転送依頼', 'Transfer request', 4),\n"
"  ('contact_type', 'other', 'その他', 'Other', 9),\n"
"  ('outcome', 'answered', 'オペレーター回答', 'Answered by operator', 1),\n"
"  ('outcome', 'transferred', '担当課へ転送', 'Transferred', 2),\n"
"  ('outcome', 'callback', '折り返し', 'Call back', 3),\n"
"  ('outcome', 'other', 'その他', 'Other', 9),\n"
"  ('request_kind', 'infra_work', 'インフラ統合基盤作業依頼申請', 'Infrastructure work request', 1),\n"
"  ('request_kind', 'prod_work', '本番環境作業依頼申請', 'Production work request', 2),\n"
"  ('request_kind', 'building_work', '庁舎内作業届', 'In-building work notice', 3),\n"
"  ('request_kind', 'user_id', 'ユーザID設置申請', 'User-ID request', 4),\n"
"  ('request_kind', 'dc_entry', '電算センター入退室申請', 'Data-centre entry request', 5),\n"
"  ('request_kind', 'fy_renewal', '年度切替', 'Fiscal-year renewal', 6);\n",

/* 2: saved views of ticket lists, and the indexes of the created and due orders */
"CREATE TABLE saved_view(\n"
"  id INTEGER PRIMARY KEY,\n"
"  staff_id INTEGER NOT NULL REFERENCES staff(id),\n"
"  name TEXT NOT NULL,\n"
"  kind TEXT NOT NULL CHECK(kind IN ('inquiry','incident','request','mywork')),\n"
"  filter_json TEXT NOT NULL,\n"
"  created_at INTEGER NOT NULL,\n"
"  UNIQUE(staff_id, name));\n"
"CREATE INDEX ticket_created ON ticket(created_at DESC, id DESC);\n"
/* my work, soonest due first: the due date, or for a ticket without one
 * its last change pushed past every due date (2^62), negated so the list
 * runs down it like every other; closed tickets are left out since the
 * list never shows them. db/ticket_store.c repeats the expression exactly. */
"CREATE INDEX ticket_owner_due\n"
"  ON ticket(owner_id, (-COALESCE(due_at, updated_at + 4611686018427387904)), id)\n"
"  WHERE closed_at IS NULL;\n",

/* 3: knowledge votes, one per staff member and article (the counters in
 * kb_article follow them, so lists need no count), and the ticket an
 * article was made from; a ticket becomes at most one FAQ */
"CREATE TABLE kb_vote(\n"
"  article_id INTEGER NOT NULL REFERENCES kb_article(id) ON DELETE CASCADE,\n"
"  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,\n"
"  helpful INTEGER NOT NULL CHECK(helpful IN (0, 1)),\n"
"  at INTEGER NOT NULL,\n"
"  PRIMARY KEY(article_id, staff_id)) WITHOUT ROWID;\n"
"ALTER TABLE kb_article ADD COLUMN source_ticket_id INTEGER\n"
"  REFERENCES ticket(id) ON DELETE SET NULL;\n"
"CREATE UNIQUE INDEX kb_source_ticket ON kb_article(source_ticket_id)\n"
"  WHERE source_ticket_id IS NOT NULL;\n",

/* 4: search. search_doc holds one row per knowledge article and ticket,
 * its id the FTS5 rowid: the ticket's id, or 2^40 plus the article's id
 * (db/search_store.h). search_text is what is indexed; search_fts indexes
 * it as external content, so no text is stored twice. Triggers keep both
 * in step inside the transaction of each change: before a change the
 * document is taken out of the index with the text it was indexed with
 * (search_text still shows it), after the change it goes back in. A
 * document is indexed exactly when its search_doc row exists. Then the
 * admin-maintained synonyms that queries are widened with. */
"CREATE TABLE search_doc(\n"
"  id INTEGER PRIMARY KEY,\n"
"  kind TEXT NOT NULL CHECK(kind IN ('kb','inquiry','incident','request')),\n"
"  ref_id INTEGER NOT NULL,\n"
"  status TEXT NOT NULL DEFAULT '',\n"
"  category_id INTEGER, department_id INTEGER, queue_id INTEGER,\n"
"  faq_no INTEGER, public INTEGER NOT NULL DEFAULT 1,\n"
"  updated_at INTEGER NOT NULL,\n"
"  views INTEGER NOT NULL DEFAULT 0, helpful INTEGER NOT NULL DEFAULT 0,\n"
"  not_helpful INTEGER NOT NULL DEFAULT 0);\n"
/* a ticket: subject; body, replies and incoming mail; internal notes */
"CREATE VIEW search_text(id, title, body, notes) AS\n"
"  SELECT d.id, t.subject,\n"
"    t.body || COALESCE((SELECT char(10) || group_concat(c.body, char(10)) FROM\n"
"      (SELECT body FROM comment WHERE ticket_id = t.id AND kind <> 'note'\n"
"       ORDER BY created_at, id) AS c), ''),\n"
"    COALESCE((SELECT group_concat(c.body, char(10)) FROM\n"
"      (SELECT body FROM comment WHERE ticket_id = t.id AND kind = 'note'\n"
"       ORDER BY created_at, id) AS c), '')\n"
"  FROM search_doc d JOIN ticket t ON t.id = d.id WHERE d.kind <> 'kb'\n"
"  UNION ALL\n"
"  SELECT d.id, k.title, k.question || char(10) || k.answer, ''\n"
"  FROM search_doc d JOIN kb_article k ON k.id = d.ref_id WHERE d.kind = 'kb';\n"
"CREATE VIRTUAL TABLE search_fts USING fts5(title, body, notes,\n"
"  content='search_text', content_rowid='id', tokenize='mado');\n"
/* what exists now, each table in one statement */
"INSERT INTO search_doc(id, kind, ref_id, status, category_id, queue_id, updated_at)\n"
"  SELECT id, kind, id, status, category_id, queue_id, updated_at FROM ticket;\n"
"INSERT INTO search_doc(id, kind, ref_id, category_id, department_id, faq_no, public,\n"
"    updated_at, views, helpful, not_helpful)\n"
"  SELECT 1099511627776 + id, 'kb', id, category_id, department_id, faq_no, public,\n"
"    updated_at, views, helpful, not_helpful FROM kb_article;\n"
"INSERT INTO search_fts(search_fts) VALUES ('rebuild');\n"
/* one segment: a third of the query time, and no merging left for the
 * first writes to do (db/search_store.h) */
"INSERT INTO search_fts(search_fts) VALUES ('optimize');\n"
/* tickets */
"CREATE TRIGGER search_ticket_ai AFTER INSERT ON ticket BEGIN\n"
"  INSERT INTO search_doc(id, kind, ref_id, status, category_id, queue_id, updated_at)\n"
"    VALUES (NEW.id, NEW.kind, NEW.id, NEW.status, NEW.category_id, NEW.queue_id,\n"
"      NEW.updated_at);\n"
"  INSERT INTO search_fts(rowid, title, body, notes)\n"
"    SELECT id, title, body, notes FROM search_text WHERE id = NEW.id;\n"
"END;\n"
"CREATE TRIGGER search_ticket_bu BEFORE UPDATE OF subject, body ON ticket BEGIN\n"
"  INSERT INTO search_fts(search_fts, rowid, title, body, notes)\n"
"    SELECT 'delete', id, title, body, notes FROM search_text WHERE id = OLD.id;\n"
"END;\n"
"CREATE TRIGGER search_ticket_au AFTER UPDATE OF subject, body ON ticket BEGIN\n"
"  INSERT INTO search_fts(rowid, title, body, notes)\n"
"    SELECT id, title, body, notes FROM search_text WHERE id = NEW.id;\n"
"END;\n"
"CREATE TRIGGER search_ticket_doc\n"
"  AFTER UPDATE OF kind, status, category_id, queue_id, updated_at ON ticket BEGIN\n"
"  UPDATE search_doc SET kind = NEW.kind, status = NEW.status,\n"
"    category_id = NEW.category_id, queue_id = NEW.queue_id, updated_at = NEW.updated_at\n"
"  WHERE id = NEW.id;\n"
"END;\n"
"CREATE TRIGGER search_ticket_bd BEFORE DELETE ON ticket BEGIN\n"
"  INSERT INTO search_fts(search_fts, rowid, title, body, notes)\n"
"    SELECT 'delete', id, title, body, notes FROM search_text WHERE id = OLD.id;\n"
"  DELETE FROM search_doc WHERE id = OLD.id;\n"
"END;\n"
/* the conversation of a ticket is part of its document */
"CREATE TRIGGER search_comment_bi BEFORE INSERT ON comment BEGIN\n"
"  INSERT INTO search_fts(search_fts, rowid, title, body, notes)\n"
"    SELECT 'delete', id, title, body, notes FROM search_text WHERE id = NEW.ticket_id;\n"
"END;\n"
"CREATE TRIGGER search_comment_ai AFTER INSERT ON comment BEGIN\n"
"  INSERT INTO search_fts(rowid, title, body, notes)\n"
"    SELECT id, title, body, notes FROM search_text WHERE id = NEW.ticket_id;\n"
"END;\n"
"CREATE TRIGGER search_comment_bu\n"
"  BEFORE UPDATE OF id, ticket_id, kind, body, created_at ON comment BEGIN\n"
"  INSERT INTO search_fts(search_fts, rowid, title, body, notes)\n"
"    SELECT 'delete', id, title, body, notes FROM search_text\n"
"    WHERE id IN (OLD.ticket_id, NEW.ticket_id);\n"
"END;\n"
"CREATE TRIGGER search_comment_au\n"
"  AFTER UPDATE OF id, ticket_id, kind, body, created_at ON comment BEGIN\n"
"  INSERT INTO search_fts(rowid, title, body, notes)\n"
"    SELECT id, title, body, notes FROM search_text WHERE id IN (OLD.ticket_id, NEW.ticket_id);\n"
"END;\n"
"CREATE TRIGGER search_comment_bd BEFORE DELETE ON comment BEGIN\n"
"  INSERT INTO search_fts(search_fts, rowid, title, body, notes)\n"
"    SELECT 'delete', id, title, body, notes FROM search_text WHERE id = OLD.ticket_id;\n"
"END;\n"
"CREATE TRIGGER search_comment_ad AFTER DELETE ON comment BEGIN\n"
"  INSERT INTO search_fts(rowid, title, body, notes)\n"
"    SELECT id, title, body, notes FROM search_text WHERE id = OLD.ticket_id;\n"
"END;\n"
/* knowledge articles */
"CREATE TRIGGER search_kb_ai AFTER INSERT ON kb_article BEGIN\n"
"  INSERT INTO search_doc(id, kind, ref_id, category_id, department_id, faq_no, public,\n"
"      updated_at, views, helpful, not_helpful)\n"
"    VALUES (1099511627776 + NEW.id, 'kb', NEW.id, NEW.category_id, NEW.department_id,\n"
"      NEW.faq_no, NEW.public, NEW.updated_at, NEW.views, NEW.helpful, NEW.not_helpful);\n"
"  INSERT INTO search_fts(rowid, title, body, notes)\n"
"    SELECT id, title, body, notes FROM search_text WHERE id = 1099511627776 + NEW.id;\n"
"END;\n"
"CREATE TRIGGER search_kb_bu BEFORE UPDATE OF title, question, answer ON kb_article BEGIN\n"
"  INSERT INTO search_fts(search_fts, rowid, title, body, notes)\n"
"    SELECT 'delete', id, title, body, notes FROM search_text\n"
"    WHERE id = 1099511627776 + OLD.id;\n"
"END;\n"
"CREATE TRIGGER search_kb_au AFTER UPDATE OF title, question, answer ON kb_article BEGIN\n"
"  INSERT INTO search_fts(rowid, title, body, notes)\n"
"    SELECT id, title, body, notes FROM search_text WHERE id = 1099511627776 + NEW.id;\n"
"END;\n"
"CREATE TRIGGER search_kb_doc AFTER UPDATE OF category_id, department_id, faq_no, public,\n"
"    updated_at, views, helpful, not_helpful ON kb_article BEGIN\n"
"  UPDATE search_doc SET category_id = NEW.category_id, department_id = NEW.department_id,\n"
"    faq_no = NEW.faq_no, public = NEW.public, updated_at = NEW.updated_at,\n"
"    views = NEW.views, helpful = NEW.helpful, not_helpful = NEW.not_helpful\n"
"  WHERE id = 1099511627776 + NEW.id;\n"
"END;\n"
"CREATE TRIGGER search_kb_bd BEFORE DELETE ON kb_article BEGIN\n"
"  INSERT INTO search_fts(search_fts, rowid, title, body, notes)\n"
"    SELECT 'delete', id, title, body, notes FROM search_text\n"
"    WHERE id = 1099511627776 + OLD.id;\n"
"  DELETE FROM search_doc WHERE id = 1099511627776 + OLD.id;\n"
"END;\n"
/* synonyms: the terms of a group stand for each other in queries; norm
 * is the term NFKC-normalised and case folded (core/synonym.c), so one
 * spelling belongs to one group at most */
"CREATE TABLE synonym(\n"
"  id INTEGER PRIMARY KEY, group_id INTEGER NOT NULL,\n"
"  term TEXT NOT NULL, norm TEXT NOT NULL UNIQUE);\n"
"CREATE INDEX synonym_group ON synonym(group_id, id);\n",

/* 5: mail in and out, monitoring alerts, and the shift handover.
 * mail_message is every message we took in or sent: message_id is the
 * Message-ID without its angle brackets, or "sha256:HEX" of the raw
 * message when it has none. An incoming message is unique per queue, so
 * taking one in twice (a retried fetch, a restart mid-batch) stores it
 * once; the same message reaching two of our addresses is found by the
 * message_id index and joins the ticket the first one made. The raw
 * message is a blob, so nothing is lost to a decoding mistake. */
"CREATE TABLE mail_message(\n"
"  id INTEGER PRIMARY KEY,\n"
"  direction TEXT NOT NULL CHECK(direction IN ('in','out')),\n"
"  queue_id INTEGER REFERENCES queue(id),\n"
"  message_id TEXT NOT NULL,\n"
"  ticket_id INTEGER REFERENCES ticket(id) ON DELETE SET NULL,\n"
"  comment_id INTEGER REFERENCES comment(id) ON DELETE SET NULL,\n"
"  outbox_id INTEGER REFERENCES outbox(id),\n"
"  sender TEXT NOT NULL DEFAULT '', subject TEXT NOT NULL DEFAULT '',\n"
/* new, reply, alert, recovery, bounce, duplicate, ignored, sent */
"  disposition TEXT NOT NULL DEFAULT '',\n"
"  raw_sha256 TEXT REFERENCES blob(sha256),\n"
"  at INTEGER NOT NULL,\n"
"  UNIQUE(direction, queue_id, message_id));\n"
"CREATE INDEX mail_message_mid ON mail_message(message_id);\n"
"CREATE INDEX mail_message_ticket ON mail_message(ticket_id, at);\n"
"CREATE INDEX mail_message_at ON mail_message(direction, at);\n"
/* what a notification answers and the Message-ID it went out with */
"ALTER TABLE outbox ADD COLUMN comment_id INTEGER REFERENCES comment(id);\n"
"ALTER TABLE outbox ADD COLUMN message_id TEXT;\n"
/* auto-replies sent per sender, for the per-hour limit */
"CREATE TABLE autoreply_log(sender TEXT NOT NULL, at INTEGER NOT NULL);\n"
"CREATE INDEX autoreply_sender ON autoreply_log(sender, at);\n"
/* a monitored failure (rule, host, check) folds into one open incident */
"CREATE TABLE alert_state(\n"
"  ticket_id INTEGER PRIMARY KEY REFERENCES ticket(id) ON DELETE CASCADE,\n"
"  rule TEXT NOT NULL, host TEXT NOT NULL, check_name TEXT NOT NULL,\n"
"  open INTEGER NOT NULL DEFAULT 1,\n"
"  first_at INTEGER NOT NULL, last_at INTEGER NOT NULL, recovered_at INTEGER);\n"
"CREATE UNIQUE INDEX alert_state_open ON alert_state(rule, host, check_name)\n"
"  WHERE open = 1;\n"
"CREATE TABLE alert_occurrence(\n"
"  id INTEGER PRIMARY KEY,\n"
"  ticket_id INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,\n"
"  kind TEXT NOT NULL CHECK(kind IN ('problem','recovery')),\n"
"  at INTEGER NOT NULL, after_hours INTEGER NOT NULL DEFAULT 0,\n"
"  mail_id INTEGER REFERENCES mail_message(id));\n"
"CREATE INDEX alert_occurrence_ticket ON alert_occurrence(ticket_id, at);\n"
"CREATE INDEX alert_occurrence_at ON alert_occurrence(at);\n"
/* the supervisor's handover note of a shift and the items it points out */
"CREATE TABLE handover(\n"
"  id INTEGER PRIMARY KEY, day TEXT NOT NULL, shift TEXT NOT NULL,\n"
"  note TEXT NOT NULL DEFAULT '',\n"
"  updated_by INTEGER REFERENCES staff(id), updated_at INTEGER NOT NULL,\n"
"  UNIQUE(day, shift));\n"
"CREATE TABLE handover_item(\n"
"  handover_id INTEGER NOT NULL REFERENCES handover(id) ON DELETE CASCADE,\n"
"  ticket_id INTEGER NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,\n"
"  note TEXT NOT NULL DEFAULT '',\n"
"  PRIMARY KEY(handover_id, ticket_id)) WITHOUT ROWID;\n"
/* reports and dashboards count by creation and closing time */
"CREATE INDEX ticket_closed ON ticket(closed_at) WHERE closed_at IS NOT NULL;\n",

/* 6: the audit trail by time, for who was on duty and what was resolved
 * in a shift (db/report_daily_store.c) without reading the whole trail */
"CREATE INDEX audit_at ON audit(at);\n",

/* 7: a sender claims the outbox rows it is about to send until then, so a
 * second sender (another madod, madod send --once) leaves them alone; a
 * claim that runs out (the sender died) lets the rows be taken again
 * (core/notify_outbox.h notify_claim) */
"ALTER TABLE outbox ADD COLUMN claimed_until INTEGER;\n",
};

int
schema_step_count(void)
{
	return (int)(sizeof steps / sizeof steps[0]);
}

const char *
schema_step(int from_version)
{
	if (from_version < 0 || from_version >= schema_step_count())
		return NULL;
	return steps[from_version];
}

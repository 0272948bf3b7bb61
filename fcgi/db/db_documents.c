/*
 * db_documents.c - one function per query on documents.
 */
#include "db/db_documents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

NEOERR *
db_document_lock(long long id, bool *found, char kind[24], char status[12],
    long long *order_id)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT kind, status, order_id FROM documents WHERE id = $1::bigint"
	    " FOR UPDATE");
	char buf[24];
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, db_int(buf, id));
	if (err != STATUS_OK)
		return err;
	*found = PQntuples(res) == 1;
	if (*found) {
		snprintf(kind, 24, "%s", PQgetvalue(res, 0, 0));
		snprintf(status, 12, "%s", PQgetvalue(res, 0, 1));
		*order_id = atoll(PQgetvalue(res, 0, 2));
	}
	PQclear(res);
	return STATUS_OK;
}

NEOERR *
db_document_get(long long id, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT d.id, d.kind, d.status, d.order_id, d.source_id, d.number,"
	    " d.company_id, d.billing_company_id, d.billing_contact_id,"
	    " d.language, d.vat_mode, d.study_ref, d.po_number, d.buyer_ref,"
	    " d.vip::int AS vip,"
	    " d.account_code, d.comment_printed, d.internal_note,"
	    " d.service_from, d.service_to, d.valid_until, d.operation_nature,"
	    " d.delivery_address, d.issued_on, d.due_on, d.issued_by,"
	    " fm_day(d.service_from, coalesce($2, d.language)) AS "
	    "service_from_label,"
	    " fm_day(d.service_to, coalesce($2, d.language)) AS "
	    "service_to_label,"
	    " fm_day(d.valid_until, coalesce($2, d.language)) AS "
	    "valid_until_label,"
	    " fm_day(d.issued_on, coalesce($2, d.language)) AS issued_on_label,"
	    " fm_day(d.due_on, coalesce($2, d.language)) AS due_on_label,"
	    " fm_day(coalesce(d.issued_on, current_date), coalesce($2, "
	    "d.language))"
	    "  AS date_label,"
	    " to_char(d.created_at, 'DD/MM/YYYY HH24:MI') AS created_at,"
	    " d.created_by, c.name AS company_name,"
	    " bc.name AS billing_company_name,"
	    " btrim(concat_ws(' ', bk.first_name, bk.last_name)) AS "
	    "billing_contact_name,"
	    " btrim(concat_ws(' ', k.title, k.first_name, k.last_name)) AS "
	    "contact_name,"
	    " k.phone AS contact_phone, k.mobile AS contact_mobile,"
	    " k.email AS contact_email,"
	    " s.kind AS source_kind, s.number AS source_number,"
	    " fm_day(s.issued_on, coalesce($2, d.language)) AS "
	    "source_issued_on,"
	    " fm_money(t.total_ht, coalesce($2, d.language)) AS total_ht, "
	    "fm_money(t.total_vat, coalesce($2, d.language)) AS total_vat,"
	    " fm_money(t.total_ttc, coalesce($2, d.language)) AS total_ttc,"
	    " fm_money(t.disbursements, coalesce($2, d.language)) AS "
	    "disbursements,"
	    " fm_money(t.total_due, coalesce($2, d.language)) AS total_due,"
	    " t.total_ht AS total_ht_raw, t.total_due AS total_due_raw,"
	    " t.disbursements AS disbursements_raw,"
	    " (SELECT count(*) FROM document_lines l WHERE l.document_id = "
	    "d.id) AS nlines,"
	    " (SELECT count(*) FROM document_disbursements b WHERE "
	    "b.document_id = d.id) AS ndisb"
	    " FROM documents d JOIN orders o ON o.id = d.order_id"
	    " JOIN companies c ON c.id = d.company_id"
	    " JOIN companies bc ON bc.id = d.billing_company_id"
	    " LEFT JOIN contacts bk ON bk.id = d.billing_contact_id"
	    " LEFT JOIN contacts k ON k.id = o.contact_id"
	    " LEFT JOIN documents s ON s.id = d.source_id,"
	    " LATERAL document_totals(d.id) t"
	    " WHERE d.id = $1::bigint");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id), lang);
}

NEOERR *
db_document_lines(long long id, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT l.id, l.position, l.label, fm_qty(l.quantity, $2) AS "
	    "quantity,"
	    " trim_scale(l.quantity) AS quantity_raw,"
	    " fm_money(l.unit_price, $2) AS unit_price, l.unit_price AS "
	    "unit_price_raw,"
	    " fm_qty(l.discount_pct, $2) AS discount, "
	    "trim_scale(l.discount_pct) AS discount_raw,"
	    " fm_qty(l.tax_rate, $2) AS vat_rate, l.vat_rate AS vat_rate_raw,"
	    " fm_money(l.amount, $2) AS amount, l.amount AS amount_raw,"
	    /* The draft's inputs, in the page's language ("0,75", "800,00"),
	     * without thousands separators. */
	    " fm_qty(l.quantity, $2) AS quantity_input,"
	    " CASE WHEN $2 = 'en' THEN l.unit_price::text"
	    "  ELSE replace(l.unit_price::text, '.', ',') END AS "
	    "unit_price_input,"
	    " fm_qty(l.discount_pct, $2) AS discount_input"
	    " FROM document_line_amounts l WHERE l.document_id = $1::bigint"
	    " ORDER BY l.position");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id), lang);
}

NEOERR *
db_document_disbursements(long long id, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, position, last_name, first_name, payment_type,"
	    " fm_money(amount, $2) AS amount, amount AS amount_raw, cheque_no,"
	    " fm_day(paid_on, $2) AS paid_on"
	    " FROM document_disbursements WHERE document_id = $1::bigint"
	    " ORDER BY position");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id), lang);
}

NEOERR *
db_document_vat_totals(long long id, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT fm_qty(vat_rate, $2) AS rate, fm_money(base, $2) AS base,"
	    " fm_money(vat, $2) AS vat, vat_rate AS rate_raw, base AS base_raw,"
	    " vat AS vat_raw FROM document_vat_totals($1::bigint)");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id), lang);
}

NEOERR *
db_document_payments(long long id, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, fm_day(paid_on, $2) AS paid_on, fm_money(amount, $2) "
	    "AS amount,"
	    " method, reference, created_by FROM payments"
	    " WHERE document_id = $1::bigint ORDER BY paid_on, id");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id), lang);
}

NEOERR *
db_document_balance(long long id, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT fm_money(total_due, $2) AS total_due, fm_money(paid, $2) "
	    "AS paid,"
	    " fm_money(credited, $2) AS credited, fm_money(balance, $2) AS "
	    "balance,"
	    " balance AS balance_raw, fm_day(last_paid_on, $2) AS last_paid_on,"
	    " payment, (balance > 0)::int AS open, (credited <> 0)::int AS "
	    "has_credit"
	    " FROM document_balance($1::bigint)");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id), lang);
}

NEOERR *
db_credit_note_room(long long id, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT fm_money(invoice_total, $2) AS invoice_total,"
	    " fm_money(credited, $2) AS credited,"
	    " fm_money(remaining, $2) AS remaining,"
	    " fm_money(draft_total, $2) AS draft_total, exceeds::int AS exceeds"
	    " FROM credit_note_room($1::bigint)");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id), lang);
}

NEOERR *
db_document_children(long long id, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT d.id, d.kind, d.status, d.number, fm_day(d.issued_on, $2) "
	    "AS issued_on,"
	    " fm_money(t.total_due, $2) AS total_due"
	    " FROM documents d, LATERAL document_totals(d.id) t"
	    " WHERE d.source_id = $1::bigint ORDER BY d.id");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id), lang);
}

NEOERR *
db_document_log_of(long long id, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT j.*, j.intact::int AS ok FROM document_journal($1::bigint, "
	    "$2) j");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id), lang);
}

NEOERR *
db_document_log_json(long long id, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT (SELECT count(*) FROM documents WHERE id = $1::bigint)"
	    "  AS found,"
	    " coalesce(jsonb_agg(jsonb_build_object('seq', l.seq, 'at',"
	    "  to_char(l.at AT TIME ZONE 'UTC',"
	    "  'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), 'event', l.event,"
	    "  'number', l.number, 'who', l.who, 'detail', l.detail,"
	    "  'prev_hash', encode(l.prev_hash, 'hex'),"
	    "  'hash', encode(l.hash, 'hex')) ORDER BY l.seq), '[]')::text"
	    "  AS entries"
	    " FROM document_log l WHERE l.document_id = $1::bigint");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id));
}

NEOERR *
db_document_log_send(long long id, const char *channel, const char *to)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT document_log_append($1::bigint, 'send',"
	    " jsonb_strip_nulls(jsonb_build_object('channel', $2::text, 'to', "
	    "$3::text)))");
	char buf[24];

	return DBQ(&st, NULL, db_int(buf, id), channel, to);
}

NEOERR *
db_document_log_download(long long id, const char *format)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT document_log_append($1::bigint, 'download',"
	    " jsonb_build_object('format', $2::text))");
	char buf[24];

	return DBQ(&st, NULL, db_int(buf, id), format);
}

DB_NAMED(document_update, DOCUMENT, 1,
    "UPDATE documents SET billing_company_id = :billing_company_id::bigint,"
    " billing_contact_id = :billing_contact_id::bigint,"
    " language = :language, vat_mode = :vat_mode, study_ref = :study_ref,"
    " po_number = :po_number, buyer_ref = :buyer_ref,"
    " vip = coalesce(:vip::boolean, false), account_code = :account_code,"
    " comment_printed = :comment_printed, internal_note = :internal_note,"
    " service_from = :service_from::date, service_to = :service_to::date,"
    " valid_until = :valid_until::date,"
    " operation_nature = :operation_nature,"
    " delivery_address = :delivery_address"
    " WHERE id = $1::bigint AND status = 'draft'")

NEOERR *
db_document_update(long long id, const struct document *v, bool *found)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, id) };

	return db_named_found(&document_update, found, fixed, v->v);
}

DB_NAMED(line_insert, LINE, 1,
    "INSERT INTO document_lines (document_id, position, label, quantity,"
    " unit_price, discount_pct, vat_rate)"
    " SELECT $1::bigint, coalesce(max(position), 0) + 1, :label,"
    " coalesce(:quantity::numeric, 1), :unit_price::numeric,"
    " coalesce(:discount_pct::numeric, 0), :vat_rate::numeric"
    " FROM document_lines WHERE document_id = $1::bigint")

NEOERR *
db_line_insert(long long doc, const struct line *v)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, doc) };

	return db_named_query(&line_insert, NULL, fixed, v->v);
}

DB_NAMED(line_update, LINE, 2,
    "UPDATE document_lines SET label = :label,"
    " quantity = coalesce(:quantity::numeric, 1),"
    " unit_price = :unit_price::numeric,"
    " discount_pct = coalesce(:discount_pct::numeric, 0),"
    " vat_rate = :vat_rate::numeric"
    " WHERE id = $2::bigint AND document_id = $1::bigint"
    " AND (label, quantity, unit_price, discount_pct, vat_rate)"
    " IS DISTINCT FROM (:label, coalesce(:quantity::numeric, 1),"
    " :unit_price::numeric, coalesce(:discount_pct::numeric, 0),"
    " :vat_rate::numeric)")

NEOERR *
db_line_update(long long doc, long long line, const struct line *v, bool *found)
{
	static struct db_stmt exists = DB_STMT(
	    "SELECT 1 FROM document_lines WHERE id = $2::bigint"
	    " AND document_id = $1::bigint");
	char a[24], b[24];
	const char *fixed[] = { db_int(a, doc), db_int(b, line) };
	NEOERR *err;

	err = db_named_found(&line_update, found, fixed, v->v);
	if (err == STATUS_OK && !*found) /* unchanged, or not there */
		err = db_exec_found(&exists, found, 2, fixed);
	return err;
}

NEOERR *
db_line_delete(long long doc, long long line, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM document_lines WHERE id = $2::bigint"
	    " AND document_id = $1::bigint");
	char a[24], b[24];
	const char *p[2] = { db_int(a, doc), db_int(b, line) };

	return db_exec_found(&st, found, 2, p);
}

NEOERR *
db_line_move(long long doc, long long line, int dir, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT document_line_move(id, $3::int) FROM document_lines"
	    " WHERE id = $2::bigint AND document_id = $1::bigint");
	char a[24], b[24], c[24];
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, db_int(a, doc), db_int(b, line), db_int(c, dir));
	if (err != STATUS_OK)
		return err;
	*found = PQntuples(res) == 1;
	PQclear(res);
	return STATUS_OK;
}

NEOERR *
db_doc_disbursement_delete(long long doc, long long id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM document_disbursements WHERE id = $2::bigint"
	    " AND document_id = $1::bigint");
	char a[24], b[24];
	const char *p[2] = { db_int(a, doc), db_int(b, id) };

	return db_exec_found(&st, found, 2, p);
}

NEOERR *
db_document_renumber(long long doc)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT document_lines_renumber($1::bigint)");
	char buf[24];

	return DBQ(&st, NULL, db_int(buf, doc));
}

NEOERR *
db_document_delete(long long id, bool *found)
{
	static struct db_stmt st = DB_STMT(
	    "DELETE FROM documents WHERE id = $1::bigint AND status = 'draft'");
	char buf[24];
	const char *p[1] = { db_int(buf, id) };

	return db_exec_found(&st, found, 1, p);
}

NEOERR *
db_document_from_order(long long order, const char *kind, bool disbursements,
    long long *id)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT document_from_order($1::bigint, $2, $3::boolean)");
	char buf[24];
	const char *p[3] = { db_int(buf, order), kind,
		disbursements ? "1" : "0" };

	return db_query_id(&st, id, 3, p);
}

NEOERR *
db_disbursement_note(long long order, long long *id)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT disbursement_note_from_order($1::bigint)");
	char buf[24];
	const char *p[1] = { db_int(buf, order) };

	return db_query_id(&st, id, 1, p);
}

NEOERR *
db_invoice_from_quote(long long quote, long long *id)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT invoice_from_quote($1::bigint)");
	char buf[24];
	const char *p[1] = { db_int(buf, quote) };

	return db_query_id(&st, id, 1, p);
}

NEOERR *
db_credit_note(long long invoice, const char *lines, const char *amount,
    const char *rate, const char *label, long long *id)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT credit_note_from_invoice($1::bigint, $2::bigint[],"
	    " $3::numeric, $4::numeric, $5)");
	char buf[24];
	const char *p[5] = { db_int(buf, invoice), lines, amount, rate, label };

	return db_query_id(&st, id, 5, p);
}

NEOERR *
db_document_issue(long long id, char *number, size_t len)
{
	static struct db_stmt st = DB_STMT("SELECT issue_document($1::bigint)");
	char buf[24];
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, db_int(buf, id));
	if (err != STATUS_OK)
		return err;
	snprintf(number, len, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return STATUS_OK;
}

DB_NAMED(payment_insert, PAYMENT, 1,
    "INSERT INTO payments (document_id, paid_on, amount, method, reference)"
    " VALUES ($1::bigint, :paid_on::date, :amount::numeric, :method,"
    " :reference)")

NEOERR *
db_payment_insert(long long doc, const struct payment *v)
{
	char buf[24];
	const char *fixed[] = { db_int(buf, doc) };

	return db_named_query(&payment_insert, NULL, fixed, v->v);
}

NEOERR *
db_order_documents(long long order, const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, kind, status, number, fm_day(created_on, $2) AS "
	    "created_on,"
	    " fm_day(issued_on, $2) AS issued_on, fm_money(total_due, $2) AS "
	    "total_due,"
	    " payment FROM order_documents($1::bigint)");
	char buf[24];

	return DBQ(&st, res, db_int(buf, order), lang);
}

/*
 * The documents list, a page at a time from a key (ORDER BY the
 * document_figures indexes, never an OFFSET): by kind, the drafts first,
 * then by number going down (list_rank, 0210_documents_list_order.sql),
 * or for the overdue invoices by due day going up.  Issued
 * documents show the totals they were issued with, drafts are computed
 * (document_totals, for the page's rows only); balances are
 * document_figures' (0201_document_figures.sql).  $1 kind, $2 status,
 * $3 search text (the matching documents first: DOCS_MATCHES), $4
 * language, $5 rows per page ($5 + 1 are read: fetched), $6 the count's
 * cap, $7/$8 the key (list_rank, id; for the overdue invoices due day,
 * id).
 */
#define DOCS_FILTER                                              \
	" ($1 = '' OR d.kind = $1)"                              \
	" AND ($2 = '' OR ($2 = 'draft' AND d.status = 'draft')" \
	"  OR ($2 = 'issued' AND d.status = 'issued')"           \
	"  OR ($2 = 'unpaid' AND f.balance > 0)"                 \
	"  OR ($2 = 'overdue' AND f.balance > 0 AND f.due_on < current_date))"
#define DOCS_MATCHES                                                         \
	" m AS (SELECT d.id FROM documents d"                                \
	"  WHERE d.number ILIKE '%' || $3 || '%'"                            \
	" UNION SELECT d.id FROM documents d WHERE d.order_id = CASE WHEN"   \
	"  regexp_replace($3, '^\\s*(n°|no|#)?\\s*', '', 'i') ~ "           \
	"'^[0-9]{1,18}$'"                                                    \
	"  THEN regexp_replace($3, '^\\s*(n°|no|#)?\\s*', '', 'i')::bigint" \
	"  END"                                                              \
	" UNION SELECT d.id FROM companies c CROSS JOIN LATERAL"             \
	"  (SELECT d.id FROM documents d WHERE d.billing_company_id = c.id"  \
	"  OFFSET 0) d"                                                      \
	"  WHERE search_key(c.name) LIKE contains_pattern($3)"               \
	" UNION SELECT d.id FROM documents d"                                \
	"  WHERE search_key(d.study_ref) LIKE contains_pattern($3)),"
#define DOCS_COLUMNS_IF(open, corder)                                          \
	" n.fetched, CASE WHEN $1 = '' AND $2 = '' AND $3 = '' THEN"           \
	"  (SELECT count(*) FROM (SELECT 1 FROM document_figures ORDER BY "    \
	"list_rank DESC, document_id DESC LIMIT 1001)"                         \
	"  x) ELSE (SELECT count(*) FROM (SELECT 1 FROM " DOCS_FROM_COUNT_IF(  \
	    open,                                                              \
	    corder) " ) x) END AS total,"                                      \
	            " d.id, d.kind, d.status, d.number, d.order_id, "          \
	            "d.study_ref,"                                             \
	            " c.name AS client,"                                       \
	            " fm_day(f.list_day, $4) AS date, fm_day(d.due_on, $4) "   \
	            "AS "                                                      \
	            "due_on,"                                                  \
	            " fm_money(CASE WHEN d.status = 'issued' THEN d.total_ht"  \
	            "  ELSE (SELECT t.total_ht FROM document_totals(d.id) t) " \
	            "END, $4)"                                                 \
	            "  AS total_ht,"                                           \
	            " fm_money(CASE WHEN d.status = 'issued' THEN d.total_due" \
	            "  ELSE (SELECT t.total_due FROM document_totals(d.id) "   \
	            "t) "                                                      \
	            "END, $4)"                                                 \
	            "  AS total_due,"                                          \
	            " CASE WHEN f.balance IS NULL THEN NULL"                   \
	            "  WHEN f.balance <= 0 THEN 'paid'"                        \
	            "  WHEN f.paid + f.credited > 0 THEN 'partly_paid'"        \
	            "  ELSE 'unpaid' END AS payment,"                          \
	            " fm_money(f.balance, $4) AS balance,"                     \
	            " CASE WHEN f.balance > 0 AND d.due_on < current_date"     \
	            "  THEN current_date - d.due_on END AS days_late,"
#define DOCS_TAIL(order)                                                   \
	" FROM n JOIN document_figures f ON f.document_id = n.document_id" \
	" JOIN documents d ON d.id = n.document_id"                        \
	" JOIN companies c ON c.id = d.billing_company_id"                 \
	" WHERE n.rn <= $5::int ORDER BY " order
/* The list by rank: cmp "<" and dir "DESC" for the next rows, ">" and
 * "ASC" for the rows before. */
#define DOCS_FROM_COUNT_IF(open, corder)                                   \
	"document_figures f CROSS JOIN LATERAL (SELECT * FROM documents x" \
	" WHERE x.id = f.document_id OFFSET 0) d"                          \
	" WHERE" open DOCS_FILTER " AND ($3 = '' OR f.document_id IN"      \
	" (SELECT id FROM m)) AND $6::int > 0" corder " LIMIT 1001"
#define DOCS_PAGE(with, from, cmp, dir)        \
	DOCS_PAGE_IF(with, from, cmp, dir, "", \
	    " ORDER BY f.list_rank DESC, f.document_id DESC")
/* open: " f.balance > 0 AND" for the unpaid invoices (their own index). */
#define DOCS_PAGE_IF(with, from, cmp, dir, open, corder)                     \
	"WITH" with " page AS (SELECT f.document_id, f.list_rank FROM " from \
	" JOIN documents d ON d.id = f.document_id WHERE" open DOCS_FILTER   \
	" AND (f.list_rank, f.document_id) " cmp                             \
	" (coalesce($7::bigint, 9223372036854775807), coalesce($8::bigint,"  \
	" 0)) ORDER BY f.list_rank " dir ", f.document_id " dir              \
	" LIMIT $5::int + 1),"                                               \
	" n AS (SELECT p.*, row_number() OVER (ORDER BY p.list_rank " dir    \
	"  , p.document_id " dir ") AS rn, count(*) OVER () AS fetched"      \
	"  FROM page p WHERE $3 IS NOT NULL) SELECT" DOCS_COLUMNS_IF(open,   \
	    corder) " f.list_rank || '.' || d.id AS "                        \
	            "key" DOCS_TAIL("f.list_rank DESC, d.id DESC")
/* The overdue invoices by due day (up), then number (down). */
#define DOCS_LATE(next, forder, order)                                      \
	"WITH" DOCS_MATCHES " page AS (SELECT f.document_id, f.due_on"      \
	" FROM document_figures f JOIN documents d ON d.id = f.document_id" \
	" WHERE f.balance > 0 AND" DOCS_FILTER                              \
	" AND ($3 = '' OR f.document_id IN (SELECT id FROM m))"             \
	" AND (" next ")"                                                   \
	" ORDER BY " forder " LIMIT $5::int + 1),"                          \
	" n AS (SELECT p.*, row_number() OVER (ORDER BY " order             \
	") AS rn, count(*) OVER () AS fetched"                              \
	"  FROM page p) SELECT" DOCS_COLUMNS_IF(" f.balance > 0 AND",       \
	    "") " to_char(f.due_on, 'YYYY-MM-DD') || '.' "                  \
	        "|| d.id AS key" DOCS_TAIL("f.due_on, d.id "                \
	                                   "DESC")
#define DOCS_LATE_NEXT                            \
	"$7::date IS NULL OR f.due_on > $7::date" \
	" OR (f.due_on = $7::date AND f.document_id < $8::bigint)"
#define DOCS_LATE_PREV        \
	"f.due_on < $7::date" \
	" OR (f.due_on = $7::date AND f.document_id > $8::bigint)"

NEOERR *
db_documents_page(const char *kind, const char *status, const char *q,
    const char *lang, int limit, int cap, const char *key_day,
    const char *key_id, bool before, PGresult **res)
{
	static struct db_stmt next = DB_STMT(
	    DOCS_PAGE(DOCS_MATCHES, "document_figures f", "<", "DESC"));
	static struct db_stmt prev = DB_STMT(
	    DOCS_PAGE(DOCS_MATCHES, "document_figures f", ">", "ASC"));
	static struct db_stmt s_next = DB_STMT(DOCS_PAGE(DOCS_MATCHES,
	    "m CROSS JOIN LATERAL (SELECT * FROM document_figures y"
	    " WHERE y.document_id = m.id OFFSET 0) f",
	    "<", "DESC"));
	static struct db_stmt s_prev = DB_STMT(DOCS_PAGE(DOCS_MATCHES,
	    "m CROSS JOIN LATERAL (SELECT * FROM document_figures y"
	    " WHERE y.document_id = m.id OFFSET 0) f",
	    ">", "ASC"));
	static struct db_stmt open_next = DB_STMT(DOCS_PAGE_IF(DOCS_MATCHES,
	    "document_figures f", "<", "DESC", " f.balance > 0 AND", ""));
	static struct db_stmt open_prev = DB_STMT(DOCS_PAGE_IF(DOCS_MATCHES,
	    "document_figures f", ">", "ASC", " f.balance > 0 AND", ""));
	static struct db_stmt late_next = DB_STMT(DOCS_LATE(DOCS_LATE_NEXT,
	    "f.due_on, f.document_id DESC", "p.due_on, p.document_id DESC"));
	static struct db_stmt late_prev = DB_STMT(DOCS_LATE(DOCS_LATE_PREV,
	    "f.due_on DESC, f.document_id", "p.due_on DESC, p.document_id"));
	struct db_stmt *st;
	char l[24], c[24];

	if (!strcmp(status, "overdue"))
		st = before ? &late_prev : &late_next;
	else if (!strcmp(status, "unpaid") && q[0] == '\0')
		st = before ? &open_prev : &open_next;
	else if (q[0] == '\0')
		st = before ? &prev : &next;
	else
		st = before ? &s_prev : &s_next;
	return DBQ(st, res, kind, status, q, lang, db_int(l, limit),
	    db_int(c, cap), key_day, key_id);
}

NEOERR *
db_document_parties(long long id, const char *lang, PGresult **res)
{
	/* The seller and buyer objects (snapshots once issued) spread into
	 * columns; the terms in the document's language.  MATERIALIZED: each
	 * object is built once, not once per column that reads it. */
	static struct db_stmt st = DB_STMT(
	    "WITH x AS MATERIALIZED (SELECT d.*, document_seller(d.id) AS s,"
	    "  document_buyer(d.id) AS b FROM documents d WHERE d.id = "
	    "$1::bigint)"
	    "SELECT s->>'name' AS seller_name, s->>'legal_form' AS "
	    "seller_legal_form,"
	    " s->>'capital' AS seller_capital, s->>'address' AS seller_address,"
	    " s->>'postcode' AS seller_postcode, s->>'city' AS seller_city,"
	    " s->>'country' AS seller_country, s->>'phone' AS seller_phone,"
	    " s->>'email' AS seller_email, s->>'siren' AS seller_siren,"
	    " s->>'rcs' AS seller_rcs, s->>'vat_number' AS seller_vat_number,"
	    " regexp_replace(s->>'siren', '^(\\d{3})(\\d{3})(\\d{3})$', '\\1 "
	    "\\2 \\3')"
	    "  AS seller_siren_label,"
	    " regexp_replace(b->>'siren', '^(\\d{3})(\\d{3})(\\d{3})$', '\\1 "
	    "\\2 \\3')"
	    "  AS buyer_siren_label,"
	    " btrim(regexp_replace(s->>'iban', '(.{4})', '\\1 ', 'g')) AS "
	    "seller_iban_label,"
	    " s->>'iban' AS seller_iban, s->>'bic' AS seller_bic,"
	    " s->>'payment_days' AS payment_days,"
	    " s->>'payment_terms' AS payment_terms,"
	    " fm_qty((s->>'late_rate')::numeric, $2) AS late_rate,"
	    " fm_money((s->'terms'->>'recovery_indemnity')::numeric, $2) AS "
	    "indemnity,"
	    " s->'terms'->>('early_payment_' || $2) AS early_payment,"
	    " (s->'terms'->>'vat_on_debits')::boolean::int AS vat_on_debits,"
	    " CASE WHEN vat_mode <> 'normal'"
	    "  THEN s->'terms'->>('mention_' || vat_mode || '_' || $2) END AS "
	    "vat_mention,"
	    " s->'terms'->>('mention_disbursements_' || $2) AS "
	    "disbursements_mention,"
	    " b->>'name' AS buyer_name, b->>'contact' AS buyer_contact,"
	    " b->>'address' AS buyer_address, b->>'postcode' AS buyer_postcode,"
	    " b->>'city' AS buyer_city, b->>'country' AS buyer_country,"
	    " b->>'vat_number' AS buyer_vat_number, b->>'siren' AS buyer_siren,"
	    " b->>'client' AS buyer_client,"
	    " b->>'registered_address' AS buyer_registered"
	    " FROM x");
	char buf[24];

	return DBQ(&st, res, db_int(buf, id), lang);
}

NEOERR *
db_billing_contacts(long long company, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, btrim(concat_ws(' ', title, first_name, last_name)) AS "
	    "name,"
	    " active::int AS active"
	    " FROM contacts WHERE company_id = $1::bigint AND is_billing"
	    " ORDER BY active DESC, last_name COLLATE french, id");
	char buf[24];

	return DBQ(&st, res, db_int(buf, company));
}

NEOERR *
db_document_row_to_hdf(HDF *hdf, const char *prefix, PGresult *res, int row)
{
	HDF *node;
	NEOERR *err;
	int c;

	err = hdf_get_node(hdf, prefix, &node);
	for (c = 0; err == STATUS_OK && c < PQnfields(res); c++)
		if (!PQgetisnull(res, row, c))
			err = hdf_set_value(node, PQfname(res, c),
			    PQgetvalue(res, row, c));
	return nerr_pass(err);
}

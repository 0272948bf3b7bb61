/*
 * db_exports.c - one function per query of the accountants' exports.
 */
#include "db/db_exports.h"

#include <stdio.h>

/* The issued invoices and credit notes of [$1, $2]. */
#define PERIOD                                                          \
	" d.status = 'issued' AND d.kind IN ('invoice', 'credit_note')" \
	" AND d.issued_on BETWEEN $1::date AND $2::date"
#define SIGN " CASE d.kind WHEN 'credit_note' THEN -1 ELSE 1 END"

NEOERR *
db_export_begin(void)
{
	NEOERR *err = db_begin();

	if (err == STATUS_OK)
		err = db_exec_script("SET TRANSACTION ISOLATION LEVEL "
		                     "REPEATABLE READ, READ ONLY");
	return err;
}

NEOERR *
db_export_rates(const char *from, const char *to, const char *lang,
    PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT r.rate, fm_qty(r.rate, $3) AS label,"
	    " array_agg(r.rate) OVER (ORDER BY r.rate DESC"
	    "  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)::text "
	    "AS rates"
	    " FROM (SELECT DISTINCT (e->>'rate')::numeric(5,2) AS rate FROM "
	    "documents d,"
	    "  jsonb_array_elements(d.vat_totals) e WHERE" PERIOD ") r"
	    " ORDER BY r.rate DESC");

	return DBQ(&st, res, from, to, lang);
}

NEOERR *
db_export_open_docs(const char *from, const char *to, const char *rates)
{
	/* The totals each document was issued with (documents.total_*,
	 * vat_totals), signed; an invoice's payment state as
	 * invoice_balances gives it, from document_figures (the period's
	 * rows only). */
	static struct db_stmt st = DB_STMT(
	    "DECLARE export_docs NO SCROLL CURSOR FOR"
	    " SELECT d.number, d.kind, d.issued_on::text AS issued_on,"
	    " d.due_on::text AS due_on, d.buyer->>'name' AS client, "
	    "d.study_ref,"
	    " d.order_id, (k.g * d.total_ht)::numeric(12,2) AS total_ht,"
	    " (SELECT array_agg(k.g * coalesce((SELECT (e->>'vat')::numeric"
	    "   FROM jsonb_array_elements(d.vat_totals) e"
	    "   WHERE (e->>'rate')::numeric = r.rate), 0) ORDER BY r.rate DESC)"
	    "  FROM unnest($3::numeric[]) r (rate))::text AS vat,"
	    " (k.g * d.total_ttc)::numeric(12,2) AS total_ttc,"
	    " (k.g * d.total_disbursements)::numeric(12,2) AS disbursements,"
	    " (k.g * d.total_due)::numeric(12,2) AS total_due,"
	    " CASE WHEN f.balance IS NULL THEN NULL"
	    "  WHEN f.balance <= 0 THEN 'paid'"
	    "  WHEN f.paid + f.credited > 0 THEN 'partly_paid'"
	    "  ELSE 'unpaid' END AS payment"
	    " FROM documents d CROSS JOIN LATERAL (SELECT" SIGN " AS g) k"
	    " LEFT JOIN document_figures f ON f.document_id = d.id"
	    " WHERE" PERIOD " ORDER BY d.issued_on, d.kind DESC, d.seq");

	return DBQ(&st, NULL, from, to, rates);
}

NEOERR *
db_export_open_lines(const char *from, const char *to)
{
	/* In the index's order (documents_issued_idx, then each document's
	 * lines by position): no big sort. */
	static struct db_stmt st = DB_STMT(
	    "DECLARE export_lines NO SCROLL CURSOR FOR"
	    " SELECT d.number, d.kind, d.issued_on::text AS issued_on,"
	    " d.buyer->>'name' AS client, l.position, l.label, l.quantity,"
	    " l.unit_price, l.discount_pct,"
	    " effective_vat_rate(d.vat_mode, l.vat_rate)::numeric(5,2) AS "
	    "vat_rate,"
	    " (" SIGN
	    " * line_amount(l.quantity, l.unit_price, l.discount_pct))"
	    "  ::numeric(12,2) AS amount"
	    " FROM documents d JOIN document_lines l ON l.document_id = d.id"
	    " WHERE" PERIOD
	    " ORDER BY d.issued_on, d.kind DESC, d.seq, l.position");

	return DBQ(&st, NULL, from, to);
}

NEOERR *
db_export_fetch_docs(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "FETCH FORWARD 2000 FROM export_docs");

	return DBQ0(&st, res);
}

NEOERR *
db_export_fetch_lines(PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "FETCH FORWARD 5000 FROM export_lines");

	return DBQ0(&st, res);
}

NEOERR *
db_export_doc_sums(const char *from, const char *to, const char *rates,
    PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "WITH x AS (SELECT d.*," SIGN " AS g FROM documents d WHERE" PERIOD
	    ")"
	    "SELECT coalesce(sum(x.g * x.total_ht), 0)::numeric(14,2) AS "
	    "total_ht,"
	    " (SELECT array_agg(coalesce((SELECT sum(y.g * "
	    "(e->>'vat')::numeric)"
	    "   FROM x y, jsonb_array_elements(y.vat_totals) e"
	    "   WHERE (e->>'rate')::numeric = r.rate), 0) ORDER BY r.rate DESC)"
	    "  FROM unnest($3::numeric[]) r (rate))::text AS vat,"
	    " coalesce(sum(x.g * x.total_ttc), 0)::numeric(14,2) AS total_ttc,"
	    " coalesce(sum(x.g * x.total_disbursements), 0)::numeric(14,2) AS "
	    "disbursements,"
	    " coalesce(sum(x.g * x.total_due), 0)::numeric(14,2) AS total_due,"
	    " count(*) AS n FROM x");

	return DBQ(&st, res, from, to, rates);
}

NEOERR *
db_export_line_sum(const char *from, const char *to, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT coalesce(sum((" SIGN
	    ") * line_amount(l.quantity, l.unit_price,"
	    "  l.discount_pct)), 0)::numeric(14,2) AS amount, count(*) AS n"
	    " FROM documents d JOIN document_lines l ON l.document_id = d.id"
	    " WHERE" PERIOD);

	return DBQ(&st, res, from, to);
}

NEOERR *
db_export_vat_summary(const char *from, const char *to, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "WITH v AS (SELECT (e->>'rate')::numeric(5,2) AS vat_rate, d.kind,"
	    "  (e->>'base')::numeric AS base, (e->>'vat')::numeric AS vat"
	    "  FROM documents d, jsonb_array_elements(d.vat_totals) e "
	    "WHERE" PERIOD ")"
	    "SELECT v.vat_rate AS rate,"
	    " coalesce(sum(v.base) FILTER (WHERE v.kind = 'invoice'), 0) AS "
	    "invoice_base,"
	    " coalesce(sum(v.vat) FILTER (WHERE v.kind = 'invoice'), 0) AS "
	    "invoice_vat,"
	    " coalesce(-sum(v.base) FILTER (WHERE v.kind = 'credit_note'), 0) "
	    "AS credit_base,"
	    " coalesce(-sum(v.vat) FILTER (WHERE v.kind = 'credit_note'), 0) "
	    "AS credit_vat,"
	    " sum(CASE v.kind WHEN 'credit_note' THEN -v.base ELSE v.base END) "
	    "AS net_base,"
	    " sum(CASE v.kind WHEN 'credit_note' THEN -v.vat ELSE v.vat END) "
	    "AS net_vat"
	    " FROM v GROUP BY ROLLUP (v.vat_rate)"
	    " ORDER BY v.vat_rate DESC NULLS LAST");

	return DBQ(&st, res, from, to);
}

NEOERR *
db_export_fec(int year, PGresult **res)
{
	static struct db_stmt st = DB_STMT("SELECT * FROM fec_lines($1::int)");
	char buf[24];

	return DBQ(&st, res, db_int(buf, year));
}

NEOERR *
db_export_fec_head(int year, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT s.siren, to_char(f.ends, 'YYYYMMDD') AS closing"
	    " FROM seller s, fec_fiscal_year($1::int) f");
	char buf[24];

	return DBQ(&st, res, db_int(buf, year));
}

NEOERR *
db_export_fiscal_years(const char *lang, PGresult **res)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT year, fm_day(starts, $1) AS starts, fm_day(ends, $1) AS "
	    "ends,"
	    " is_current::int AS is_current FROM fec_fiscal_years()");

	return DBQ(&st, res, lang);
}

-- 0203_figures_backfill: the order_figures and document_figures rows of
-- the orders and documents made before 0200 and 0201, in their own
-- transaction: no table is locked (the triggers of 0200 and 0201 keep
-- right the rows of what changes meanwhile, and those rows are left as
-- they are: ON CONFLICT DO NOTHING), one set-based statement per 2,000
-- orders or 5,000 documents.  (Written here rather than calling
-- order_figures_refresh(), which locks the rows it recomputes.)
DO $$
DECLARE
	lo bigint := 0;
	hi bigint := (SELECT coalesce(max(id), 0) FROM orders);
BEGIN
	WHILE lo <= hi LOOP
		INSERT INTO order_figures (order_id, first_day, last_day, sessions, total_ht)
		SELECT o.id, coalesce(r.first_day, o.created_at::date),
			coalesce(r.last_day, o.created_at::date), coalesce(r.sessions, 0),
			coalesce(r.amount, 0) + coalesce(x.amount, 0) + coalesce(s.amount, 0)
		FROM orders o
		LEFT JOIN LATERAL (SELECT min(starts_at)::date AS first_day,
			max(ends_at - interval '1 second')::date AS last_day,
			count(*)::int AS sessions,
			sum(price + round(overtime_minutes * overtime_price / 60, 2)) AS amount
			FROM reservations WHERE order_id = o.id) r ON true
		LEFT JOIN LATERAL (SELECT sum(round(quantity * unit_price, 2)) AS amount
			FROM order_options WHERE order_id = o.id) x ON true
		LEFT JOIN LATERAL (SELECT sum(round(quantity * unit_price, 2)) AS amount
			FROM services WHERE order_id = o.id) s ON true
		WHERE o.id > lo AND o.id <= lo + 2000
		ON CONFLICT (order_id) DO NOTHING;
		lo := lo + 2000;
	END LOOP;
	lo := 0;
	hi := (SELECT coalesce(max(id), 0) FROM documents);
	WHILE lo <= hi LOOP
		INSERT INTO document_figures (document_id, list_day, due_on, paid, credited, balance)
		SELECT d.id, coalesce(d.issued_on, d.created_at::date), d.due_on,
			coalesce(p.paid, 0), coalesce(c.credited, 0),
			CASE WHEN d.kind = 'invoice' AND d.status = 'issued' THEN
				d.total_due - coalesce(p.paid, 0) - coalesce(c.credited, 0) END
		FROM documents d
		LEFT JOIN LATERAL (SELECT sum(amount) AS paid FROM payments
			WHERE document_id = d.id) p ON true
		LEFT JOIN LATERAL (SELECT sum(total_due) AS credited FROM documents cn
			WHERE cn.source_id = d.id AND cn.kind = 'credit_note'
			  AND cn.status = 'issued') c ON true
		WHERE d.id > lo AND d.id <= lo + 5000
		ON CONFLICT (document_id) DO NOTHING;
		lo := lo + 5000;
	END LOOP;
END;
$$;

#!/usr/bin/env bash
# bench/migrate.sh - fm-migrate through this issue's migrations (0200 to
# 0209) on a stack filled by dev/dataset: what they made is dropped and
# their rows of schema_migrations removed, then fm-migrate runs them
# again, timed, while another session writes to reservations, order
# options, documents and payments every 50 ms; prints the migration's
# time and the longest wait of those writes (how long staff's writes were
# held).  The stack's data is as before afterwards.
#
#   FM_STATE=DIR bench/migrate.sh
set -euo pipefail
. "$(dirname "$0")/../dev/lib.sh"
cd "$FM_ROOT"
: "${FM_STATE:?FM_STATE must name a stack filled by dev/dataset}"
export FM_SRCDIR=$FM_ROOT FM_BUILDDIR=$FM_ROOT/build FM_QUIET=1
. "$FM_STATE/env"
psql -XqAt -v ON_ERROR_STOP=1 <<'SQL'
SET client_min_messages = warning;
BEGIN;
DROP TABLE order_figures, document_figures CASCADE;
DROP FUNCTION order_figures_new() CASCADE;
DROP FUNCTION order_figures_old() CASCADE;
DROP FUNCTION order_figures_changed() CASCADE;
DROP FUNCTION document_figures_documents() CASCADE;
DROP FUNCTION document_figures_payments() CASCADE;
DROP FUNCTION order_figures_refresh(bigint[]);
DROP FUNCTION document_figures_refresh(bigint[]);
DROP INDEX orders_study_ref_trgm, companies_name_trgm, companies_city_trgm,
	contacts_name_trgm, contacts_email_trgm, documents_study_ref_trgm,
	documents_number_trgm, media_files_pending_idx, contacts_list_idx,
	reservations_room_idx;
DELETE FROM schema_migrations WHERE version BETWEEN 200 AND 209;
COMMIT;
SQL
# The writer: one small write transaction on each table every 50 ms,
# each one's time in ms.
waits=$(mktemp)
(
	end=$((SECONDS + 600))
	while [ -e "$waits" ] && [ $SECONDS -lt $end ]; do
		psql -XqAt -c '\timing on' -c "BEGIN; UPDATE reservations SET info = info WHERE id = (SELECT min(id) FROM reservations);
			UPDATE order_options SET quantity = quantity WHERE id = (SELECT min(id) FROM order_options);
			UPDATE documents SET internal_note = internal_note WHERE id = (SELECT max(id) FROM documents WHERE status = 'draft');
			COMMIT;" 2>/dev/null | awk '/^Time/ { t += $2 } END { print t }' >>"$waits" || true
		sleep 0.05
	done
) &
writer=$!
sleep 1
start=$(date +%s.%N)
dev/stack migrate
took=$(echo "$(date +%s.%N) - $start" | bc -l)
sleep 1
cp "$waits" "$waits.done"
rm -f "$waits"
wait "$writer" 2>/dev/null || true
printf 'fm-migrate 0200-0209 on %s orders, %s documents: %.1f s\n' \
	"$(psql -XAtc 'SELECT count(*) FROM orders')" "$(psql -XAtc 'SELECT count(*) FROM documents')" "$took"
sort -g "$waits.done" | awk '{ v[NR] = $1 } END { printf "writes during it: %d, longest %.0f ms, median %.0f ms\n", NR, v[NR], v[int((NR + 1) / 2)] }'
rm -f "$waits.done"

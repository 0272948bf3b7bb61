#!/usr/bin/env bash
# bench/billing.sh - billing figures on a private stack (loopback):
#
#   1. PDF invoices in process (bench/pdf-bench: focusd's pdf_render, one
#      page, 20 lines, two VAT rates, embedded font subsets): per second and
#      bytes per file; then the same as a Factur-X, as issuing makes it
#      (pdf-bench -x: the CII XML, the PDF/A-3B with the XML, the sRGB ICC
#      profile and the XMP embedded), checked by check-facturx when
#      ../shared/einvoicing is there;
#   2. the same invoice through HTTP (nginx + focusd + PostgreSQL, logged
#      in; an issued invoice, so each download is also written to the
#      document log), and a draft (no log entry), with wrk;
#   3. the XLSX export of 100,000 document lines (2,000 issued invoices of
#      50 lines) from the database: time, size, and the peak memory (VmHWM)
#      of the focusd worker that made it.
#
#   bench/billing.sh [SECONDS]     (wrk duration, default 10)
#
# Targets: >= 200 PDF/s in process and < 60 KB a file (Factur-X too); the XLSX export of
# 100,000 lines in < 2.5 s and < 16 MB.
set -euo pipefail
. "$(dirname "$0")/../dev/lib.sh"
cd "$FM_ROOT"
secs=${1:-10}
command -v wrk >/dev/null || FM_EXTRA_PACKAGES=wrk fm_install_deps
fm_build "$FM_ROOT/build" >/dev/null

echo "== PDF in process (build/bench/pdf-bench, $(nproc) cores)"
build/bench/pdf-bench -n 2000 -o /tmp/fm-bench-invoice.pdf templates build/fonts
build/bench/pdf-bench -n 2000 -d templates build/fonts | sed 's/$/ (with disbursements)/'
echo "pages: $(pdfinfo /tmp/fm-bench-invoice.pdf | awk '/^Pages/ { print $2 }') (kept in /tmp/fm-bench-invoice.pdf)"
echo "== Factur-X in process (pdf-bench -x: CII XML + PDF/A-3B + ICC + XMP)"
build/bench/pdf-bench -n 2000 -x /usr/share/color/icc/sRGB.icc -o /tmp/fm-bench-facturx.pdf templates build/fonts
checker=${FM_EINVOICING_DIR:-$FM_ROOT/../shared/einvoicing}/check-facturx
[ -x "$checker" ] || checker=$FM_ROOT/t/einvoicing/check-facturx
if [ -x "$checker" ]; then
	echo "check-facturx: $(/usr/bin/python3 "$checker" /tmp/fm-bench-facturx.pdf | tail -n 1) (/tmp/fm-bench-facturx.pdf)"
fi

state=$(mktemp -d /tmp/fm-bench-XXXXXX)
chmod 755 "$state"
port=${FM_BENCH_PORT:-$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}
export FM_STATE=$state FM_HTTP_PORT=$port FM_WORKERS=${FM_WORKERS:-2}
export FM_SRCDIR=$FM_ROOT FM_BUILDDIR=$FM_ROOT/build FM_QUIET=1 FM_ACCESS_LOG=0
trap 'dev/stack stop >/dev/null 2>&1; rm -rf "$state"' EXIT
dev/stack start
. "$state/env"

echo "== data: an invoice of 20 lines; 2,000 issued invoices of 50 lines (100,000 lines)"
t0=$(date +%s.%N)
psql -XqAt -v ON_ERROR_STOP=1 <<'SQL'
SET TimeZone = 'Europe/Paris';
SELECT set_config('fm.who', 'bench', false);
UPDATE seller SET name = 'Focus Salles Paris', legal_form = 'SAS', capital = '50 000 €',
	address = '29 rue Merlin', postcode = '75011', city = 'Paris', country = 'France',
	siren = '732829320', rcs = 'Paris B 732 829 320', vat_number = 'FR44732829320',
	iban = 'FR7630006000011234567890189', bic = 'AGRIFRPP';
INSERT INTO sites (name) VALUES ('Paris');
INSERT INTO rooms (site_id, name) SELECT id, 'Salle 1' FROM sites;
INSERT INTO companies (name, address, postcode, city, country, siren)
SELECT 'Société ' || g || ' « Études »', g || ' rue de la Paix', '75002', 'Paris', 'France', '303265045'
FROM generate_series(1, 50) g;
INSERT INTO contacts (company_id, last_name, first_name, is_billing)
SELECT id, 'Compta', 'Élise', true FROM companies;
INSERT INTO orders (company_id, billing_contact_id, study_ref)
SELECT c.id, k.id, 'ETU-' || g FROM generate_series(1, 2001) g
JOIN companies c ON c.id = 1 + g % 50 JOIN contacts k ON k.company_id = c.id;
-- Drafts: the first of 20 lines, the others of 50, two VAT rates, a discount now and then.
INSERT INTO documents (kind, order_id, company_id, billing_company_id, billing_contact_id,
	study_ref, service_from, service_to, created_by)
SELECT 'invoice', o.id, o.company_id, o.company_id, o.billing_contact_id, o.study_ref,
	current_date - 3, current_date - 2, 'bench'
FROM orders o ORDER BY o.id;
INSERT INTO document_lines (document_id, position, label, quantity, unit_price, discount_pct, vat_rate)
SELECT d.id, g, CASE g % 5 WHEN 0 THEN 'Location salle 1 — journée' WHEN 1 THEN 'Plateau repas'
	WHEN 2 THEN 'Copies A4 couleur' WHEN 3 THEN 'Café d''accueil et viennoiseries'
	ELSE 'Recrutement de participants (8 personnes)' END || ' — ' || to_char(current_date - 3, 'DD/MM/YYYY'),
	1 + g % 12, (10 + g * 7.35)::numeric(12,2), CASE WHEN g % 7 = 0 THEN 10 ELSE 0 END,
	CASE WHEN g % 4 = 1 THEN 10 ELSE 20 END
FROM documents d, generate_series(1, 50) g
WHERE d.id > 1 OR g <= 20
ORDER BY d.id, g;
DO $$ DECLARE d record; BEGIN
	FOR d IN SELECT id FROM documents ORDER BY id LOOP
		PERFORM issue_document(d.id, current_date - 1);
	END LOOP;
END $$;
-- One more draft of 20 lines (downloading a draft writes no log entry).
INSERT INTO documents (kind, order_id, company_id, billing_company_id, created_by)
SELECT 'invoice', 1, company_id, company_id, 'bench' FROM orders WHERE id = 1;
INSERT INTO document_lines (document_id, position, label, quantity, unit_price, vat_rate)
SELECT (SELECT max(id) FROM documents), position, label, quantity, unit_price, vat_rate
FROM document_lines WHERE document_id = 1;
ANALYZE;
SQL
t1=$(date +%s.%N)
lines=$(psql -XAtc "SELECT count(*) FROM document_lines l JOIN documents d ON d.id = l.document_id WHERE d.status = 'issued'")
echo "$(psql -XAtc "SELECT count(*) FROM documents WHERE status = 'issued'") invoices issued, $lines lines, in $(echo "$t1 - $t0" | bc -l | cut -c1-5) s"
draft=$(psql -XAtc "SELECT max(id) FROM documents")

printf 'bench-pass-1234\n' | build/fm-admin -c "$state/focusd.conf" user add bench >/dev/null
base=http://127.0.0.1:$FM_HTTP_PORT
jar=$state/cookies
curl -s -c "$jar" -b "$jar" "$base/login" >/dev/null
token=$(awk '$6 == "fm_csrf" { print $7 }' "$jar")
curl -s -c "$jar" -b "$jar" -o /dev/null -H "Origin: $base" \
	--data "login=bench&password=bench-pass-1234&csrf_token=$token" "$base/login"
session=$(awk '$6 == "fm_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "bench: login failed" >&2; exit 1; }
size=$(curl -s -b "fm_session=$session" "$base/documents/1.pdf" | wc -c)
pages=$(curl -s -b "fm_session=$session" "$base/documents/1.pdf" | pdfinfo - | awk '/^Pages/ { print $2 }')

run() {
	wrk -t2 -c8 -d"${secs}s" --latency "$@" | awk '
		function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
		/^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
		/^Requests\/sec/ { rps = $2 }
		/Non-2xx/ { bad = $NF }
		END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, bad + 0 }'
}
echo "== PDF through HTTP: wrk -t2 -c8 -d${secs}s, $FM_WORKERS focusd workers ($size bytes, $pages page)"
before=$(psql -XAtc "SELECT count(*) FROM document_log")
read -r i_rps i_p50 i_p99 i_bad < <(run -H "Cookie: fm_session=$session" "$base/documents/1.pdf")
after=$(psql -XAtc "SELECT count(*) FROM document_log")
read -r d_rps d_p50 d_p99 d_bad < <(run -H "Cookie: fm_session=$session" "$base/documents/$draft.pdf")
printf '%-52s %8s %8s %8s\n' "target" "req/s" "p50 ms" "p99 ms"
printf '%-52s %8s %8s %8s\n' "issued invoice, 20 lines (download logged)" "$i_rps" "$i_p50" "$i_p99"
printf '%-52s %8s %8s %8s\n' "draft invoice, 20 lines (not logged)" "$d_rps" "$d_p50" "$d_p99"
echo "download entries written: $((after - before)); non-2xx: $i_bad $d_bad"
t2=$(date +%s.%N)
build/fm-audit -c "$state/focusd.conf" check | head -1
t3=$(date +%s.%N)
echo "fm-audit check of $(psql -XAtc "SELECT count(*) FROM document_log") entries: $(echo "$t3 - $t2" | bc -l | cut -c1-5) s"

echo "== XLSX export of $lines lines (one fresh worker, constant_memory)"
FM_WORKERS=1 dev/stack focusd-stop >/dev/null
FM_WORKERS=1 dev/stack app-start >/dev/null
worker=$(pgrep -P "$(cat "$state/focusd.pid")" | head -1)
curl -s -b "fm_session=$session" -o /dev/null "$base/healthz"
hwm0=$(awk '/^VmHWM/ { print $2 }' "/proc/$worker/status")
from=$(date -d '-30 days' +%F)
to=$(date +%F)
out=$state/export.xlsx
curl -s -b "fm_session=$session" -o "$out" -w '%{http_code} %{time_total} s, %{size_download} bytes\n' \
	"$base/exports/invoices.xlsx?from=$from&to=$to"
hwm1=$(awk '/^VmHWM/ { print $2 }' "/proc/$worker/status")
rows=$(python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(z.read('xl/worksheets/sheet2.xml').count(b'<row '))" "$out")
echo "sheet 2 rows: $rows (header, lines, totals); worker peak RSS (VmHWM): $((hwm0 / 1024)) MB before, $((hwm1 / 1024)) MB after the export"
echo "targets: PDF >= 200/s in process and < 60 KB; XLSX of 100,000 lines < 2.5 s and < 16 MB"

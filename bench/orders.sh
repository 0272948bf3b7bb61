#!/usr/bin/env bash
# bench/orders.sh - wrk against a private stack on loopback: the week
# planning with 30 rooms (5 sites) and 600 reservations, and an order page
# with 100 lines (reservations, with its totals), logged in; a static
# file of the same nginx for comparison.  Prints req/s, p50, p99 and the
# ratio to the static file.
#
#   bench/orders.sh [SECONDS]      (default 10; 2 threads, 32 connections)
set -euo pipefail
. "$(dirname "$0")/../dev/lib.sh"
cd "$FM_ROOT"
secs=${1:-10}
command -v wrk >/dev/null || FM_EXTRA_PACKAGES=wrk fm_install_deps
fm_build "$FM_ROOT/build" >/dev/null

state=$(mktemp -d /tmp/fm-bench-XXXXXX)
chmod 755 "$state"
port=${FM_BENCH_PORT:-$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}
export FM_STATE=$state FM_HTTP_PORT=$port FM_WORKERS=${FM_WORKERS:-4}
export FM_SRCDIR=$FM_ROOT FM_BUILDDIR=$FM_ROOT/build FM_QUIET=1 FM_ACCESS_LOG=0
trap 'dev/stack stop >/dev/null 2>&1; rm -rf "$state"' EXIT
dev/stack start
. "$state/env"
psql -XqAt -v ON_ERROR_STOP=1 <<'SQL'
SET TimeZone = 'Europe/Paris';
INSERT INTO sites (name) SELECT 'Site ' || g FROM generate_series(1, 5) g;
INSERT INTO rooms (site_id, name, capacity, position)
SELECT s.id, 'Salle ' || s.id || '.' || g, 10, g FROM sites s, generate_series(1, 6) g;
INSERT INTO tariffs (label_fr, label_en, kind, starts, ends, price, vat_rate, overtime_price) VALUES
	('Matinée', 'Morning', 'morning', '09:00', '12:00', 450, 20, 95),
	('Après-midi', 'Afternoon', 'afternoon', '13:00', '17:00', 450, 20, 95),
	('Soirée', 'Evening', 'evening', '18:00', '22:00', 520, 20, 110);
INSERT INTO companies (name, city) SELECT 'Société ' || to_char(g, 'FM000') || ' & Cie', 'Paris'
FROM generate_series(1, 100) g;
INSERT INTO contacts (company_id, last_name, first_name, is_billing)
SELECT id, 'Martin', 'Élise', true FROM companies;
INSERT INTO orders (company_id, contact_id, study_ref, vip)
SELECT c.id, k.id, 'ETU-' || g, g % 10 = 0
FROM generate_series(1, 150) g JOIN companies c ON c.id = 1 + g % 100
JOIN contacts k ON k.company_id = c.id;
-- 600 reservations in the week of 2030-03-11: 30 rooms x 7 days x 3 slots, 600 of the 630.
INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id, rec, trad, live)
SELECT 1 + (n % 150), room_id, (day + t.starts)::timestamptz, (day + t.ends)::timestamptz, t.id,
	n % 2 = 0, n % 3 = 0, n % 5 = 0
FROM (SELECT row_number() OVER () AS n, r.id AS room_id, d::date AS day, s AS slot
	FROM rooms r, generate_series('2030-03-11'::date, '2030-03-17', '1 day') d, generate_series(1, 3) s
	ORDER BY d, r.id, s LIMIT 600) x
JOIN tariffs t ON t.id = x.slot;
-- One more order with 100 reservations (another month), the order page.
INSERT INTO orders (company_id, contact_id, study_ref, comment_printed)
SELECT 1, (SELECT id FROM contacts WHERE company_id = 1), 'BENCH-100', 'Cent lignes';
INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id, rec, overtime_minutes)
SELECT (SELECT max(id) FROM orders), 1 + (n % 30), (d + t.starts)::timestamptz, (d + t.ends)::timestamptz,
	t.id, true, (n % 4) * 15
FROM (SELECT row_number() OVER () AS n, d::date AS d, s FROM generate_series('2030-05-01'::date, '2030-06-15', '1 day') d,
	generate_series(1, 3) s ORDER BY 2, 3 LIMIT 100) x JOIN tariffs t ON t.id = x.s;
ANALYZE;
SQL
order=$(psql -XAtc "SELECT max(id) FROM orders")
[ "$(psql -XAtc "SELECT count(*) FROM reservations WHERE starts_at >= '2030-03-11' AND starts_at < '2030-03-18'")" = 600 ] ||
	{ echo "bench: expected 600 reservations in the week" >&2; exit 1; }
printf 'bench-pass-1234\n' | build/fm-admin -c "$state/focusd.conf" user add bench >/dev/null
base=http://127.0.0.1:$FM_HTTP_PORT
jar=$state/cookies
curl -s -c "$jar" -b "$jar" "$base/login" >/dev/null
token=$(awk '$6 == "fm_csrf" { print $7 }' "$jar")
curl -s -c "$jar" -b "$jar" -o /dev/null -H "Origin: $base" \
	--data "login=bench&password=bench-pass-1234&csrf_token=$token" "$base/login"
session=$(awk '$6 == "fm_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "bench: login failed" >&2; exit 1; }
plan="$base/planning?date=2030-03-11&view=week"
page="$base/orders/$order"
blocks=$(curl -s -b "fm_session=$session" "$plan" | grep -o 'class="blk' | wc -l)
lines=$(curl -s -b "fm_session=$session" "$page" | grep -o "<tr id=\"res-" | wc -l)
[ "$blocks" = 600 ] && [ "$lines" = 100 ] ||
	{ echo "bench: planning shows $blocks blocks (600 expected), order $lines lines (100 expected)" >&2; exit 1; }

if [ -n "${FM_BENCH_HOLD:-}" ]; then
	# For profiling: keep the stack up until interrupted.
	echo "hold: $plan $page fm_session=$session pid $(cat "$state/focusd.pid")"
	sleep 100000 || true
	exit 0
fi

# Runs wrk and prints "req/s p50_ms p99_ms non2xx".
run() {
	wrk -t2 -c32 -d"${secs}s" --latency "$@" | awk '
		function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
		/^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
		/^Requests\/sec/ { rps = $2 }
		/Non-2xx/ { bad = $NF }
		END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, bad + 0 }'
}

echo "FocusManager orders benchmark: wrk -t2 -c32 -d${secs}s on 127.0.0.1, $FM_WORKERS focusd workers, $(nproc) cores"
read -r s_rps s_p50 s_p99 s_bad < <(run "$base/static/style.css")
read -r p_rps p_p50 p_p99 p_bad < <(run -H "Cookie: fm_session=$session" "$plan")
read -r o_rps o_p50 o_p99 o_bad < <(run -H "Cookie: fm_session=$session" "$page")
printf '%-44s %8s %8s %8s %10s\n' "target" "req/s" "p50 ms" "p99 ms" "vs static"
printf '%-44s %8s %8s %8s %10s\n' "static file (nginx)" "$s_rps" "$s_p50" "$s_p99" "100%"
printf '%-44s %8s %8s %8s %9.1f%%\n' "week planning (30 rooms, 600 reservations)" "$p_rps" "$p_p50" "$p_p99" \
	"$(echo "100 * $p_rps / $s_rps" | bc -l)"
printf '%-44s %8s %8s %8s %9.1f%%\n' "order page (100 lines, totals)" "$o_rps" "$o_p50" "$o_p99" \
	"$(echo "100 * $o_rps / $s_rps" | bc -l)"
[ "$s_bad$p_bad$o_bad" = 000 ] || echo "warning: non-2xx answers: static $s_bad, planning $p_bad, order $o_bad"
echo "target: p99 < 25 ms for the planning and the order page"

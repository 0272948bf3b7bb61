#!/usr/bin/env bash
# bench/pages.sh - the pages staff and viewers use all day, on the demo
# data and on five years of data (dev/dataset), side by side in one run:
# wrk -t2 -c32 on each page of each stack in turn, logged in, with the
# static file of the same nginx measured in each round.  Prints req/s,
# p99 and the share of the static file's req/s for both datasets and the
# ratio 5 years / demo; then the XLSX export of a year of invoices (time
# and the worker's peak memory) and the FEC of a fiscal year, on both.
#
#   bench/pages.sh [SECONDS]          (default 5 per page and dataset)
#   FM_BENCH_BIG=DIR                  a stack already filled by dev/dataset
#                                     (else one is made in a temporary folder,
#                                     about 5 minutes; FM_BENCH_SCALE=1)
set -euo pipefail
. "$(dirname "$0")/../dev/lib.sh"
cd "$FM_ROOT"
secs=${1:-5}
command -v wrk >/dev/null || FM_EXTRA_PACKAGES=$FM_BENCH_PACKAGES fm_install_deps
fm_build "$FM_ROOT/build" >/dev/null
export FM_SRCDIR=$FM_ROOT FM_BUILDDIR=$FM_ROOT/build FM_QUIET=1 FM_ACCESS_LOG=0
export FM_WORKERS=${FM_WORKERS:-4}
freeport() { python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }

demo=$(mktemp -d /tmp/fm-bench-demo-XXXXXX)
chmod 755 "$demo"
made_big=
if [ -n "${FM_BENCH_BIG:-}" ]; then
	big=$FM_BENCH_BIG
else
	big=$(mktemp -d /tmp/fm-bench-big-XXXXXX)
	chmod 755 "$big"
	made_big=1
fi
port_demo=$(freeport) port_big=$(freeport)
cleanup() {
	FM_STATE=$demo dev/stack stop >/dev/null 2>&1 || true
	rm -rf "$demo"
	if [ -n "$made_big" ]; then
		FM_STATE=$big dev/stack stop >/dev/null 2>&1 || true
		rm -rf "$big"
	else
		FM_STATE=$big dev/stack app-stop >/dev/null 2>&1 || true
	fi
}
trap cleanup EXIT

# The demo: dev/demo's SQL files (not its recordings, which need FFmpeg).
FM_STATE=$demo FM_HTTP_PORT=$port_demo dev/stack start
(
	. "$demo/env"
	for f in dev/demo-data/*.sql; do psql -XqAt -v ON_ERROR_STOP=1 -f "$f" >/dev/null; done
	psql -XqAt -c 'ANALYZE' >/dev/null
)
if [ -n "$made_big" ]; then
	FM_STATE=$big FM_HTTP_PORT=$port_big dev/stack start
	FM_STATE=$big dev/dataset --scale "${FM_BENCH_SCALE:-1}"
else
	FM_STATE=$big dev/stack pg-start >/dev/null
	FM_STATE=$big dev/stack migrate >/dev/null
	FM_STATE=$big dev/stack app-stop >/dev/null 2>&1 || true
	FM_STATE=$big FM_HTTP_PORT=$port_big dev/stack app-start
fi

# Logs in as an admin (who may see the exports too); prints the session.
login() {
	local state=$1 base=$2 jar token session
	printf 'bench-pass-1234\n' | build/fm-admin -c "$state/focusd.conf" user add benchpages \
		--role admin >/dev/null 2>&1 || true
	printf 'bench-pass-1234\n' | build/fm-admin -c "$state/focusd.conf" user passwd benchpages \
		>/dev/null 2>&1 || true
	jar=$state/bench-cookies
	rm -f "$jar"
	curl -s -c "$jar" -b "$jar" "$base/login" >/dev/null
	token=$(awk '$6 == "fm_csrf" { print $7 }' "$jar")
	curl -s -c "$jar" -b "$jar" -o /dev/null -H "Origin: $base" \
		--data "login=benchpages&password=bench-pass-1234&csrf_token=$token" "$base/login"
	session=$(awk '$6 == "fm_session" { print $7 }' "$jar")
	[ -n "$session" ] || { echo "bench: login failed on $base" >&2; exit 1; }
	echo "$session"
}
# The ids a page needs in a dataset: a recent order with reservations,
# an issued invoice, a live reservation, a day with sessions.
ids() {
	(
		. "$1/env"
		psql -XAt -F ' ' -c "SELECT
			(SELECT order_id FROM reservations WHERE starts_at < now() ORDER BY starts_at DESC LIMIT 1),
			(SELECT id FROM documents WHERE kind = 'invoice' AND status = 'issued' ORDER BY id DESC LIMIT 1),
			coalesce((SELECT r.id FROM reservations r WHERE r.live AND EXISTS
				(SELECT 1 FROM chat_messages c WHERE c.reservation_id = r.id) ORDER BY r.starts_at DESC LIMIT 1),
				(SELECT id FROM reservations WHERE live ORDER BY starts_at DESC LIMIT 1)),
			(SELECT to_char(max(starts_at), 'YYYY-MM-DD') FROM reservations WHERE starts_at < now()),
			(SELECT extract(year FROM max(issued_on))::int - CASE WHEN count(*) > 1000 THEN 1 ELSE 0 END
				FROM documents WHERE status = 'issued')"
	)
}
base_demo=http://127.0.0.1:$port_demo base_big=http://127.0.0.1:$port_big
s_demo=$(login "$demo" "$base_demo") s_big=$(login "$big" "$base_big")
read -r o_demo d_demo l_demo day_demo y_demo < <(ids "$demo")
read -r o_big d_big l_big day_big y_big < <(ids "$big")

# The pages: a label and a path with {order} {doc} {live} {day} in it.
pages=(
	"companies list|/companies"
	"companies search|/companies?q=lumiere"
	"contacts list|/contacts"
	"orders list|/orders"
	"orders search|/orders?q=dupont"
	"documents list|/documents"
	"documents unpaid|/documents?status=unpaid"
	"videos list (a day)|/videos?date={day}"
	"videos search|/videos?q=etu"
	"exports|/exports"
	"boxes|/boxes"
	"configuration (sites)|/config/sites"
	"planning day|/planning?view=day&date={day}"
	"planning week|/planning?date={day}"
	"an order|/orders/{order}"
	"a document|/documents/{doc}"
	"order videos + downloads|/orders/{order}/videos"
	"live page|/portal/live/{live}"
	"chat poll|/portal/live/{live}/poll"
)
fill() { # path order doc live day
	local p=$1
	p=${p//\{order\}/$2}; p=${p//\{doc\}/$3}; p=${p//\{live\}/$4}; p=${p//\{day\}/$5}
	echo "$p"
}
# wrk; prints "req/s p99_ms non2xx".
run() {
	wrk -t2 -c32 -d"${secs}s" --latency "$@" | awk '
		function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
		/^ +99%/ { p99 = ms($2) }
		/^Requests\/sec/ { rps = $2 }
		/Non-2xx/ { bad = $NF }
		END { printf "%.0f %.2f %s\n", rps, p99, bad + 0 }'
}
code() { curl -s -o /dev/null -w '%{http_code}' -b "fm_session=$1" "$2"; }

echo "FocusManager pages: wrk -t2 -c32 -d${secs}s on 127.0.0.1, $FM_WORKERS focusd workers per stack, $(nproc) cores"
echo "demo: $(. "$demo/env"; psql -XAtc "SELECT count(*) || ' orders, ' || (SELECT count(*) FROM documents) || ' documents, ' || (SELECT count(*) FROM recordings) || ' recordings' FROM orders")"
echo "5 years: $(. "$big/env"; psql -XAtc "SELECT count(*) || ' orders, ' || (SELECT count(*) FROM documents) || ' documents, ' || (SELECT count(*) FROM recordings) || ' recordings, ' || (SELECT count(*) FROM chat_messages) || ' chat messages' FROM orders")"
printf '%-26s %9s %8s %7s | %9s %8s %7s | %8s\n' page "demo r/s" "p99 ms" "static" "5y r/s" "p99 ms" "static" "5y/demo"
read -r st_rps st_p99 _ < <(run "$base_demo/static/style.css")
printf '%-26s %9s %8s %7s |\n' "static file (nginx)" "$st_rps" "$st_p99" "100%"
for entry in "${pages[@]}"; do
	label=${entry%%|*} path=${entry#*|}
	pd=$(fill "$path" "$o_demo" "$d_demo" "$l_demo" "$day_demo")
	pb=$(fill "$path" "$o_big" "$d_big" "$l_big" "$day_big")
	cd_=$(code "$s_demo" "$base_demo$pd") cb=$(code "$s_big" "$base_big$pb")
	# The static file in the same round: the machine's speed drifts.
	read -r st_rps _ _ < <(run "$base_demo/static/style.css")
	read -r d_rps d_p99 d_bad < <(run -H "Cookie: fm_session=$s_demo" "$base_demo$pd")
	read -r b_rps b_p99 b_bad < <(run -H "Cookie: fm_session=$s_big" "$base_big$pb")
	printf '%-26s %9s %8s %6.1f%% | %9s %8s %6.1f%% | %7.0f%%%s\n' "$label" \
		"$d_rps" "$d_p99" "$(echo "100 * $d_rps / $st_rps" | bc -l)" \
		"$b_rps" "$b_p99" "$(echo "100 * $b_rps / $st_rps" | bc -l)" \
		"$(echo "100 * $b_rps / ($d_rps + 0.001)" | bc -l)" \
		"$([ "$cd_$cb" = 200200 ] || echo "  (HTTP $cd_ / $cb)")$([ "$d_bad$b_bad" = 00 ] || echo "  (non-2xx $d_bad / $b_bad)")"
done

# Exports: a year of invoices as XLSX, the FEC of a fiscal year (one
# request each; time, and the focusd worker's peak memory for the XLSX).
export_one() { # label state base session path
	local t peak pids
	pids=$(pgrep -P "$(cat "$2/focusd.pid")" | tr '\n' ' ')
	t=$(curl -s -o "$2/export.out" -w '%{http_code} %{time_total} %{size_download}' -b "fm_session=$4" "$3$5")
	peak=0
	for p in $pids; do
		v=$(awk '/VmHWM/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
		[ "${v:-0}" -gt "$peak" ] && peak=$v
	done
	read -r c s b <<<"$t"
	printf '%-26s HTTP %s %6.2f s %9s bytes  worker peak %s MB\n' "$1" "$c" "$s" "$b" "$((peak / 1024))"
}
echo
# A fresh generation of workers, so that VmHWM is the export's.
for st in "$demo" "$big"; do kill -HUP "$(cat "$st/focusd.pid")"; done
sleep 2
export_one "XLSX $y_demo (demo)" "$demo" "$base_demo" "$s_demo" "/exports/invoices.xlsx?from=$y_demo-01-01&to=$y_demo-12-31"
export_one "XLSX $y_big (5 years)" "$big" "$base_big" "$s_big" "/exports/invoices.xlsx?from=$y_big-01-01&to=$y_big-12-31"
export_one "FEC $y_demo (demo)" "$demo" "$base_demo" "$s_demo" "/exports/fec.txt?year=$y_demo"
export_one "FEC $y_big (5 years)" "$big" "$base_big" "$s_big" "/exports/fec.txt?year=$y_big"
echo "targets: p99 < 15 ms; lists >= 8% of static; 5y/demo >= 80%; exports < 3 s, XLSX < 32 MB"

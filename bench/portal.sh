#!/usr/bin/env bash
# bench/portal.sh - the portal's two figures, against a private stack on
# loopback:
#   1. downloading a 1 GB recording through the portal (/download/{id}:
#      focusd checks and logs, nginx sends with X-Accel-Redirect) against
#      the same file (the same inode) as a plain nginx static file; best
#      and median of 7 alternated runs of curl each (target >= 95 %);
#   2. the portal page (/portal, a client account, 3 live sessions and 6
#      recordings) with wrk -t2 -c32 (target p99 < 15 ms).
#
#   bench/portal.sh [SECONDS]   (wrk duration, default 10)
#   FM_BENCH_MB=1024 (file size), FM_WORKERS=4, FM_BENCH_RUNS=7
set -euo pipefail
. "$(dirname "$0")/../dev/lib.sh"
cd "$FM_ROOT"
secs=${1:-10}
mb=${FM_BENCH_MB:-1024}
runs=${FM_BENCH_RUNS:-7}
command -v wrk >/dev/null || FM_EXTRA_PACKAGES=wrk fm_install_deps
fm_build "$FM_ROOT/build" >/dev/null

state=$(mktemp -d /tmp/fm-bench-XXXXXX)
chmod 755 "$state"
port=${FM_BENCH_PORT:-$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}
# The static copy of the file is served from a copy of the templates.
mkdir -p "$state/templates"
cp -R templates/. "$state/templates/"
export FM_STATE=$state FM_HTTP_PORT=$port FM_WORKERS=${FM_WORKERS:-4} FM_TEMPLATES=$state/templates
export FM_SRCDIR=$FM_ROOT FM_BUILDDIR=$FM_ROOT/build FM_QUIET=1 FM_ACCESS_LOG=0
trap 'dev/stack stop >/dev/null 2>&1; rm -rf "$state"' EXIT
dev/stack start
. "$state/env"
conf=$state/focusd.conf
order=$(psql -XqAt -v ON_ERROR_STOP=1 <<'SQL'
SET TimeZone = 'Europe/Paris';
INSERT INTO sites (name) VALUES ('Paris');
INSERT INTO rooms (site_id, name) SELECT id, 'Salle ' || g FROM sites, generate_series(1, 3) g;
INSERT INTO tariffs (label_fr, label_en, kind, starts, ends, price, vat_rate)
	VALUES ('Soirée', 'Evening', 'evening', '18:00', '22:00', 520, 20);
INSERT INTO companies (name) VALUES ('Banc d''essai SA');
INSERT INTO orders (company_id, study_ref) SELECT id, 'BENCH-PORTAL' FROM companies RETURNING id;
SQL
)
psql -XqAt -v ON_ERROR_STOP=1 -c "INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id, rec, live)
	SELECT $order, 1 + g % 3, ('2030-03-10'::date + g + time '18:00')::timestamptz,
	('2030-03-10'::date + g + time '21:00')::timestamptz, 1, true, g % 2 = 0
	FROM generate_series(1, 6) g"
mkdir -p "$state/src"
echo "bench: making a ${mb} MB file"
head -c "$((mb * 1024 * 1024))" /dev/urandom >"$state/src/big.mp4"
head -c 100000 /dev/urandom >"$state/src/small.mp4"
first=$(psql -XAtc "SELECT min(id) FROM reservations")
build/fm-media -c "$conf" add -r "$first" --move "$state/src/big.mp4" >/dev/null
for res in $(psql -XAtc "SELECT id FROM reservations WHERE id <> $first ORDER BY id"); do
	build/fm-media -c "$conf" add -r "$res" "$state/src/small.mp4" "mp3=$state/src/small.mp4" >/dev/null
done
media=$(psql -XAtc "SELECT id FROM media_files WHERE bytes = $((mb * 1024 * 1024))")
path=$(psql -XAtc "SELECT path FROM media_files WHERE id = $media")
ln "$state/data/media/$path" "$state/templates/static/big.mp4"
printf 'bench-pass-1234\n' | build/fm-admin -c "$conf" account passwd "C$order" >/dev/null

base=http://127.0.0.1:$port
jar=$state/cookies
curl -s -c "$jar" -b "$jar" "$base/login" >/dev/null
token=$(awk '$6 == "fm_csrf" { print $7 }' "$jar")
curl -s -c "$jar" -b "$jar" -o /dev/null -H "Origin: $base" \
	--data "login=C$order&password=bench-pass-1234&csrf_token=$token" "$base/login"
session=$(awk '$6 == "fm_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "bench: login failed" >&2; exit 1; }
rows=$(curl -s -b "fm_session=$session" "$base/portal" | grep -c '<tr id="rec-')
[ "$rows" = 6 ] || { echo "bench: the portal shows $rows recordings, 6 expected" >&2; exit 1; }

if [ -n "${FM_BENCH_HOLD:-}" ]; then
	# For profiling: keep the stack up until interrupted.
	echo "hold: $base/portal fm_session=$session pid $(cat "$state/focusd.pid") state $state"
	sleep 100000 || true
	exit 0
fi

# MB/s of one curl download (bytes checked).
fetch() {
	local out
	out=$(curl -s -o /dev/null -w '%{size_download} %{speed_download}' "$@")
	[ "${out% *}" = "$((mb * 1024 * 1024))" ] || { echo "bench: short download: $out" >&2; exit 1; }
	echo "${out#* }" | awk '{ printf "%.1f\n", $1 / 1048576 }'
}
cat "$state/data/media/$path" >/dev/null   # in the page cache for both
portal=() static=()
for i in $(seq "$runs"); do
	portal+=("$(fetch -b "fm_session=$session" "$base/download/$media")")
	static+=("$(fetch "$base/static/big.mp4")")
done
stats() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%s %s\n", v[NR], v[int((NR + 1) / 2)] }'; }
read -r p_best p_med < <(stats "${portal[@]}")
read -r s_best s_med < <(stats "${static[@]}")

# Runs wrk and prints "req/s p50_ms p99_ms non2xx".
run() {
	wrk -t2 -c32 -d"${secs}s" --latency "$@" | awk '
		function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
		/^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
		/^Requests\/sec/ { rps = $2 }
		/Non-2xx/ { bad = $NF }
		END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, bad + 0 }'
}
read -r w_rps w_p50 w_p99 w_bad < <(run -H "Cookie: fm_session=$session" "$base/portal")

echo
echo "FocusManager portal benchmark: 127.0.0.1, $FM_WORKERS focusd workers, $(nproc) cores"
echo "1. ${mb} MB download, curl, $runs runs each (MB/s, best / median):"
printf '   %-40s %8s %8s\n' "plain static file (nginx)" "$s_best" "$s_med"
printf '   %-40s %8s %8s\n' "/download/{id} (focusd + X-Accel-Redirect)" "$p_best" "$p_med"
printf '   %-40s %7.1f%% %7.1f%%   (target >= 95%%)\n' "portal / static" \
	"$(echo "100 * $p_best / $s_best" | bc -l)" "$(echo "100 * $p_med / $s_med" | bc -l)"
echo "   runs, portal: ${portal[*]}; static: ${static[*]}"
echo "2. wrk -t2 -c32 -d${secs}s --latency $base/portal (client account, 6 recordings, 3 lives):"
printf '   %s req/s, p50 %s ms, p99 %s ms (target p99 < 15 ms)%s\n' "$w_rps" "$w_p50" "$w_p99" \
	"$([ "$w_bad" = 0 ] || echo ", $w_bad non-2xx answers")"

#!/usr/bin/env bash
# bench/http.sh - wrk against a private stack on loopback: a static file
# served by the same nginx, focusd's /healthz, and the companies list
# (1,000 companies with 2 contacts each, page of 50) logged in.
# Prints req/s, p50, p99 and the ratio to the static file.
#
#   bench/http.sh [SECONDS]        (default 10; 2 threads, 32 connections)
#   FM_BENCH_ROUNDS=3              (rounds of the three targets; the median ratio)
set -euo pipefail
. "$(dirname "$0")/../dev/lib.sh"
cd "$FM_ROOT"
secs=${1:-10}
command -v wrk >/dev/null || FM_EXTRA_PACKAGES=wrk fm_install_deps
fm_build "$FM_ROOT/build" >/dev/null

state=$(mktemp -d /tmp/fm-bench-XXXXXX)
chmod 755 "$state"
export FM_STATE=$state FM_HTTP_PORT=${FM_BENCH_PORT:-18480} FM_WORKERS=${FM_WORKERS:-4}
export FM_SRCDIR=$FM_ROOT FM_BUILDDIR=$FM_ROOT/build FM_QUIET=1 FM_ACCESS_LOG=0
trap 'dev/stack stop >/dev/null 2>&1; rm -rf "$state"' EXIT
dev/stack start
. "$state/env"
psql -XqAt -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO companies (name, phone, address, postcode, city, country, preferences)
SELECT 'Société ' || to_char(g, 'FM0000') || ' & Cie', '01 42 00 ' || lpad((g % 100)::text, 2, '0'),
       g || ' rue de la République', '75011', 'Paris', 'France', 'Café à 9 h, salle 1.'
FROM generate_series(1, 1000) g;
INSERT INTO contacts (company_id, last_name, first_name, function, email, is_billing)
SELECT c.id, 'Martin' || k, 'Élise', 'Chargée d''études', 'e' || k || '@example.com', k = 1
FROM companies c CROSS JOIN generate_series(1, 2) k;
ANALYZE;
SQL
printf 'bench-pass-1234\n' | build/fm-admin -c "$state/focusd.conf" user add bench >/dev/null
base=http://127.0.0.1:$FM_HTTP_PORT
jar=$state/cookies
curl -s -c "$jar" -b "$jar" "$base/login" >/dev/null
token=$(awk '$6 == "fm_csrf" { print $7 }' "$jar")
curl -s -c "$jar" -b "$jar" -o /dev/null -H "Origin: $base" \
	--data "login=bench&password=bench-pass-1234&csrf_token=$token" "$base/login"
session=$(awk '$6 == "fm_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "bench: login failed" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' -b "fm_session=$session" "$base/companies")" = 200 ] ||
	{ echo "bench: companies list did not answer 200" >&2; exit 1; }

# Runs wrk and prints "req/s p50_ms p99_ms".
run() {
	wrk -t2 -c32 -d"${secs}s" --latency "$@" | awk '
		function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
		/^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
		/^Requests\/sec/ { rps = $2 }
		/Non-2xx/ { bad = $NF }
		END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, bad + 0 }'
}

echo "FocusManager HTTP benchmark: wrk -t2 -c32 -d${secs}s on 127.0.0.1, $FM_WORKERS focusd workers, $(nproc) cores"
# Rounds of the three targets in turn: the machine's speed drifts by
# +-15% from minute to minute, so each ratio is taken within its round
# and the rounds' median is the figure.
rounds=${FM_BENCH_ROUNDS:-3}
ratios_h=() ratios_c=() bad=0
for round in $(seq "$rounds"); do
	read -r s_rps s_p50 s_p99 s_bad < <(run "$base/static/style.css")
	read -r h_rps h_p50 h_p99 h_bad < <(run "$base/healthz")
	read -r c_rps c_p50 c_p99 c_bad < <(run -H "Cookie: fm_session=$session" "$base/companies")
	h_ratio=$(echo "100 * $h_rps / $s_rps" | bc -l)
	c_ratio=$(echo "100 * $c_rps / $s_rps" | bc -l)
	ratios_h+=("$h_ratio") ratios_c+=("$c_ratio")
	bad=$((bad + s_bad + h_bad + c_bad))
	echo "round $round of $rounds"
	printf '  %-34s %10s %9s %9s %9s\n' "target" "req/s" "p50 ms" "p99 ms" "vs static"
	printf '  %-34s %10s %9s %9s %9s\n' "static file (nginx)" "$s_rps" "$s_p50" "$s_p99" "100%"
	printf '  %-34s %10s %9s %9s %8.1f%%\n' "/healthz (focusd + 1 query)" "$h_rps" "$h_p50" "$h_p99" "$h_ratio"
	printf '  %-34s %10s %9s %9s %8.1f%%\n' "/companies (50 of 1000, logged in)" "$c_rps" "$c_p50" "$c_p99" "$c_ratio"
	[ "$s_bad$h_bad$c_bad" = 000 ] || echo "  warning: non-2xx answers: static $s_bad, healthz $h_bad, companies $c_bad"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "median of $rounds rounds: /healthz $(median "${ratios_h[@]}")% of static, /companies $(median "${ratios_c[@]}")% of static"
echo "targets: companies >= 12% of static, p99 < 15 ms"

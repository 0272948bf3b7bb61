#!/usr/bin/env bash
# bench/upload.sh - fm-upload's throughput on loopback, against a private
# stack (nginx + focusd + PostgreSQL):
#   1. a 2 GB file sent by fm-upload (chunks, each appended by focusd, the
#      SHA-256 of the stored file checked at the end, flushed and moved into
#      the media store) against plain `curl -T` of the same file to the same
#      nginx (a WebDAV PUT location: nginx stores the body, nothing else),
#      and against curl -T followed by a flush of the file (what a durable
#      copy costs at the least); best and median of alternated runs
#      (target: fm-upload >= 85 % of curl -T);
#   2. the same file under a cap (Upload.MaxKbps, in kbit/s): the rate of
#      the chunks, first to last, against the cap (target: within 5 %), and
#      the whole run against curl -T --limit-rate at the same rate.
#
#   bench/upload.sh
#   FM_BENCH_MB=2048 (file size), FM_BENCH_RUNS=5, FM_BENCH_CHUNK_KB=16384,
#   FM_BENCH_CAPS="200000 800000" (the caps of part 2; "" skips it),
#   FM_WORKERS=2, FM_KEEP=1 (keep the state folder)
set -euo pipefail
. "$(dirname "$0")/../dev/lib.sh"
cd "$FM_ROOT"
mb=${FM_BENCH_MB:-2048}
runs=${FM_BENCH_RUNS:-5}
chunk_kb=${FM_BENCH_CHUNK_KB:-16384}
caps=${FM_BENCH_CAPS:-200000 800000}
fm_build "$FM_ROOT/build" >/dev/null

state=$(mktemp -d /var/tmp/fm-bench-upload-XXXXXX)
chmod 755 "$state"
port=${FM_BENCH_PORT:-$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}
export FM_STATE=$state FM_HTTP_PORT=$port FM_WORKERS=${FM_WORKERS:-2}
export FM_SRCDIR=$FM_ROOT FM_BUILDDIR=$FM_ROOT/build FM_QUIET=1
trap 'dev/stack stop >/dev/null 2>&1; [ -n "${FM_KEEP:-}" ] || rm -rf "$state"' EXIT
dev/stack start
. "$state/env"
base=http://127.0.0.1:$port

# The baseline: a WebDAV PUT location in the same server, its bodies in
# the same folder as the uploads' chunks.
python3 - "$state" <<'PY'
import sys
state = sys.argv[1]
p = state + "/nginx-site.conf"
s = open(p).read()
# Into the main server (the file has others, e.g. nginx-rtmp's callbacks).
i = s.index("    location / {")
s = s[:i] + """    location /bench-put/ {
        dav_methods PUT;
        alias %s/put/;
        client_max_body_size 0;
        client_body_temp_path %s/data/upload-body;
        client_body_buffer_size 1m;
    }

""" % (state, state) + s[i:]
open(p, "w").write(s)
PY
mkdir -p "$state/put"
nginx -p "$state/nginx" -c "$state/nginx.conf" -s reload
sleep 1

token=$(openssl rand -hex 32)
psql -XqAt -v ON_ERROR_STOP=1 -v token="$token" <<'SQL' >/dev/null
INSERT INTO sites (name) VALUES ('Banc');
INSERT INTO rooms (site_id, name) SELECT id, 'Salle' FROM sites;
INSERT INTO tariffs (label_fr, label_en, kind, starts, ends, price, vat_rate)
	VALUES ('Journée', 'Day', 'day', '09:00', '18:00', 500, 20);
INSERT INTO companies (name) VALUES ('Banc d''essai SA');
INSERT INTO orders (company_id, study_ref) SELECT id, 'BENCH-UPLOAD' FROM companies;
INSERT INTO reservations (order_id, room_id, starts_at, ends_at, tariff_id, rec)
	SELECT o.id, r.id, now() - interval '1 day', now() - interval '23 hours', t.id, true
	FROM orders o, rooms r, tariffs t;
INSERT INTO boxes (room_id, name, token_hash)
	SELECT id, 'Banc', sha256(decode(:'token', 'hex')) FROM rooms;
SQL
resv=$(psql -XAtc "SELECT id FROM reservations")

box=$state/box
mkdir -p "$box"
cat >"$box/box.conf" <<CONF
Central.URL = $base
Box.Token = $token
Paths.Data = $box
Input.Kind = lavfi
Upload.ChunkKB = $chunk_kb
CONF
echo "bench: making a $mb MB file"
head -c "$((mb * 1024 * 1024))" /dev/urandom >"$state/big.mp4"
sum=$(sha256sum "$state/big.mp4" | cut -c1-64)
bytes=$((mb * 1024 * 1024))

event() {
	curl -sf -o /dev/null -H "Authorization: Bearer $token" \
		-H "Content-Type: application/json" --data "$1" "$base/box/api/events"
}
n=0
# A new finished recording of the same bytes (a hard link): each run
# sends a file the central server does not have.
new_recording() {
	n=$((n + 1))
	key=$(date -u -d "@$(( $(date +%s) - 86400 + n ))" +%Y%m%dT%H%M%SZ)-r$resv
	rel=$key/$key.mp4
	mkdir -p "$box/media/$key" "$box/state/files/$key"
	ln "$state/big.mp4" "$box/media/$rel"
	printf '{"recording": "%s", "reservation": %s, "kind": "mp4", "path": "%s", "bytes": %s, "sha256": "%s", "duration_ms": 0, "finished_at": null}\n' \
		"$key" "$resv" "$rel" "$bytes" "$sum" >"$box/state/files/$key/$key.mp4.json"
	event "{\"type\": \"started\", \"seq\": $n, \"at\": \"$(date -u +%FT%TZ)\", \"recording\": \"$key\", \"reservation\": $resv, \"started_at\": \"$(date -u -d @$(( $(date +%s) - 86400 + n )) +%FT%TZ)\"}"
	event "{\"type\": \"file\", \"seq\": $n, \"at\": \"$(date -u +%FT%TZ)\", \"recording\": \"$key\", \"reservation\": $resv, \"kind\": \"mp4\", \"path\": \"$rel\", \"bytes\": $bytes, \"sha256\": \"$sum\"}"
}
# Drops what a run stored (disk space), keeping the rows.
clean_store() {
	find "$state/data/media" -type f -delete
	rm -f "$state/put/"*
}
ms_of() { # ISO time of a log line -> ms since the epoch
	python3 -c "import datetime,sys; print(int(datetime.datetime.strptime(sys.argv[1], '%Y-%m-%dT%H:%M:%S.%fZ').replace(tzinfo=datetime.timezone.utc).timestamp() * 1000))" "$1"
}

# MB/s of fm-upload sending the file (the whole run: open, chunks, finish),
# added to up; focusd's times (append, finish) to put_ms and finish_ms.
upload_run() {
	local t0 t1 log
	new_recording
	log=$state/run-$n.log
	t0=$(date +%s.%N)
	build/fm-upload -c "$box/box.conf" --once --verbose >"$log" 2>&1 ||
		{ cat "$log" >&2; echo "bench: fm-upload failed" >&2; exit 1; }
	t1=$(date +%s.%N)
	grep -q "verified by the central server" "$log" || { cat "$log" >&2; exit 1; }
	finish_ms+=("$(grep "POST /box/api/uploads/[0-9]*/finish 200" "$state/log/focusd.log" |
		tail -n 1 | sed 's/.* 200 \([0-9.]*\)ms.*/\1/')")
	put_ms+=("$(grep "PUT /box/api/uploads/[0-9]* 200" "$state/log/focusd.log" |
		sed 's/.* 200 \([0-9.]*\)ms.*/\1/' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')")
	: >"$state/log/focusd.log"
	[ -z "${FM_BENCH_VERBOSE:-}" ] || grep "there" "$log" | awk '{ print $(NF - 1) }' | tr '\n' ' ' >&2
	clean_store
	up+=("$(echo "$bytes $t0 $t1" | awk '{ printf "%.1f\n", $1 / 1048576 / ($3 - $2) }')")
}
# MB/s of curl -T to the WebDAV location; with "sync", the file flushed too.
curl_run() {
	local t0 t1
	t0=$(date +%s.%N)
	curl -sf -o /dev/null -T "$state/big.mp4" "$base/bench-put/big.mp4"
	[ "${1:-}" != sync ] || python3 -c "import os,sys; fd = os.open(sys.argv[1], os.O_RDONLY); os.fsync(fd)" "$state/put/big.mp4"
	t1=$(date +%s.%N)
	[ "$(stat -c %s "$state/put/big.mp4")" = "$bytes" ] || { echo "bench: short PUT" >&2; exit 1; }
	clean_store
	echo "$bytes $t0 $t1" | awk '{ printf "%.1f\n", $1 / 1048576 / ($3 - $2) }'
}

cat "$state/big.mp4" >/dev/null   # in the page cache for every run
sync
up=() plain=() synced=() finish_ms=() put_ms=()
for i in $(seq "$runs"); do
	plain+=("$(curl_run)")
	sync
	upload_run
	sync
	synced+=("$(curl_run sync)")
	sync
done
stats() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%s %s\n", v[NR], v[int((NR + 1) / 2)] }'; }
read -r u_best u_med < <(stats "${up[@]}")
read -r p_best p_med < <(stats "${plain[@]}")
read -r s_best s_med < <(stats "${synced[@]}")

cap_lines=()
for cap in $caps; do
	grep -v '^Upload.MaxKbps' "$box/box.conf" >"$box/box.conf.new"
	echo "Upload.MaxKbps = $cap" >>"$box/box.conf.new"
	mv "$box/box.conf.new" "$box/box.conf"
	new_recording
	log=$state/cap-$cap.log
	t0=$(date +%s.%N)
	build/fm-upload -c "$box/box.conf" --once --verbose >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
	t1=$(date +%s.%N)
	clean_store
	first=$(grep -m1 "sending" "$log" | awk '{ print $1 }')
	last=$(grep " of $bytes bytes there" "$log" | tail -n 1 | awk '{ print $1 }')
	sent=$(grep -o "sending [0-9]* bytes" "$log" | awk '{ s += $2 } END { print s }')
	ms=$(( $(ms_of "$last") - $(ms_of "$first") ))
	# curl -T at the same cap (--limit-rate: bytes per second).
	c0=$(date +%s.%N)
	curl -sf -o /dev/null --limit-rate "$((cap * 1000 / 8))" -T "$state/big.mp4" "$base/bench-put/big.mp4"
	c1=$(date +%s.%N)
	clean_store
	cap_lines+=("$(echo "$sent $ms $cap $bytes $t0 $t1 $c0 $c1" | awk '{ r = $1 * 8 / ($2 / 1000) / 1000;
		printf "Upload.MaxKbps = %d: chunks at %.0f kbit/s, %.1f%% of the cap; whole run %.1f s against %.1f s for curl -T --limit-rate (%.1f%%)",
		$3, r, 100 * r / $3, $6 - $5, $8 - $7, 100 * ($8 - $7) / ($6 - $5) }')")
done

echo
echo "FocusManager upload benchmark: 127.0.0.1, $FM_WORKERS focusd workers, $(nproc) cores, chunks of $chunk_kb KB"
echo "1. a ${mb} MB file, $runs alternated runs each (MB/s, best / median):"
printf '   %-46s %8s %8s\n' "curl -T to nginx (WebDAV PUT, no flush)" "$p_best" "$p_med"
printf '   %-46s %8s %8s\n' "curl -T to nginx, then fsync of the file" "$s_best" "$s_med"
printf '   %-46s %8s %8s\n' "fm-upload (chunks, verified, flushed, stored)" "$u_best" "$u_med"
printf '   %-46s %7.1f%% %7.1f%%   (target >= 85%%)\n' "fm-upload / curl -T" \
	"$(echo "100 * $u_best / $p_best" | bc -l)" "$(echo "100 * $u_med / $p_med" | bc -l)"
printf '   %-46s %7.1f%% %7.1f%%\n' "fm-upload / curl -T + fsync" \
	"$(echo "100 * $u_best / $s_best" | bc -l)" "$(echo "100 * $u_med / $s_med" | bc -l)"
echo "   runs: fm-upload ${up[*]}; curl -T ${plain[*]}; curl -T + fsync ${synced[*]}"
echo "   focusd, median time to append a chunk: ${put_ms[*]} ms; the finish (flush, SHA-256 of the stored ${mb} MB, move): ${finish_ms[*]} ms"
if [ ${#cap_lines[@]} -gt 0 ]; then
	echo "2. capped, the same ${mb} MB (target: within 5% of the cap):"
	printf '   %s\n' "${cap_lines[@]}"
fi

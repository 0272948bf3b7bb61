#!/usr/bin/env bash
# Demo of the videos and the portal (run by dev/demo at every start, after
# the .sql files): makes sure the three DEMO-VIDEO studies have
#   * recordings of their past sessions: short real files made here with
#     FFmpeg's test sources (H.264/AAC MP4 with the room's sound on the
#     left channel and the translation on the right, a stereo MP3 and the
#     two mono MP3s), registered with fm-media with the times the files
#     last (a minute from 5 minutes into the session: the pages list
#     what the sponsor will download, not a booked 1 h 48);
#   * a shared file;
#   * their three accounts (user, client, live) valid from a week ago to
#     four weeks ahead, with the passwords of the previous run (from
#     run/demo-logins.tsv, set again; new ones the first time);
# and prints the accounts as "kind<TAB>login<TAB>password<TAB>order" lines.
# Safe to run again: nothing is made twice.
set -euo pipefail
: "${FM_STATE:?}" "${FM_BUILDDIR:?}"
conf=$FM_STATE/focusd.conf
previous=$FM_STATE/demo-logins.tsv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

q() { psql -XAtq -v ON_ERROR_STOP=1 "$@"; }

orders=$(q -c "SELECT id FROM orders WHERE study_ref LIKE 'DEMO-VIDEO-%' ORDER BY id")
[ -n "$orders" ] || exit 0

# The media, made once per run when some session has none yet; the
# recordings' times are the files' own length (ffprobe).
MEDIA_SECONDS=60
media_seconds() {
	ffprobe -v error -show_entries format=duration -of csv=p=0 "$tmp/session.mp4"
}
make_media() {
	[ -f "$tmp/session.mp4" ] && return 0
	echo "dev/demo: making demo recordings with ffmpeg" >&2
	ffmpeg -hide_banner -loglevel error -y \
		-f lavfi -i "testsrc2=size=640x360:rate=25" \
		-f lavfi -i "sine=frequency=440:sample_rate=48000,volume='0.6*lt(mod(t,1),0.3)':eval=frame" \
		-f lavfi -i "sine=frequency=660:sample_rate=48000,volume=0.3" \
		-filter_complex "[1:a][2:a]join=inputs=2:channel_layout=stereo[a]" \
		-map 0:v -map "[a]" -t "$MEDIA_SECONDS" -c:v libx264 -preset veryfast -pix_fmt yuv420p \
		-b:v 600k -g 50 -c:a aac -b:a 96k -movflags +faststart "$tmp/session.mp4"
	ffmpeg -hide_banner -loglevel error -y -i "$tmp/session.mp4" -vn -c:a libmp3lame -b:a 128k "$tmp/stereo.mp3"
	ffmpeg -hide_banner -loglevel error -y -i "$tmp/session.mp4" -vn -af "pan=mono|c0=c0" \
		-c:a libmp3lame -b:a 64k "$tmp/room.mp3"
	ffmpeg -hide_banner -loglevel error -y -i "$tmp/session.mp4" -vn -af "pan=mono|c0=c1" \
		-c:a libmp3lame -b:a 64k "$tmp/trad.mp3"
}

for o in $orders; do
	for res in $(q -c "SELECT r.id FROM reservations r WHERE r.order_id = $o AND r.rec
		AND r.starts_at < now() AND NOT EXISTS (SELECT 1 FROM recordings x
		WHERE x.reservation_id = r.id) ORDER BY r.starts_at"); do
		make_media
		start=$(q -c "SELECT to_char(starts_at + interval '5 minutes', 'YYYY-MM-DD HH24:MI:SS')
			FROM reservations WHERE id = $res")
		end=$(q -v s="$(media_seconds)" <<<"SELECT to_char(starts_at + interval '5 minutes'
			+ make_interval(secs => round(:'s'::numeric)::int), 'YYYY-MM-DD HH24:MI:SS')
			FROM reservations WHERE id = $res")
		"$FM_BUILDDIR/fm-media" -c "$conf" add -r "$res" -s "$start" -e "$end" \
			"$tmp/session.mp4" "mp3=$tmp/stereo.mp3" "mp3_room=$tmp/room.mp3" \
			"mp3_trad=$tmp/trad.mp3" >/dev/null
	done
	# Recordings of an earlier demo listed the booked span (1 h 48) for
	# 30-second files: their times become the files' own.
	q -c "UPDATE recordings rec SET ends_at = rec.starts_at + interval '30 seconds'
		FROM reservations r WHERE r.id = rec.reservation_id AND r.order_id = $o
		AND rec.ends_at - rec.starts_at > interval '1 hour'" >/dev/null
	# A shared file: the discussion guide (a small PDF).
	if [ "$(q -c "SELECT count(*) FROM order_files WHERE order_id = $o")" = 0 ]; then
		cat >"$tmp/guide.pdf" <<'PDF'
%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R
  /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >> endobj
4 0 obj << /Length 58 >> stream
BT /F1 24 Tf 72 760 Td (Guide d'entretien - demo) Tj ET
endstream endobj
trailer << /Root 1 0 R >>
%%EOF
PDF
		bytes=$(stat -c %s "$tmp/guide.pdf")
		sha=$(sha256sum "$tmp/guide.pdf" | cut -d' ' -f1)
		path=$(q -c "INSERT INTO order_files (order_id, name, bytes, content_type, sha256, uploaded_by)
			VALUES ($o, 'Guide d''entretien.pdf', $bytes, 'application/pdf', '$sha', 'admin')
			RETURNING path")
		mkdir -p "$FM_STATE/data/media/$(dirname "$path")"
		cp "$tmp/guide.pdf" "$FM_STATE/data/media/$path"
	fi
	for kind in user client live; do
		login=$(printf '%s' "${kind:0:1}" | tr a-z A-Z)$o
		"$FM_BUILDDIR/fm-admin" -c "$conf" account valid "$login" \
			"$(date -d '7 days ago' +%F)" "$(date -d '28 days' +%F)" >/dev/null
		# The previous run's password, set again (whatever happened to it
		# meanwhile), so that the list printed is always right.
		password=""
		[ -f "$previous" ] && password=$(awk -F'\t' -v l="$login" '$2 == l { print $3 }' "$previous")
		[ -n "$password" ] || password=$(head -c 12 /dev/urandom | base64 | tr -d '/+=0OIl1' | cut -c1-10)
		printf '%s\n' "$password" | "$FM_BUILDDIR/fm-admin" -c "$conf" account passwd "$login" >/dev/null
		printf '%s\t%s\t%s\t%s\n' "$kind" "$login" "$password" "$o"
	done
done

#!/usr/bin/env bash
# Demo of live viewing (run by dev/demo at every start, after the .sql
# files): the study DEMO-BOITIER, whose sessions the demo box records and
# pushes live (dev/demo-box books one with Live at each start), gets its
# user and live accounts, valid from a week ago to four weeks ahead, with
# the passwords of the previous run (from run/demo-logins.tsv; new ones
# the first time).  Prints them as "kind<TAB>login<TAB>password<TAB>order"
# lines: log in with one on /login, then "Regarder le live" on the portal
# while the demo box's session runs.
set -euo pipefail
: "${FM_STATE:?}" "${FM_BUILDDIR:?}"
conf=$FM_STATE/focusd.conf
previous=$FM_STATE/demo-logins.tsv

o=$(psql -XAtq -v ON_ERROR_STOP=1 -c "SELECT id FROM orders WHERE study_ref = 'DEMO-BOITIER' ORDER BY id LIMIT 1")
[ -n "$o" ] || exit 0
for kind in user live; do
	login=$(printf '%s' "${kind:0:1}" | tr a-z A-Z)$o
	"$FM_BUILDDIR/fm-admin" -c "$conf" account valid "$login" \
		"$(date -d '7 days ago' +%F)" "$(date -d '28 days' +%F)" >/dev/null
	password=""
	[ -f "$previous" ] && password=$(awk -F'\t' -v l="$login" '$2 == l { print $3 }' "$previous")
	[ -n "$password" ] || password=$(head -c 12 /dev/urandom | base64 | tr -d '/+=0OIl1' | cut -c1-10)
	printf '%s\n' "$password" | "$FM_BUILDDIR/fm-admin" -c "$conf" account passwd "$login" >/dev/null
	printf '%s\t%s\t%s\t%s\n' "$kind" "$login" "$password" "$o"
done

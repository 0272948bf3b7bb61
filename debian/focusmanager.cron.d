# The timers' work on machines without systemd; with systemd,
# focusmanager-backup.timer, focusmanager-mail.timer,
# focusmanager-media.timer, focusmanager-alerts.timer,
# focusmanager-bandwidth.timer and focusmanager-downloads.timer do it and
# these lines do nothing.
SHELL=/bin/sh
PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin

# The nightly backup.
30 3 * * *	root	if [ ! -d /run/systemd/system ] && [ -x /usr/sbin/fm-backup ]; then fm-backup -q; fi
# The mail outbox, every minute (failures are reported on stderr: mailed).
* * * * *	focusmanager	if [ ! -d /run/systemd/system ] && [ -x /usr/bin/fm-mail ]; then fm-mail send >/dev/null; fi
# The media files' durations (ffprobe) and the proposed outages, every minute.
* * * * *	focusmanager	if [ ! -d /run/systemd/system ] && [ -x /usr/bin/fm-media ]; then fm-media probe >/dev/null && fm-media propose >/dev/null; fi
# The alert rules, every minute.
* * * * *	focusmanager	if [ ! -d /run/systemd/system ] && [ -x /usr/bin/fm-alerts ]; then fm-alerts check >/dev/null; fi
# The bandwidth samples from nginx's byte log, every 5 minutes.
*/5 * * * *	root	if [ ! -d /run/systemd/system ] && [ -x /usr/bin/fm-bandwidth ]; then runuser -u focusmanager -g focusmanager -G adm -- fm-bandwidth import >/dev/null; fi
# The download log from nginx's log (readable by the group adm), every 5 minutes.
*/5 * * * *	root	if [ ! -d /run/systemd/system ] && [ -x /usr/bin/fm-downloads ]; then runuser -u focusmanager -g focusmanager -G adm -- fm-downloads import >/dev/null; fi

# fm-upload moves the finished recordings to the central server; it takes
# a lock, so a run still going when the next one starts costs nothing
# (exit 3).  When to send and how fast: Upload.* in box.conf (man
# fm-upload).  It logs to syslog (Log.Syslog = 1): cron mails nothing.
SHELL=/bin/sh
PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin

*/10 * * * *	focusbox	if [ -x /usr/bin/fm-upload ]; then fm-upload -c /etc/focusmanager/box.conf; fi

/*
 * download_line.h - one line of nginx's download log (the fm_download
 * format of nginx/site.conf.in), split and checked for fm-downloads:
 *
 *   msec  download-id  status  body-bytes-sent  request-time
 *   request-completion  request-id  range            (tab separated)
 *
 * The log is written by nginx but its fields come partly from clients
 * (the range header): each is checked before it goes to SQL.
 */
#ifndef FM_DOWNLOAD_LINE_H
#define FM_DOWNLOAD_LINE_H

#include <stdbool.h>

struct download_line {
	const char *msec;       /* "1764662400.123" */
	const char *id;         /* the download's id (X-Download-Id) */
	const char *status;     /* "206" */
	const char *bytes;      /* body bytes sent */
	const char *seconds;    /* request time, "0.042" */
	const char *completion; /* "OK" or "" */
	const char *request_id; /* 32 hex digits */
	const char *range;      /* the Range header, "-" when none; at most
				 * 200 bytes */
};

/*
 * Splits line in place (at its tabs) into out; false when it is not a
 * media transfer's line (no download id, a field not a number, a bad
 * request id): fm-downloads skips it.  completion and range come back
 * as printable ASCII (anything else replaced by '?'): a line can never
 * make the import's SQL fail.
 */
bool download_line_parse(char *line, struct download_line *out);

#endif

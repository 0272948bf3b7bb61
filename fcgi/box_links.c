/*
 * box_links.c - "download on site" links to the box that recorded a file.
 *
 * The link is signed for the box (boxes_onsite_url: HMAC with the box's
 * link key, expiry); the box itself serves it only to its site's local
 * networks (Http.Allow in box.conf), so a viewer elsewhere cannot use it
 * and the page says where to be (the site's name).
 */
#include "box_links.h"
#include "errors.h"
#include "handlers.h"
#include "log.h"

#include <stdlib.h>
#include <string.h>

/* Long enough to start a download after opening the page. */
#define LINK_SECS (4 * 3600)

char *
box_link(long long media_file_id, long long box_id, const char *viewer_ip)
{
	char url[2048];
	NEOERR *err;

	(void)box_id;
	(void)viewer_ip;
	err = boxes_onsite_url(media_file_id, LINK_SECS, url, sizeof(url));
	if (err != STATUS_OK) {
		if (!nerr_match(err, FM_ERR_NOTFOUND)) {
			log_neoerr("on-site link", err);
			return NULL;
		}
		nerr_ignore(&err);
		return NULL;
	}
	return strdup(url);
}

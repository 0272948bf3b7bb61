/*
 * box_links.c - see box_links.h: no box API yet, so no link.
 */
#include "box_links.h"

#include <stddef.h>

char *
box_link(long long media_file_id, long long box_id, const char *viewer_ip)
{
	(void)media_file_id;
	(void)box_id;
	(void)viewer_ip;
	return NULL;
}

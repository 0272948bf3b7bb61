/*
 * box_links.h - "download on site": a link to a media file on the box
 * that recorded it, for a viewer on the site's own network (faster than
 * the central server, and there as soon as the session ends).
 *
 * THE HOOK FOR THE BOX ISSUE.  The videos pages call box_link() for each
 * media file they list and show the "on site" columns only when some link
 * comes back.  This version has no box API yet and returns NULL: nothing
 * is shown.  The box work replaces box_links.c with a function that knows
 * each box's address on its site's network and the sites' networks, and
 * signs the link (the box checks the signature and its expiry before it
 * serves the file).
 */
#ifndef FM_BOX_LINKS_H
#define FM_BOX_LINKS_H

/*
 * A URL (malloc'd, to free) where the viewer at viewer_ip can fetch media
 * file media_file_id of box box_id directly, or NULL when there is none
 * (viewer off the site's network, file no longer on the box, no box API).
 */
char *box_link(long long media_file_id, long long box_id,
    const char *viewer_ip);

#endif

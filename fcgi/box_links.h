/*
 * box_links.h - "download on site": a link to a media file on the box
 * that recorded it, for a viewer on the site's own network (faster than
 * the central server, and there as soon as the session ends).
 *
 * The videos pages call box_link() for each media file they list and show
 * the "on site" columns only when some link comes back: the file is still
 * on an active box that serves downloads (local_url) and the link is
 * signed for it; the box checks the signature, its expiry and that the
 * viewer is on its site's network before it serves the file.
 */
#ifndef FM_BOX_LINKS_H
#define FM_BOX_LINKS_H

/*
 * A URL (malloc'd, to free) where the viewer at viewer_ip can fetch media
 * file media_file_id of box box_id directly, or NULL when there is none
 * (file no longer on a box, box without a local address).
 */
char *box_link(long long media_file_id, long long box_id,
    const char *viewer_ip);

#endif

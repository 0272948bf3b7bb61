/*
 * box_json.c - what a box posts (fcgi/box_input.c): its heartbeats and
 * events, through the functions box_api.c calls, and the local address
 * check.  What is accepted is what the database and the headers take:
 * a local_url without control characters, a safe path, a 64-hex sha256.
 */
#include "fuzz.h"
#include "box_input.h"
#include "http.h"
#include "linksign.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct box_heartbeat hb;
	struct box_event ev;
	char why[200], *s;
	json_t *doc;

	doc = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES,
	    NULL);
	if (doc != NULL) {
		if (box_heartbeat_read(doc, &hb, why, sizeof(why)) &&
		    hb.local_url != NULL) {
			FUZZ_ASSERT(box_url_ok(hb.local_url));
			FUZZ_ASSERT(http_header_ok(hb.local_url));
		}
		if (box_event_read(doc, &ev, why, sizeof(why))) {
			FUZZ_ASSERT(box_key_ok(ev.recording));
			if (ev.path != NULL && *ev.path != '\0')
				FUZZ_ASSERT(link_path_safe(ev.path));
			if (ev.sha256 != NULL)
				FUZZ_ASSERT(strlen(ev.sha256) == 64);
		}
		json_decref(doc);
	}
	s = fuzz_string(data, size);
	if (box_url_ok(s)) {
		const char *host = strstr(s, "://") + 3;
		size_t auth = strcspn(host, "/");

		/* no user information: nothing but host and port before the
		 * path; nothing a header or a query could be split at */
		FUZZ_ASSERT(memchr(host, '@', auth) == NULL);
		FUZZ_ASSERT(
		    strpbrk(s, "\r\n\t ?#") == NULL && strlen(s) <= 200);
	}
	free(s);
	return 0;
}

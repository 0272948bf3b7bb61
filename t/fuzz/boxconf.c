/*
 * boxconf.c - fm-box's configuration file parser (box/boxconf.c, HDF
 * syntax, with fm-upload's upload windows of box/upconf.c), on the text
 * of a file, touching no file (boxconf_parse).
 */
#include "fuzz.h"
#include "boxconf.h"
#include "upconf.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct box_config *c = NULL;
	struct upload_config u;
	char *text = fuzz_string(data, size), err[200];
	NEOERR *e;

	e = boxconf_parse(text, &c);
	if (e == STATUS_OK) {
		FUZZ_ASSERT(c != NULL && c->media_dir[0] == '/');
		FUZZ_ASSERT(strpbrk(c->media_dir, "|[]\\\\:'") == NULL);
		boxconf_free(c);
	} else {
		FUZZ_ASSERT(c == NULL);
		nerr_ignore(&e);
	}
	memset(&u, 0, sizeof(u));
	(void)upconf_parse_windows(text, &u, err, sizeof(err));
	free(text);
	return 0;
}

/*
 * linksign.c - signed links and live push signatures (common/linksign.c):
 * the checks on what a browser or nginx-rtmp hands back (path, expiry,
 * signature), and the link builder on any path.  A link built is
 * accepted by the check; nothing else is, but its own signature.
 */
#include "fuzz.h"
#include "linksign.h"

#include <time.h>

#define KEY "4e5965d5cd03ce6443aecf1f1bace977f4251b783056a7e78e4da51cc75b807f"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), *f[5] = { "", "", "", "", "" };
	char url[4096], sig[LINK_HEX_LEN + 1], want[LINK_HEX_LEN + 1];
	time_t now = 1800000000;
	int n = fuzz_split(s, f, 5);

	(void)n;
	/* path, expires, sig, stream key, reservation */
	(void)link_check(KEY, f[0], f[1], f[2], now);
	(void)live_check(KEY, atoll(f[4]), f[3], f[1], f[2], now);
	if (link_build(url, sizeof(url), "http://10.0.0.5:8081", KEY, f[0],
	        now + 60)) {
		char path[2100];
		const char *q = strchr(url, '?');

		FUZZ_ASSERT(link_path_safe(f[0]) && q != NULL);
		FUZZ_ASSERT(strpbrk(url, "\r\n \"<>") == NULL);
		snprintf(path, sizeof(path), "/dl/%s", f[0]);
		FUZZ_ASSERT(link_signature(KEY, path, now + 60, sig));
		FUZZ_ASSERT(link_check(KEY, path, "1800000060", sig, now));
		FUZZ_ASSERT(
		    !link_check(KEY, path, "1800000060", sig, now + 61));
	}
	if (live_signature(KEY, 17, f[3], now + 60, want)) {
		FUZZ_ASSERT(live_check(KEY, 17, f[3], "1800000060", want, now));
		FUZZ_ASSERT(
		    !live_check(KEY, 18, f[3], "1800000060", want, now));
	}
	free(s);
	return 0;
}

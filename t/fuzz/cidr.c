/*
 * cidr.c - fm-box's allow list of client networks (Http.Allow,
 * box/httpd.c): any list against an IPv4 and an IPv6 address; an empty
 * list allows nobody.
 */
#include "fuzz.h"
#include "httpd.h"

#include <arpa/inet.h>
#include <netinet/in.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sockaddr_in a4;
	struct sockaddr_in6 a6;
	char *list;

	if (size < 16)
		return 0;
	memset(&a4, 0, sizeof(a4));
	a4.sin_family = AF_INET;
	memcpy(&a4.sin_addr, data, 4);
	memset(&a6, 0, sizeof(a6));
	a6.sin6_family = AF_INET6;
	memcpy(&a6.sin6_addr, data, 16);
	list = fuzz_string(data + 16, size - 16);
	(void)cidr_allows(list, (struct sockaddr *)&a4);
	(void)cidr_allows(list, (struct sockaddr *)&a6);
	FUZZ_ASSERT(!cidr_allows("", (struct sockaddr *)&a4));
	FUZZ_ASSERT(!cidr_allows("", (struct sockaddr *)&a6));
	/* a list whose prefix lengths are not numbers allows nobody */
	FUZZ_ASSERT(!cidr_allows("0.0.0.0/x 0.0.0.0/ ::/x ::/ 0.0.0.0/-0",
	    (struct sockaddr *)&a4));
	FUZZ_ASSERT(!cidr_allows("::/x ::/ ::/+0", (struct sockaddr *)&a6));
	free(list);
	return 0;
}

/*
 * download_line.c - see download_line.h.
 */
#include "download_line.h"

#include <string.h>

/* Digits, and with dot a fraction ("12", "12.5"): what SQL's casts in
 * fm-downloads take whole. */
static bool
digits(const char *s, bool dot, size_t max)
{
	size_t n = strlen(s), i = strspn(s, "0123456789");

	if (n == 0 || n > max || i == 0)
		return false;
	if (i == n)
		return true;
	return dot && s[i] == '.' && s[i + 1] != '\0' &&
	    strspn(s + i + 1, "0123456789") == n - i - 1;
}

bool
download_line_parse(char *line, struct download_line *out)
{
	char *f[8], *p = line;
	int n = 0;

	while (n < 8) {
		f[n++] = p;
		p = strchr(p, '\t');
		if (p == NULL)
			break;
		*p++ = '\0';
	}
	if (n < 7 || !digits(f[0], true, 24) || !digits(f[1], false, 18) ||
	    !digits(f[2], false, 3) || !digits(f[3], false, 18) ||
	    !digits(f[4], true, 24) || strlen(f[6]) != 32 ||
	    strspn(f[6], "0123456789abcdef") != 32)
		return false;
	if (n == 7)
		f[7] = "-";
	if (strlen(f[7]) > 200)
		f[7][200] = '\0';
	/* nginx escapes the bytes it logs; what is left must still be text
	 * the database takes (completion and range are stored). */
	for (p = f[5]; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '?';
	for (p = f[7]; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '?';
	out->msec = f[0];
	out->id = f[1];
	out->status = f[2];
	out->bytes = f[3];
	out->seconds = f[4];
	out->completion = f[5];
	out->request_id = f[6];
	out->range = f[7];
	return true;
}

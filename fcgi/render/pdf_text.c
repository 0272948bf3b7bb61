/*
 * pdf_text.c - text for the PDF fonts: UTF-8 to Windows-1252 with iconv,
 * and {name} substitution in interface strings.
 *
 * The PDF fonts are simple TrueType fonts in the CP1252 encoding, which
 * has every French character (é è ê ë à â ç î ï ô ù û ü ÿ æ œ, their
 * capitals, Œ and Ÿ), the euro sign, « », typographic quotes and dashes.
 */
#include "render/pdf_doc.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *
pdf_cp1252(const char *utf8, char *out, size_t len)
{
	/* One converter per process (workers are single-threaded). */
	static iconv_t cd = (iconv_t)-1;
	/* CP1252 has no narrow no-break space (U+202F, French digit
	 * groups: "1 234,50"): it becomes a no-break space, never a space
	 * a line could break at (iconv's transliteration). */
	char nb[4096];
	char *in = (char *)utf8, *o = out;
	size_t inleft = strlen(utf8), outleft = len - 1;

	if (len == 0)
		return out;
	if (strstr(utf8, "\xe2\x80\xaf") != NULL && inleft < sizeof(nb)) {
		size_t i = 0, k = 0;

		while (utf8[i]) {
			if (!strncmp(utf8 + i, "\xe2\x80\xaf", 3)) {
				nb[k++] = (char)0xc2;
				nb[k++] = (char)0xa0;
				i += 3;
			} else
				nb[k++] = utf8[i++];
		}
		nb[k] = '\0';
		in = nb;
		inleft = k;
	}
	if (cd == (iconv_t)-1)
		cd = iconv_open("CP1252//TRANSLIT", "UTF-8");
	if (cd == (iconv_t)-1) {
		/* No converter: keep what is plain ASCII. */
		for (; *in && outleft > 0; in++)
			if ((unsigned char)*in < 0x80) {
				*o++ = *in;
				outleft--;
			}
		*o = '\0';
		return out;
	}
	iconv(cd, NULL, NULL, NULL, NULL);
	while (inleft > 0 && outleft > 0) {
		if (iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1)
			break;
		if (errno == E2BIG)
			break;
		/* EILSEQ (invalid UTF-8, or nothing to transliterate to):
		 * a '?' for a whole character, skip a stray byte. */
		if ((unsigned char)*in >= 0xc0 && outleft > 0) {
			*o++ = '?';
			outleft--;
			in++;
			inleft--;
			while (
			    inleft > 0 && ((unsigned char)*in & 0xc0) == 0x80) {
				in++;
				inleft--;
			}
		} else {
			in++;
			inleft--;
		}
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	*o = '\0';
	/* French typography: « word » and " :" never break at that space. */
	for (o = out; *o; o++) {
		if (*o == ' ' && o > out && (unsigned char)o[-1] == 0xab)
			*o = (char)0xa0;
		else if (*o == ' ' &&
		    (o[1] == ':' || o[1] == ';' || o[1] == '!' || o[1] == '?' ||
		        (unsigned char)o[1] == 0xbb))
			*o = (char)0xa0;
	}
	return out;
}

void
pdf_fill(char *out, size_t len, const char *text, ...)
{
	size_t o = 0;
	const char *p;

	for (p = text; *p && o + 1 < len;) {
		const char *close;
		bool done = false;

		if (*p == '{' && (close = strchr(p, '}')) != NULL) {
			va_list ap;
			const char *name, *value;
			size_t n = (size_t)(close - p - 1);

			va_start(ap, text);
			while ((name = va_arg(ap, const char *)) != NULL) {
				value = va_arg(ap, const char *);
				if (strlen(name) == n &&
				    !strncmp(p + 1, name, n)) {
					int w = snprintf(out + o, len - o, "%s",
					    value ? value : "");

					o += w < 0 ? 0 : (size_t)w;
					if (o >= len)
						o = len - 1;
					p = close + 1;
					done = true;
					break;
				}
			}
			va_end(ap);
		}
		if (!done)
			out[o++] = *p++;
	}
	out[o] = '\0';
}

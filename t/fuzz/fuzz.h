/*
 * fuzz.h - what the libFuzzer harnesses of t/fuzz/ share (dev/fuzz runs
 * them; docs/development.md, "Fuzzing").  Each harness feeds the bytes
 * libFuzzer gives it to one parser or validator of the project, through
 * the function the program itself calls, and aborts when a property the
 * code promises does not hold (ASan and UBSan report the rest).
 */
#ifndef FM_FUZZ_H
#define FM_FUZZ_H

#include "fm.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of the input (NUL bytes inside cut it short, as
 * they would in the C strings the code receives).  Free it. */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Splits s in place at each '\n' into at most n parts; returns how many. */
static inline int
fuzz_split(char *s, char **parts, int n)
{
	int k = 0;

	while (k < n) {
		parts[k++] = s;
		s = strchr(s, '\n');
		if (s == NULL)
			break;
		*s++ = '\0';
	}
	return k;
}

#define FUZZ_ASSERT(cond)                                                      \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: %s does not hold\n", __FILE__, \
			    __LINE__, #cond);                                  \
			abort();                                               \
		}                                                              \
	} while (0)

#endif

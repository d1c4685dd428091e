/*
 * hexdig: the value of one hexadecimal digit, for the parsers that
 * decode %XX, \xHH, chunk sizes and hex keys.
 */
#ifndef HARNESS_HEXDIG_H
#define HARNESS_HEXDIG_H

/* 0..15 for 0-9, a-f and A-F; -1 for any other byte. */
static inline int
hexdig(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

#endif

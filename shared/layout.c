/* layout.c — see layout.h. */
#include "shared/layout.h"

#include <string.h>

bool
layout_closing(uint32_t cp)
{
	switch (cp) {
	case ',': case '.': case ';': case ':': case '!': case '?':
	case ')': case ']': case '}':
	case 0x3001: /* 、 */ case 0x3002: /* 。 */ case 0xFF0C: /* ， */
	case 0xFF0E: /* ． */ case 0xFF1B: /* ； */ case 0xFF1A: /* ： */
	case 0xFF1F: /* ？ */ case 0xFF01: /* ！ */ case 0xFF09: /* ） */
	case 0xFF3D: /* ］ */ case 0xFF5D: /* ｝ */ case 0x300D: /* 」 */
	case 0x300F: /* 』 */ case 0x201D: /* ” */ case 0x2019: /* ’ */
	case 0x300B: /* 》 */ case 0x3009: /* 〉 */ case 0x3011: /* 】 */
	case 0x3015: /* 〕 */ case 0x3017: /* 〗 */ case 0x2026: /* … */
		return true;
	default:
		return false;
	}
}

bool
layout_opening(uint32_t cp)
{
	switch (cp) {
	case '(': case '[': case '{':
	case 0xFF08: /* （ */ case 0xFF3B: /* ［ */ case 0xFF5B: /* ｛ */
	case 0x300C: /* 「 */ case 0x300E: /* 『 */ case 0x201C: /* “ */
	case 0x2018: /* ‘ */ case 0x300A: /* 《 */ case 0x3008: /* 〈 */
	case 0x3010: /* 【 */ case 0x3014: /* 〔 */ case 0x3016: /* 〖 */
		return true;
	default:
		return false;
	}
}

/*
 * The cluster at s[i] (n bytes in all): sets its first code point and its
 * columns, returns where it ends. A bad byte is one cell of U+FFFD; a
 * control character one cell; zero-width marks after a base belong to it.
 */
static size_t
cluster(const char *s, size_t n, size_t i, uint32_t *cp, int *w)
{
	int k = utf8_decode(s + i, n - i, cp);

	if (k == 0) {
		*cp = UTF8_REPLACEMENT;
		*w = 1;
		return i + 1;
	}
	*w = utf8_cp_width(*cp);
	if (*w < 0)
		*w = 1;
	i += (size_t)k;
	if (*w == 0)
		return i;
	while (i < n) {
		uint32_t c2;
		int k2 = utf8_decode(s + i, n - i, &c2);
		if (k2 == 0 || utf8_cp_width(c2) != 0)
			break;
		i += (size_t)k2;
	}
	return i;
}

int
layout_clip(const char *s, int cols, char *out, size_t outsize)
{
	size_t n = strlen(s), i = 0;
	int used = 0, all;

	if (outsize == 0)
		return 0;
	out[0] = '\0';
	if (cols <= 0)
		return 0;
	all = utf8_width(s);
	if (all <= cols && n < outsize) {
		memcpy(out, s, n + 1);
		return all;
	}
	if (outsize < sizeof LAYOUT_ELLIPSIS)
		return 0;
	while (i < n) {
		uint32_t cp;
		int w;
		size_t e = cluster(s, n, i, &cp, &w);
		if (used + w > cols - 1 || e + sizeof LAYOUT_ELLIPSIS > outsize)
			break;
		used += w;
		i = e;
	}
	memcpy(out, s, i);
	memcpy(out + i, LAYOUT_ELLIPSIS, sizeof LAYOUT_ELLIPSIS);
	return used + 1;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Stores the line [off, end) without its trailing spaces. */
static void
emit(const char *s, struct utf8_line *lines, size_t max, size_t *count, size_t off, size_t end)
{
	while (end > off && is_space(s[end - 1]))
		end--;
	if (*count < max) {
		lines[*count].off = off;
		lines[*count].len = end - off;
	}
	(*count)++;
}

/* Where the last cluster that starts before pos (and at or after from) starts. */
static size_t
cluster_before(const char *s, size_t n, size_t from, size_t pos)
{
	size_t i = from, last = from;

	while (i < pos) {
		uint32_t cp;
		int w;
		last = i;
		i = cluster(s, n, i, &cp, &w);
	}
	return last;
}

/*
 * Greedy: each cluster goes on the current line if it fits. Before each
 * cluster the line may break when the rules allow it (after spaces, or
 * next to a wide character; never before closing or after opening
 * punctuation); the last such place is remembered, and a cluster that does
 * not fit sends everything from that place to the next line. A line with
 * no such place (a long word) is cut before the cluster that does not fit,
 * moved back over closing punctuation and spaces so that none starts the
 * next line.
 */
size_t
layout_wrap(const char *s, int width, struct utf8_line *lines, size_t max)
{
	size_t n = strlen(s), i = 0, count = 0;
	size_t start = 0;          /* the line being filled begins here */
	size_t brk = 0;            /* the last place it may break (a cluster's start) */
	bool have_brk = false;
	bool empty = true;         /* no cluster on the line yet (spaces may be) */
	bool after_space = false;  /* spaces since the last cluster */
	uint32_t prev = 0;         /* the last cluster's code point and columns */
	int prev_w = 0, col = 0;   /* col: columns of [start, i) */

	if (width < 2)
		width = 2;
	while (i < n) {
		uint32_t cp;
		int w;
		size_t e;

		if (s[i] == '\n') {
			emit(s, lines, max, &count, start, i);
			start = ++i;
			have_brk = after_space = false;
			empty = true;
			col = 0;
			continue;
		}
		if (is_space(s[i])) {
			if (!empty)
				after_space = true;
			col++;
			i++;
			continue;
		}
		e = cluster(s, n, i, &cp, &w);
		if (!empty && !layout_closing(cp) &&
		    (after_space || ((prev_w == 2 || w == 2) && !layout_opening(prev)))) {
			brk = i;
			have_brk = true;
		}
		if (col + w > width) {
			if (empty) {
				/* Only indentation before it: the indentation goes. */
				start = i;
				col = 0;
			} else if (have_brk) {
				emit(s, lines, max, &count, start, brk);
				start = brk;
				have_brk = false;
				empty = brk == i;
				if (empty)
					after_space = false;
				col = utf8_nwidth(s + start, i - start);
				continue;       /* this cluster again, on the new line */
			} else {
				size_t cut = i;
				uint32_t c = cp;
				int cw;
				while (layout_closing(c) || c == ' ' || c == '\t') {
					size_t pc = cluster_before(s, n, start, cut);
					if (pc == start)
						break;  /* the line would be empty: let it start with c */
					cut = pc;
					cluster(s, n, cut, &c, &cw);
				}
				if (is_space(s[cut])) {
					/* Only a space would move: cut at this cluster after all. */
					cut = i;
				}
				emit(s, lines, max, &count, start, cut);
				start = cut;
				while (start < i && is_space(s[start]))
					start++;
				have_brk = after_space = false;
				empty = start == i;
				col = utf8_nwidth(s + start, i - start);
				if (!empty) {
					uint32_t lp;
					int lw;
					cluster(s, n, cluster_before(s, n, start, i), &lp, &lw);
					prev = lp;
					prev_w = lw;
				}
				continue;
			}
		}
		col += w;
		prev = cp;
		prev_w = w;
		empty = after_space = false;
		i = e;
	}
	emit(s, lines, max, &count, start, i);
	return count;
}

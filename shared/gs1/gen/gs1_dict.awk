# gs1_dict.awk — turns the GS1 Barcode Syntax Dictionary and the code lists
# in assets/gs1/ into C tables for shared/gs1/ (POSIX awk; mawk is enough).
#
#   awk -v part=table -f gs1_dict.awk gs1-syntax-dictionary.txt  > gs1_dict.inc
#   awk -v part=codes -f gs1_dict.awk iso3166-1.txt iso4217.txt packagetype.txt > gs1_codes.inc
#
# The dictionary's format is described in its own opening comments. One
# entry a line:  AIs [Flags] Components... [Attributes...] [# Title]
#   AIs         "01", or a range "3100-3105" (each AI of it gets a row)
#   Flags       "*" predefined length (no FNC1 after it), "?" may be a
#               Digital Link data attribute (in the query string)
#   Component   Type and length, then its linters: "N13,csum,gcppos1",
#               "[N..12]" optional, "X..20" variable (only the last may be)
#   Attributes  req=... ex=... dlpkey[=...]; a key given twice applies twice
#
# Everything else is refused with the file and line: an unknown flag or
# attribute, a malformed component, a mandatory component after an optional
# one, AIs out of lexical order or one AI the start of another (the parser's
# lookup relies on both), a code list out of order. Linter names are not
# checked here: each becomes GS1_LINT_<NAME>, and a name the C code does not
# know fails the compile, because a new linter needs code.

function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	failed = 1
	exit 1
}

function cstr(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	return "\"" s "\""
}

function trim(s) {
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

# One component token into comp_* arrays at index ncomp; returns 1 if it is
# a component, 0 if the token is something else (an attribute).
function component(tok,    parts, n, t, opt, cs, lo, hi, i, lints) {
	n = split(tok, parts, ",")
	t = parts[1]
	opt = 0
	if (t ~ /^\[.*\]$/) {
		opt = 1
		t = substr(t, 2, length(t) - 2)
	}
	if (t !~ /^[NXYZ](\.\.)?[0-9]+$/)
		return 0
	cs = substr(t, 1, 1)
	if (substr(t, 2, 2) == "..") {
		lo = 1
		hi = substr(t, 4) + 0
	} else {
		lo = hi = substr(t, 2) + 0
	}
	if (hi < 1 || hi > 90)
		fail("component " tok ": length must be 1 to 90")
	lints = ""
	for (i = 2; i <= n; i++) {
		if (parts[i] !~ /^[a-z0-9]+$/)
			fail("component " tok ": bad linter name \"" parts[i] "\"")
		lints = lints (lints == "" ? "" : ", ") "GS1_LINT_" toupper(parts[i])
	}
	if (n - 1 > 3)
		fail("component " tok ": more than 3 linters")
	comp_cs[ncomp] = cs
	comp_lo[ncomp] = lo
	comp_hi[ncomp] = hi
	comp_opt[ncomp] = opt
	comp_lint[ncomp] = lints
	comp_has[ncomp] = "," tok ","
	ncomp++
	return 1
}

function unit_of(title,    i, depth, c, u, w) {
	i = index(title, "(")
	if (i == 0 && title ~ /^[A-Z]+ PER [^ ]+$/) {
		# "KG PER m²": the unit is the words, "kg/m²"
		split(title, w, " ")
		return tolower(w[1]) "/" w[3]
	}
	if (i == 0)
		return ""
	depth = 0
	u = ""
	for (; i <= length(title); i++) {
		c = substr(title, i, 1)
		if (c == "(" && depth++ == 0)
			continue
		if (c == ")" && --depth == 0)
			break
		u = u c
	}
	return u
}

function emit_entry(ai, first, count, title, flags, req, ex, dl, isdl,    mn, mx, i, meaning, unit, p) {
	mn = mx = 0
	for (i = first; i < first + count; i++) {
		if (!comp_opt[i])
			mn += comp_lo[i]
		mx += comp_hi[i]
	}
	if (mx > 90)
		fail("AI " ai ": more than 90 characters in all")
	meaning = "GS1_TEXT"
	unit = "NULL"
	if (count == 1 && comp_cs[first] == "N" && comp_has[first] ~ /,csum,/ && comp_lo[first] == comp_hi[first])
		meaning = "GS1_KEY"
	else if (count == 1 && comp_has[first] ~ /^,N6,yymmd0,$/)
		meaning = "GS1_DATE_D0"
	else if (count == 1 && comp_has[first] ~ /^,N6,yymmdd,$/)
		meaning = "GS1_DATE"
	else if (count == 2 && comp_has[first] ~ /^,N6,yymmdd,$/ && comp_has[first + 1] ~ /^,N4,hhmi,$/)
		meaning = "GS1_DATETIME"
	p = substr(ai, 1, 2) + 0
	if (length(ai) == 4 && p >= 31 && p <= 36 && count == 1 && comp_has[first] == ",N6,") {
		meaning = "GS1_MEASURE"
		unit = cstr(unit_of(title))
	}
	printf "\t{ .code = %s, .title = %s, .type = '%s', .min = %d, .max = %d,\n", cstr(ai), cstr(title), comp_cs[first], mn, mx
	printf "\t  .meaning = %s, .unit = %s, .req = %s, .ex = %s,\n", meaning, unit, req == "" ? "NULL" : cstr(req), ex == "" ? "NULL" : cstr(ex)
	printf "\t  .flags = %s, .ncomp = %d, .comp = dict_comp + %d, .dlpkey = %s },\n", flags, count, first, isdl ? cstr(dl) : "NULL"
	nai++
}

BEGIN {
	if (part != "table" && part != "codes") {
		print "gs1_dict.awk: set part=table or part=codes" > "/dev/stderr"
		failed = 1
		exit 2
	}
	release = ""
	ncomp = 0
	nai = 0
	prev = ""
	list = ""
}

# ---------------------------------------------------------------- table

part == "table" && /^# Release:/ {
	release = trim(substr($0, 11))
	next
}

part == "table" && (/^#/ || /^[ \t]*$/) { next }

part == "table" {
	line = $0
	title = ""
	h = index(line, "#")
	if (h > 0) {
		title = trim(substr(line, h + 1))
		line = substr(line, 1, h - 1)
	}
	nt = split(line, tok, /[ \t]+/)
	k = 1
	if (tok[1] == "")
		k = 2
	range = tok[k++]
	if (range ~ /^[0-9]+$/) {
		lo_ai = hi_ai = range
	} else if (range ~ /^[0-9]+-[0-9]+$/) {
		lo_ai = substr(range, 1, index(range, "-") - 1)
		hi_ai = substr(range, index(range, "-") + 1)
		if (length(lo_ai) != length(hi_ai) || lo_ai + 0 > hi_ai + 0)
			fail("AI range " range ": both ends need the same number of digits, low to high")
	} else {
		fail("expected an AI or a range of AIs, found \"" range "\"")
	}
	if (length(lo_ai) < 2 || length(lo_ai) > 4)
		fail("AI " range ": an AI has 2 to 4 digits")
	flags = "0"
	if (k <= nt && tok[k] ~ /^[^A-Za-z0-9]+$/ && tok[k] !~ /^\[/) {
		f = tok[k++]
		for (i = 1; i <= length(f); i++) {
			c = substr(f, i, 1)
			if (c == "*")
				flags = flags " | GS1_AI_PREDEFINED"
			else if (c == "?")
				flags = flags " | GS1_AI_DL_ATTR"
			else
				fail("AI " range ": unknown flag '" c "'")
		}
		sub(/^0 \| /, "", flags)
	}
	first = ncomp
	optional_seen = 0
	while (k <= nt && tok[k] != "" && component(tok[k])) {
		i = ncomp - 1
		if (comp_opt[i])
			optional_seen = 1
		else if (optional_seen)
			fail("AI " range ": mandatory component " tok[k] " after an optional one")
		if (i > first && comp_lo[i - 1] != comp_hi[i - 1])
			fail("AI " range ": only the last component may have a variable length")
		k++
	}
	if (ncomp == first)
		fail("AI " range ": no component (such as N6 or X..20)")
	req = ex = dl = ""
	isdl = 0
	for (; k <= nt; k++) {
		if (tok[k] == "")
			continue
		if (tok[k] ~ /^req=[0-9n+,]+$/)
			req = req (req == "" ? "" : " ") substr(tok[k], 5)
		else if (tok[k] ~ /^ex=[0-9n,]+$/)
			ex = ex (ex == "" ? "" : ",") substr(tok[k], 4)
		else if (tok[k] == "dlpkey")
			isdl = 1
		else if (tok[k] ~ /^dlpkey=[0-9,|]+$/) {
			dl = dl (dl == "" ? "" : "|") substr(tok[k], 8)
			isdl = 1
		} else
			fail("AI " range ": unknown attribute or component \"" tok[k] "\"")
	}
	w = length(lo_ai)
	for (n = lo_ai + 0; n <= hi_ai + 0; n++) {
		ai = sprintf("%0" w "d", n)
		if (("x" ai) <= ("x" prev))
			fail("AI " ai " comes after " prev ": entries must be in lexical order")
		for (j = 2; j < length(ai); j++)
			if (substr(ai, 1, j) in seen)
				fail("AI " ai " starts with AI " substr(ai, 1, j) ": AIs must be prefix-free")
		seen[ai] = 1
		prev = ai
		ais[nai] = ai
		ent_first[nai] = first
		ent_count[nai] = ncomp - first
		ent_title[nai] = title
		ent_flags[nai] = flags
		ent_req[nai] = req
		ent_ex[nai] = ex
		ent_dl[nai] = dl
		ent_isdl[nai] = isdl
		nai++
	}
	next
}

# ---------------------------------------------------------------- codes

part == "codes" && (/^#/ || /^[ \t]*$/) { next }

part == "codes" {
	file = FILENAME
	sub(/.*\//, "", file)
	if (file == "iso3166-1.txt") {
		if ($1 !~ /^[0-9][0-9][0-9]$/ || $2 !~ /^[A-Z][A-Z]$/)
			fail("expected a numeric code and an alpha-2 code, found \"" $0 "\"")
		num3166[$1 + 0] = 1
		a2[$2] = 1
	} else if (file == "iso4217.txt") {
		if ($1 !~ /^[0-9][0-9][0-9]$/ || $2 !~ /^[A-Z][A-Z][A-Z]$/)
			fail("expected a numeric code and an alpha-3 code, found \"" $0 "\"")
		num4217[$1 + 0] = 1
	} else if (file == "packagetype.txt") {
		if ($1 !~ /^[0-9A-Z]+$/ || length($1) > 3)
			fail("expected a package type code of 1 to 3 characters, found \"" $1 "\"")
		if (npack > 0 && ("x" $1) <= ("x" pack[npack - 1]))
			fail("package type " $1 " is out of byte order")
		pack[npack++] = $1
	} else {
		fail("not a code list this generator knows")
	}
	if ((file == "iso3166-1.txt" || file == "iso4217.txt") && $1 + 0 <= last[file] && seen_file[file])
		fail("code " $1 " is out of numeric order")
	last[file] = $1 + 0
	seen_file[file] = 1
	next
}

function bits(set, n,    i, s) {
	s = ""
	for (i = 0; i < n; i++)
		s = s ((i in set) ? "1" : "0")
	return s
}

END {
	if (failed)
		exit 1
	if (part == "table") {
		if (nai == 0)
			fail("no AI entries")
		if (release == "")
			fail("no \"# Release:\" line in the header")
		print "/* Generated from assets/gs1/gs1-syntax-dictionary.txt by shared/gs1/gen/gs1_dict.awk."
		print " * Do not edit: change the dictionary or the generator. */"
		printf "#define GS1_DICT_RELEASE %s\n\n", cstr(release)
		print "static const struct gs1_component dict_comp[] = {"
		for (i = 0; i < ncomp; i++)
			printf "\t{ '%s', %d, %d, %s, { %s } },\n", comp_cs[i], comp_lo[i], comp_hi[i], comp_opt[i] ? "true" : "false", comp_lint[i] == "" ? "GS1_LINT_NONE" : comp_lint[i]
		print "};\n"
		print "/* In lexical order of the AI, and prefix-free (both checked by the generator). */"
		print "static const struct gs1_ai dict_table[] = {"
		total = nai
		nai = 0
		for (i = 0; i < total; i++)
			emit_entry(ais[i], ent_first[i], ent_count[i], ent_title[i], ent_flags[i], ent_req[i], ent_ex[i], ent_dl[i], ent_isdl[i])
		print "};"
	} else {
		print "/* Generated from assets/gs1/iso3166-1.txt, iso4217.txt and packagetype.txt by"
		print " * shared/gs1/gen/gs1_dict.awk. Do not edit. A set is a string of '0'/'1' by code. */"
		printf "static const char iso3166_numeric[] =\n"
		s = bits(num3166, 1000)
		for (i = 0; i < 1000; i += 100)
			printf "\t\"%s\"%s\n", substr(s, i + 1, 100), i == 900 ? ";" : ""
		printf "static const char iso4217_numeric[] =\n"
		s = bits(num4217, 1000)
		for (i = 0; i < 1000; i += 100)
			printf "\t\"%s\"%s\n", substr(s, i + 1, 100), i == 900 ? ";" : ""
		L = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		s = ""
		for (i = 1; i <= 26; i++)
			for (j = 1; j <= 26; j++)
				s = s ((substr(L, i, 1) substr(L, j, 1)) in a2 ? "1" : "0")
		print "/* Alpha-2: index (first - 'A') * 26 + (second - 'A'). */"
		printf "static const char iso3166_alpha2[] =\n"
		for (i = 0; i < 676; i += 26)
			printf "\t\"%s\"%s\n", substr(s, i + 1, 26), i == 650 ? ";" : ""
		print "/* In byte order, for bsearch. */"
		print "static const char package_types[][4] = {"
		for (i = 0; i < npack; i++)
			printf "\t%s,\n", cstr(pack[i])
		print "};"
	}
}

#!/bin/sh
# The message catalogues are complete and current.
#
#   sh tests/checks/catalogue.sh           (from the top of the source tree)
#
# Every part of po/<lang>/ belongs to the sources of one area of yoke
# (po/PARTS). For each part, the messages those sources mark (_, N_, P_)
# are extracted again and compared with the part:
#   - a message the sources have and the part lacks, or has untranslated or
#     fuzzy, fails ("untranslated");
#   - a message the part has and the sources no longer do fails ("stale");
#   - a translation whose printf directives do not match its message fails
#     (msgfmt --check), and so does one that is the English text again;
#   - two parts that translate the same message differently fail (the words
#     of one program must not change from screen to screen).
# Prints one "PASS name" or "FAIL name: why" line per check.
set -u
cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yoke-po.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# part: the source files whose messages it holds (po/PARTS; a file listed
# by several parts belongs to the last)
sources() {
	for f in $(awk '!/^#/ && NF > 1 { for (i = 2; i <= NF; i++) print $i }' po/PARTS); do
		[ -f "$f" ] && echo "$f"
	done | LC_ALL=C sort -u | while read -r f; do
		owner=$(awk -v f="$f" '!/^#/ && NF > 1 { for (i = 2; i <= NF; i++) if (f ~ glob2re($i)) o = $1 }
		    END { print o }
		    function glob2re(g) { gsub(/\./, "\\.", g); gsub(/\*/, "[^/]*", g); return "^" g "$" }' po/PARTS)
		[ "$owner" = "$1" ] && echo "$f"
	done
	grep -q "^$1[[:space:]]" po/PARTS
}

count() { # po file -> number of messages in it (the header excluded;
	# obsolete ones are written "#~ msgid")
	grep -c -E '^(#~ )?msgid ' "$1" | awk '{ print ($1 > 0 ? $1 - 1 : 0) }'
}

show() { # po file: the first few msgids, for the failure line
	grep -E '^(#~ )?msgid "' "$1" | sed -n '2,4p' | sed 's/^#~ //' | tr '\n' ' '
}

for dir in po/*/; do
	lang=$(basename "$dir")
	for po in "$dir"*.po; do
		part=$(basename "$po" .po)
		name="catalogue $lang/$part"
		if ! files=$(sources "$part"); then
			echo "FAIL $name: no sources are assigned to this part (po/PARTS)"
			continue
		fi
		pot="$tmp/$part.pot"
		# shellcheck disable=SC2086
		xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1,2 \
		    --add-comments=TRANSLATORS: --force-po -o "$pot" $files 2>"$tmp/err" ||
		    { echo "FAIL $name: xgettext: $(head -n 1 "$tmp/err")"; continue; }
		if ! msgfmt --check -o /dev/null "$po" 2>"$tmp/err"; then
			echo "FAIL $name: msgfmt --check: $(head -n 3 "$tmp/err" | tr '\n' ' ')"
			continue
		fi
		merged="$tmp/$lang-$part.po"
		msgmerge --quiet --force-po --no-fuzzy-matching --no-wrap -o "$merged" "$po" "$pot" 2>"$tmp/err" ||
		    { echo "FAIL $name: msgmerge: $(head -n 1 "$tmp/err")"; continue; }
		# msgfmt --check again: the flags (c-format) now come from the sources.
		if ! msgfmt --check -o /dev/null "$merged" 2>"$tmp/err"; then
			echo "FAIL $name: a translation's directives differ from its message: $(head -n 3 "$tmp/err" | tr '\n' ' ')"
			continue
		fi
		# --force-po: an empty result is still written, never the last part's.
		rm -f "$tmp/u.po" "$tmp/f.po" "$tmp/o.po"
		msgattrib --force-po --untranslated --no-obsolete -o "$tmp/u.po" "$merged" 2>/dev/null
		msgattrib --force-po --only-fuzzy --no-obsolete -o "$tmp/f.po" "$merged" 2>/dev/null
		msgattrib --force-po --only-obsolete -o "$tmp/o.po" "$merged" 2>/dev/null
		bad=""
		nu=$(count "$tmp/u.po"); nf=$(count "$tmp/f.po"); no=$(count "$tmp/o.po")
		[ "$nu" -gt 0 ] && bad="$bad $nu untranslated ($(show "$tmp/u.po"));"
		[ "$nf" -gt 0 ] && bad="$bad $nf fuzzy ($(show "$tmp/f.po"));"
		[ "$no" -gt 0 ] && bad="$bad $no stale, no longer in the sources ($(show "$tmp/o.po"));"
		# A "translation" that is the English text again.
		same=$(msgattrib --translated --no-obsolete --no-wrap "$merged" 2>/dev/null | awk '
		    /^msgid "/ { id = $0; sub(/^msgid /, "", id); next }
		    /^msgstr "/ { s = $0; sub(/^msgstr /, "", s); if (id != "\"\"" && s == id && id ~ /[A-Za-z][A-Za-z]/) print id }' | head -n 3)
		[ -n "$same" ] && bad="$bad translated as the English text: $(echo "$same" | tr '\n' ' ');"
		total=$(grep -c '^msgid ' "$pot")
		[ "$total" -gt 1 ] || bad="$bad the sources of this part mark no message for translation;"
		if [ -n "$bad" ]; then
			echo "FAIL $name:$bad"
		else
			echo "PASS $name ($((total - 1)) messages)"
		fi
	done
	# One message, one translation across the parts.
	# msgcat marks a message that parts translate differently as fuzzy and
	# keeps both texts between #-#-#-#-# lines.
	msgcat --force-po -o "$tmp/all.po" "$dir"*.po 2>/dev/null
	msgattrib --only-fuzzy --no-obsolete --force-po -o "$tmp/conflict.po" "$tmp/all.po" 2>/dev/null
	if [ "$(count "$tmp/conflict.po")" -gt 0 ]; then
		echo "FAIL catalogue $lang: parts translate the same message differently: $(show "$tmp/conflict.po")"
	else
		echo "PASS catalogue $lang: every message has one translation"
	fi
done

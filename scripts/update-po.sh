#!/usr/bin/env bash
# Refreshes the translations from the source: extracts the msgids of src/ into a template
# (build/po/wenyun.pot, not committed) and merges it into every po/LANG.po. New msgids come
# in untranslated, changed ones fuzzy, gone ones obsolete (#~); translate them, then check
# with `msgfmt --check -o /dev/null po/LANG.po`. Quiet, and safe to run again: a po file is
# only rewritten when something in it changes besides the template's date.
#
# What counts as a msgid (see src/web/terms.c for the ones passed as variables):
#   req_tr(req, "…")                 src/http/request.c
#   web_t(req, h, "…")             src/web/
#   field(req, h, name, "…", …)    form labels in src/web/pages_account.c
#   wy_fail(ctx, CLASS, code, "…")  refusals of src/domain/, translated at the edge
#   wy_fail_field(ctx, CLASS, code, "…", field)
#   add_line(ic, line, ok, phone, "…")   (none now: member import reasons are in terms.c)
#   add_result(st, line, ok, action, xid, "…")   venue import reasons, src/domain/venue.c
#   fact(req, h, "…", value)       labels of a venue's facts, src/web/pages_venues.c
#   stat_box(h, value, "…", req)   figures of the circle page, src/web/pages_circles.c
#   web_badge(req, h, cls, "…")    src/web/chart.c
#   N_("…")                        src/web/terms.c
set -euo pipefail
cd "$(dirname "$0")/.."

out=${WY_POT_DIR:-build/po}
mkdir -p "$out"
pot=$out/wenyun.pot
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

version=$(sed -n 's/^project(wenyun VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)

find src -name '*.c' -o -name '*.h' | LC_ALL=C sort >"$tmp/files"
xgettext --from-code=UTF-8 --language=C --keyword \
  --keyword=req_tr:2 --keyword=web_t:3 --keyword=field:4 --keyword=nav_item:5 --keyword=wy_fail:4 \
  --keyword=wy_fail_field:4 --keyword=add_line:5 --keyword=add_result:6 --keyword=fact:3 \
  --keyword=stat_box:3 --keyword=web_empty:3 --keyword=web_badge:4 \
  --keyword=web_empty_card:3 --keyword=N_ \
  --add-comments=TRANSLATORS: --add-location=file --no-wrap \
  --package-name=wenyun --package-version="${version:-0}" \
  --files-from="$tmp/files" --output="$tmp/wenyun.pot"

# keep the template's date stable when nothing else changed
same_but_date() {
  [ -f "$2" ] && diff -q <(grep -v '^"POT-Creation-Date:' "$1") \
    <(grep -v '^"POT-Creation-Date:' "$2") >/dev/null
}
same_but_date "$tmp/wenyun.pot" "$pot" || cp "$tmp/wenyun.pot" "$pot"

for po in po/*.po; do
  msgmerge --quiet --no-wrap --add-location=file --previous \
    --output-file="$tmp/merged.po" "$po" "$pot"
  same_but_date "$tmp/merged.po" "$po" || cp "$tmp/merged.po" "$po"
done

# a string in terms.c that src/ and sql/ no longer use is probably stale
sed -n 's/^ *N_("\(.*\)"),*$/\1/p' src/web/terms.c | while IFS= read -r s; do
  grep -rqF --exclude=terms.c -e "\"$s\"" -e "'$s'" src sql ||
    echo "update-po: src/web/terms.c: \"$s\" is not used anywhere else in src/ or sql/" >&2
done

# say what is left to translate; nothing when all is done
for po in po/*.po; do
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$po" 2>&1)
  case $stats in
  *fuzzy* | *untranslated*) echo "update-po: $po: $stats" >&2 ;;
  esac
done

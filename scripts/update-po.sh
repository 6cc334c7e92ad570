#!/usr/bin/env bash
# Refreshes the translations from the source: extracts the msgids of src/ into a template
# (build/po/wenyun.pot, not committed) and merges it into the catalogues, one for the shared
# code and one per module:
#   src/mod/<module>/po/LANG.po  the messages whose every use is in src/mod/<module>/
#   po/LANG.po                   every other one (src/util, db, geo, core, http, web, the top
#                                of src/, and messages that several modules use), and the
#                                obsolete ones (#~)
# for every po/LANG.po. A message that moves (a second module starts using it, or its last
# use outside one module goes) takes its translation with it. New msgids come in
# untranslated, changed ones fuzzy, gone ones obsolete; translate them, then check with
# `msgfmt --check`. The build joins the catalogues of a language into one wenyun.mo
# (CMakeLists.txt). Quiet, and safe to run again: a po file is only rewritten when something
# in it changes besides the template's date.
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
#   N_("…")                        src/web/terms.c
set -euo pipefail
cd "$(dirname "$0")/.."

out=${WY_POT_DIR:-build/po}
mkdir -p "$out"
pot=$out/wenyun.pot
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

version=$(sed -n 's/^project(wenyun VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)

# extract FILES-LIST OUTPUT [xgettext options]: the msgids of the files listed
extract() {
  local files=$1 output=$2
  shift 2
  xgettext --from-code=UTF-8 --language=C --keyword \
    --keyword=req_tr:2 --keyword=web_t:3 --keyword=field:4 --keyword=nav_item:5 --keyword=wy_fail:4 \
    --keyword=wy_fail_field:4 --keyword=add_line:5 --keyword=add_result:6 --keyword=fact:3 \
    --keyword=stat_box:3 --keyword=web_empty:3 \
    --keyword=web_empty_card:3 --keyword=N_ \
    --add-comments=TRANSLATORS: --add-location=file --no-wrap \
    --package-name=wenyun --package-version="${version:-0}" \
    --files-from="$files" --output="$output" "$@"
}

find src -name '*.c' -o -name '*.h' | LC_ALL=C sort >"$tmp/files"
extract "$tmp/files" "$tmp/wenyun.pot"

# keep the template's date stable when nothing else changed
same_but_date() {
  [ -f "$2" ] && diff -q <(grep -v '^"POT-Creation-Date:' "$1") \
    <(grep -v '^"POT-Creation-Date:' "$2") >/dev/null
}
same_but_date "$tmp/wenyun.pot" "$pot" || cp "$tmp/wenyun.pot" "$pot"

# Which catalogue a message belongs to: the msgids of each module's folder and of the rest
# of src/ (empty templates are not written); those in two or more of them are shared.
mkdir "$tmp/mod"
modules=$(find src/mod -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | LC_ALL=C sort)
grep -v '^src/mod/[^/]*/' "$tmp/files" >"$tmp/rest.files" || true
extract "$tmp/rest.files" "$tmp/rest.pot"
for m in $modules; do
  grep "^src/mod/$m/" "$tmp/files" >"$tmp/mod/$m.files" || continue
  extract "$tmp/mod/$m.files" "$tmp/mod/$m.pot"
done
templates=$(ls "$tmp/rest.pot" "$tmp"/mod/*.pot 2>/dev/null || true)
# shellcheck disable=SC2086 # file names without spaces (src/mod/<module>)
msgcomm --more-than=1 --force-po --no-wrap -o "$tmp/several.pot" $templates
: >"$tmp/own.pot"
for m in $modules; do
  [ -f "$tmp/mod/$m.pot" ] || continue
  extract "$tmp/mod/$m.files" "$tmp/mod/$m.own.pot" --exclude-file="$tmp/several.pot"
  [ -f "$tmp/mod/$m.own.pot" ] && msgcat --use-first --no-wrap -o "$tmp/own.pot" --force-po \
    "$tmp/own.pot" "$tmp/mod/$m.own.pot"
done
extract "$tmp/files" "$tmp/shared.pot" --exclude-file="$tmp/own.pot" --force-po

# merge TEMPLATE TARGET: the messages of TEMPLATE with their translations from every
# catalogue of the language ($tmp/all.po), written to TARGET when it changes
merge() {
  msgmerge --quiet --no-wrap --add-location=file --previous \
    --output-file="$tmp/merged.po" "$tmp/all.po" "$1"
  msgattrib --no-obsolete --no-wrap --force-po -o "$tmp/merged.po" "$tmp/merged.po"
  if [ -n "${3:-}" ]; then
    msgcat --use-first --no-wrap --force-po -o "$tmp/merged.po" "$tmp/merged.po" "$3"
  fi
  mkdir -p "$(dirname "$2")"
  same_but_date "$tmp/merged.po" "$2" || cp "$tmp/merged.po" "$2"
}

for po in po/*.po; do
  lang=$(basename "$po" .po)
  msgcat --use-first --no-wrap -o "$tmp/all.po" "$po" $(ls src/mod/*/po/"$lang".po 2>/dev/null)
  # the obsolete ones: in no template at all
  msgmerge --quiet --no-wrap --previous -o - "$tmp/all.po" "$tmp/wenyun.pot" |
    msgattrib --only-obsolete --no-wrap --force-po -o "$tmp/gone.po"
  merge "$tmp/shared.pot" "$po" "$tmp/gone.po"
  for m in $modules; do
    mpo=src/mod/$m/po/$lang.po
    if [ -f "$tmp/mod/$m.own.pot" ]; then
      merge "$tmp/mod/$m.own.pot" "$mpo"
    elif [ -f "$mpo" ]; then
      rm "$mpo"
      rmdir --ignore-fail-on-non-empty "src/mod/$m/po"
    fi
  done
done

# a string in terms.c that src/ and sql/ no longer use is probably stale
sed -n 's/^ *N_("\(.*\)"),*$/\1/p' src/web/terms.c | while IFS= read -r s; do
  grep -rqF --exclude=terms.c -e "\"$s\"" -e "'$s'" src sql ||
    echo "update-po: src/web/terms.c: \"$s\" is not used anywhere else in src/ or sql/" >&2
done

# say what is left to translate; nothing when all is done
for po in po/*.po src/mod/*/po/*.po; do
  [ -f "$po" ] || continue
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$po" 2>&1)
  case $stats in
  *fuzzy* | *untranslated*) echo "update-po: $po: $stats" >&2 ;;
  esac
done

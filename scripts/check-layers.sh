#!/bin/sh
# check-layers.sh [SRC]: checks the #include "..." lines of every .c and .h under SRC
# (default: the src/ beside this script) against the layering of docs/architecture.md,
# "Layers". Prints one line per violation, FILE:LINE: RULE: what is wrong, and exits 1 when
# there is any (2 when SRC holds no sources). POSIX sh and awk only: `make check` runs it
# on machines that have only what `make deps` installs.
#
# The rules (an include path is read from SRC; "x.h" not found there is read beside the file):
#
# layer    An include goes downward or within its layer. Lowest first:
#            util    util/
#            db      db/              may include util
#            geo     geo/             may include util
#            core    core/            may include db, geo, util
#            http    http/            may include core and below
#            web     web/ (the page kit and the JSON kit api.[ch])   may include http and below
#            mod     mod/<module>/, mod/module.h, mod/modules.c      may include web and below
#            top     app.c, main.c, demo.c, demo.h                    may include anything
#          http sits above core because the server authenticates the caller and checks the
#          route's permission before the handler runs: server.c resolves the principal of
#          the session token (account_principal, core/account.h), a route carries a core
#          perm and the server tests it (authz_allows, core/authz.h), and a request carries
#          the core wy_ctx (core/domain.h) that http/app.h ties to the store (core/store.h).
#          A file under none of these is refused, so a new folder gets a place in this list
#          before it gets code.
# store    A store file (store_*.c anywhere) includes only db/, util/ and the store headers
#          (core/store.h, core/*_store.h, mod/<module>/*_store.h): the store reaches the
#          database and knows no rule above it.
# rules    A module's rules (the files of mod/<module>/ other than api_*.c, pages_*.c,
#          module.c and handlers.h) include nothing from http/ or web/.
# cycle    No include cycle between files (a.h includes b.h includes a.h).
# module   No cycle between modules: module A includes a header of module B, and B (directly
#          or through others) one of A. mod/module.h and mod/modules.c belong to no module.
# handler  A module's handlers (mod/<module>/api_*.c and pages_*.c) call no store_* function:
#          they go through the rules of their module or of core, which apply who may see
#          what, so that the API and the pages answer alike. No store function is excepted.
# The layer rule makes a cycle between layers impossible (web.h including http/request.h
# while http/request.c includes web/web.h is refused as http including web).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=${1:-$here/../src}
shown=${1:-src}
[ -d "$src" ] || {
    echo "check-layers: no folder $src" >&2
    exit 2
}
cd "$src"
files=$(find . -type f \( -name '*.c' -o -name '*.h' \) | sed 's|^\./||' | LC_ALL=C sort)
[ -n "$files" ] || {
    echo "check-layers: no sources under $src" >&2
    exit 2
}

# shellcheck disable=SC2086 # the names come from find and hold no blanks
exec awk -v shown="${shown%/}" '
function layer(p) {
    if (p ~ /^util\//) return "util"
    if (p ~ /^db\//) return "db"
    if (p ~ /^geo\//) return "geo"
    if (p ~ /^core\//) return "core"
    if (p ~ /^http\//) return "http"
    if (p ~ /^web\//) return "web"
    if (p ~ /^mod\//) return "mod"
    if (p == "app.c" || p == "main.c" || p == "demo.c" || p == "demo.h") return "top"
    return ""
}
function base(p) { sub(/.*\//, "", p); return p }
function dir(p) { if (p !~ /\//) return ""; sub(/\/[^\/]*$/, "", p); return p }
# the module a file belongs to: mod/<m>/... gives m; mod/module.h, mod/modules.c none
function module_of(p,   m) {
    if (p !~ /^mod\/[^\/]+\//) return ""
    m = p; sub(/^mod\//, "", m); sub(/\/.*/, "", m)
    return m
}
function is_store_header(t) {
    return t == "core/store.h" || t ~ /^core\/[^\/]*_store\.h$/ || t ~ /^mod\/[^\/]+\/[^\/]*_store\.h$/
}
function is_handler_file(p) {
    return p ~ /^mod\/[^\/]+\/(api|pages)_[^\/]*\.c$/
}
function is_rules_file(p,   b) {
    if (p !~ /^mod\/[^\/]+\/[^\/]+$/) return 0
    b = base(p)
    return !(b ~ /^api_.*\.c$/ || b ~ /^pages_.*\.c$/ || b == "module.c" || b == "handlers.h")
}
function fail(f, line, rule, msg) {
    printf "%s/%s:%d: %s: %s\n", shown, f, line, rule, msg
    bad++
}
function add_edge(g, a, b, line) {
    if ((g, a, b) in eline) return
    eline[g, a, b] = line
    succ[g, a] = succ[g, a] " " b
    if (!((g, a) in isnode)) { isnode[g, a] = 1; order[g, ++nnodes[g]] = a }
    if (!((g, b) in isnode)) { isnode[g, b] = 1; order[g, ++nnodes[g]] = b }
}
function report_cycle(g, t,   j, path, from) {
    for (j = sp; j > 0 && stk[j] != t; j--) ;
    path = ""
    for (; j <= sp; j++) path = path stk[j] " -> "
    path = path t
    from = stk[sp]
    if (g == "file")
        fail(from, eline[g, from, t], "cycle", "include cycle " path)
    else
        fail(mfile[from, t], eline[g, from, t], "module",
             "module cycle " path " (" mfile[from, t] " includes " mhdr[from, t] ")")
}
function dfs(g, n,   i, k, parts, t) {
    color[g, n] = 1
    stk[++sp] = n
    k = split(succ[g, n], parts, " ")
    for (i = 1; i <= k; i++) {
        t = parts[i]
        if (color[g, t] == 1) report_cycle(g, t)
        else if (color[g, t] == 0) dfs(g, t)
    }
    sp--
    color[g, n] = 2
}
function find_cycles(g,   i) {
    sp = 0
    for (i = 1; i <= nnodes[g]; i++)
        if (color[g, order[g, i]] == 0) dfs(g, order[g, i])
}
BEGIN {
    allowed["util"] = "util"
    allowed["db"] = "db util"
    allowed["geo"] = "geo util"
    allowed["core"] = "core db geo util"
    allowed["http"] = "http core db geo util"
    allowed["web"] = "web http core db geo util"
    allowed["mod"] = "mod web http core db geo util"
    allowed["top"] = "top mod web http core db geo util"
    for (i = 1; i < ARGC; i++) known[ARGV[i]] = 1
    bad = 0
}
FNR == 1 {
    f = FILENAME
    L = layer(f)
    if (L == "") fail(f, 1, "layer", "in no layer (util, db, geo, core, http, web, mod or top)")
    handler = is_handler_file(f)
}
handler && match($0, /(^|[^A-Za-z0-9_])store_[a-z0-9_]*[ \t]*\(/) {
    s = substr($0, RSTART, RLENGTH)
    sub(/^[^A-Za-z_]/, "", s)
    sub(/[ \t]*\($/, "", s)
    fail(f, FNR, "handler", "a handler calls " s "() past the rules; call a function of module " \
         module_of(f) " or of core that applies who may see what")
}
/^[ \t]*#[ \t]*include[ \t]*"/ {
    p = $0
    sub(/^[ \t]*#[ \t]*include[ \t]*"/, "", p)
    sub(/".*/, "", p)
    t = p
    if (!(t in known) && dir(f) != "" && ((dir(f) "/" p) in known)) t = dir(f) "/" p
    T = layer(t)
    if (L != "" && T != "" && index(" " allowed[L] " ", " " T " ") == 0)
        fail(f, FNR, "layer", L " may not include " T " (" t "); " L " may include " allowed[L])
    if (base(f) ~ /^store_.*\.c$/ && !(t ~ /^(db|util)\// || is_store_header(t)))
        fail(f, FNR, "store", "a store file may include only db/, util/ and store headers, not " t)
    if (is_rules_file(f) && t ~ /^(http|web)\//)
        fail(f, FNR, "rules", "the rules of module " module_of(f) " may not include " t)
    if (t in known) add_edge("file", f, t, FNR)
    a = module_of(f); b = module_of(t)
    if (a != "" && b != "" && a != b && !((a, b) in mfile)) {
        mfile[a, b] = f; mhdr[a, b] = t
        add_edge("mod", a, b, FNR)
    }
}
END {
    find_cycles("file")
    find_cycles("mod")
    if (bad) {
        printf "check-layers: %d violation(s); the rules: docs/architecture.md, \"Layers\"\n", bad
        exit 1
    }
}
' $files

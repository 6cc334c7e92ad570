#!/bin/sh
# The layering check catches each kind of wrong include, and a handler calling the store:
# scripts/check-layers.sh run on
# tests/layers/fixture/src (one violation of each rule, named in a comment where it is) must
# fail and name every one of them with its file, line and rule.
set -u
cd "$(dirname "$0")/../.."
out=$(scripts/check-layers.sh tests/layers/fixture/src)
rc=$?
status=0
if [ "$rc" -ne 1 ]; then
    echo "expected exit status 1, got $rc"
    status=1
fi
while IFS= read -r want; do
    case $out in
    *"$want"*) ;;
    *)
        echo "missing: $want"
        status=1
        ;;
    esac
done <<'WANT'
fixture/src/core/store_things.c:3: store: a store file may include only db/, util/ and store headers, not core/rules.h
fixture/src/http/request.c:3: layer: http may not include web (web/web.h)
fixture/src/mod/alpha/alpha.c:2: rules: the rules of module alpha may not include web/web.h
fixture/src/core/cycle_b.h:1: cycle: include cycle core/cycle_a.h -> core/cycle_b.h -> core/cycle_a.h
fixture/src/mod/beta/beta.h:2: module: module cycle alpha -> beta -> alpha
fixture/src/extra/x.c:1: layer: in no layer
fixture/src/mod/beta/pages_beta.c:4: handler: a handler calls store_things_count() past the rules
check-layers: 7 violation(s)
WANT
[ "$status" -eq 0 ] || printf 'the output was:\n%s\n' "$out"
exit "$status"

# Shared by the CI check scripts (verify-assets, verify-live, verify-image): counting checks that keep going.
# Source it, then end with: echo "<name>: $passed passed, $failed failed"; [ "$failed" -eq 0 ]
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
# step NAME COMMAND...: runs one check, counts it, keeps going; its output is shown indented.
# With CHECK_OUTPUT=on_failure the output is shown only when the check fails.
step() {
  local name=$1; shift
  local out status=0
  out=$("$@" 2>&1) || status=$?
  if [ "$status" -eq 0 ]; then
    ok "$name"
    [ "${CHECK_OUTPUT:-always}" = on_failure ] && return 0
  else
    fail "$name"
  fi
  [ -z "$out" ] || echo "$out" | sed 's/^/     /'
}

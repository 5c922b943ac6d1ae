#!/usr/bin/env bash
# Runs the benchmark (Release) in about 15 minutes on 2 cores, most of it the real-host rounds
# (--no-host skips them), and prints a table and a RESULT line; starts Azurite for the storage rows
# as test.sh does (the real-host rows start Azurites of their own from .tools/azurite).
# ./bench.sh --quick for a shorter run, --host for only the real-host rows, --chart
# docs/performance.svg to redraw the chart.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/azurite.sh
# The real-host rows run Azurites of their own from .tools/azurite, also when one is up already.
azurite_install

dotnet build tests/FunctionsSequence.Benchmarks -c Release --nologo -v quiet
# The Functions app's Release build is what the real-host rows run on the Functions host (../shared/functions-host).
dotnet build src/FunctionsSequence.Functions -c Release --nologo -v quiet
# The engine's own log lines (warnings from the storage backend) go to a file, not the table;
# if the run fails, its last lines say why.
mkdir -p .tools
if ! dotnet tests/FunctionsSequence.Benchmarks/bin/Release/net10.0/FunctionsSequence.Benchmarks.dll "$@" 2>.tools/bench-stderr.log; then
  echo "The benchmark failed; the last lines of .tools/bench-stderr.log:" >&2
  tail -n 20 .tools/bench-stderr.log >&2
  exit 1
fi

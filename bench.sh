#!/usr/bin/env bash
# Runs the benchmark (Release) in a few minutes and prints a table and a RESULT line; starts
# Azurite for the storage rows as test.sh does. ./bench.sh --quick for a shorter run,
# --chart docs/performance.svg to redraw the chart.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/azurite.sh

dotnet build tests/FunctionsSequence.Benchmarks -c Release --nologo -v quiet
dotnet tests/FunctionsSequence.Benchmarks/bin/Release/net10.0/FunctionsSequence.Benchmarks.dll "$@" 2>/dev/null

#!/usr/bin/env bash
# Runs the benchmark (Release) in a few minutes and prints a table and a RESULT line; starts
# Azurite for the storage rows as test.sh does. ./bench.sh --quick for a shorter run.
set -euo pipefail
cd "$(dirname "$0")"

azurite_up() { (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; }
if ! azurite_up; then
  if [ ! -x .tools/azurite/node_modules/.bin/azurite ]; then
    npm install --prefix .tools/azurite azurite@3.35.0 --no-audit --no-fund --silent
  fi
  .tools/azurite/node_modules/.bin/azurite --silent --inMemoryPersistence --disableTelemetry --skipApiVersionCheck \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 > .tools/azurite.log 2>&1 &
  azurite_pid=$!
  trap 'kill $azurite_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do azurite_up && break; sleep 0.5; done
fi

dotnet build tests/FunctionsSequence.Benchmarks -c Release --nologo -v quiet
dotnet tests/FunctionsSequence.Benchmarks/bin/Release/net10.0/FunctionsSequence.Benchmarks.dll "$@" 2>/dev/null

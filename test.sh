#!/usr/bin/env bash
# Runs every test: Core unit tests; end-to-end tests that drive fseq over HTTP (delivery, bad
# input, overload, crash recovery on Azurite); the Functions app's metadata, handlers and functions;
# the compiled and linted Bicep. Installs what the tests need first, so a fresh machine with the
# .NET SDK and Node.js is enough: Azurite from npm, the Bicep CLI from NuGet (at restore).
set -euo pipefail
cd "$(dirname "$0")"

azurite_up() { (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; }

if ! azurite_up; then
  if [ ! -x .tools/azurite/node_modules/.bin/azurite ]; then
    echo "Installing Azurite (storage emulator) into .tools/azurite ..."
    # 3.35 is the last Azurite that runs on Node 20.
    npm install --prefix .tools/azurite azurite@3.35.0 --no-audit --no-fund --silent
  fi
  .tools/azurite/node_modules/.bin/azurite --silent --inMemoryPersistence --disableTelemetry --skipApiVersionCheck \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 > .tools/azurite.log 2>&1 &
  azurite_pid=$!
  trap 'kill $azurite_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do azurite_up && break; sleep 0.5; done
  azurite_up || { echo "Azurite did not start; see .tools/azurite.log" >&2; exit 1; }
fi

dotnet build FunctionsSequence.sln --nologo -v quiet
dotnet test FunctionsSequence.sln --no-build --nologo --logger "console;verbosity=minimal"

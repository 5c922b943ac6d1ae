#!/usr/bin/env bash
# Runs every test: Core unit tests; end-to-end tests that drive fseq over HTTP (delivery, bad
# input, overload, crash recovery on Azurite); the Functions app's metadata, handlers and functions;
# the compiled and linted Bicep; the Functions app on a real Functions host (skipped without one).
# Installs what the tests need first, so a fresh machine with the .NET SDK and Node.js is enough:
# Azurite from npm, Chromium for the dashboard's browser test from apt (Debian package chromium),
# the Bicep CLI from NuGet (at restore).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/azurite.sh
source scripts/chromium.sh

# The tests run the app with the manifests it ships by default; a folder exported for a deployment
# ("Deploy to Azure" in README.md) would replace them.
unset FunctionsSequenceManifests
dotnet build FunctionsSequence.sln --nologo -v quiet
log=$(mktemp)
status=0
# The host tests run on their own, after the rest: their Functions hosts would take the CPU that
# load-sensitive tests (OverloadTests needs a burst fast enough to be refused) count on.
dotnet test FunctionsSequence.sln --no-build --nologo --logger "console;verbosity=minimal" \
  --filter "FullyQualifiedName!~FunctionsSequence.HostTests" 2>&1 | tee "$log" || status=$?
dotnet test tests/FunctionsSequence.HostTests --no-build --nologo --logger "console;verbosity=minimal" 2>&1 | tee -a "$log" || status=$?
# One closing line over every test project.
awk -F'[:,]' '/(Passed|Failed)! +- Failed:/ { failed += $2; passed += $4 } END { printf "%d passed, %d failed\n", passed, failed }' "$log"
rm -f "$log"
exit "$status"

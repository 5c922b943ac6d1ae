#!/usr/bin/env bash
# Runs every test: Core unit tests, end-to-end tests of fseq over HTTP, Functions metadata checks,
# and (once infra/ exists) the compiled Bicep. Installs what the tests need first, so a fresh
# machine with the .NET SDK and Node is enough.
set -euo pipefail
cd "$(dirname "$0")"

dotnet build FunctionsSequence.sln --nologo -v quiet
dotnet test FunctionsSequence.sln --no-build --nologo --logger "console;verbosity=minimal"

# Sourced by test.sh and bench.sh: makes sure Azurite (the Azure Storage emulator) listens on
# 127.0.0.1:10000-10002, installing it into .tools/ and starting it if needed; stops what it
# started when the calling script exits.
azurite_up() { (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; }

azurite_install() {
  if [ ! -x .tools/azurite/node_modules/.bin/azurite ]; then
    echo "Installing Azurite (storage emulator) into .tools/azurite ..."
    # 3.35 is the last Azurite that runs on Node 20.
    npm install --prefix .tools/azurite azurite@3.35.0 --no-audit --no-fund --silent
  fi
}

if azurite_up; then
  # One started long before (a benchmark's, another run's) is used as it is, and an in-memory
  # Azurite slows as its tables and queues fill: say so, since tests that wait on it may time out.
  echo "Using the Azurite already listening on 127.0.0.1:10000; if it has run for long, stop it so that a fresh one starts." >&2
else
  azurite_install
  # --skipApiVersionCheck: the Azure SDKs here speak a newer storage API version than 3.35 knows.
  .tools/azurite/node_modules/.bin/azurite --silent --inMemoryPersistence --disableTelemetry --skipApiVersionCheck \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 > .tools/azurite.log 2>&1 &
  azurite_pid=$!
  # Waits for it to go, so a script run right after does not find the port still open and skip starting one.
  trap 'kill $azurite_pid 2>/dev/null; wait $azurite_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do azurite_up && break; sleep 0.5; done
  azurite_up || { echo "Azurite did not start; see .tools/azurite.log" >&2; exit 1; }
fi

# Sourced by test.sh: makes sure Chromium (the Debian package chromium, /usr/bin/chromium) is there
# for the dashboard's browser test, installing it with apt-get where it can. Without it the test is
# skipped, and fails in CI (CI set).
if [ ! -x /usr/bin/chromium ] && command -v apt-get > /dev/null; then
  chromium_sudo=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo > /dev/null; then chromium_sudo="sudo -n"; fi
  echo "Installing Chromium (the headless browser of the dashboard test) ..."
  { $chromium_sudo apt-get install -y -qq chromium || { $chromium_sudo apt-get update -qq && $chromium_sudo apt-get install -y -qq chromium; }; } > /dev/null 2>&1 \
    || echo "Could not install Chromium (apt-get install -y chromium); the dashboard's browser test will say so." >&2
fi

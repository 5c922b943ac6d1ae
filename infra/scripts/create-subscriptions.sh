#!/bin/sh
# azd postdeploy hook: the code is live, so Event Grid can validate the Trigger endpoints now.
# Every deploy provisions the subscriptions again (a Trigger added since has its function now), and
# the switch goes back off, whatever happens (an interrupt too), so that the next azd up's first
# provision, which runs before the code is deployed, creates none. SKIP_SUBSCRIPTIONS=true (azd env
# set) skips it, for a pipeline that deploys code only.
set -eu
if [ "${SKIP_SUBSCRIPTIONS:-false}" = "true" ]; then
  echo "SKIP_SUBSCRIPTIONS is true: Event Grid subscriptions left as they are."
  exit 0
fi
# The environment azd runs this hook for (azd up -e NAME), not azd's default one.
set --
if [ -n "${AZURE_ENV_NAME:-}" ]; then set -- -e "$AZURE_ENV_NAME"; fi
trap 'azd env set DEPLOY_SUBSCRIPTIONS false "$@"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
azd env set DEPLOY_SUBSCRIPTIONS true "$@"
azd provision --no-prompt "$@"

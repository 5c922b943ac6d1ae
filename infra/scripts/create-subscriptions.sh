#!/bin/sh
# azd postdeploy hook: the code is live, so Event Grid can validate the Trigger endpoints now.
set -eu
if [ "$(azd env get-value DEPLOY_SUBSCRIPTIONS 2>/dev/null || echo false)" = "true" ]; then
  echo "Event Grid subscriptions already provisioned."
  exit 0
fi
azd env set DEPLOY_SUBSCRIPTIONS true
azd provision --no-prompt

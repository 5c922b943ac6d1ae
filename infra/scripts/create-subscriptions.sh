#!/bin/sh
# azd postdeploy hook: the code is live, so Event Grid can validate the Trigger endpoints now.
# Every deploy provisions the subscriptions again (a Trigger added since has its function now), and
# the switch goes back off, whatever happens, so that the next azd up's first provision, which
# runs before the code is deployed, creates none.
set -eu
trap 'azd env set DEPLOY_SUBSCRIPTIONS false' EXIT
azd env set DEPLOY_SUBSCRIPTIONS true
azd provision --no-prompt

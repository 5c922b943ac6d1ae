# azd postdeploy hook: the code is live, so Event Grid can validate the Trigger endpoints now.
# Every deploy provisions the subscriptions again (a Trigger added since has its function now), and
# the switch goes back off, whatever happens, so that the next azd up's first provision, which
# runs before the code is deployed, creates none.
$ErrorActionPreference = 'Stop'
try {
    azd env set DEPLOY_SUBSCRIPTIONS true
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    azd provision --no-prompt
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}
finally {
    azd env set DEPLOY_SUBSCRIPTIONS false
}

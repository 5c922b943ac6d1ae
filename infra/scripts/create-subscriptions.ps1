# azd postdeploy hook: the code is live, so Event Grid can validate the Trigger endpoints now.
$ErrorActionPreference = 'Stop'
$current = azd env get-value DEPLOY_SUBSCRIPTIONS 2>$null
if ($current -eq 'true') {
    Write-Host 'Event Grid subscriptions already provisioned.'
    exit 0
}
azd env set DEPLOY_SUBSCRIPTIONS true
azd provision --no-prompt

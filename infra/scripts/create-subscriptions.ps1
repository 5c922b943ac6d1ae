# azd postdeploy hook: the code is live, so Event Grid can validate the Trigger endpoints now.
# Every deploy provisions the subscriptions again (a Trigger added since has its function now), and
# the switch goes back off, whatever happens, so that the next azd up's first provision, which
# runs before the code is deployed, creates none. SKIP_SUBSCRIPTIONS=true (azd env set) skips it,
# for a pipeline that deploys code only.
$ErrorActionPreference = 'Stop'
if ($env:SKIP_SUBSCRIPTIONS -eq 'true') {
    Write-Host 'SKIP_SUBSCRIPTIONS is true: Event Grid subscriptions left as they are.'
    exit 0
}
# The environment azd runs this hook for (azd up -e NAME), not azd's default one.
$environment = @()
if ($env:AZURE_ENV_NAME) { $environment = @('-e', $env:AZURE_ENV_NAME) }
$failed = 0
try {
    azd env set DEPLOY_SUBSCRIPTIONS true @environment
    $failed = $LASTEXITCODE
    if ($failed -eq 0) {
        azd provision --no-prompt @environment
        $failed = $LASTEXITCODE
    }
}
finally {
    azd env set DEPLOY_SUBSCRIPTIONS false @environment
    if ($failed -eq 0) { $failed = $LASTEXITCODE }
}
exit $failed

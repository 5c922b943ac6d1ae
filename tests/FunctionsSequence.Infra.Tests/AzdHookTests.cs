using System.Diagnostics;

namespace FunctionsSequence.Infra.Tests;

/// <summary>
/// azd's postdeploy hook (infra/scripts/create-subscriptions.sh) against a stand-in azd that records its
/// calls: every deploy provisions the Event Grid subscriptions, and the switch is off again afterwards,
/// so that the next azd up's first provision, before the code is deployed, creates none.
/// </summary>
public sealed class AzdHookTests : IDisposable
{
    private readonly DirectoryInfo bin = Directory.CreateTempSubdirectory("fseq-azd-");

    public void Dispose() => bin.Delete(recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // a Trigger's function missing, Event Grid out of reach: the switch still goes back off
    public async Task Each_deploy_provisions_the_subscriptions_and_turns_the_switch_off_again(bool provisionFails)
    {
        (int exit, string[] calls) = await RunHookAsync(provisionFails);

        Assert.Equal(provisionFails ? 1 : 0, exit);
        Assert.Equal(["env set DEPLOY_SUBSCRIPTIONS true", "provision --no-prompt", "env set DEPLOY_SUBSCRIPTIONS false"], calls);
    }

    [Fact]
    public async Task A_second_deploy_provisions_them_again_for_a_trigger_added_since()
    {
        await RunHookAsync(provisionFails: false);

        (_, string[] calls) = await RunHookAsync(provisionFails: false);

        Assert.Equal(2, calls.Count(c => c == "provision --no-prompt"));
    }

    [Fact]
    public async Task It_acts_on_the_environment_azd_runs_it_for_not_the_default_one()
    {
        (_, string[] calls) = await RunHookAsync(provisionFails: false, environment: "prod"); // azd up -e prod

        Assert.Equal(["env set DEPLOY_SUBSCRIPTIONS true -e prod", "provision --no-prompt -e prod", "env set DEPLOY_SUBSCRIPTIONS false -e prod"], calls);
    }

    [Fact]
    public async Task A_pipeline_that_deploys_code_only_skips_it()
    {
        (int exit, string[] calls) = await RunHookAsync(provisionFails: false, skip: true);

        Assert.Equal(0, exit);
        Assert.Empty(calls);
    }

    private async Task<(int Exit, string[] Calls)> RunHookAsync(bool provisionFails, bool skip = false, string? environment = null)
    {
        string log = Path.Combine(bin.FullName, "calls");
        string azd = Path.Combine(bin.FullName, "azd");
        // Keeps azd's environment values in files beside it, as azd env set and get-value would.
        await File.WriteAllTextAsync(azd, $$"""
            #!/bin/sh
            echo "$*" >> '{{log}}'
            case "$1 $2" in
              "env set") echo "$4" > '{{bin.FullName}}'/"env-$3" ;;
              "env get-value") cat '{{bin.FullName}}'/"env-$3" 2>/dev/null || exit 1 ;;
              "provision "*) exit {{(provisionFails ? 1 : 0)}} ;;
            esac
            exit 0

            """);
        if (!OperatingSystem.IsWindows()) // the Infra tests run on Linux, as the Bicep CLI they restore does
        {
            File.SetUnixFileMode(azd, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo("sh", Path.Combine(Bicep.Infra, "scripts", "create-subscriptions.sh")) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = bin.FullName + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["SKIP_SUBSCRIPTIONS"] = skip ? "true" : null; // azd hands its environment's values to hooks
        start.Environment["AZURE_ENV_NAME"] = environment;
        using Process hook = Process.Start(start)!;
        await hook.WaitForExitAsync();
        return (hook.ExitCode, File.Exists(log) ? await File.ReadAllLinesAsync(log) : []);
    }
}

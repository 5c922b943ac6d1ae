using System.Net;
using System.Net.Sockets;
using FunctionsSequence.Cli.Inspection;

namespace FunctionsSequence.IntegrationTests;

/// <summary>
/// fseq's command line: help per command, usage mistakes with fseq's messages and exit code 64,
/// one-line errors for storage or an app that cannot be used, shell completion.
/// </summary>
public sealed class CommandLineTests(StepServer web) : IClassFixture<StepServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("run", "--batch-in-flight <N>")]
    [InlineData("run", "--batch-wait <N>")]
    [InlineData("validate", "--checkpoint <step|sequence>")]
    [InlineData("validate", "--function-timeout <HH:MM:SS>")]
    [InlineData("run", "several times the throughput) [default: step]")]
    [InlineData("run", "POST /api/sequences/{name}, /api/parallels/{name}, /api/brokers/{name}, /api/services/{name})")]
    [InlineData("run", "most events one run of a Sequence, Parallel or Trigger carries")]
    [InlineData("send", "Send one CloudEvent to a Sequence, Parallel, Broker or Service route")]
    [InlineData("export-infra", "--output <FILE>")]
    [InlineData("graph", "--format <mermaid|dot|svg>")]
    [InlineData("send", "--extension <NAME=VALUE>")]
    [InlineData("completion", "bash, zsh or pwsh")]
    public async Task Each_command_has_its_own_help(string command, string mention)
    {
        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, command, "--help");

        Assert.True(exit == 0, stderr);
        Assert.Contains($"fseq {command}", stdout, StringComparison.Ordinal);
        Assert.Contains(mention, stdout, StringComparison.Ordinal);
        Assert.Empty(stderr);
    }

    [Theory]
    [InlineData("run", "fseq run <PATH>... [options]")]
    [InlineData("validate", "fseq validate <PATH>... [options]")]
    [InlineData("event", "fseq event <ID> [options]")]
    [InlineData("completion", "fseq completion <SHELL> [options]")]
    [InlineData("redrive send", "fseq redrive send [<ID>...] [options]")]
    public async Task Help_shows_a_required_argument_without_brackets(string command, string usage)
    {
        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, [.. command.Split(' '), "--help"]);

        Assert.True(exit == 0, stderr);
        Assert.Contains("\n  " + usage + "\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_arguments_lists_the_commands_and_exits_zero()
    {
        var (exit, stdout, _) = await FseqProcess.RunToEndAsync(Timeout);

        Assert.Equal(0, exit);
        Assert.Contains("run Knative Sequence, Parallel, Broker/Trigger and PingSource manifests", stdout, StringComparison.Ordinal);
        Assert.Contains("/api/parallels/{name}", stdout, StringComparison.Ordinal);
        foreach (string command in new[] { "run", "validate", "export-infra", "graph", "send", "completion" })
        {
            Assert.Contains($"  {command} ", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_bad_option_value_is_a_usage_error_and_nothing_starts()
    {
        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "run", "samples/1-direct", "--port", "70000");

        Assert.Equal(64, exit);
        Assert.Equal("fseq: --port needs a whole number from 0 to 65535, not '70000'\nRun 'fseq run --help' for usage.\n", stderr);
        Assert.Empty(stdout);
    }

    [Theory]
    [InlineData("fseq: --port needs a whole number from 0 to 65535", "run", "samples/1-direct", "--port")]
    [InlineData("fseq: --timeout needs a whole number from 1 to 86400, not '0'", "run", "samples/1-direct", "--timeout", "0")]
    [InlineData("fseq: --batch needs a whole number from 1 to 10000, not 'many'", "run", "samples/1-direct", "--batch", "many")]
    [InlineData("fseq: --otlp needs an absolute http:// or https:// URL, not 'localhost:4318'", "run", "samples/1-direct", "--otlp", "localhost:4318")]
    [InlineData("fseq: --checkpoint needs step or sequence, not 'often'", "validate", "samples/1-direct", "--checkpoint", "often")]
    [InlineData("fseq: --function-timeout needs a time above zero, such as 00:10:00, not 'ten'", "validate", "samples/1-direct", "--function-timeout", "ten")]
    [InlineData("fseq: --output needs a file name", "export-infra", "samples/1-direct", "--output")]
    [InlineData("fseq: --format needs mermaid, dot or svg, not 'png'", "graph", "samples/1-direct", "--format", "png")]
    [InlineData("fseq: --output flows.png names a PNG picture, which fseq does not draw: give the file .svg (a picture), .mmd (Mermaid) or .dot (Graphviz, which renders PNG and PDF)", "graph", "samples/1-direct", "--output", "flows.png")]
    [InlineData("fseq: unknown option '--store' for redrive send (options come first; an ID that starts with '-' goes after --)", "redrive", "send", "--store", "azurite")]
    [InlineData("fseq: unknown option '--bogus' for event (options come first; an ID that starts with '-' goes after --)", "event", "--bogus", "--url", "http://127.0.0.1:7071/")]
    [InlineData("fseq: --store needs memory, azurite or an Azure Storage connection string, not 'azurit' (did you mean azurite?)", "run", "samples/1-direct", "--store", "azurit")]
    [InlineData("fseq: --store needs azurite, an Azure Storage connection string or a storage account name, not 'azurit' (did you mean azurite?)", "runs", "--store", "azurit")]
    [InlineData("fseq: --store needs azurite, an Azure Storage connection string or a storage account name, not 'azuirte' (did you mean azurite?)", "event", "x", "--store", "azuirte")]
    [InlineData("fseq: --store needs azurite, an Azure Storage connection string or a storage account name, not 'azure' (did you mean azurite?)", "redrive", "list", "--store", "azure")]
    [InlineData("fseq: --store needs azurite, an Azure Storage connection string or a storage account name, not 'azurit' (did you mean azurite?)", "redrive", "import", "--store", "azurit")]
    [InlineData("fseq: runs reads either a running fseq or app (--url, --key, --timeout) or a task hub (--store), not both", "runs", "--store", "azurite", "--timeout", "5")]
    [InlineData("fseq: redrive list reads either a running fseq or app (--url, --key, --timeout) or a task hub (--store), not both", "redrive", "list", "--store", "azurite", "--url", "http://127.0.0.1:7071/")]
    [InlineData("fseq: --store needs memory, azurite or an Azure Storage connection string, not 'myaccount'", "run", "samples/1-direct", "--store", "myaccount")]
    [InlineData("fseq: --store needs azurite, an Azure Storage connection string or a storage account name, not 'Not An Account'", "runs", "--store", "Not An Account")]
    [InlineData("fseq: --store needs azurite, an Azure Storage connection string or a storage account name, not 'memory' (fseq's in-memory store is read through the running fseq: --url)", "runs", "--store", "memory")]
    [InlineData("fseq: --task-hub needs a task hub name of 3 to 45 letters and digits, the first a letter, not 'my-hub'", "run", "samples/1-direct", "--store", "azurite", "--task-hub", "my-hub")]
    [InlineData("fseq: --task-hub needs a task hub name of 3 to 45 letters and digits, the first a letter, not '1hub'", "event", "x", "--store", "azurite", "--task-hub", "1hub")]
    [InlineData("fseq: --task-hub names a task hub in storage, so it needs --store (azurite or a connection string; the in-memory store has none)", "run", "samples/1-direct", "--task-hub", "myhub")]
    [InlineData("fseq: --task-hub names a task hub in storage, so it needs --store (azurite or a connection string; the in-memory store has none)", "run", "samples/1-direct", "--store", "memory", "--task-hub", "myhub")]
    [InlineData("fseq: --task-hub names a task hub in storage, so it needs --store (without it, the app at --url is read, with its own task hub)", "runs", "--url", "http://127.0.0.1:7071/", "--task-hub", "myhub")]
    [InlineData("fseq: --task-hub names a task hub in storage, so it needs --store (without it, the app at --url is read, with its own task hub)", "event", "x", "--task-hub", "myhub")]
    [InlineData("fseq: --task-hub names a task hub in storage, so it needs --store (without it, the app at --url is read, with its own task hub)", "redrive", "list", "--task-hub", "myhub")]
    [InlineData("fseq: --container needs a blob container name: 3 to 63 lower-case letters, digits and single hyphens, not 'Dead_Letters'", "redrive", "import", "--store", "azurite", "--container", "Dead_Letters")]
    [InlineData("fseq: unknown option '--verbose' for validate", "validate", "samples/1-direct", "--verbose")]
    [InlineData("fseq: unknown option '-f' for validate (kubectl's -f is not needed: give the files and folders themselves, as in fseq validate DIR)", "validate", "-f", "samples/1-direct")]
    [InlineData("fseq: unknown option '-n' for run (namespaces come from the manifests' metadata.namespace, or the one they are written for)", "run", "samples/1-direct", "-n", "shop")]
    [InlineData("fseq: run needs at least one manifest file or folder", "run", "--once")]
    [InlineData("fseq: graph needs at least one manifest file or folder", "graph")]
    [InlineData("fseq: event needs an event ID", "event")]
    [InlineData("fseq: event needs an event ID", "event", "--url", "http://127.0.0.1:7071/")]
    [InlineData("fseq: redrive send needs dead-letter IDs or --all", "redrive", "send")]
    [InlineData("fseq: redrive send takes dead-letter IDs or --all, not both", "redrive", "send", "x", "--all")]
    [InlineData("fseq: unknown command 'start' (expected run, validate, export-infra, graph, send, runs, event, redrive, completion)", "start")]
    [InlineData("fseq: unknown command 'rnu'; did you mean 'run'? (expected run, validate, export-infra, graph, send, runs, event, redrive, completion)", "rnu", "samples/1-direct")]
    [InlineData("fseq: completion needs bash, zsh or pwsh", "completion", "fish")]
    [InlineData("fseq: completion needs bash, zsh or pwsh", "completion")]
    [InlineData("fseq: redrive needs a command: list, send, import", "redrive")]
    [InlineData("fseq: unknown command 'lsit' for redrive; did you mean 'list'? (expected list, send, import)", "redrive", "lsit")]
    [InlineData("fseq: unknown command 'nosuch' for redrive (expected list, send, import)", "help", "redrive", "nosuch")]
    [InlineData("fseq: unknown command 'nosuch' (expected run, validate, export-infra, graph, send, runs, event, redrive, completion)", "help", "nosuch")]
    public async Task Usage_mistakes_say_what_is_wrong_and_exit_64(string message, params string[] args)
    {
        var (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, args);

        Assert.True(exit == 64, stderr);
        Assert.Equal(message, stderr.Split('\n')[0]);
    }

    [Fact]
    public async Task A_dash_reads_the_manifests_from_standard_input_as_kubectl_apply_f_dash_does()
    {
        // kustomize build | fseq validate -: the documents of standard input join the files named beside it.
        string services = File.ReadAllText(Path.Combine(FseqProcess.RepoRoot, "samples", "2-reply-display", "services.yaml"));

        var (exit, stdout, stderr) = await FseqProcess.RunWithInputAsync(Timeout, services, "validate", "-", "samples/2-reply-display/2-reply-display.yaml");

        Assert.True(exit == 0, stderr);
        Assert.StartsWith("OK:", stdout, StringComparison.Ordinal);

        (exit, _, stderr) = await FseqProcess.RunWithInputAsync(Timeout, "apiVersion: flows.knative.dev/v1\nkind: Sequence\nmetadata:\n  name: s\nspec:\n  stepz: []\n", "validate", "-");

        Assert.Equal(1, exit);
        Assert.StartsWith("STDIN:6:", stderr, StringComparison.Ordinal);
        Assert.EndsWith(" error(s) in the manifests.\n", stderr, StringComparison.Ordinal); // validate starts nothing, so says nothing of it
    }

    [Theory]
    [InlineData("run", "samples/1-direct")]
    [InlineData("runs")]
    [InlineData("event", "x")]
    [InlineData("redrive", "list")]
    [InlineData("redrive", "import")]
    public async Task A_connection_string_the_sdk_cannot_read_is_a_usage_error_that_does_not_echo_it(params string[] command)
    {
        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, [.. command, "--store", "AccountName=someone;AccountKey=not-a-key"]);

        Assert.True(exit == 64, stderr);
        Assert.Matches("^fseq: --store needs .*, not that connection string \\(No valid combination of account information found\\)\n", stderr);
        Assert.DoesNotContain("not-a-key", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Storage_that_does_not_answer_is_one_line_within_seconds_and_nothing_starts()
    {
        // An account on a port where nothing listens: the key is never used, so it is a placeholder, not a key.
        string nowhere = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String("placeholder, never sent"u8)};"
            + "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "run", "samples/4-broker-trigger", "--port", "0", "--once", "--store", nowhere);

        Assert.Equal(1, exit);
        Assert.Equal("fseq: cannot reach the storage of the connection string: Connection refused (127.0.0.1:9) (check that it is reachable and that you may use it, or use --store memory)\n", stderr);
        Assert.Empty(stdout);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}"); // not the storage SDK's minutes of retries; fseq's own start is seconds on a loaded machine
    }

    [SkippableFact]
    public async Task A_storage_account_without_a_signed_in_credential_says_to_sign_in_first()
    {
        bool azOnPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "az")));
        Skip.If(azOnPath || Environment.GetEnvironmentVariable("AZURE_CLIENT_ID") is not null, "a credential may sign in here");

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "runs", "--store", "fseqnosuchaccount");

        Assert.Equal(1, exit);
        Assert.StartsWith("fseq: cannot read task hub fseqlocal in storage account fseqnosuchaccount: Entra ID sign-in failed; sign in with az login", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task A_port_that_is_taken_is_one_line()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        string port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "run", "samples/1-direct", "--port", port);

        Assert.Equal(1, exit);
        Assert.StartsWith($"fseq: cannot listen on 127.0.0.1:{port}: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("Hosting failed to start", stdout + stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("azurite", true)]
    [InlineData("AZURITE", true)]
    [InlineData("mystorage", true)]
    [InlineData("azuretest", true)]
    [InlineData("azurit", false)]
    [InlineData("azurtie", false)]
    [InlineData("azure", false)]
    [InlineData("azurite1", false)]
    public void A_store_word_a_typo_away_from_azurite_names_no_account(string word, bool names)
    {
        StorageTarget? target = StorageTarget.Parse(word);

        Assert.Equal(names, target is not null);
        Assert.True(target is null || target.ConnectionString is not null || target.AccountName == word);
    }

    [Theory]
    [InlineData("", "its table endpoint answers 404 Not Found (is it Azure Storage?), or use --store memory")]
    [InlineData("web-page/", "what answers there is not Azure Storage (check the address, or use --store memory)")]
    public async Task A_server_that_is_not_storage_is_one_line_and_nothing_starts(string path, string problem)
    {
        // Kestrel answers 404 where the test serves nothing, and a web page under /web-page/.
        Uri account = new(web.BaseAddress, path + "devstoreaccount1");
        string notStorage = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String("placeholder, never checked"u8)};"
            + $"BlobEndpoint={account};QueueEndpoint={account};TableEndpoint={account}";

        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, "run", "samples/4-broker-trigger", "--port", "0", "--once", "--store", notStorage);

        Assert.Equal(1, exit);
        Assert.Equal($"fseq: cannot reach the storage of the connection string: {problem}\n", stderr);
        Assert.Empty(stdout);
    }

    [Theory]
    [InlineData("fseq: {url}api/brokers/default did not answer within 1 s (give --timeout SECONDS to wait longer)", "send", "--to", "{url}api/brokers/default")]
    [InlineData("fseq: {url}api/brokers/default did not answer within 1 s (give --timeout SECONDS to wait longer)", "send", "--to", "{url}api/brokers/default?code=not-for-stderr")]
    [InlineData("fseq: {url}api/runs did not answer within 1 s (give --timeout SECONDS to wait longer)", "runs", "--url", "{url}")]
    [InlineData("fseq: {url}api/events/x did not answer within 1 s (give --timeout SECONDS to wait longer)", "event", "x", "--url", "{url}")]
    [InlineData("fseq: cannot list dead letters: {url}api/deadletters did not answer within 1 s (give --timeout SECONDS to wait longer)", "redrive", "list", "--url", "{url}")]
    [InlineData("fseq: cannot redrive: {url}api/deadletters did not answer within 1 s (give --timeout SECONDS to wait longer)", "redrive", "send", "--all", "--url", "{url}")]
    public async Task An_app_that_does_not_answer_is_one_line_after_the_timeout(string message, params string[] args)
    {
        // Connections are accepted (into the listen backlog) and never answered.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        string url = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (exit, _, stderr) = await FseqProcess.RunToEndAsync(Timeout, [.. args.Select(a => a.Replace("{url}", url, StringComparison.Ordinal)), "--timeout", "1"]);

        Assert.True(exit == 1, stderr);
        Assert.Equal(message.Replace("{url}", url, StringComparison.Ordinal) + "\n", stderr);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}"); // a 1 s timeout, not a client's default of 100 s; fseq's own start is seconds on a loaded machine
    }

    [Theory]
    [InlineData("fseq run --p", "--port")]
    [InlineData("fseq run samples --store a", "azurite")]
    [InlineData("fseq ex", "export-infra")]
    public async Task Shell_completion_offers_what_fits_the_line(string line, string offered)
    {
        var (exit, stdout, stderr) = await FseqProcess.RunToEndAsync(Timeout, $"[suggest:{line.Length}]", line);

        Assert.True(exit == 0, stderr);
        Assert.Contains(offered, stdout.Split('\n'));
    }

    [Fact]
    public async Task Completion_script_asks_fseq_through_the_suggest_directive()
    {
        var (exit, stdout, _) = await FseqProcess.RunToEndAsync(Timeout, "completion", "bash");

        Assert.Equal(0, exit);
        Assert.Contains("complete -o default -F _fseq_complete fseq", stdout, StringComparison.Ordinal);
        Assert.Contains("[suggest:${COMP_POINT}]", stdout, StringComparison.Ordinal);
    }
}

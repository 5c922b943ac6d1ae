using FunctionsSequence.Cli.Commands;
using FunctionsSequence.Cli.Runtime;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Infra;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Steps;
using FunctionsSequence.Core.Yaml;
using FunctionsSequence.Steps;

// fseq: validate or run Knative manifests locally. See CommandLine.Usage.
var parsed = CommandLine.Parse(args, out string? error);
if (parsed is not { } invocation)
{
    if (error is not null)
    {
        Console.Error.WriteLine($"fseq: {error}");
        Console.Error.WriteLine();
    }

    (error is null ? Console.Out : Console.Error).WriteLine(CommandLine.Usage);
    return error is null ? 0 : CommandLine.UsageError;
}

// The loader checks step annotations against the steps this build registers.
string[] inAppSteps = new ServiceCollection().AddAppSteps().StepNames();
ManifestLoadResult loaded = new ManifestLoader(inAppSteps, invocation.Options.Checkpoint).Load(invocation.Options.Paths);
foreach (ManifestDiagnostic diagnostic in loaded.Diagnostics)
{
    Console.Error.WriteLine(diagnostic);
}

if (loaded.HasErrors)
{
    int errors = loaded.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
    Console.Error.WriteLine($"fseq: {errors} error(s) in the manifests; nothing was started.");
    return 1;
}

if (invocation.Command == "export-infra")
{
    string json = EventGridExport.ToJson(EventGridExport.Export(loaded.Manifests!, string.Join(' ', invocation.Options.Paths)));
    if (invocation.Options.Output is { } output)
    {
        File.WriteAllText(output, json);
        Console.Error.WriteLine($"fseq: wrote {output}");
    }
    else
    {
        Console.Out.Write(json);
    }

    return 0;
}

if (invocation.Command == "validate")
{
    ManifestSet set = loaded.Manifests!;
    Console.Out.WriteLine($"OK: {set.Summary}.");
    return 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
try
{
    return await LocalRuntime.RunAsync(invocation.Options, loaded.Manifests!, cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    return 0;
}
catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException || ex.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
{
    Console.Error.WriteLine($"fseq: cannot listen on 127.0.0.1:{invocation.Options.Port}: {ex.Message} (try --port with another number, or 0)");
    return 1;
}

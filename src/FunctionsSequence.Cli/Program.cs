using FunctionsSequence.Cli.Commands;

// fseq: the local runtime of Knative manifests. Its commands are in Commands/; `fseq --help` lists them.
return await CommandLine.InvokeAsync(args);

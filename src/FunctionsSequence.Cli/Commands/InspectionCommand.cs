using System.CommandLine;
using FunctionsSequence.Cli.Inspection;

namespace FunctionsSequence.Cli.Commands;

/// <summary>What <c>fseq runs</c> and <c>fseq event</c> share: open the source, read, and report a source that cannot be read as "fseq: ..." with exit 1.</summary>
internal static class InspectionCommand
{
    public static async Task<int> RunAsync(InspectionOptions options, ParseResult parsed, Func<IRunSource, Task<int>> read, CancellationToken cancellationToken)
    {
        try
        {
            await using IRunSource source = await options.OpenAsync(parsed, cancellationToken);
            return await read(source);
        }
        catch (InspectionException ex)
        {
            Console.Error.WriteLine($"fseq: {ex.Message}");
            return 1;
        }
    }
}

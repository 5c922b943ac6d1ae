namespace FunctionsSequence.Cli.Commands;

/// <summary>Where a command that prints a document sends it: a file named by <c>--output</c>, else stdout.</summary>
internal static class CommandOutput
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="file"/>, or stdout when it is null; returns the exit code.</summary>
    /// <remarks>A file that cannot be written is reported on stderr with the reason and exits 1.</remarks>
    public static int Write(string? file, string text)
    {
        if (file is null)
        {
            Console.Out.Write(text);
            return 0;
        }

        try
        {
            File.WriteAllText(file, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"fseq: cannot write {file}: {ex.Message}");
            return 1;
        }

        Console.Error.WriteLine($"fseq: wrote {file}");
        return 0;
    }
}

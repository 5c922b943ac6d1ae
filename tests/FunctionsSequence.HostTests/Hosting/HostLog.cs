using System.Text;
using System.Text.RegularExpressions;
using FunctionsSequence.IntegrationTests;

namespace FunctionsSequence.HostTests.Hosting;

/// <summary>
/// What a host prints, over all its runs (a restarted host keeps one log). The host's console
/// logger prints each message as a header line (<c>info: Category[0]</c>) and then the message's
/// lines, each indented by six spaces; an event-display block is one message (LoggerDisplaySink),
/// so a block is a message whose first line is event-display's header. Blocks are kept without the
/// indent, in the format of fseq's output, so <see cref="DisplayBlocks"/> compares them.
/// </summary>
internal sealed partial class HostLog
{
    private const string Indent = "      ";
    private readonly Lock gate = new();
    private readonly List<string> lines = [];
    private readonly List<string> messages = [];
    private readonly List<string> blocks = [];
    private List<string>? message;

    /// <summary>Every display block so far, in order, each ending with one newline.</summary>
    public IReadOnlyList<string> Blocks
    {
        get
        {
            lock (gate)
            {
                return [.. blocks];
            }
        }
    }

    public string Text
    {
        get
        {
            lock (gate)
            {
                return string.Join('\n', lines);
            }
        }
    }

    /// <summary>Called with each line of standard output as it arrives, outside the log's lock (the benchmark times display lines by it).</summary>
    public Action<string>? LineAdded { get; set; }

    /// <summary>A line of the host's standard output.</summary>
    public void Add(string line)
    {
        LineAdded?.Invoke(line);
        lock (gate)
        {
            lines.Add(line);
            if (message is not null && line.StartsWith(Indent, StringComparison.Ordinal))
            {
                message.Add(line[Indent.Length..]);
                return;
            }

            EndMessage();
            if (Header().IsMatch(line))
            {
                message = [];
            }
        }
    }

    /// <summary>A line of standard error: kept for the record, never part of a message.</summary>
    public void AddError(string line)
    {
        lock (gate)
        {
            lines.Add("stderr: " + line);
        }
    }

    /// <summary>A run ended (its last message is complete: a message ends at the next line otherwise).</summary>
    public void EndRun(string what)
    {
        lock (gate)
        {
            EndMessage();
            lines.Add($"-- {what} --");
        }
    }

    /// <summary>The log messages (each without its header and indent, its lines joined) that contain <paramref name="text"/>.</summary>
    public IReadOnlyList<string> Messages(string text)
    {
        lock (gate)
        {
            return [.. messages.Where(m => m.Contains(text, StringComparison.Ordinal))];
        }
    }

    /// <summary>How many blocks show the event with this id.</summary>
    public int Displayed(string id) => Blocks.Count(b => b.Contains($"\n  id: {id}\n", StringComparison.Ordinal));

    /// <summary>How many times each event id was displayed.</summary>
    public Dictionary<string, int> DisplayedCounts() =>
        Blocks.Select(b => IdLine().Match(b).Groups[1].Value).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The lines that contain <paramref name="text"/>.</summary>
    public IReadOnlyList<string> Lines(string text)
    {
        lock (gate)
        {
            return [.. lines.Where(l => l.Contains(text, StringComparison.Ordinal))];
        }
    }

    /// <summary>Waits until a display block contains <paramref name="text"/>; returns it.</summary>
    public async Task<string> WaitForDisplayAsync(string text, TimeSpan? timeout = null)
    {
        string? found = null;
        await Eventually.UntilAsync(
            () => (found = Blocks.FirstOrDefault(b => b.Contains(text, StringComparison.Ordinal))) is not null,
            timeout ?? TimeSpan.FromSeconds(60),
            () => $"no display block with '{text}'\n{Tail()}");
        return found!;
    }

    /// <summary>Waits until a line contains <paramref name="text"/>; returns the first such line.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan? timeout = null)
    {
        await Eventually.UntilAsync(() => Lines(text).Count > 0, timeout ?? TimeSpan.FromSeconds(60), () => $"no line with '{text}'\n{Tail()}");
        return Lines(text)[0];
    }

    /// <summary>The last lines, for failure messages.</summary>
    public string Tail(int count = 60)
    {
        lock (gate)
        {
            var tail = new StringBuilder($"last {Math.Min(count, lines.Count)} of {lines.Count} host log lines:\n");
            foreach (string line in lines.Skip(Math.Max(0, lines.Count - count)))
            {
                tail.Append(line).Append('\n');
            }

            return tail.ToString();
        }
    }

    public void SaveTo(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, Text + "\n");
    }

    private void EndMessage()
    {
        if (message is not null)
        {
            string text = string.Join('\n', message).TrimEnd() + "\n";
            messages.Add(text);
            if (message is [var first, ..] && first == DisplayBlocks.Header)
            {
                blocks.Add(text);
            }
        }

        message = null;
    }

    [GeneratedRegex(@"^(trce|dbug|info|warn|fail|crit): \S")]
    private static partial Regex Header();

    [GeneratedRegex(@"^  id: (.*)$", RegexOptions.Multiline)]
    private static partial Regex IdLine();
}

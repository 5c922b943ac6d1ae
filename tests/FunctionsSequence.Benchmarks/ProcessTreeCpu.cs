using System.Diagnostics;

namespace FunctionsSequence.Benchmarks;

/// <summary>
/// CPU time so far of the benchmark's process and every process it started, by role: the
/// real-host comparison's apps run as one process (fseq, in the benchmark's own) or two (the
/// Functions host and its worker), each beside an Azurite of its own, and only their sum is a fair
/// comparison. Linux only (it reads <c>/proc</c> for the process tree); empty elsewhere.
/// </summary>
internal static class ProcessTreeCpu
{
    /// <summary>The benchmark's own process: the load's senders, and fseq when it is the app measured.</summary>
    public const string Benchmark = "benchmark";

    public const string Azurite = "Azurite";

    public const string FunctionsHost = "Functions host";

    public const string Worker = "worker";

    /// <summary>fseq run as a process of its own (<see cref="FseqProcessTarget"/>).</summary>
    public const string Fseq = "fseq";

    /// <summary>Processes of the tree with none of the roles above (the host's start script).</summary>
    public const string Other = "other";

    /// <summary>CPU time so far per role, summed over the role's processes.</summary>
    public static IReadOnlyDictionary<string, TimeSpan> Snapshot()
    {
        var byRole = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        if (!OperatingSystem.IsLinux())
        {
            return byRole;
        }

        foreach ((int pid, string role) in Tree())
        {
            try
            {
                using Process process = Process.GetProcessById(pid);
                byRole[role] = byRole.GetValueOrDefault(role) + process.TotalProcessorTime;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Ended since the tree was read: its time is lost either way (a process's CPU
                // time is not readable after it ends), and none ends within a measured row.
            }
        }

        return byRole;
    }

    /// <summary>CPU time per role between two snapshots.</summary>
    public static IReadOnlyDictionary<string, TimeSpan> Between(IReadOnlyDictionary<string, TimeSpan> before, IReadOnlyDictionary<string, TimeSpan> after) =>
        after.ToDictionary(role => role.Key, role => role.Value - before.GetValueOrDefault(role.Key), StringComparer.Ordinal);

    /// <summary>This process and its descendants, each with its role.</summary>
    private static IEnumerable<(int Pid, string Role)> Tree()
    {
        var children = new Dictionary<int, List<int>>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out int pid) && ParentOf(pid) is { } parent)
            {
                (children.TryGetValue(parent, out List<int>? list) ? list : children[parent] = []).Add(pid);
            }
        }

        int self = Environment.ProcessId;
        yield return (self, Benchmark);
        var pending = new Stack<int>(children.GetValueOrDefault(self) ?? []);
        while (pending.TryPop(out int pid))
        {
            yield return (pid, RoleOf(pid));
            foreach (int child in children.GetValueOrDefault(pid) ?? [])
            {
                pending.Push(child);
            }
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, ...
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string RoleOf(int pid)
    {
        string commandLine;
        try
        {
            commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Other;
        }

        return commandLine switch
        {
            _ when commandLine.Contains("azurite", StringComparison.OrdinalIgnoreCase) => Azurite,
            _ when commandLine.Contains("WebJobs.Script.WebHost", StringComparison.Ordinal) => FunctionsHost,
            _ when commandLine.Contains("FunctionsSequence.Functions", StringComparison.Ordinal) => Worker,
            _ when commandLine.Contains("fseq.dll", StringComparison.Ordinal) => Fseq,
            _ => Other,
        };
    }
}

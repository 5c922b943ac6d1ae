using System.Reflection;
using System.Text.RegularExpressions;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Tests.Shared;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Tests;

/// <summary>Core's folders are concepts that depend on each other one way only, and its log messages keep their ids.</summary>
public sealed partial class CoreLayoutTests
{
    private static readonly string CoreFolder = Path.Combine(RepoRoot.Path, "src", "FunctionsSequence.Core");

    [Fact]
    public void No_folder_of_Core_depends_on_a_folder_that_depends_back_on_it()
    {
        Dictionary<string, HashSet<string>> uses = FolderDependencies();
        Assert.True(uses.Count >= 10, $"only {uses.Count} folders found under {CoreFolder}");

        var cycles = new List<string>();
        foreach (string start in uses.Keys)
        {
            if (PathBack(uses, start) is { } path)
            {
                cycles.Add(string.Join(" -> ", path));
            }
        }

        Assert.True(cycles.Count == 0, "folders that depend on each other:\n" + string.Join('\n', cycles.Distinct()));
    }

    [Fact]
    public void Every_log_message_has_its_own_event_id()
    {
        var ids = new Dictionary<int, string>();
        foreach (MethodInfo method in typeof(ManifestSet).Assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)))
        {
            if (method.GetCustomAttribute<LoggerMessageAttribute>() is not { } message)
            {
                continue;
            }

            string name = $"{method.DeclaringType!.Name}.{method.Name}";
            Assert.True(message.EventId > 0, $"{name} has no event id");
            Assert.True(ids.TryAdd(message.EventId, name), $"{name} and {ids.GetValueOrDefault(message.EventId)} share event id {message.EventId}");
        }

        Assert.True(ids.Count >= 15, $"only {ids.Count} log messages found");
    }

    /// <summary>For each top-level folder, the other folders its code names (usings and qualified names).</summary>
    private static Dictionary<string, HashSet<string>> FolderDependencies()
    {
        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(CoreFolder, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(CoreFolder, file);
            string[] parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Length < 2 || parts[0] is "bin" or "obj")
            {
                continue;
            }

            HashSet<string> set = uses.TryGetValue(parts[0], out HashSet<string>? known) ? known : uses[parts[0]] = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match match in CoreName().Matches(File.ReadAllText(file)))
            {
                if (match.Groups[1].Value != parts[0])
                {
                    set.Add(match.Groups[1].Value);
                }
            }
        }

        return uses;
    }

    /// <summary>A path of dependencies from <paramref name="start"/> back to itself, or null.</summary>
    private static List<string>? PathBack(Dictionary<string, HashSet<string>> uses, string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<List<string>>([[start]]);
        while (stack.TryPop(out List<string>? path))
        {
            foreach (string next in uses.GetValueOrDefault(path[^1]) ?? [])
            {
                if (next == start)
                {
                    return [.. path, next];
                }

                if (seen.Add(next))
                {
                    stack.Push([.. path, next]);
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"FunctionsSequence\.Core\.(\w+)")]
    private static partial Regex CoreName();
}

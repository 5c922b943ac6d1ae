using System.Text;
using System.Text.Json;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// Reads the documents of the files and folders given to a command, as <c>kubectl apply -f</c> does:
/// a folder's <c>.yaml</c>, <c>.yml</c> and <c>.json</c> files (recursively, in name order), a file
/// named twice once, <c>-</c> for standard input. What cannot be read is a diagnostic naming the path.
/// </summary>
internal static class ManifestFiles
{
    /// <summary>The files a folder's manifests are in, as for <c>kubectl apply -f DIR</c>.</summary>
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    // On Unix .NET reports a name starting with '.' as hidden; a hidden folder is not walked into.
    private static readonly EnumerationOptions FolderWalk = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        IgnoreInaccessible = true,
    };

    private static readonly HashSet<string> BuildOutput = new(["bin", "obj", "node_modules"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The documents of <paramref name="paths"/>; <c>-</c> reads <paramref name="standardInput"/> when given.</summary>
    public static List<ManifestDocument> Read(IEnumerable<string> paths, Stream? standardInput, List<ManifestDiagnostic> diagnostics, ManifestScope scope)
    {
        var documents = new List<ManifestDocument>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // A file not read at all is one whose declarations are not known, as a document's with a syntax error are.
        void Unparsed(ManifestDiagnostic error)
        {
            diagnostics.Add(error);
            scope.Unparsed.Add(error.Location);
        }

        foreach (string path in paths)
        {
            if (path == "-" && standardInput is not null)
            {
                if (seen.Add(ManifestLoader.StandardInputName))
                {
                    using var bytes = new MemoryStream();
                    standardInput.CopyTo(bytes);
                    if (ManifestText.TryDecode(bytes.ToArray(), ManifestLoader.StandardInputName, out string? piped, out ManifestDiagnostic? notUtf8))
                    {
                        documents.AddRange(ManifestDocuments.Read(piped, ManifestLoader.StandardInputName, diagnostics, scope));
                    }
                    else
                    {
                        Unparsed(notUtf8);
                    }
                }
                else
                {
                    diagnostics.Add(new ManifestDiagnostic(DiagnosticSeverity.Error, new SourceLocation(path, 0), null, "(path)", "standard input is read once: give '-' once"));
                }

                continue;
            }

            // A file named twice (itself and its folder, say) is read once.
            foreach ((string file, bool inFolder) in ExpandPath(path, diagnostics).Where(f => seen.Add(Path.GetFullPath(f.File))))
            {
                byte[] bytes;
                try
                {
                    bytes = File.ReadAllBytes(file);
                }
                catch (IOException ex)
                {
                    Unparsed(new ManifestDiagnostic(DiagnosticSeverity.Error, new SourceLocation(file, 0), null, "(file)", $"cannot be read: {ex.Message}"));
                    continue;
                }

                if (!ManifestText.TryDecode(bytes, file, out string? text, out ManifestDiagnostic? notUtf8))
                {
                    Unparsed(notUtf8);
                    continue;
                }

                int before = diagnostics.Count;
                List<ManifestDocument> read = ManifestDocuments.Read(text, file, diagnostics, scope, inFolder);

                // YAML reads JSON leniently (a trailing comma, a comment), kubectl's JSON decoder does not; a settings
                // file with comments in a folder, which holds no Kubernetes object, is skipped. Where YAML
                // itself refused a .json file, the refusal is said in JSON's words, at JSON's line and column.
                bool yamlRefused = diagnostics.Skip(before).Any(d => d.Field == YamlSyntaxError.Field);
                if ((read.Count > 0 || yamlRefused) && file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && JsonSyntax(text) is { } problem)
                {
                    diagnostics.RemoveAll(d => d.Field == YamlSyntaxError.Field && d.Location.File == file);
                    scope.Unparsed.RemoveAll(l => l.File == file);
                    Unparsed(new ManifestDiagnostic(DiagnosticSeverity.Error, new SourceLocation(file, problem.Line, problem.Column), null, "(json)", problem.Message));
                    continue;
                }

                documents.AddRange(read);
            }
        }

        if (documents.Count == 0 && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            // An empty file, or a folder of settings only: kubectl says "no objects passed to apply".
            diagnostics.Add(new ManifestDiagnostic(DiagnosticSeverity.Error, new SourceLocation(string.Join(' ', paths), 0), null, "(path)", "holds no Kubernetes objects: nothing to run"));
        }

        return documents;
    }

    /// <summary>
    /// Where (line and column, as a YAML syntax error has them) and why <paramref name="json"/> (one or more JSON values,
    /// as kubectl reads a .json file) is not JSON; null when it is.
    /// </summary>
    private static (int Line, int Column, string Message)? JsonSyntax(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException ex)
        {
            (int line, int column, string problem) = JsonErrors.Fault(ex, utf8);
            return (line, column, $"is not valid JSON (kubectl refuses it): {problem}");
        }
    }

    /// <summary>
    /// The files a path names, each with whether it was found by walking a folder. Hidden files and folders (<c>.git</c>,
    /// <c>.github</c>, <c>.vscode</c>) and build output (<c>bin</c>, <c>obj</c>, <c>node_modules</c>) are left out: they
    /// hold tools' settings and copies, not the manifests.
    /// </summary>
    private static (string File, bool InFolder)[] ExpandPath(string path, List<ManifestDiagnostic> diagnostics)
    {
        if (File.Exists(path))
        {
            return [(path, false)];
        }

        if (Directory.Exists(path))
        {
            (string, bool)[] files = Directory.EnumerateFiles(path, "*", FolderWalk)
                .Where(f => ManifestExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)) && !InBuildOutput(path, f))
                .Order(StringComparer.Ordinal)
                .Select(f => (f, true))
                .ToArray();
            if (files.Length == 0)
            {
                diagnostics.Add(new ManifestDiagnostic(DiagnosticSeverity.Error, new SourceLocation(path, 0), null, "(folder)", "has no .yaml, .yml or .json files"));
            }

            return files;
        }

        diagnostics.Add(new ManifestDiagnostic(DiagnosticSeverity.Error, new SourceLocation(path, 0), null, "(path)", "no such file or folder"));
        return [];
    }

    // By name too: Windows does not mark a name starting with '.' hidden.
    private static bool InBuildOutput(string folder, string file) =>
        Path.GetDirectoryName(Path.GetRelativePath(folder, file)) is { Length: > 0 } under
        && under.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => BuildOutput.Contains(part) || (part.StartsWith('.') && part is not "." and not ".."));
}

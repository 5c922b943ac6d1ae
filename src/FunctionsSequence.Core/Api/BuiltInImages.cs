namespace FunctionsSequence.Core.Api;

/// <summary>
/// Recognises the sample images that run here as built-in steps, under any tag or digest. The seed's step
/// image and event_display are known by name, so a copy in one's own registry (an ACR import) is too;
/// Knative's appender, whose name is generic, by its Knative path (under any registry that mirrors it).
/// </summary>
public static class BuiltInImages
{
    /// <summary>The Go modules Knative's sample commands were released from (before the fields that use them).</summary>
    private static readonly string[] KnativeModules =
        ["knative.dev/eventing", "knative.dev/eventing-contrib", "knative.dev/eventing-sources", "github.com/knative/eventing", "github.com/knative/eventing-contrib", "github.com/knative/eventing-sources"];

    /// <summary>The step image of the seed and of Knative's first Sequence samples: env <c>STEP=N</c>.</summary>
    private static readonly string[] StepAppenders =
    [
        "registry.cn-hangzhou.aliyuncs.com/knative-sample/probable-summer",
        "us.gcr.io/probable-summer-223122/cmd-03315b715ae8f3e08e3a9378df706fbb",
        "gcr.io/vaikas-knative/cmd-736bbd9d5a42b6282732cf4569e3c0ff",
    ];

    /// <summary>Knative's <c>cmd/appender</c>: env <c>MESSAGE</c> and <c>TYPE</c>.</summary>
    private static readonly string[] MessageAppenders = KnativeCommand("appender");

    /// <summary>Knative's <c>cmd/event_display</c>, and the seed's copy of it.</summary>
    private static readonly string[] Displays =
        [.. KnativeCommand("event_display"), "registry.cn-hangzhou.aliyuncs.com/knative-release/event_display"];

    /// <summary>
    /// The images of Knative's Parallel samples, which run a JavaScript expression from env: not built in, but
    /// samples/5-parallel does the same with C# steps.
    /// </summary>
    private static readonly string[] ParallelScripts =
        [.. new[] { "filter-nodejs", "transformer-nodejs", "switcher-nodejs" }.SelectMany(name => new[] { $"villardl/{name}", $"docker.io/villardl/{name}" })];

    /// <summary>
    /// The built-in images as an error message lists them: the current path of each, the older ones being in
    /// docs/knative-mapping.md.
    /// </summary>
    public static string Listed { get; } =
        $"{StepAppenders[0]} (env STEP), {StepAppenders[1]} (env STEP), gcr.io/knative-releases/knative.dev/eventing/cmd/appender (env MESSAGE, TYPE) " +
        "and gcr.io/knative-releases/knative.dev/eventing/cmd/event_display, under any tag or digest";

    /// <summary>The seed's step image: appends <c> - Handled by STEP</c>.</summary>
    public static bool IsStepAppender(string image) => Matches(image, StepAppenders) || Name(image) is "probable-summer";

    /// <summary>Knative's appender image: appends <c>MESSAGE</c> and sets <c>TYPE</c>.</summary>
    public static bool IsMessageAppender(string image) =>
        Matches(image, MessageAppenders) || KnativeModules.Any(module => Repository(image).EndsWith($"/{module}/cmd/appender", StringComparison.OrdinalIgnoreCase));

    /// <summary>Knative's event_display image.</summary>
    public static bool IsDisplay(string image) => Matches(image, Displays) || Name(image) is "event_display" or "event-display";

    /// <summary>Which of the JavaScript images of Knative's Parallel samples the image is (<c>filter-nodejs</c>, <c>transformer-nodejs</c>, <c>switcher-nodejs</c>), or null.</summary>
    public static string? ParallelSampleScript(string image) => Matches(image, ParallelScripts) ? Name(image).ToLowerInvariant() : null;

    /// <summary>
    /// The image's repository without tag or digest, for recognising it: <c>host/path:tag@sha256:...</c> gives
    /// <c>host/path</c> (a colon before the last slash is a registry port, not a tag).
    /// </summary>
    public static string Repository(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        string name = image.Trim();
        int at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            name = name[..at];
        }

        int colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? name[..colon] : name;
    }

    /// <summary>
    /// Knative's releases of a sample command: released and nightly builds under each Go module path the
    /// command lived in (eventing-sources and eventing-contrib before eventing), and as ko builds it from source.
    /// </summary>
    private static string[] KnativeCommand(string command)
    {
        string[] registries = ["gcr.io/knative-releases/", "gcr.io/knative-nightly/", "ko://"];
        return [.. registries.SelectMany(registry => KnativeModules.Select(module => $"{registry}{module}/cmd/{command}"))];
    }

    /// <summary>The last path segment of the image's repository.</summary>
    private static string Name(string image)
    {
        string repository = Repository(image);
        return repository[(repository.LastIndexOf('/') + 1)..];
    }

    private static bool Matches(string image, string[] repositories) =>
        repositories.Contains(Repository(image), StringComparer.OrdinalIgnoreCase);
}

namespace FunctionsSequence.Core.Api;

/// <summary>Recognises the seed's container images, which run here as built-in steps.</summary>
public static class BuiltInImages
{
    /// <summary>The seed's step image (knative-sample/probable-summer), which appends " - Handled by STEP".</summary>
    public static bool IsAppender(string image) =>
        ImageName(image) is "probable-summer";

    /// <summary>Knative's event_display image.</summary>
    public static bool IsDisplay(string image) =>
        ImageName(image) is "event_display" or "event-display";

    /// <summary>The last path segment of an image reference, without tag or digest.</summary>
    private static string ImageName(string image)
    {
        string name = image.Split('@')[0];
        name = name[(name.LastIndexOf('/') + 1)..];
        int colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? name[..colon] : name;
    }
}

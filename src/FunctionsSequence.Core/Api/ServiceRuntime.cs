namespace FunctionsSequence.Core.Api;

/// <summary>What runs behind a Knative Service here.</summary>
public enum ServiceRuntime
{
    /// <summary>The seed's step image (<c>STEP=N</c>) or Knative's appender (<c>MESSAGE</c>): the built-in appender.</summary>
    Appender,

    /// <summary>The event_display image: the built-in display.</summary>
    Display,

    /// <summary>A step written in C# and registered in the app by name.</summary>
    InApp,

    /// <summary>An HTTP endpoint the Service names with its URL annotation.</summary>
    Http,
}

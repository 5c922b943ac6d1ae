using FunctionsSequence.Core.Topology;

namespace FunctionsSequence.Core.Dashboard;

/// <summary>The dashboard's page: its HTML, CSS and script are embedded resources; the topology is drawn in.</summary>
internal static class DashboardPage
{
    public static string Render(TopologyGraph graph) => Asset("index.html")
        .Replace("/*{{css}}*/", Asset("dashboard.css"), StringComparison.Ordinal)
        .Replace("<!--{{topology}}-->", TopologyRenderer.Render(graph, TopologyFormat.Svg), StringComparison.Ordinal)
        .Replace("/*{{js}}*/", Asset("dashboard.js"), StringComparison.Ordinal);

    private static string Asset(string name)
    {
        using Stream stream = typeof(DashboardPage).Assembly.GetManifestResourceStream($"FunctionsSequence.Core.Dashboard.Assets.{name}")
            ?? throw new InvalidOperationException($"The dashboard asset '{name}' is not embedded in {typeof(DashboardPage).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

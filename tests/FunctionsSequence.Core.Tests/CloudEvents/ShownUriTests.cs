using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Tests.CloudEvents;

/// <summary>A URI as logs and errors show it: where it goes, never a key in its query or user info.</summary>
public sealed class ShownUriTests
{
    [Theory]
    [InlineData("https://app.azurewebsites.net/api/brokers/default?code=KEY", "https://app.azurewebsites.net/api/brokers/default")]
    [InlineData("http://user:secret@step.local:8080/reply#top", "http://step.local:8080/reply")]
    [InlineData("http://127.0.0.1:7071/api/runs?limit=50", "http://127.0.0.1:7071/api/runs")]
    [InlineData("/api/runs?code=KEY", "/api/runs")]
    [InlineData("http://fake.svc.cluster.local", "http://fake.svc.cluster.local")] // as Knative's knativeerrordest has it
    [InlineData("http://fake.svc.cluster.local?code=KEY", "http://fake.svc.cluster.local")]
    [InlineData("http://fake.svc.cluster.local/", "http://fake.svc.cluster.local/")]
    [InlineData("HTTP://Fake.Local:8080#top", "http://fake.local:8080")]
    public void Only_scheme_host_port_and_path_are_shown(string uri, string shown) =>
        Assert.Equal(shown, ShownUri.Of(new Uri(uri, UriKind.RelativeOrAbsolute)));

    [Theory]
    [InlineData("https://api.local/v1?code=KEY", "https://api.local/v1")]
    [InlineData("ftp://user:secret@files.local/x?sig=S", "ftp://files.local/x")]
    [InlineData("not a url?code=KEY", "not a url")]
    [InlineData("/extra/path#frag", "/extra/path")]
    [InlineData("http://fake.svc.cluster.local", "http://fake.svc.cluster.local")]
    public void Text_as_written_is_shown_without_user_info_query_or_fragment(string text, string shown) =>
        Assert.Equal(shown, ShownUri.Of(text));
}

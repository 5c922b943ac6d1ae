using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Tests.CloudEvents;

/// <summary>The URI references Knative's Go SDK parses (net/url's Parse), where .NET's relative Uri takes more.</summary>
public sealed class UriReferencesTests
{
    [Theory]
    [InlineData("/apis/v1/namespaces/default/pingsources/ping")]
    [InlineData("http://source1.com")]
    [InlineData("https://example.com/a%20b?x=%zz#top")] // the query is not unescaped, as Go leaves it
    [InlineData("urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66")]
    [InlineData("source1")]
    [InlineData("a b")]
    [InlineData("./a:b")]
    [InlineData("/a:b")]
    [InlineData("x?y:z")]
    [InlineData("my.source-1:x")]
    [InlineData("?%zz")]
    [InlineData("//[fe80::1%25en0]/")]
    [InlineData("a#\u0001")] // Go cuts the fragment off before it looks for control characters
    [InlineData("a#b\tc")]
    public void A_reference_go_parses_is_well_formed(string text)
    {
        Assert.True(UriReferences.IsWellFormed(text));
        Assert.True(Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out _)); // the SDK's own parse takes it too
    }

    [Theory]
    [InlineData("::not a uri")] // missing protocol scheme
    [InlineData(":x")]
    [InlineData("1a:b")] // first path segment in URL cannot contain colon
    [InlineData("a b:c")]
    [InlineData("/a%zz")] // invalid URL escape
    [InlineData("/a%2")]
    [InlineData("/a#%g0")]
    [InlineData("/a\nb")] // invalid control character in URL
    [InlineData("/a\u007fb")]
    public void A_reference_go_refuses_is_not_though_dotnet_takes_it(string text)
    {
        Assert.False(UriReferences.IsWellFormed(text));
        Assert.True(Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out _)); // so the check is needed
    }
}

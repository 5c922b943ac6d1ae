using System.Globalization;

namespace FunctionsSequence.HostTests.Hosting;

internal static class RequestExtensions
{
    /// <summary>Adds <c>ce-time</c> (now), so the displayed event has every attribute of the seed's expected output.</summary>
    public static HttpRequestMessage WithTime(this HttpRequestMessage request)
    {
        request.Headers.Add("ce-time", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        return request;
    }
}

using CloudNative.CloudEvents;
using FunctionsSequence.Core.Filtering;

namespace FunctionsSequence.Core.Tests.Filtering;

/// <summary>
/// knative/eventing's own filter tests, ported case by case (test names kept), each asserting the result Knative's test
/// expects. Sources: pkg/eventfilter/attributes/filter_test.go, pkg/eventfilter/subscriptionsapi/*_test.go and
/// pkg/broker/filter/filter_handler_test.go. Cases marked "beyond Knative's tests" assert what Knative's code
/// (same files, non-test) does for an input its tests leave out.
/// </summary>
public sealed partial class KnativeFilterPortTests
{
    // attributes/filter_test.go and broker/filter/filter_handler_test.go constants.
    private const string AttrType = "com.example.someevent";
    private const string AttrSource = "/mycontext";
    private const string ExtensionName = "myextension";
    private const string ExtensionValue = "my-extension-value";

    // subscriptionsapi/all_filter_test.go constants (shared by every subscriptionsapi test).
    private const string SubType = "dev.knative.example";
    private const string SubSource = "knativesource";

    private static readonly CloudEventAttribute BrokerTtl = CloudEventAttribute.CreateExtension("knativebrokerttl", CloudEventAttributeType.Integer);

    // ---- pkg/eventfilter/attributes/filter_test.go ----

    /// <summary>attributes/filter_test.go makeEvent / makeEventWithExtension / makeEventWithSubject.</summary>
    private static CloudEvent AttrEvent(string? extension = null, string? subject = null)
    {
        var e = new CloudEvent { Id = "1234", Source = new Uri(AttrSource, UriKind.RelativeOrAbsolute), Type = AttrType };
        if (extension is not null)
        {
            string[] kv = extension.Split('=', 2);
            e[kv[0]] = kv[1];
        }

        if (subject is not null)
        {
            e.Subject = subject;
        }

        return e;
    }

    /// <summary>"k=v;k=v" (values may be empty) as the filter map.</summary>
    private static Dictionary<string, string> Map(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    [Theory]
    [InlineData("Wrong type", "type=some-other-type;source=", null, null, FilterResult.Fail)]
    [InlineData("Wrong type with attribs", "type=some-other-type;source=", null, null, FilterResult.Fail)]
    [InlineData("Wrong source", "type=;source=some-other-source", null, null, FilterResult.Fail)]
    [InlineData("Wrong source with attribs", "type=;source=some-other-source", null, null, FilterResult.Fail)]
    [InlineData("Wrong extension", "type=;source=some-other-source", null, null, FilterResult.Fail)]
    [InlineData("Any", "type=;source=", null, null, FilterResult.Pass)]
    [InlineData("Specific", "type=" + AttrType + ";source=" + AttrSource, null, null, FilterResult.Pass)]
    [InlineData("Extension with attribs", "type=" + AttrType + ";source=" + AttrSource + ";" + ExtensionName + "=" + ExtensionValue, ExtensionName + "=" + ExtensionValue, null, FilterResult.Pass)]
    [InlineData("Any Extension with attribs - without Extension in Event", "type=" + AttrType + ";source=" + AttrSource + ";" + ExtensionName + "=", null, null, FilterResult.Fail)]
    [InlineData("Any Extension with attribs - with Extension in Event", "type=" + AttrType + ";source=" + AttrSource + ";" + ExtensionName + "=", ExtensionName + "=" + ExtensionValue, null, FilterResult.Pass)]
    [InlineData("Subject with attribs", "type=" + AttrType + ";source=" + AttrSource + ";subject=mysubject", null, "mysubject", FilterResult.Pass)]
    [InlineData("Any Subject with attribs - without Subject in Event", "type=" + AttrType + ";source=" + AttrSource + ";subject=", null, null, FilterResult.Fail)]
    [InlineData("Any Subject with attribs - with Subject in Event", "type=" + AttrType + ";source=" + AttrSource + ";subject=", null, "mysubject", FilterResult.Pass)]
    [InlineData("Any with attribs - Arrival extension", "type=;source=", "knativearrivaltime=2019-08-26T23:38:17.834384404Z", null, FilterResult.Pass)]
    [InlineData("Wrong Extension with attribs", "type=" + AttrType + ";source=" + AttrSource + ";" + ExtensionName + "=some-other-extension-value", ExtensionName + "=" + ExtensionValue, null, FilterResult.Fail)]
    // Beyond Knative's tests: in eventing v1 "Any" is no wildcard (TriggerAnyFilter is ""), just a value.
    [InlineData("Literal Any is a value", "type=Any", null, null, FilterResult.Fail)]
    // Beyond Knative's tests: values compare case-sensitively (Go !=).
    [InlineData("Case-sensitive value", "type=COM.EXAMPLE.SOMEEVENT", null, null, FilterResult.Fail)]
    public void TestAttributesFilter_Filter(string name, string filter, string? extension, string? subject, FilterResult knative)
    {
        Assert.NotEmpty(name);
        Assert.Equal(knative, new AttributesFilter(Map(filter)).Evaluate(AttrEvent(extension, subject)));
    }

    /// <summary>
    /// TestAllSupportedAttributeFieldsV1, one row per attribute: the value is what Knative's LookupAttribute returns for the
    /// event (schemaurl = dataschema; datamediatype = the media type of datacontenttype). Its time row is left out: an event
    /// without a time has Go's zero time there, which a filter on time then compares; here it has no time. Knative's test uses dataschema "wow" and datacontenttype "cheers;mate"; the .NET SDK
    /// refuses both, so valid values stand in.
    /// </summary>
    [Theory]
    [InlineData("specversion", "1.0")]
    [InlineData("type", AttrType)]
    [InlineData("source", AttrSource)]
    [InlineData("subject", "cool")]
    [InlineData("id", "1234")]
    [InlineData("dataschema", "https://example.com/wow")]
    [InlineData("schemaurl", "https://example.com/wow")]
    [InlineData("datacontenttype", "text/plain; charset=utf-8")]
    [InlineData("datamediatype", "text/plain")]
    public void TestAllSupportedAttributeFieldsV1(string attribute, string knativeValue)
    {
        CloudEvent e = AttrEvent(subject: "cool");
        e.DataSchema = new Uri("https://example.com/wow");
        e.DataContentType = "text/plain; charset=utf-8";

        Assert.Equal(FilterResult.Pass, new AttributesFilter(new Dictionary<string, string> { [attribute] = knativeValue }).Evaluate(e));
    }

    // TestV03Event (datacontentencoding on a CloudEvents 0.3 event): not portable, the .NET SDK reads only 1.0.

    // ---- Time, as Knative compares it: LookupAttribute gives time.MarshalText() (RFC 3339, nanoseconds, trailing zeros cut) ----

    /// <summary>subscriptionsapi/exact_filter_test.go TestExactTimeMatchIsStable: cetest.FullEvent()'s time, 12:34:56.78 UTC.</summary>
    [Fact]
    public void TestExactTimeMatchIsStable()
    {
        var e = new CloudEvent { Id = "full-event", Source = new Uri("http://example.com/source"), Type = "com.example.simple", Time = new DateTimeOffset(2020, 3, 21, 12, 34, 56, 780, TimeSpan.Zero) };
        var filter = new StringMatchFilter(StringMatch.Exact, new Dictionary<string, string> { ["time"] = "2020-03-21T12:34:56.78Z" });

        Assert.All(Enumerable.Range(0, 1000), _ => Assert.Equal(FilterResult.Pass, filter.Evaluate(e)));
    }

    /// <summary>
    /// Beyond Knative's tests: a time sent with an offset, or with trailing zeros. sdk-go writes every time it
    /// forwards in UTC (types.FormatTime, Timestamp.MarshalJSON), so the event the broker's filter reads has a UTC time.
    /// CESQL reads a time as written, as its TCK says. A time here holds 7 fractional digits, where Go keeps 9.
    /// </summary>
    [Theory]
    [InlineData("2020-03-21T14:34:56.78+02:00", "2020-03-21T12:34:56.78Z")]
    [InlineData("2020-03-21T12:34:56.000Z", "2020-03-21T12:34:56Z")]
    public void Time_compares_as_Knative_s_broker_writes_it(string sent, string knativeValue)
    {
        CloudEvent e = AttrEvent();
        e.SetAttributeFromString("time", sent);

        Assert.Equal(FilterResult.Pass, new AttributesFilter(new Dictionary<string, string> { ["time"] = knativeValue }).Evaluate(e));
        Assert.Equal(FilterResult.Pass, new StringMatchFilter(StringMatch.Exact, new Dictionary<string, string> { ["time"] = knativeValue }).Evaluate(e));
    }

    /// <summary>Beyond Knative's tests: source compares as sdk-go writes it (url.URL.String(): no slash added, host case kept).</summary>
    [Theory]
    [InlineData("https://example.com")]
    [InlineData("https://GitHub.com/knative/eventing")]
    [InlineData("urn:event:from:myapi/resource/123")]
    public void Source_compares_as_written(string source)
    {
        CloudEvent e = AttrEvent();
        e.SetAttributeFromString("source", source);

        Assert.Equal(FilterResult.Pass, new AttributesFilter(new Dictionary<string, string> { ["source"] = source }).Evaluate(e));
    }

    // ---- pkg/eventfilter/subscriptionsapi: exact, prefix, suffix ----

    /// <summary>all_filter_test.go makeEvent (type, source, id and the broker TTL extension 20) / exact_filter_test.go makeEventWithExtension.</summary>
    private static CloudEvent SubEvent(bool withExtension = false)
    {
        var e = new CloudEvent { Id = "1234", Source = new Uri(SubSource, UriKind.RelativeOrAbsolute), Type = SubType };
        e[BrokerTtl] = 20;
        if (withExtension)
        {
            e[ExtensionName] = ExtensionValue;
        }

        return e;
    }

    [Theory]
    // exact_filter_test.go TestExactMatchFilter
    [InlineData(StringMatch.Exact, "Wrong type", "type=some-other-type", false, FilterResult.Fail)]
    [InlineData(StringMatch.Exact, "Wrong source", "source=some-other-source", false, FilterResult.Fail)]
    [InlineData(StringMatch.Exact, "Wrong extension", ExtensionName + "=some-other-extension", false, FilterResult.Fail)]
    [InlineData(StringMatch.Exact, "Match type", "type=" + SubType, false, FilterResult.Pass)]
    [InlineData(StringMatch.Exact, "Match extension", ExtensionName + "=" + ExtensionValue, true, FilterResult.Pass)]
    [InlineData(StringMatch.Exact, "Missing attribute", "missingattribute=missingvalue", false, FilterResult.Fail)]
    // exact_filter_test.go TestMultipleExactMatchFilters
    [InlineData(StringMatch.Exact, "Wrong type and source", "type=some-other-type;source=some-other-source", false, FilterResult.Fail)]
    [InlineData(StringMatch.Exact, "Match type and wrong source", "type=" + SubType + ";source=some-other-source", false, FilterResult.Fail)]
    [InlineData(StringMatch.Exact, "Match type and match source", "type=" + SubType + ";source=" + SubSource, false, FilterResult.Pass)]
    [InlineData(StringMatch.Exact, "Match type and miss extension", "type=" + SubType + ";" + ExtensionName + "=" + ExtensionValue, false, FilterResult.Fail)]
    [InlineData(StringMatch.Exact, "Match type and match extension", "type=" + SubType + ";" + ExtensionName + "=" + ExtensionValue, true, FilterResult.Pass)]
    // prefix_filter_test.go TestPrefixFilter
    [InlineData(StringMatch.Prefix, "Missing attribute", "some-other-attribute=wrong.prefix", false, FilterResult.Fail)]
    [InlineData(StringMatch.Prefix, "Wrong type prefix", "type=wrong.prefix", false, FilterResult.Fail)]
    [InlineData(StringMatch.Prefix, "Wrong source prefix", "source=wrong.prefix", false, FilterResult.Fail)]
    [InlineData(StringMatch.Prefix, "Wrong extension prefix", ExtensionName + "=wrong.prefix", false, FilterResult.Fail)]
    [InlineData(StringMatch.Prefix, "Match type prefix", "type=dev.knative", false, FilterResult.Pass)]
    [InlineData(StringMatch.Prefix, "Match extension prefix", ExtensionName + "=my-extension", true, FilterResult.Pass)]
    // prefix_filter_test.go TestMultiplePrefixFilters
    [InlineData(StringMatch.Prefix, "Wrong type and source", "type=wrong.prefix;source=wrong.prefix", false, FilterResult.Fail)]
    [InlineData(StringMatch.Prefix, "Match type and wrong source", "type=dev.knative;source=wrong.prefix", false, FilterResult.Fail)]
    [InlineData(StringMatch.Prefix, "Match type and match source", "type=dev.knative;source=knative", false, FilterResult.Pass)]
    [InlineData(StringMatch.Prefix, "Match type and missing extension", "type=dev.knative;" + ExtensionName + "=attri.prefix", false, FilterResult.Fail)]
    [InlineData(StringMatch.Prefix, "Match type and match extension", "type=dev.knative;" + ExtensionName + "=my-extension", true, FilterResult.Pass)]
    // suffix_filter_test.go TestSuffixFilter
    [InlineData(StringMatch.Suffix, "Missing attribute", "some-other-attribute=wrong.suffix", false, FilterResult.Fail)]
    [InlineData(StringMatch.Suffix, "Wrong type suffix", "type=wrong.suffix", false, FilterResult.Fail)]
    [InlineData(StringMatch.Suffix, "Wrong source suffix", "source=wrong.suffix", false, FilterResult.Fail)]
    [InlineData(StringMatch.Suffix, "Wrong extension suffix", ExtensionName + "=wrong.suffix", false, FilterResult.Fail)]
    [InlineData(StringMatch.Suffix, "Match type suffix", "type=.knative.example", false, FilterResult.Pass)]
    [InlineData(StringMatch.Suffix, "Match extension suffix", ExtensionName + "=extension-value", true, FilterResult.Pass)]
    // suffix_filter_test.go TestMultipleSuffixFilters
    [InlineData(StringMatch.Suffix, "Wrong type and source", "type=wrong.suffix;source=wrong.suffix", false, FilterResult.Fail)]
    [InlineData(StringMatch.Suffix, "Match type and wrong source", "type=.knative.example;source=wrong.suffix", false, FilterResult.Fail)]
    [InlineData(StringMatch.Suffix, "Match type and match source", "type=.knative.example;source=source", false, FilterResult.Pass)]
    [InlineData(StringMatch.Suffix, "Match type and missing extension", "type=.knative.example;" + ExtensionName + "=attri.suffix", false, FilterResult.Fail)]
    [InlineData(StringMatch.Suffix, "Match type and match extension", "type=.knative.example;" + ExtensionName + "=extension-value", true, FilterResult.Pass)]
    // Beyond Knative's tests: a non-string extension is compared in its canonical string form (fmt.Sprintf("%v")).
    [InlineData(StringMatch.Exact, "Integer extension", "knativebrokerttl=20", false, FilterResult.Pass)]
    // Beyond Knative's tests: matching is case-sensitive (strings.HasPrefix / HasSuffix).
    [InlineData(StringMatch.Prefix, "Case-sensitive prefix", "type=DEV.knative", false, FilterResult.Fail)]
    [InlineData(StringMatch.Suffix, "Case-sensitive suffix", "type=.KNATIVE.example", false, FilterResult.Fail)]
    public void TestStringMatchFilters(StringMatch match, string name, string filter, bool withExtension, FilterResult knative)
    {
        Assert.NotEmpty(name);
        Assert.Equal(knative, new StringMatchFilter(match, Map(filter)).Evaluate(SubEvent(withExtension)));
    }
}

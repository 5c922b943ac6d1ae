using System.Globalization;
using System.Xml;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>The <c>delivery</c> spec (Knative eventing duck v1 DeliverySpec), as steps, branches, channels, Triggers and Brokers write it.</summary>
internal sealed partial class DestinationReader
{
    private static readonly string[] DeliveryFields = ["retry", "backoffPolicy", "backoffDelay", "timeout", "deadLetterSink", "retryAfterMax", "format"];

    /// <summary>
    /// The delivery at <paramref name="node"/>. <paramref name="thenReply"/> says whether a call that makes one of its
    /// attempts may also send a reply (a flow's last hop with a reply, a Trigger's delivery), which a written
    /// <c>timeout</c> must leave room for where a call is limited (<see cref="ManifestScope.CallLimit"/>).
    /// </summary>
    public DeliverySpec? ReadDelivery(YamlNode? node, string path, bool thenReply)
    {
        YamlMappingNode? map = r.Mapping(node, path);
        if (map is null)
        {
            return null;
        }

        r.CheckKeys(map, path, DeliveryFields);
        int? retry = null;
        if (r.Scalar(map, "retry", path) is { } retryText)
        {
            if (int.TryParse(retryText, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            {
                retry = n;
            }
            else
            {
                r.Error(YamlNodeReader.Child(map, "retry"), $"{path}.retry", $"'{retryText}' is not a whole number ≥ 0");
            }
        }

        BackoffPolicy? policy = Choice(map, path, "backoffPolicy", "a back-off policy (expected linear or exponential)",
            ("linear", BackoffPolicy.Linear), ("exponential", BackoffPolicy.Exponential));

        TimeSpan? delay = Duration(map, path, "backoffDelay");
        if (delay < TimeSpan.Zero)
        {
            r.Warning(YamlNodeReader.Child(map, "backoffDelay"), $"{path}.backoffDelay",
                $"'{r.Scalar(map, "backoffDelay", path)}' is negative: Knative accepts it and retries without waiting, and so does fseq (PT0S says so plainly)");
            delay = TimeSpan.Zero;
        }
        else if (delay > TimeSpan.Zero && !YamlNodeReader.Has(map, "backoffPolicy"))
        {
            r.Warning(YamlNodeReader.Child(map, "backoffDelay"), $"{path}.backoffDelay",
                "has no effect without backoffPolicy: Knative then retries without waiting, and so does fseq; add backoffPolicy: exponential or linear");
        }

        TimeSpan? timeout = Duration(map, path, "timeout");
        if (timeout <= TimeSpan.Zero)
        {
            r.Error(YamlNodeReader.Child(map, "timeout"), $"{path}.timeout",
                $"'{r.Scalar(map, "timeout", path)}' is not above zero: it is how long each attempt may take (Knative refuses a zero timeout; a negative one would end every attempt at once)");
            timeout = null;
        }
        else if (timeout is { } attempt && scope.CallLimit is { } limit && !DeliveryPolicy.FitsInCall(attempt, thenReply, limit))
        {
            // The host cuts off a longer call and the run fails without Knative's retries or dead letter, where fseq would wait.
            TimeSpan room = DeliveryPolicy.AttemptRoom(thenReply, limit);
            string longest = room > TimeSpan.Zero ? $"use less than {XmlConvert.ToString(room)} or " : "";
            string withReply = thenReply ? $" with the {DeliveryPolicy.DefaultTimeout.TotalSeconds:0} s of the reply's one try that follows it there" : "";
            r.Error(YamlNodeReader.Child(map, "timeout"), $"{path}.timeout",
                $"'{r.Scalar(map, "timeout", path)}' does not fit in one call of the Functions app (functionTimeout {limit:c}){withReply}: " +
                $"the host would cut the attempt off and fail its run, without retries or dead letter; {longest}raise functionTimeout (host.json, or the AzureFunctionsJobHost__functionTimeout setting that overrides it)");
        }

        // Knative takes it only with its delivery-retryafter feature on (off as installed); fseq has no feature flags and honours it,
        // as Knative then does, with a warning, as the manifest would not apply to a Knative left as installed.
        TimeSpan? retryAfterMax = Duration(map, path, "retryAfterMax");
        if (retryAfterMax < TimeSpan.Zero)
        {
            r.Error(YamlNodeReader.Child(map, "retryAfterMax"), $"{path}.retryAfterMax",
                $"'{r.Scalar(map, "retryAfterMax", path)}' is negative: it caps how long a Retry-After may make a retry wait (Knative refuses a negative one; PT0S ignores Retry-After)");
            retryAfterMax = null;
        }
        else if (retryAfterMax is not null)
        {
            r.Warning(YamlNodeReader.Child(map, "retryAfterMax"), $"{path}.retryAfterMax",
                "is honoured here, as Knative honours it with its delivery-retryafter feature on; that feature is off as Knative is installed, and its webhook then refuses the field (config-features in knative-eventing turns it on)");
        }

        Destination? deadLetter = null;
        if (r.Mapping(YamlNodeReader.Child(map, "deadLetterSink"), $"{path}.deadLetterSink") is { } dls)
        {
            deadLetter = ReadDestinationOrRef(dls, $"{path}.deadLetterSink");
        }

        // Knative's webhook takes exactly these two (FormatType); no format leaves the sender's default, binary.
        DeliveryFormat? format = Choice(map, path, "format", "an event format (expected json, for structured mode, or binary)",
            ("json", DeliveryFormat.Json), ("binary", DeliveryFormat.Binary));

        return new DeliverySpec(retry, policy, delay, timeout, deadLetter, format, retryAfterMax);
    }

    /// <summary>The value of the word written in <paramref name="field"/>; null when it is not written, or not one of the words (reported as not <paramref name="what"/>).</summary>
    private T? Choice<T>(YamlMappingNode map, string path, string field, string what, params (string Word, T Value)[] choices)
        where T : struct
    {
        if (r.Text(map, field, path) is not { } text)
        {
            return null;
        }

        foreach ((string word, T value) in choices)
        {
            if (word == text)
            {
                return value;
            }
        }

        r.Error(YamlNodeReader.Child(map, field), $"{path}.{field}", $"'{text}' is not {what}");
        return null;
    }

    /// <summary>
    /// A duration field as Knative's webhook parses it (<see cref="IsoPeriod"/>): zero and negative values are read, for
    /// the caller to judge, as Knative judges each field on its own; null when not written or not a duration (reported).
    /// </summary>
    private TimeSpan? Duration(YamlMappingNode map, string path, string key)
    {
        if (r.Text(map, key, path) is not { } text)
        {
            return null;
        }

        if (IsoPeriod.TryParse(text, out TimeSpan value))
        {
            return value;
        }

        r.Error(YamlNodeReader.Child(map, key), $"{path}.{key}", $"'{text}' is not an ISO-8601 duration (e.g. PT0.2S, PT10S, PT1M, P1D)");
        return null;
    }
}

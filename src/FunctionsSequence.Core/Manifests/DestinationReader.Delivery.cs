using System.Globalization;
using System.Xml;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace FunctionsSequence.Core.Manifests;

/// <summary>The <c>delivery</c> spec (Knative eventing duck v1 DeliverySpec), as steps, branches, channels, Triggers and Brokers write it.</summary>
internal sealed partial class DestinationReader
{
    private static readonly string[] DeliveryFields = ["retry", "backoffPolicy", "backoffDelay", "timeout", "deadLetterSink", "retryAfterMax", "format"];

    public DeliverySpec? ReadDelivery(YamlNode? node, string path)
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

        // Left unset when not written, so a channel's or Broker's policy can fill it (DeliverySpec.Merge).
        BackoffPolicy? policy = null;
        if (r.Scalar(map, "backoffPolicy", path) is { } policyText)
        {
            if (policyText is "linear" or "exponential")
            {
                policy = policyText == "linear" ? BackoffPolicy.Linear : BackoffPolicy.Exponential;
            }
            else
            {
                r.Error(YamlNodeReader.Child(map, "backoffPolicy"), $"{path}.backoffPolicy", $"'{policyText}' is not a back-off policy (expected linear or exponential)");
            }
        }

        TimeSpan? Duration(string key)
        {
            if (r.Scalar(map, key, path) is not { } text)
            {
                return null;
            }

            try
            {
                TimeSpan value = XmlConvert.ToTimeSpan(text);
                if (value > TimeSpan.Zero)
                {
                    return value;
                }
            }
            catch (FormatException)
            {
            }

            r.Error(YamlNodeReader.Child(map, key), $"{path}.{key}", $"'{text}' is not a positive ISO-8601 duration (e.g. PT0.2S, PT10S, PT1M)");
            return null;
        }

        TimeSpan? delay = Duration("backoffDelay");
        TimeSpan? timeout = Duration("timeout");
        Destination? deadLetter = null;
        if (r.Mapping(YamlNodeReader.Child(map, "deadLetterSink"), $"{path}.deadLetterSink") is { } dls)
        {
            deadLetter = ReadDestinationOrRef(dls, $"{path}.deadLetterSink");
        }

        return new DeliverySpec(retry, policy, delay, timeout, deadLetter);
    }
}

using FunctionsSequence.Core.Api;

namespace FunctionsSequence.Core.Tests.Api;

public sealed class BuiltInImagesTests
{
    [Theory]
    [InlineData("registry.cn-hangzhou.aliyuncs.com/knative-sample/probable-summer:2656f39a7fcb6afd9fc79e7a4e215d14d651dc674f38020d1d18c6f04b220700")]
    [InlineData("us.gcr.io/probable-summer-223122/cmd-03315b715ae8f3e08e3a9378df706fbb@sha256:2656f39a7fcb6afd9fc79e7a4e215d14d651dc674f38020d1d18c6f04b220700")]
    [InlineData("gcr.io/vaikas-knative/cmd-736bbd9d5a42b6282732cf4569e3c0ff@sha256:f069e4e58d6b420d66304d3bbde019160eb12ca17bb98fc3b88e0de5ad2cacd1")]
    public void The_STEP_images_are_the_seed_s_appender(string image)
    {
        Assert.True(BuiltInImages.IsStepAppender(image));
        Assert.False(BuiltInImages.IsMessageAppender(image));
        Assert.False(BuiltInImages.IsDisplay(image));
    }

    [Theory]
    [InlineData("gcr.io/knative-releases/knative.dev/eventing/cmd/appender")]
    [InlineData("gcr.io/knative-releases/knative.dev/eventing/cmd/appender:v1.16.0")]
    [InlineData("gcr.io/knative-releases/knative.dev/eventing-contrib/cmd/appender@sha256:0123456789abcdef")]
    [InlineData("gcr.io/knative-nightly/knative.dev/eventing/cmd/appender:latest")]
    [InlineData("ko://knative.dev/eventing/cmd/appender")]
    public void Knative_s_appender_is_recognised_under_any_tag_digest_or_release_path(string image)
    {
        Assert.True(BuiltInImages.IsMessageAppender(image));
        Assert.False(BuiltInImages.IsStepAppender(image));
    }

    [Theory]
    [InlineData("gcr.io/knative-releases/knative.dev/eventing/cmd/event_display")]
    [InlineData("gcr.io/knative-releases/knative.dev/eventing-contrib/cmd/event_display:v0.26")]
    [InlineData("gcr.io/knative-releases/github.com/knative/eventing-sources/cmd/event_display@sha256:37ace92b63fc516ad4c8331b6b3b2d84e4ab2d8ba898e387c0b6f68f0e3081c4")]
    [InlineData("gcr.io/knative-nightly/knative.dev/eventing/cmd/event_display:latest")]
    [InlineData("ko://knative.dev/eventing/cmd/event_display")]
    [InlineData("registry.cn-hangzhou.aliyuncs.com/knative-release/event_display:bf45b3eb1e7fc4cb63d6a5a6416cf696295484a7662e0cf9ccdf5c080542c21d")]
    public void Knative_s_event_display_is_recognised(string image) =>
        Assert.True(BuiltInImages.IsDisplay(image));

    [Theory]
    [InlineData("docker.io/me/appender:latest")]
    [InlineData("appender")]
    [InlineData("ghcr.io/someone/display")]
    [InlineData("docker.io/me/probable-summer-2:latest")]
    [InlineData("gcr.io/knative-releases/knative.dev/eventing/cmd/heartbeats")]
    [InlineData("gcr.io/knative-releases/knative.dev/eventing/cmd/appender-v2")]
    [InlineData("myregistry.azurecr.io/mycompany/cmd/appender")]
    public void Other_images_are_not_built_in(string image)
    {
        Assert.False(BuiltInImages.IsStepAppender(image));
        Assert.False(BuiltInImages.IsMessageAppender(image));
        Assert.False(BuiltInImages.IsDisplay(image));
    }

    [Theory]
    [InlineData("myregistry.azurecr.io/knative-sample/probable-summer:2656f39a", true, false, false)]
    [InlineData("probable-summer", true, false, false)]
    [InlineData("myregistry.azurecr.io/event_display:v1", false, false, true)]
    [InlineData("ghcr.io/someone/event-display", false, false, true)]
    [InlineData("myregistry.azurecr.io/knative.dev/eventing/cmd/appender:v1.16.0", false, true, false)]
    [InlineData("mirror.example:5000/gcr.io/knative-releases/knative.dev/eventing-contrib/cmd/appender", false, true, false)]
    public void Copies_in_another_registry_are_recognised(string image, bool step, bool message, bool display)
    {
        Assert.Equal(step, BuiltInImages.IsStepAppender(image));
        Assert.Equal(message, BuiltInImages.IsMessageAppender(image));
        Assert.Equal(display, BuiltInImages.IsDisplay(image));
    }

    [Theory]
    [InlineData("host/path", "host/path")]
    [InlineData("host/path:tag", "host/path")]
    [InlineData("host:5000/path", "host:5000/path")]
    [InlineData("host:5000/path:tag@sha256:abc", "host:5000/path")]
    [InlineData("ko://knative.dev/eventing/cmd/appender", "ko://knative.dev/eventing/cmd/appender")]
    public void The_repository_drops_tag_and_digest_but_keeps_a_registry_port(string image, string repository) =>
        Assert.Equal(repository, BuiltInImages.Repository(image));
}

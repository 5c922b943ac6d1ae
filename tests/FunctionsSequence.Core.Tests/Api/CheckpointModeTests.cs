using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Manifests;
using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

public sealed class CheckpointModeTests
{
    private static string Sequence(string annotation) => Manifests.StepService("first", 0) + $$"""
        apiVersion: flows.knative.dev/v1
        kind: Sequence
        metadata:
          name: s
        {{annotation}}
        spec:
          steps:
            - ref: { apiVersion: serving.knative.dev/v1, kind: Service, name: first }
        """;

    [Fact]
    public void Steps_are_checkpointed_one_by_one_unless_the_sequence_or_the_loader_says_otherwise()
    {
        Assert.Equal(CheckpointMode.Step, Manifests.Load(Sequence("")).EnsureValid().Sequences["s"].Checkpoint);
        Assert.Equal(CheckpointMode.Sequence, Manifests.Load(Sequence("  annotations: { functionssequence.dev/checkpoint: sequence }")).EnsureValid().Sequences["s"].Checkpoint);
        Assert.Equal(CheckpointMode.Sequence, new ManifestLoader(null, CheckpointMode.Sequence).LoadText(Sequence("")).EnsureValid().Sequences["s"].Checkpoint);
        Assert.Equal(CheckpointMode.Step, new ManifestLoader(null, CheckpointMode.Sequence).LoadText(Sequence("  annotations: { functionssequence.dev/checkpoint: step }")).EnsureValid().Sequences["s"].Checkpoint);
    }

    [Fact]
    public void Unknown_mode_is_an_error()
    {
        ManifestDiagnostic error = Manifests.SingleError(Manifests.Load(Sequence("  annotations: { functionssequence.dev/checkpoint: sometimes }")));

        Assert.Equal("metadata.annotations.functionssequence.dev/checkpoint", error.Field);
        Assert.Contains("expected step or sequence", error.Message, StringComparison.Ordinal);
    }
}

using FunctionsSequence.Core.Yaml;

namespace FunctionsSequence.Core.Tests.Api;

/// <summary>The spelling helper behind every "did you mean".</summary>
public sealed class SpellingTests
{
    [Theory]
    [InlineData("tpye", "type")]
    [InlineData("tyep", "type")]
    [InlineData("ytpe", "type")]
    [InlineData("sbuject", "subject")]
    public void Two_neighbouring_letters_swapped_are_a_swap_that_Distance_counts_as_two(string word, string meant)
    {
        Assert.True(Spelling.IsSwap(word, meant));
        Assert.Equal(2, Spelling.Distance(word, meant));
    }

    [Theory]
    [InlineData("type", "type")]
    [InlineData("tpey", "type")] // two swaps
    [InlineData("etyp", "type")] // a letter moved further
    [InlineData("typ", "type")]
    [InlineData("tyqe", "type")]
    public void Anything_else_is_no_swap(string word, string meant) =>
        Assert.False(Spelling.IsSwap(word, meant));
}

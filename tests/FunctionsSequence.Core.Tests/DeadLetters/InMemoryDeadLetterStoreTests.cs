using FunctionsSequence.Core.DeadLetters;

namespace FunctionsSequence.Core.Tests.DeadLetters;

/// <summary>The dead-letter store contract on the in-memory store.</summary>
public sealed class InMemoryDeadLetterStoreTests : DeadLetterStoreContract
{
    protected override IDeadLetterStore Store { get; } = new InMemoryDeadLetterStore();
}

namespace FunctionsSequence.Core.Ingress;

/// <summary>429s a route answered since its last line about them, over <paramref name="Over"/>; <paramref name="Ended"/> when their spell ended.</summary>
internal readonly record struct RefusalCount(long Count, TimeSpan Over, bool Ended);

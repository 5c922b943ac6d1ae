namespace FunctionsSequence.Core.Inspection;

/// <summary>One event of a run and the hops it took there.</summary>
/// <param name="Index">Its place in the run's input.</param>
/// <param name="Id">Its CloudEvent id.</param>
/// <param name="Source">Its CloudEvent source.</param>
/// <param name="Type">Its CloudEvent type.</param>
/// <param name="Hops">The hops it reached, in the order it reached them.</param>
public sealed record EventPath(int Index, string? Id, string? Source, string? Type, IReadOnlyList<HopStatus> Hops);

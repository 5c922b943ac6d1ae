namespace FunctionsSequence.Core.Topology;

/// <summary>A point of the SVG picture, in pixels from its top left corner.</summary>
internal readonly record struct SvgPoint(double X, double Y);

namespace FunctionsSequence.Benchmarks;

/// <summary>The one statistic the rounds are summed up by.</summary>
internal static class Statistics
{
    public static double Median(this IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

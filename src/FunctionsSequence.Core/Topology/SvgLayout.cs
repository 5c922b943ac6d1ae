namespace FunctionsSequence.Core.Topology;

/// <summary>
/// Places the boxes of a topology for <see cref="SvgRenderer"/>: the columns of
/// <see cref="TopologyColumns"/> left to right, each centred vertically, its boxes one width and
/// stacked in manifest order. Text is measured by an average character width per font, so the
/// layout needs no font files and is the same on every machine. <see cref="SvgRouter"/> draws the arrows.
/// </summary>
internal sealed class SvgLayout
{
    public const double Margin = 24;
    public const double PadX = 12;
    public const double KindFont = 10;
    public const double NameFont = 13;
    public const double LineFont = 11;
    public const double LabelFont = 11;

    /// <summary>Baselines from the top of a box: the kind, the name, the first detail line; then one line every <see cref="LineHeight"/>.</summary>
    public const double KindBaseline = 17;
    public const double NameBaseline = 35;
    public const double FirstLineBaseline = 52;
    public const double LineHeight = 15;

    private const double HeaderHeight = 46;
    private const double KindChar = 6.4;
    private const double NameChar = 8.0;
    private const double LineChar = 6.7;
    private const double LabelChar = 6.3;
    private const double MinBoxWidth = 120;
    private const double RowGap = 28;
    private const double MinGap = 56;
    private const int WrapAt = 44;

    private SvgLayout(IReadOnlyList<IReadOnlyList<SvgBox>> columns, double contentBottom, double right)
    {
        Columns = columns;
        Boxes = columns.SelectMany(c => c).ToDictionary(b => b.Node.Id, StringComparer.Ordinal);
        ContentBottom = contentBottom;
        Right = right;
    }

    /// <summary>The boxes, column by column, top to bottom.</summary>
    public IReadOnlyList<IReadOnlyList<SvgBox>> Columns { get; }

    /// <summary>The boxes by node id.</summary>
    public IReadOnlyDictionary<string, SvgBox> Boxes { get; }

    /// <summary>The bottom of the lowest box; arrows that go round run in lanes below it.</summary>
    public double ContentBottom { get; }

    /// <summary>The right edge of the room the arrows take right of the last column.</summary>
    public double Right { get; }

    /// <summary>How wide a label of edge text is.</summary>
    public static double LabelWidth(string text) => text.Length * LabelChar;

    /// <summary>
    /// Lays the boxes out with <paramref name="gaps"/>[i] of room for arrows left of column i, and
    /// the last one right of the last column (between columns, at least a minimum).
    /// </summary>
    public static SvgLayout Of(IReadOnlyList<IReadOnlyList<TopologyNode>> columns, IReadOnlyList<double> gaps)
    {
        var lines = columns.SelectMany(c => c).ToDictionary(n => n.Id, n => (IReadOnlyList<string>)[.. n.Lines.SelectMany(Wrap)], StringComparer.Ordinal);
        double Height(TopologyNode node) => HeaderHeight + (lines[node.Id].Count * LineHeight);
        double columnsHeight = columns.Max(c => c.Sum(Height) + (RowGap * (c.Count - 1)));

        var placed = new List<IReadOnlyList<SvgBox>>();
        double x = Margin + gaps[0];
        for (int c = 0; c < columns.Count; c++)
        {
            x = c == 0 ? x : x + Math.Max(MinGap, gaps[c]);
            double width = Math.Ceiling(columns[c].Max(n => Math.Max(MinBoxWidth, (2 * PadX) + TextWidth(n, lines[n.Id]))));
            double y = Margin + ((columnsHeight - (columns[c].Sum(Height) + (RowGap * (columns[c].Count - 1)))) / 2);
            var boxes = new List<SvgBox>();
            foreach (TopologyNode node in columns[c])
            {
                boxes.Add(new SvgBox(node, x, Math.Round(y), width, Height(node), lines[node.Id]));
                y += Height(node) + RowGap;
            }

            placed.Add(boxes);
            x += width;
        }

        return new SvgLayout(placed, Margin + columnsHeight, x + gaps[^1]);
    }

    private static double TextWidth(TopologyNode node, IReadOnlyList<string> lines) =>
        Math.Max(Math.Max(node.KindLabel.Length * KindChar, node.Name.Length * NameChar), lines.Select(l => l.Length * LineChar).DefaultIfEmpty(0).Max());

    /// <summary>
    /// A long detail line broken after a space or comma, or, where that would leave less than half
    /// a line (a step's number before a long URI), after a <c>/</c>, <c>?</c> or <c>&amp;</c>;
    /// continuations are indented.
    /// </summary>
    private static IEnumerable<string> Wrap(string line)
    {
        string rest = line;
        string indent = string.Empty;
        while (indent.Length + rest.Length > WrapAt)
        {
            int room = WrapAt - indent.Length;
            int cut = rest.LastIndexOfAny([' ', ','], room - 1);
            cut = cut >= room / 2 ? cut : Math.Max(cut, rest.LastIndexOfAny(['/', '?', '&'], room - 1));
            cut = cut <= 0 ? room : cut + 1;
            yield return indent + rest[..cut].TrimEnd();
            rest = rest[cut..].TrimStart();
            indent = "  ";
        }

        yield return indent + rest;
    }
}

using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FunctionsSequence.Core.Yaml;

/// <summary>
/// Passes on the events of a parser reading one document cut from a file, with every mark moved down by the lines
/// before the document, so that nodes and errors carry the file's lines (and a mark's index counts each line skipped
/// as one character, as though those lines were there, empty). A <see cref="YamlException"/> the parser throws is
/// thrown again at the moved marks, as a plain <see cref="YamlException"/> of the same message.
/// </summary>
internal sealed class LineShiftingParser(IParser inner, int linesBefore) : IParser
{
    public ParsingEvent? Current { get; private set; }

    public bool MoveNext()
    {
        bool moved;
        try
        {
            moved = inner.MoveNext();
        }
        catch (YamlException ex) when (linesBefore > 0)
        {
            throw new YamlException(Shift(ex.Start), Shift(ex.End), ex.Message, ex);
        }

        Current = inner.Current is { } current && linesBefore > 0 ? Shift(current) : inner.Current;
        return moved;
    }

    /// <summary>Where <paramref name="mark"/>, a place in the document, is in the file.</summary>
    public Mark Shift(Mark mark) => new(mark.Index + linesBefore, mark.Line + linesBefore, mark.Column);

    // Comments are not among the events: the scanner skips them.
    private ParsingEvent Shift(ParsingEvent e) => e switch
    {
        Scalar s => new Scalar(s.Anchor, s.Tag, s.Value, s.Style, s.IsPlainImplicit, s.IsQuotedImplicit, Shift(s.Start), Shift(s.End), s.IsKey),
        MappingStart m => new MappingStart(m.Anchor, m.Tag, m.IsImplicit, m.Style, Shift(m.Start), Shift(m.End)),
        MappingEnd m => new MappingEnd(Shift(m.Start), Shift(m.End)),
        SequenceStart s => new SequenceStart(s.Anchor, s.Tag, s.IsImplicit, s.Style, Shift(s.Start), Shift(s.End)),
        SequenceEnd s => new SequenceEnd(Shift(s.Start), Shift(s.End)),
        AnchorAlias a => new AnchorAlias(a.Value, Shift(a.Start), Shift(a.End)),
        DocumentStart d => new DocumentStart(d.Version, d.Tags, d.IsImplicit, Shift(d.Start), Shift(d.End)),
        DocumentEnd d => new DocumentEnd(d.IsImplicit, Shift(d.Start), Shift(d.End)),
        StreamStart s => new StreamStart(Shift(s.Start), Shift(s.End)),
        StreamEnd s => new StreamEnd(Shift(s.Start), Shift(s.End)),
        _ => e,
    };
}

using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FunctionsSequence.Core.Yaml;

/// <summary>
/// Passes a parser's events on, refusing an alias whose anchor has not been written before it in the document, at the
/// alias's own line and column. YamlDotNet resolves such an alias only once the document is read, and reports it without a
/// position (1:1); kubectl refuses it as an unknown anchor.
/// </summary>
internal sealed class AliasCheckingParser(IParser inner) : IParser
{
    private readonly HashSet<AnchorName> anchors = [];

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case DocumentStart:
                anchors.Clear();
                break;
            case AnchorAlias alias when !anchors.Contains(alias.Value):
                throw new AnchorNotFoundException(alias.Start, alias.End, $"The alias *{alias.Value} names no anchor");
            case NodeEvent { Anchor.IsEmpty: false } node:
                anchors.Add(node.Anchor);
                break;
        }

        return true;
    }
}

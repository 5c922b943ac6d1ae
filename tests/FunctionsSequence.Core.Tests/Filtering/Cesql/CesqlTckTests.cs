using FunctionsSequence.Core.Filtering.Cesql;

namespace FunctionsSequence.Core.Tests.Filtering.Cesql;

/// <summary>Every case of the CESQL v1 TCK, one theory row each, named by file and case.</summary>
public sealed class CesqlTckTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (CesqlTckCase tck in CesqlTckCase.All)
        {
            data.Add(tck.File, tck.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tck(string file, string name)
    {
        CesqlTckCase tck = CesqlTckCase.All.Single(c => c.File == file && c.Name == name);

        if (tck.Error == "parse")
        {
            CesqlParseException error = Assert.Throws<CesqlParseException>(() => CesqlExpression.Parse(tck.Expression));
            Assert.InRange(error.Position, 1, tck.Expression.Length + 1);
            return;
        }

        CesqlResult result = CesqlExpression.Parse(tck.Expression).Evaluate(tck.BuildEvent());

        if (tck.Error is null)
        {
            Assert.Empty(result.Errors);
        }
        else
        {
            var kind = Enum.Parse<CesqlErrorKind>(tck.Error, ignoreCase: true);
            Assert.NotEmpty(result.Errors);
            Assert.All(result.Errors, e => Assert.Equal(kind, e.Kind));
        }

        if (tck.Result is CesqlValue expected)
        {
            Assert.Equal(expected, result.Value);
        }
    }

    [Fact]
    public void Every_file_and_case_is_read()
    {
        Assert.Equal(18, Directory.GetFiles(CesqlTckCase.Folder, "*.yaml").Length);
        Assert.Equal(275, CesqlTckCase.All.Count);
        Assert.Equal(CesqlTckCase.All.Count, CesqlTckCase.All.Select(c => (c.File, c.Name)).Distinct().Count());
    }
}

using Minimax.Engine.Data;

namespace Minimax.Engine.Tests.Evaluation;

/// <summary>Checks a <see cref="DataException"/> places the problem in its message as well as in its properties.</summary>
internal static class DataErrorAssert
{
    public static DataException Throws(Action action, string file, int? line, string? field)
    {
        var error = Assert.Throws<DataException>(action);
        Assert.Equal(file, error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Column);
        Assert.StartsWith(file, error.Message, StringComparison.Ordinal);
        if (line is { } l)
        {
            Assert.Contains($" line {l}", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(" line ", error.Message, StringComparison.Ordinal);
        }

        if (field is not null)
        {
            Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
        }

        return error;
    }
}

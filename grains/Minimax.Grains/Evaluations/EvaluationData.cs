using Minimax.Contracts.Specs;
using Minimax.Engine.Data;

namespace Minimax.Grains.Evaluations;

/// <summary>
/// Reads an evaluation's data, turning a problem with it into an <see cref="ArgumentException"/> naming the
/// spec field. Scoring errors carry only messages: the engine's exception types have no Orleans codec.
/// </summary>
internal static class EvaluationData
{
    public static T Read<T>(Func<T> read, EvaluationSpec spec)
    {
        try
        {
            return read();
        }
        catch (DataException e)
        {
            throw new ArgumentException($"{Field(spec, e)}: {e.Message}");
        }
    }

    private static string Field(EvaluationSpec spec, DataException e)
    {
        var data = spec.Data;
        if (data.IsText)
        {
            return e.File is { } file && data.Heldout is { } heldout && Path.GetFullPath(file).StartsWith(heldout, StringComparison.Ordinal)
                ? "data.heldout"
                : "data.train";
        }

        return e.Column switch
        {
            null => "data.test",
            var column when column == data.Label => "data.label",
            var column when column == data.Group => "data.group",
            var column when data.GroupsBy.Contains(column) => "data.groups_by",
            var column when column == data.Id => "data.id",
            var column when column == spec.CommonCounter?.Class => "common_counter.class",
            _ => "data.test",
        };
    }
}

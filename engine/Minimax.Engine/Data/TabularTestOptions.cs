using Minimax.Engine.Files;

namespace Minimax.Engine.Data;

/// <summary>
/// One labelled file that trained models are scored on. Groups as in <see cref="TabularDataOptions"/>, with
/// their ranges taken from this file. <paramref name="Id"/> names each example (null: its 0-based row number);
/// <paramref name="ClassColumn"/>, when set, is read as text for per-class reports.
/// </summary>
public sealed record TabularTestOptions(
    DataFileFormat Format,
    string Path,
    string Label,
    string? Group,
    IReadOnlyList<string> GroupsBy,
    string? Id = null,
    string? ClassColumn = null)
{
    /// <summary>Where the file must lie; a cluster sets the tenant's roots.</summary>
    public DataRoots Roots { get; init; } = DataRoots.Everywhere;
}

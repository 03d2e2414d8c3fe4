using Minimax.Engine.Files;

namespace Minimax.Engine.Data;

/// <summary>
/// Where a tabular dataset lives and which columns mean what. Give either <paramref name="Group"/> (an integer
/// group column) or <paramref name="GroupsBy"/> (attribute columns combined with the label as g = y·A + a);
/// with neither, every row is in group 0. Empty <paramref name="Features"/> means every other column.
/// </summary>
public sealed record TabularDataOptions(
    DataFileFormat Format,
    string TrainPath,
    string ValPath,
    string TestPath,
    string Label,
    string? Group,
    IReadOnlyList<string> GroupsBy,
    IReadOnlyList<string> Features,
    bool Standardize)
{
    /// <summary>Where every file must lie; a cluster sets the tenant's roots.</summary>
    public DataRoots Roots { get; init; } = DataRoots.Everywhere;
}

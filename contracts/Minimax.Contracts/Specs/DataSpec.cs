namespace Minimax.Contracts.Specs;

[GenerateSerializer, Immutable, Alias("minimax.DataSpec")]
public sealed record DataSpec
{
    [Id(0)] public DataFormat Format { get; init; } = DataFormat.Csv;
    [Id(1)] public required string Train { get; init; }
    [Id(2)] public required string Val { get; init; }
    [Id(3)] public required string Test { get; init; }
    [Id(4)] public required string Label { get; init; }
    /// <summary>Column holding the group id; null when <see cref="GroupsBy"/> defines groups.</summary>
    [Id(5)] public string? Group { get; init; }
    /// <summary>Attribute columns; group = label x attribute combination (g = y*A + a).</summary>
    [Id(6)] public IReadOnlyList<string> GroupsBy { get; init; } = [];
    /// <summary>Feature columns; empty means every other numeric column.</summary>
    [Id(7)] public IReadOnlyList<string> Features { get; init; } = [];
    /// <summary>Standardise features with train mean and standard deviation (off unless asked).</summary>
    [Id(8)] public bool Standardize { get; init; }
}

public enum DataFormat { Csv, Parquet }
